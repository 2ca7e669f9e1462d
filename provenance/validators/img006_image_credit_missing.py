"""IMG006 image-credit-missing: the image names no creator, credit or copyright holder.

Why: a picture desk must be able to tell who made an image and who holds the rights; the
IPTC Photo Metadata standard puts that in the file (IPTC Credit / By-line / Copyright
Notice, XMP ``dc:creator``/``photoshop:Credit``, EXIF Artist/Copyright) so it travels with it.

Options: none.

Passes: a JPEG with IPTC Credit ``Harbour Photo Agency``.

Fails: a PNG with no text chunks and no XMP.

Fix: fill the creator/credit fields in the DAM or on export.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue, read_images

ID = "IMG006"
NAME = "image-credit-missing"
DEFAULT_SEVERITY = Severity.INFO
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "no creator/credit/copyright in IPTC, XMP or EXIF"
SCOPE = "image"
NEEDS = frozenset({"ok"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for image, evidence in read_images(subject):
        if not (evidence.credit and evidence.credit.strip()):
            yield image_issue(image, f"image {image.label!r} names no creator, credit or "
                              "copyright holder in IPTC, XMP or EXIF", "credit")
