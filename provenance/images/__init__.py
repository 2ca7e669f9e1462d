"""The image evidence layer: the only place that opens image files.

:func:`read_image` turns one file into :class:`ImageEvidence` (EXIF, IPTC IIM, XMP,
generator text chunks, C2PA read offline, and the AI verdict). Importing this package is
cheap: Pillow, pillow-heif and c2pa load on the first read that needs them, so
``provenance --version`` stays fast (a test holds this).
"""

from __future__ import annotations

from provenance.images.model import AIVerdict, C2PAInfo, Evidence, ImageEvidence
from provenance.images.read import IMAGE_EXTENSIONS, read_image

__all__ = [
    "IMAGE_EXTENSIONS", "AIVerdict", "C2PAInfo", "Evidence", "ImageEvidence", "read_image",
]
