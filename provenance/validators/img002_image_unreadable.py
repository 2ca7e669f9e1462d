"""IMG002 image-unreadable: the image file is corrupt, truncated or hostile.

Why: a damaged file may display partly or not at all, and its metadata cannot be trusted.
Files are judged from their structure, never by decoding pixels: a JPEG with no end-of-image
marker after its scan data (known trailers such as Motion Photo are fine), a PNG without
IEND or with a bad CRC in a header or metadata chunk (pixel data is stepped over unread, as
a JPEG's scan data is), a decompression bomb (huge declared dimensions), XMP with
entity expansion or external entities, a zero-byte file, or a file that cannot be opened.

Options: none.

Passes: an intact JPEG.

Fails: the same JPEG cut off half-way through its scan data.

Fix: re-export the image from the original.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue, images_with_status

ID = "IMG002"
NAME = "image-unreadable"
DEFAULT_SEVERITY = Severity.ERROR
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "corrupt, truncated, a decompression bomb, hostile XMP or zero bytes"
SCOPE = "image"
NEEDS = frozenset({"unreadable"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for image in images_with_status(subject, "unreadable"):
        problem = image.evidence.problem if image.evidence else None
        reason = problem or "the file could not be read"
        yield image_issue(image, f"image {image.label!r} is unreadable: {reason}", reason)
