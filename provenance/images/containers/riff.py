"""RIFF/WebP chunk walk: VP8/VP8L/VP8X size, EXIF, XMP, C2PA chunks; length checks.

WebP keeps metadata in top-level chunks (``EXIF``, ``XMP ``) and C2PA in a ``C2PA`` chunk
(C2PA 2.x spec, "Embedding manifests into RIFF-based formats").
"""

from __future__ import annotations

import struct

from provenance.images.containers.raw import Data, RawMetadata, Unreadable, check_dimensions


def scan_webp(data: Data) -> RawMetadata:
    """Split a WebP into its metadata blocks; raise :class:`Unreadable` if it is not whole."""
    raw = RawMetadata("webp")
    (riff_size,) = struct.unpack_from("<I", data, 4)
    n = len(data)
    if riff_size + 8 > n:
        raise Unreadable("truncated WebP: the RIFF header declares more bytes than the file has")
    end_all = riff_size + 8
    pos = 12
    while pos + 8 <= end_all:
        fourcc, size = struct.unpack_from("<4sI", data, pos)
        end = pos + 8 + size
        if end > end_all:
            raise Unreadable(f"truncated WebP: chunk {fourcc!r} runs past the end of the file")
        _chunk(fourcc, data, pos + 8, end, raw)
        pos = end + (size & 1)  # chunks are padded to an even size
    return raw


def _chunk(fourcc: bytes, data: Data, start: int, end: int, raw: RawMetadata) -> None:
    size = _frame_size(fourcc, data[start : min(end, start + 10)])
    if size is not None:
        check_dimensions("webp", *size)
        if raw.width is None or fourcc == b"VP8X":
            raw.width, raw.height = size
    elif fourcc == b"EXIF" and raw.exif is None:
        raw.exif = data[start:end]
    elif fourcc == b"XMP ":
        raw.xmp.append(data[start:end])
    elif fourcc == b"C2PA":
        raw.c2pa = True


def _frame_size(fourcc: bytes, head: bytes) -> tuple[int, int] | None:
    """Canvas or frame size from a VP8X, VP8 or VP8L chunk header (RFC 9649)."""
    if fourcc == b"VP8X" and len(head) >= 10:
        return 1 + int.from_bytes(head[4:7], "little"), 1 + int.from_bytes(head[7:10], "little")
    if fourcc == b"VP8 " and len(head) >= 10 and head[3:6] == b"\x9d\x01\x2a":
        width, height = struct.unpack_from("<HH", head, 6)
        return width & 0x3FFF, height & 0x3FFF
    if fourcc == b"VP8L" and len(head) >= 5 and head[0] == 0x2F:
        bits = int.from_bytes(head[1:5], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    return None
