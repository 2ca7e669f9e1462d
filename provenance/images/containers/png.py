"""PNG chunk walk: IHDR size, tEXt/zTXt/iTXt text, eXIf, caBX (C2PA); CRC and IEND checks.

Pillow's ``PngImageFile.text`` and ``getexif()`` decode the pixels to reach chunks after
IDAT (ai-markers.md §6), so the chunks are walked here instead. The walk requires IEND and
every chunk to end inside the file, which proves the file is whole, and checks the CRC of
every chunk except the pixel data (IDAT, APNG's fdAT): those are stepped over unread, as a
JPEG's scan data is, because summing megabytes of pixels cost more than all the rest of
the read and says nothing about the metadata (a C2PA hard binding covers them anyway).
"""

from __future__ import annotations

import struct
import zlib

from provenance.images.containers.jpeg import IPTC_DIGEST, photoshop_iptc, photoshop_resource
from provenance.images.containers.raw import (
    Buffer,
    Data,
    FileSource,
    RawMetadata,
    Unreadable,
    check_dimensions,
)

SIGNATURE = b"\x89PNG\r\n\x1a\n"
XMP_KEYWORD = "XML:com.adobe.xmp"
# ImageMagick stores EXIF/XMP/IPTC in PNG as hex text chunks "Raw profile type <name>".
RAW_PROFILE = "Raw profile type "
# A compressed text chunk may not inflate beyond this: zTXt/iTXt are a zip-bomb vector.
MAX_TEXT = 8 * 1024 * 1024
_PIXEL_DATA = (b"IDAT", b"fdAT")
_HEADER = struct.Struct(">I4s")
# Pixel chunks stepped over by pread before the file is mapped instead (FileSource.mapped).
_MAP_AFTER = 16


def scan_png(data: Data | Buffer) -> RawMetadata:
    """Split a PNG into its metadata blocks; raise :class:`Unreadable` if it is not whole."""
    src = data if isinstance(data, Buffer) else Buffer(data)
    raw = RawMetadata("png")
    pos, n = len(SIGNATURE), src.size
    stepped = 0
    while pos + 12 <= n:
        length, ctype = _HEADER.unpack(src.read(pos, 8))
        end = pos + 12 + length
        if end > n:
            raise Unreadable(f"truncated PNG: chunk {_name(ctype)} runs past the end of the file")
        if ctype in _PIXEL_DATA:
            stepped += 1
            if stepped == _MAP_AFTER and isinstance(src, FileSource):
                src = src.mapped()  # many pixel chunks: walk their headers in memory
            pos = end
            continue
        chunk = src.read(pos + 8, length + 4)
        body = chunk[:length]
        (crc,) = struct.unpack_from(">I", chunk, length)
        if zlib.crc32(body, zlib.crc32(ctype)) != crc:
            raise Unreadable(f"corrupt PNG: bad CRC in chunk {_name(ctype)} at byte {pos}")
        if ctype == b"IEND":
            return raw
        _chunk(ctype, body, raw)
        pos = end
    raise Unreadable("truncated PNG: no IEND chunk")


def _name(ctype: bytes) -> str:
    return ctype.decode("latin-1").encode("unicode_escape").decode("ascii")


def _chunk(ctype: bytes, body: bytes, raw: RawMetadata) -> None:
    if ctype == b"IHDR" and len(body) >= 8:
        width, height = struct.unpack_from(">II", body)
        check_dimensions("png", width, height)
        raw.width, raw.height = width, height
    elif ctype in (b"tEXt", b"zTXt", b"iTXt"):
        key, text = _text(ctype, body)
        if key == XMP_KEYWORD:
            raw.xmp.append(text.encode("utf-8"))
        elif key.startswith(RAW_PROFILE):
            _raw_profile(key[len(RAW_PROFILE) :], text, raw)
        elif key and key not in raw.text:
            raw.text[key] = text
    elif ctype == b"eXIf" and raw.exif is None:
        raw.exif = body
    elif ctype == b"caBX":
        raw.c2pa = True


def _raw_profile(kind: str, text: str, raw: RawMetadata) -> None:
    """ImageMagick's hex-encoded profiles: ``\\n<name>\\n<length>\\n<hex lines>``."""
    try:
        blob = bytes.fromhex("".join(text.strip().split("\n")[2:]))
    except ValueError:
        return  # a damaged profile is dropped, the image itself is fine
    if kind in ("exif", "APP1") and raw.exif is None:
        raw.exif = blob
    elif kind == "xmp":
        raw.xmp.append(blob)
    elif kind in ("iptc", "8bim") and raw.iptc is None:
        raw.iptc = photoshop_iptc(blob) if blob.startswith(b"8BIM") else blob
        if blob.startswith(b"8BIM"):
            raw.iptc_digest = photoshop_resource(blob, IPTC_DIGEST)


def _text(ctype: bytes, body: bytes) -> tuple[str, str]:
    """Keyword and text of a tEXt/zTXt/iTXt chunk (PNG spec §11.3.4)."""
    key, sep, rest = body.partition(b"\x00")
    if not sep:
        return "", ""
    keyword = key.decode("latin-1")
    if ctype == b"tEXt":
        return keyword, _latin1_text(rest)
    if ctype == b"zTXt":
        return keyword, _latin1_text(_inflate(rest[1:]))
    if len(rest) < 2:
        return keyword, ""
    compressed = rest[0] == 1
    _lang, _, rest = rest[2:].partition(b"\x00")
    _translated, _, text = rest.partition(b"\x00")
    if compressed:
        text = _inflate(text)
    return keyword, text.decode("utf-8", "replace")


def _latin1_text(value: bytes) -> str:
    """tEXt/zTXt text is Latin-1 by spec, but writers such as stable-diffusion.cpp put UTF-8
    there: bytes that decode as UTF-8 are read so (Latin-1 text rarely does by accident)."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _inflate(payload: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(payload, MAX_TEXT)
    except zlib.error as exc:
        raise Unreadable(f"corrupt PNG: a compressed text chunk does not inflate ({exc})") from exc
    if inflater.unconsumed_tail:
        raise Unreadable(
            f"decompression bomb: a PNG text chunk inflates beyond {MAX_TEXT:,} bytes"
        )
    return out
