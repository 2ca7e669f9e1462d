"""Container scanners: recognise a format from its magic bytes and split it into raw blocks.

:func:`scan` is the single entry point; it returns ``None`` for a format no scanner
handles (reported as ``unsupported``) and raises :class:`Unreadable` for a damaged file.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from provenance.images.containers.bmff import NotImage, scan_bmff
from provenance.images.containers.gif import scan_gif
from provenance.images.containers.jpeg import scan_jpeg
from provenance.images.containers.png import SIGNATURE as PNG_SIGNATURE
from provenance.images.containers.png import scan_png
from provenance.images.containers.raw import Data, RawMetadata, Unreadable
from provenance.images.containers.riff import scan_webp
from provenance.images.containers.tiff import scan_tiff

__all__ = ["RawMetadata", "Unreadable", "scan", "sniff"]

Scanner = Callable[[Data], RawMetadata]

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
    if family is None:
        return None
    if len(data) < _MIN_SIZE[family]:
        raise Unreadable(f"truncated {family.upper()}: only {len(data)} bytes")
    try:
        return _SCANNERS[family](data)
    except NotImage:
        return None
    except (IndexError, struct.error) as exc:
        # a fixed-size field read past the end of the data
        raise Unreadable(f"truncated or corrupt {family.upper()}: {exc}") from exc
