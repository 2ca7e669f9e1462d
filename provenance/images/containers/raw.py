"""What a container scanner hands on: raw metadata blocks plus the header's dimensions.

Scanners only split a file into its metadata blocks (EXIF bytes, XMP packets, IPTC IIM,
PNG text chunks, whether a C2PA store is embedded) and check that the container is whole.
They never decode pixels and never interpret metadata: that is the job of ``exif``,
``iptc``, ``xmp`` and ``generators`` one level up.
"""

from __future__ import annotations

import mmap
from dataclasses import dataclass, field

# Pillow refuses images above twice its warning limit (Image.MAX_IMAGE_PIXELS, ~89.5 MP);
# we use the same bound so a file we call fine is one Pillow would also open.
MAX_PIXELS = 2 * 89_478_485

# Bytes a scanner reads: the whole file mapped read-only, or bytes in tests.
Data = bytes | mmap.mmap


class Unreadable(Exception):
    """The file is corrupt, truncated or hostile; ``str(exc)`` is the human message."""


@dataclass(slots=True)
class RawMetadata:
    """Metadata blocks found in one container, uninterpreted."""

    format: str
    width: int | None = None
    height: int | None = None
    exif: bytes | None = None  # a TIFF structure, with or without the ``Exif\0\0`` prefix
    xmp: list[bytes] = field(default_factory=list)
    iptc: bytes | None = None  # IPTC IIM records (0x1C ...)
    text: dict[str, str] = field(default_factory=dict)  # PNG tEXt/zTXt/iTXt by keyword
    c2pa: bool = False  # an embedded C2PA manifest store (JUMBF) is present


def check_dimensions(fmt: str, width: int, height: int) -> None:
    """Refuse a decompression bomb from the declared size alone (nothing is decoded)."""
    if width * height > MAX_PIXELS:
        raise Unreadable(
            f"decompression bomb: the {fmt.upper()} header declares {width}x{height} pixels "
            f"({width * height:,}), above the {MAX_PIXELS:,}-pixel limit"
        )
