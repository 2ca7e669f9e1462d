"""JPEG segment walk: APP1 EXIF/XMP, APP13 IPTC, APP11 JUMBF (C2PA), SOF size, EOI check.

Segments are walked up to the first SOS. The file must then contain an EOI marker after
the scan data; bytes after EOI (Motion Photo MP4, MPF images, Samsung trailers) are
allowed because they follow a complete image. Inside entropy-coded data 0xFF is always
followed by 0x00 or a restart marker, so the first 0xFFD9 after SOS is the real EOI.
"""

from __future__ import annotations

import struct

from provenance.images.containers.raw import (
    Buffer,
    Data,
    RawMetadata,
    Unreadable,
    check_dimensions,
)

_EXIF = b"Exif\x00\x00"
_XMP = b"http://ns.adobe.com/xap/1.0/\x00"
_PHOTOSHOP = b"Photoshop 3.0\x00"
# SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset([0x01, *range(0xD0, 0xD8)])


def scan_jpeg(data: Data | Buffer) -> RawMetadata:
    """Split a JPEG into its metadata blocks; raise :class:`Unreadable` if it is not whole."""
    src = data if isinstance(data, Buffer) else Buffer(data)
    raw = RawMetadata("jpeg")
    sos_end = _walk_segments(src, raw)
    if src.read(src.size - 2, 2) != b"\xff\xd9" and src.find(b"\xff\xd9", sos_end) < 0:
        raise Unreadable("truncated JPEG: no end-of-image marker after the scan data")
    return raw


def _walk_segments(src: Buffer, raw: RawMetadata) -> int:
    """Walk marker segments until SOS; return the offset where scan data starts."""
    pos, n = 2, src.size
    while True:
        if pos + 4 > n:
            raise Unreadable("truncated JPEG: the file ends inside the header segments")
        head = src.read(pos, 4)
        if head[0] != 0xFF:
            raise Unreadable(f"corrupt JPEG: no segment marker at byte {pos}")
        marker = head[1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker in _STANDALONE:
            pos += 2
            continue
        if marker == 0xD9:
            raise Unreadable("corrupt JPEG: end-of-image marker before any scan data")
        length = head[2] << 8 | head[3]
        end = pos + 2 + length
        if length < 2 or end > n:
            raise Unreadable("truncated JPEG: a header segment runs past the end of the file")
        if marker == 0xDA:
            return end
        _segment(marker, src, pos + 4, end, raw)
        pos = end


def _segment(marker: int, src: Buffer, start: int, end: int, raw: RawMetadata) -> None:
    """Keep the segments that carry metadata, reading only those."""
    if marker in _SOF and end - start >= 5:
        height, width = struct.unpack(">HH", src.read(start + 1, 4))
        check_dimensions("jpeg", width, height)
        if raw.width is None and width and height:
            raw.width, raw.height = width, height
    elif marker == 0xE1:
        head = src.read(start, len(_XMP))
        if head.startswith(_EXIF) and raw.exif is None:
            raw.exif = src.read(start + len(_EXIF), end - start - len(_EXIF))
        elif head == _XMP:
            raw.xmp.append(src.read(start + len(_XMP), end - start - len(_XMP)))
    elif marker == 0xED and src.read(start, len(_PHOTOSHOP)) == _PHOTOSHOP:
        block = src.read(start + len(_PHOTOSHOP), end - start - len(_PHOTOSHOP))
        iptc = photoshop_iptc(block)
        if iptc:
            raw.iptc = (raw.iptc or b"") + iptc
        raw.iptc_digest = raw.iptc_digest or photoshop_resource(block, IPTC_DIGEST)
    elif marker == 0xEB and src.read(start, 2) == b"JP":
        # APP11 "JP" common identifier + JUMBF superbox whose description label is c2pa
        raw.c2pa = raw.c2pa or b"c2pa" in src.read(start, min(64, end - start))


IPTC_IIM = 0x0404
IPTC_DIGEST = 0x0425  # MD5 of the IIM as Photoshop last wrote it beside the XMP


def photoshop_iptc(block: bytes) -> bytes | None:
    """The IPTC IIM bytes (image resource 0x0404) from a Photoshop 8BIM resource block."""
    return photoshop_resource(block, IPTC_IIM)


def photoshop_resource(block: bytes, wanted: int) -> bytes | None:
    """The data of image resource ``wanted`` in a Photoshop 8BIM resource block."""
    pos, n = 0, len(block)
    while pos + 12 <= n and block[pos : pos + 4] == b"8BIM":
        (res_id,) = struct.unpack_from(">H", block, pos + 4)
        name_len = block[pos + 6]
        pos += 7 + name_len + ((name_len + 1) % 2)  # Pascal name padded to an even size
        if pos + 4 > n:
            return None
        (size,) = struct.unpack_from(">I", block, pos)
        pos += 4
        if res_id == wanted:
            return block[pos : pos + size]
        pos += size + (size % 2)
    return None
