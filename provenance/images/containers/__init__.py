"""Container scanners: recognise a format from its magic bytes and split it into raw blocks.

:func:`scan` is the single entry point; it returns ``None`` for a format no scanner
handles (reported as ``unsupported``) and raises :class:`Unreadable` for a damaged file.
"""

from __future__ import annotations

import mmap
import os
import struct
from collections.abc import Callable

from provenance.images.containers.bmff import NotImage, scan_bmff
from provenance.images.containers.gif import scan_gif
from provenance.images.containers.jpeg import scan_jpeg
from provenance.images.containers.png import SIGNATURE as PNG_SIGNATURE
from provenance.images.containers.png import scan_png
from provenance.images.containers.raw import Buffer, Data, FileSource, RawMetadata, Unreadable
from provenance.images.containers.riff import scan_webp
from provenance.images.containers.tiff import scan_tiff

__all__ = ["RawMetadata", "Unreadable", "scan", "scan_open", "sniff"]

Scanner = Callable[[Data], RawMetadata]
HEAD = 4096  # read at once (one page); further headers are read where the previous ones point
_IN_PLACE = ("jpeg", "png")  # scanners that read a FileSource; the others get a mapping

# Minimum bytes each scanner needs before it can read its fixed header.
_MIN_SIZE = {"jpeg": 4, "png": 33, "webp": 20, "tiff": 8, "gif": 13, "bmff": 16}
_SCANNERS: dict[str, Scanner] = {
    "jpeg": scan_jpeg,
    "png": scan_png,
    "webp": scan_webp,
    "tiff": scan_tiff,
    "gif": scan_gif,
    "bmff": scan_bmff,
}


def sniff(head: bytes) -> str | None:
    """The container family from the first 16 bytes, else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(PNG_SIGNATURE):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[4:8] == b"ftyp":
        return "bmff"
    return None


def scan(data: Data) -> RawMetadata | None:
    """Raw metadata of a supported image, None for an unknown format."""
    family = sniff(data[:16])
    return None if family is None else _scan(family, data, len(data))


def scan_open(fd: int, size: int) -> RawMetadata | None:
    """Raw metadata of the open regular file ``fd`` of ``size`` bytes (see :func:`scan`).

    JPEG and PNG are read in place (:class:`FileSource`); other formats are mapped.
    """
    head = os.pread(fd, min(size, HEAD), 0)
    family = sniff(head[:16])
    if family is None:
        return None
    if family in _IN_PLACE:
        source = FileSource(fd, size, head)
        try:
            return _scan(family, source, size)
        finally:
            source.close()
    with mmap.mmap(fd, 0, access=mmap.ACCESS_READ) as data:
        return _scan(family, data, size)


def _scan(family: str, data: Data | Buffer, size: int) -> RawMetadata | None:
    if size < _MIN_SIZE[family]:
        raise Unreadable(f"truncated {family.upper()}: only {size} bytes")
    try:
        return _SCANNERS[family](data)  # type: ignore[arg-type]  # Buffer: jpeg/png only
    except NotImage:
        return None
    except (IndexError, struct.error) as exc:
        # a fixed-size field read past the end of the data
        raise Unreadable(f"truncated or corrupt {family.upper()}: {exc}") from exc
