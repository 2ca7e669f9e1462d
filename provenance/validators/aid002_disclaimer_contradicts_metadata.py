"""AID002 disclaimer-contradicts-metadata: an image disclosed as AI carries capture evidence.

Why: if the caption says "AI-generated" but the file says it came out of a camera
(DigitalSourceType ``digitalCapture`` or ``computationalCapture``, or a camera-signed C2PA
manifest without AI actions), either the disclosure is attached to the wrong picture or the
metadata is wrong. Both deserve a look before publication: a real photo labelled as AI is
as misleading as the reverse.

Options: none.

Passes: a caption disclosure under an image whose XMP says ``trainedAlgorithmicMedia``.

Fails: a caption "Image generated with AI" under a JPEG whose XMP says ``digitalCapture``.

Fix: check which image the disclosure belongs to; correct the caption or the metadata.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue
from provenance.validators.disclosure import AI_VERDICTS, article_images

ID = "AID002"
NAME = "disclaimer-contradicts-metadata"
DEFAULT_SEVERITY = Severity.WARNING
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "an image disclosed as AI has capture evidence"
SCOPE = "article"
NEEDS = frozenset({"ok", "disclaimers"})  # no disclaimer: no image is disclosed


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for _article, image, evidence, disclosure in article_images(subject):
        # Only the disclosure about *this* image can contradict its metadata.
        if not disclosure.adequate or not evidence.capture_evidence:
            continue
        if evidence.ai.verdict in AI_VERDICTS:
            continue  # AI signals win: a Firefly edit of a camera photo is still AI
        signal = evidence.capture_evidence[0]
        yield image_issue(image, f"image {image.label!r} is disclosed as AI but its metadata "
                          f"says otherwise ({signal.source} {signal.field}: "
                          f"{signal.value[:80]})", signal.value)
