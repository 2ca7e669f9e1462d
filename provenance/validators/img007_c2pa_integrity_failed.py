"""IMG007 c2pa-integrity-failed: the image's Content Credentials do not hold.

Why: a C2PA manifest binds claims (who made the image, with what tools, whether AI was
used) to the exact bytes with hashes and a signature. A hash mismatch, a bad signature or
a missing ingredient manifest in any manifest of the chain means the file was altered after
signing or the manifest was damaged: its claims can no longer be relied on.
See C2PA 2.x §15 (validation) for the status codes.

Options: none.

Passes: a signed JPEG whose ``c2pa.integrity`` is ``ok`` (trust is IMG009's matter).

Fails: the same JPEG with bytes changed after signing (``assertion.dataHash.mismatch``).

Fix: re-sign from the original, or drop the broken manifest and disclose provenance by other means.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue, read_images

ID = "IMG007"
NAME = "c2pa-integrity-failed"
DEFAULT_SEVERITY = Severity.ERROR
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "c2pa.integrity is failed (codes listed)"
SCOPE = "image"
NEEDS = frozenset({"ok", "c2pa"})

# Codes that break integrity, per PRODUCT.md: hash/signature mismatches and missing parts.
_FAILURE_SUFFIXES = (".mismatch", ".missing")


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for image, evidence in read_images(subject):
        if evidence.c2pa.integrity != "failed":
            continue
        codes = [c for c in evidence.c2pa.codes if c.endswith(_FAILURE_SUFFIXES)]
        listed = ", ".join(codes or evidence.c2pa.codes) or "no code given"
        yield image_issue(image, f"C2PA integrity check failed for {image.label!r}: {listed}",
                          listed)
