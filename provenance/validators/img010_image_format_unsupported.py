"""IMG010 image-format-unsupported: the file is not in a format provenance can read.

Why: JPEG, PNG, WebP, TIFF/DNG, GIF and HEIF/AVIF are read; anything else (SVG, PSD, BMP...)
is listed so the report is complete, but not judged.

Options: none.

Passes: a JPEG, PNG, WebP, TIFF, DNG, GIF, HEIF or AVIF file.

Fails: ``diagram.svg`` referenced as an image.

Fix: publish a supported raster format, or check the file by other means.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue, images_with_status

ID = "IMG010"
NAME = "image-format-unsupported"
DEFAULT_SEVERITY = Severity.INFO
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "a format no reader handles (listed, not judged)"
SCOPE = "image"
NEEDS = frozenset({"unsupported"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for image in images_with_status(subject, "unsupported"):
        problem = image.evidence.problem if image.evidence else None
        detail = f" ({problem})" if problem else ""
        yield image_issue(image, f"image {image.label!r} is in a format provenance cannot "
                          f"read{detail}")
