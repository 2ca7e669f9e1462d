"""The image evidence layer: the only place that opens image files.

:func:`read_image` turns one file into :class:`ImageEvidence` (EXIF, IPTC IIM, XMP,
generator text chunks, C2PA read offline, and the AI verdict). Importing this package is
cheap: Pillow, defusedxml and c2pa load on the first read that needs them, so
``provenance --version`` stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from provenance.images.model import AIVerdict, C2PAInfo, Evidence, ImageEvidence

__all__ = [
    "IMAGE_EXTENSIONS", "AIVerdict", "C2PAInfo", "Evidence", "ImageEvidence", "read_image",
]

IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".dng", ".gif", ".heic", ".heif", ".avif"}
)


def read_image(
    path: Path,
    rel: str,
    *,
    trust_anchors: str | None = None,
    extra_generators: Sequence[str] = (),
) -> ImageEvidence:
    """Evidence for the image at ``path``; never raises for a bad file.

    ``rel`` is the POSIX path relative to the audit root (stored in ``.path``).
    ``trust_anchors`` is PEM text (or a PEM file's path) of extra C2PA trust anchors;
    ``extra_generators`` adds policy names to the known-generator list.
    """
    from provenance.images.read import read_image as _read  # defers Pillow/defusedxml

    return _read(path, rel, trust_anchors=trust_anchors, extra_generators=extra_generators)
