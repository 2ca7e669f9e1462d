"""IMG009 c2pa-signer-not-trusted: the manifest's signer could not be trusted offline.

Why: a valid signature proves the bytes match what the signer signed, not who the signer
is. Trust needs the signing certificate to chain to an anchor the newsroom accepts
(``--trust-anchors PEM`` or the policy file); provenance never downloads trust lists.
Untrusted, expired or invalid credentials, or identity that could only be checked online,
are reported for a person to judge.

Options: none.

Passes: a manifest whose state is ``Trusted`` against the configured anchors.

Fails: a manifest signed by a certificate no configured anchor vouches for.

Fix: add the signer's root to the trust anchors if the newsroom accepts it, or treat the
image's provenance claims as unverified.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue, read_images

ID = "IMG009"
NAME = "c2pa-signer-not-trusted"
DEFAULT_SEVERITY = Severity.INFO
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "a manifest's signer is untrusted, expired or invalid, or unverifiable offline"
SCOPE = "image"
NEEDS = frozenset({"ok", "c2pa"})

_WHY = {
    "untrusted": "its signing certificate does not chain to a configured trust anchor",
    "expired": "its signing certificate has expired",
    "invalid": "its signing certificate is invalid or revoked",
    "unknown": "the signer's identity could not be checked offline",
}


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for image, evidence in read_images(subject):
        why = _WHY.get(evidence.c2pa.trust)
        if why is None:
            continue
        signer = f" (signer: {evidence.c2pa.signer})" if evidence.c2pa.signer else ""
        yield image_issue(image, f"C2PA manifest of {image.label!r}: {why}{signer}",
                          evidence.c2pa.trust)
