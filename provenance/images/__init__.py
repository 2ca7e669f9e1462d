"""The image evidence layer: the only place that opens image files.

:func:`read_image` turns one file into :class:`ImageEvidence` (EXIF, IPTC IIM, XMP,
generator text chunks, C2PA read offline, and the AI verdict). Importing this package is
cheap: Pillow, pillow-heif and c2pa load on the first read that needs them, so
``provenance --version`` stays fast (a test holds this).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from provenance.images.model import IMAGE_EXTENSIONS, AIVerdict, C2PAInfo, Evidence, ImageEvidence

__all__ = [
    "IMAGE_EXTENSIONS", "AIVerdict", "C2PAInfo", "Evidence", "ImageEvidence", "read_image",
]


def read_image(path: Path, rel: str, *, root: Path | None = None,
               trust_anchors: str | Path | None = None,
               extra_generators: Sequence[str] = ()) -> ImageEvidence:
    """Evidence for the image at ``path``; never raises for a bad file (see ``read.py``).

    With ``root``, ``root/rel`` is opened without following a link out of the root.

    The readers are imported on the first call, so code that only needs the model or the
    extensions (the folder walk, ``extract`` of text articles) does not pay for them.
    """
    from provenance.images.read import read_image as _read

    return _read(path, rel, root=root, trust_anchors=trust_anchors,
                 extra_generators=extra_generators)
