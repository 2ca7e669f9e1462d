"""AID004 ai-disclosure-unverifiable: an image disclosed as AI carries no provenance metadata.

Why: a visible disclosure tells the reader; machine-readable provenance tells every
platform that republishes the image (the EU AI Act's Article 50(2) asks providers to mark
AI output in a machine-readable way, and IPTC's DigitalSourceType is the common field).
An image disclosed as AI whose file has no DigitalSourceType, C2PA manifest or generator
metadata loses that information as soon as it leaves the page.

Options: none.

Passes: the disclosed image's XMP has ``Iptc4xmpExt:DigitalSourceType`` =
``http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia``.

Fails: the disclosed image is a PNG with no metadata at all.

Fix: embed the DigitalSourceType (e.g. ``exiftool -XMP-iptcExt:DigitalSourceType=
http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia image.jpg``) or keep
the generator's Content Credentials.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue
from provenance.validators.disclosure import article_images

ID = "AID004"
NAME = "ai-disclosure-unverifiable"
DEFAULT_SEVERITY = Severity.INFO
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "an image disclosed as AI carries no machine-readable provenance"
SCOPE = "article"
NEEDS = frozenset({"ok", "disclaimers"})  # no disclaimer: no image is disclosed


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for _article, image, evidence, disclosure in article_images(subject):
        if disclosure.adequate and not evidence.machine_readable:
            yield image_issue(image, f"image {image.label!r} is disclosed as AI but carries no "
                              "machine-readable provenance (DigitalSourceType, C2PA or "
                              "generator metadata)", "unverifiable")
