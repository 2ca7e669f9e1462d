"""What a container scanner hands on: raw metadata blocks plus the header's dimensions.

Scanners only split a file into its metadata blocks (EXIF bytes, XMP packets, IPTC IIM,
PNG text chunks, whether a C2PA store is embedded) and check that the container is whole.
They never decode pixels and never interpret metadata: that is the job of ``exif``,
``iptc``, ``xmp`` and ``generators`` one level up.
"""

from __future__ import annotations

import mmap
import os
from dataclasses import dataclass, field

# Pillow refuses images above twice its warning limit (Image.MAX_IMAGE_PIXELS, ~89.5 MP);
# we use the same bound so a file we call fine is one Pillow would also open.
MAX_PIXELS = 2 * 89_478_485

# Bytes a scanner reads: the whole file mapped read-only, or bytes in tests.
Data = bytes | mmap.mmap


class Buffer:
    """Bytes already in memory (a mapped file, or bytes in tests) as a scanner reads them."""

    def __init__(self, data: Data) -> None:
        self.data, self.size = data, len(data)

    def read(self, pos: int, n: int) -> bytes:
        return self.data[pos : pos + n]

    def find(self, sub: bytes, start: int) -> int:
        return self.data.find(sub, start)


class FileSource(Buffer):
    """An open file read where needed: its first page once, the rest with ``pread``.

    JPEG and PNG keep their metadata in a chain of headers: the JPEG segments before the
    scan data, the PNG chunk headers between pixel chunks. Reading those few spots costs
    less than mapping the file, faulting its pages in and unmapping it again (measured:
    about half, per file). ``find`` maps the file the first time it is needed.
    """

    def __init__(self, fd: int, size: int, head: bytes) -> None:
        super().__init__(head)
        self.fd, self.size = fd, size
        self._mapped: mmap.mmap | None = None

    def read(self, pos: int, n: int) -> bytes:
        if pos + n <= len(self.data):
            return self.data[pos : pos + n]
        return os.pread(self.fd, n, pos)

    def find(self, sub: bytes, start: int) -> int:
        return self._map().find(sub, start)

    def mapped(self) -> Buffer:
        """The whole file as a :class:`Buffer` over its mapping: for a walk that turns out
        to step over many headers (libpng writes a PNG's pixels in 8 KiB chunks: hundreds
        of ``pread`` calls, each dearer than touching a mapped page)."""
        return Buffer(self._map())

    def _map(self) -> mmap.mmap:
        if self._mapped is None:
            self._mapped = mmap.mmap(self.fd, 0, access=mmap.ACCESS_READ)
        return self._mapped

    def close(self) -> None:
        if self._mapped is not None:
            self._mapped.close()


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
    # The MD5 of the IIM that Photoshop stored (image resource 0x0425) when it last wrote
    # the XMP: the IIM and the XMP agree while it still matches (MWG 2.0).
    iptc_digest: bytes | None = None
    text: dict[str, str] = field(default_factory=dict)  # PNG tEXt/zTXt/iTXt by keyword
    c2pa: bool = False  # an embedded C2PA manifest store (JUMBF) is present


def check_dimensions(fmt: str, width: int, height: int) -> None:
    """Refuse a decompression bomb from the declared size alone (nothing is decoded)."""
    if width * height > MAX_PIXELS:
        raise Unreadable(
            f"decompression bomb: the {fmt.upper()} header declares {width}x{height} pixels "
            f"({width * height:,}), above the {MAX_PIXELS:,}-pixel limit"
        )
