"""GIF block walk: logical screen size, XMP application extension, trailer check.

XMP in GIF (XMP spec part 3) is an application extension ``XMP DataXMP`` whose payload is
the raw packet followed by a 258-byte "magic trailer" that makes the sub-block walk skip it.
A C2PA store sits in a ``C2PA_GIF`` application extension.
"""

from __future__ import annotations

import struct

from provenance.images.containers.raw import Data, RawMetadata, Unreadable, check_dimensions

_XMP_APP = b"\x0bXMP DataXMP"
_C2PA_APP = b"\x0bC2PA_GIF"  # c2pa-rs gif_io: application extension holding the JUMBF store


def scan_gif(data: Data) -> RawMetadata:
    """Split a GIF into its metadata blocks; raise :class:`Unreadable` if it is not whole."""
    raw = RawMetadata("gif")
    width, height, flags = struct.unpack_from("<HHB", data, 6)
    check_dimensions("gif", width, height)
    raw.width, raw.height = width, height
    pos = 13 + ((3 << ((flags & 7) + 1)) if flags & 0x80 else 0)
    n = len(data)
    while pos < n:
        block = data[pos]
        if block == 0x3B:  # trailer
            return raw
        if block == 0x21:
            app = data[pos + 2 : pos + 2 + len(_XMP_APP)]
            if app == _XMP_APP:
                _xmp(data, pos + 2 + len(_XMP_APP), raw)
            raw.c2pa = raw.c2pa or app.startswith(_C2PA_APP)
            pos = _skip_sub_blocks(data, pos + 2)
        elif block == 0x2C:
            pos = _image(data, pos)
        else:
            raise Unreadable(f"corrupt GIF: unknown block 0x{block:02x} at byte {pos}")
    raise Unreadable("truncated GIF: no trailer block")


def _image(data: Data, pos: int) -> int:
    if pos + 10 > len(data):
        raise Unreadable("truncated GIF: an image descriptor runs past the end of the file")
    flags = data[pos + 9]
    pos += 10 + ((3 << ((flags & 7) + 1)) if flags & 0x80 else 0)
    return _skip_sub_blocks(data, pos + 1)  # +1: LZW minimum code size


def _skip_sub_blocks(data: Data, pos: int) -> int:
    n = len(data)
    while pos < n:
        size = data[pos]
        if size == 0:
            return pos + 1
        pos += size + 1
    raise Unreadable("truncated GIF: image data runs past the end of the file")


def _xmp(data: Data, start: int, raw: RawMetadata) -> None:
    end = data.find(b"<?xpacket end=", start)
    close = data.find(b"?>", end) if end >= 0 else -1
    if close >= 0:
        raw.xmp.append(data[start : close + 2])
