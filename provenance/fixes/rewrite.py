"""Rewrite the metadata of a JPEG, PNG or WebP file without touching its image data.

Each container is split into its blocks (JPEG marker segments up to the first SOS, PNG
chunks, WebP RIFF chunks); only metadata blocks are replaced, added or left out, and every
other block is copied byte for byte — the JPEG scan data and everything after it, the PNG
IHDR/PLTE/IDAT chunks, the WebP VP8/VP8L/ALPH/ANIM/ANMF chunks. :func:`image_data` returns
those bytes so a caller (and the tests) can prove the pixels were not re-encoded.

Metadata blocks edited: JPEG APP1 EXIF and XMP, APP13 Photoshop IPTC; PNG ``eXIf``, XMP
text chunks (rewritten as uncompressed ``iTXt``) and ImageMagick's ``Raw profile type
exif``; WebP ``EXIF`` and ``XMP `` (a simple WebP gains the ``VP8X`` header metadata needs).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from provenance.fixes.xmp_edit import XmpEditError
from provenance.images.containers.png import SIGNATURE as PNG_SIGNATURE
from provenance.images.containers.png import XMP_KEYWORD

_EXIF = b"Exif\x00\x00"
_XMP = b"http://ns.adobe.com/xap/1.0/\x00"
_JPEG_XMP_MAX = 65533 - len(_XMP)
_STANDALONE = frozenset([0x01, *range(0xD0, 0xD8)])
_PNG_PIXELS = (b"IHDR", b"PLTE", b"IDAT", b"fdAT", b"acTL", b"fcTL", b"tRNS")
_WEBP_PIXELS = (b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF")


class RewriteError(Exception):
    """The file's structure does not allow a safe lossless edit; nothing is written."""


# A block edit returns the new block, or None for "unchanged".
BlockEdit = Callable[[bytes], bytes | None]


@dataclass
class Edits:
    """What to do to one file's metadata: edit the EXIF block, edit each XMP packet, and
    (``add_xmp``) produce a packet when the file has none (called with ``None``)."""

    exif: BlockEdit | None = None
    xmp: BlockEdit | None = None
    iptc: BlockEdit | None = None  # a JPEG APP13 (Photoshop) payload
    add_xmp: Callable[[bytes | None], bytes] | None = None
    done: list[str] = field(default_factory=list)


def rewrite(data: bytes, fmt: str, edits: Edits) -> bytes:
    """The file with its metadata edited; raise :class:`RewriteError` when unsafe."""
    try:
        if fmt == "jpeg":
            return _jpeg(data, edits)
        if fmt == "png":
            return _png(data, edits)
        if fmt == "webp":
            return _webp(data, edits)
    except (struct.error, IndexError, ValueError, XmpEditError, zlib.error) as exc:
        raise RewriteError(str(exc)) from exc
    raise RewriteError(f"fixing {fmt.upper()} files is not supported (JPEG, PNG, WebP are)")


def image_data(data: bytes, fmt: str) -> bytes:
    """The bytes that hold the picture: JPEG from the first SOS to the end, PNG's
    IHDR/PLTE/IDAT/APNG chunks, WebP's frame chunks — each whole, in file order."""
    if fmt == "jpeg":
        return data[_jpeg_segments(data)[1] :]
    if fmt == "png":
        return b"".join(raw for kind, raw in _png_chunks(data) if kind in _PNG_PIXELS)
    if fmt == "webp":
        return b"".join(raw for kind, raw in _riff_chunks(data) if kind in _WEBP_PIXELS)
    raise RewriteError(f"not a supported format: {fmt}")


# --- JPEG -------------------------------------------------------------------------------

def _jpeg_segments(data: bytes) -> tuple[list[tuple[int, bytes]], int]:
    """(marker, whole segment) pairs after SOI up to SOS, and the offset of SOS."""
    segments: list[tuple[int, bytes]] = []
    pos = 2
    while True:
        if pos + 4 > len(data) or data[pos] != 0xFF:
            raise RewriteError("corrupt JPEG: no segment marker where one is due")
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in _STANDALONE:
            segments.append((marker, data[pos : pos + 2]))
            pos += 2
            continue
        if marker == 0xDA:
            return segments, pos
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2 or pos + 2 + length > len(data):
            raise RewriteError("truncated JPEG segment")
        segments.append((marker, data[pos : pos + 2 + length]))
        pos += 2 + length


def _app1(payload: bytes) -> bytes:
    return _segment(0xE1, payload)


def _segment(marker: int, payload: bytes) -> bytes:
    if len(payload) + 2 > 0xFFFF:
        raise RewriteError("the edited metadata no longer fits in one JPEG segment")
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _jpeg(data: bytes, edits: Edits) -> bytes:
    segments, sos = _jpeg_segments(data)
    out: list[bytes] = []
    has_xmp = False
    insert_at = 0
    for marker, raw in segments:
        body = raw[4:]
        if marker == 0xE1 and body.startswith(_EXIF) and edits.exif is not None:
            new = edits.exif(body)
            raw = raw if new is None else _app1(new)
        elif marker == 0xED and edits.iptc is not None:
            new = edits.iptc(body)
            raw = raw if new is None else _segment(0xED, new)
        elif marker == 0xE1 and body.startswith(_XMP):
            raw = _jpeg_xmp(raw, body[len(_XMP) :], edits, first=not has_xmp)
            has_xmp = True
        out.append(raw)
        if marker in (0xE0, 0xE1) and insert_at == len(out) - 1:
            insert_at = len(out)  # a new packet goes after the leading JFIF/EXIF/XMP
    if edits.add_xmp is not None and not has_xmp:
        packet = edits.add_xmp(None)
        if len(packet) > _JPEG_XMP_MAX:
            raise RewriteError("the new XMP packet does not fit in one JPEG segment")
        out.insert(insert_at, _app1(_XMP + packet))
    return data[:2] + b"".join(out) + data[sos:]


def _jpeg_xmp(raw: bytes, packet: bytes, edits: Edits, *, first: bool) -> bytes:
    new = edits.xmp(packet) if edits.xmp is not None else None
    if first and edits.add_xmp is not None:
        new = edits.add_xmp(new if new is not None else packet)
    if new is None:
        return raw
    if len(new) > _JPEG_XMP_MAX:
        raise RewriteError("the edited XMP packet does not fit in one JPEG segment")
    return _app1(_XMP + new)


# --- PNG --------------------------------------------------------------------------------

def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    if not data.startswith(PNG_SIGNATURE):
        raise RewriteError("not a PNG")
    chunks, pos = [], len(PNG_SIGNATURE)
    while pos + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if end > len(data):
            raise RewriteError("truncated PNG chunk")
        chunks.append((kind, data[pos:end]))
        pos = end
        if kind == b"IEND":
            chunks.append((b"", data[pos:]))  # anything after IEND, kept as it was
            return chunks
    raise RewriteError("truncated PNG: no IEND chunk")


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(body, zlib.crc32(kind)) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _png_xmp_text(kind: bytes, body: bytes) -> bytes | None:
    """The packet of an XMP text chunk, or None for any other chunk."""
    key, _, rest = body.partition(b"\x00")
    if key != XMP_KEYWORD.encode("latin-1"):
        return None
    if kind == b"iTXt":
        compressed = rest[0] == 1
        _lang, _, rest = rest[2:].partition(b"\x00")
        _tr, _, text = rest.partition(b"\x00")
        return zlib.decompress(text) if compressed else text
    if kind == b"zTXt":
        return zlib.decompress(rest[1:])
    return rest if kind == b"tEXt" else None


_RAW_EXIF_KEYS = (b"Raw profile type exif\x00", b"Raw profile type APP1\x00")


def _png_raw_profile(kind: bytes, body: bytes, edit: BlockEdit) -> bytes | None:
    """An ImageMagick ``Raw profile type exif`` chunk (``\\nexif\\n   <size>\\n<hex>``) with
    its EXIF edited; the edit keeps the block's size, so each hex digit is replaced in
    place and the text keeps its layout."""
    key, _, rest = body.partition(b"\x00")
    compressed = kind == b"zTXt"
    text = zlib.decompress(rest[1:]) if compressed else rest
    lines = text.split(b"\n")
    head, digits = b"\n".join(lines[:3]), b"\n".join(lines[3:])
    blob = bytes.fromhex(digits.decode("ascii"))
    new = edit(blob)
    if new is None or len(new) != len(blob):
        return None
    hexed = iter(new.hex().encode("ascii"))
    out = bytes(next(hexed) if chr(c) in "0123456789abcdefABCDEF" else c for c in digits)
    text = head + b"\n" + out
    payload = b"\x00" + zlib.compress(text) if compressed else text
    return _png_chunk(kind, key + b"\x00" + payload)


def _png_itxt(packet: bytes) -> bytes:
    return _png_chunk(b"iTXt", XMP_KEYWORD.encode("latin-1") + b"\x00\x00\x00\x00\x00" + packet)


def _png(data: bytes, edits: Edits) -> bytes:
    out: list[bytes] = []
    has_xmp = False
    for kind, raw in _png_chunks(data):
        body = raw[8:-4]
        if kind == b"eXIf" and edits.exif is not None:
            new = edits.exif(body)
            raw = raw if new is None else _png_chunk(b"eXIf", new)
        elif kind in (b"tEXt", b"zTXt") and edits.exif is not None and \
                body.startswith(_RAW_EXIF_KEYS):
            raw = _png_raw_profile(kind, body, edits.exif) or raw
        elif kind in (b"iTXt", b"tEXt", b"zTXt") and (packet := _png_xmp_text(kind, body)):
            new = edits.xmp(packet) if edits.xmp is not None else None
            if not has_xmp and edits.add_xmp is not None:
                new = edits.add_xmp(new if new is not None else packet)
            raw = raw if new is None else _png_itxt(new)
            has_xmp = True
        elif kind in (b"IDAT", b"IEND") and not has_xmp and edits.add_xmp is not None:
            out.append(_png_itxt(edits.add_xmp(None)))  # XMP goes before the pixel data
            has_xmp = True
        out.append(raw)
    return PNG_SIGNATURE + b"".join(out)


# --- WebP -------------------------------------------------------------------------------

def _riff_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise RewriteError("not a WebP file")
    (size,) = struct.unpack_from("<I", data, 4)
    end_all = size + 8
    if end_all > len(data):
        raise RewriteError("truncated WebP")
    chunks, pos = [], 12
    while pos + 8 <= end_all:
        kind, length = struct.unpack_from("<4sI", data, pos)
        end = pos + 8 + length + (length & 1)
        if pos + 8 + length > end_all:
            raise RewriteError("truncated WebP chunk")
        chunks.append((kind, data[pos:end]))
        pos = end
    return chunks


def _riff_chunk(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) & 1 else b"")


def _webp(data: bytes, edits: Edits) -> bytes:
    chunks = _riff_chunks(data)
    out: list[tuple[bytes, bytes]] = []
    has_xmp = False
    for kind, raw in chunks:
        (length,) = struct.unpack_from("<I", raw, 4)
        body = raw[8 : 8 + length]
        new: bytes | None = None
        if kind == b"EXIF" and edits.exif is not None:
            new = edits.exif(body)
        elif kind == b"XMP ":
            new = edits.xmp(body) if edits.xmp is not None else None
            if edits.add_xmp is not None and not has_xmp:
                new = edits.add_xmp(new if new is not None else body)
            has_xmp = True
        out.append((kind, raw if new is None else _riff_chunk(kind, new)))
    if edits.add_xmp is not None and not has_xmp:
        out = _with_vp8x(out, data)
        out.append((b"XMP ", _riff_chunk(b"XMP ", edits.add_xmp(None))))
    body = b"WEBP" + b"".join(raw for _, raw in out)
    return b"RIFF" + struct.pack("<I", len(body)) + body + data[8 + _riff_size(data):]


def _riff_size(data: bytes) -> int:
    (size,) = struct.unpack_from("<I", data, 4)
    return int(size)


def _with_vp8x(chunks: list[tuple[bytes, bytes]], data: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks with the XMP flag set in VP8X, adding a VP8X header to a simple WebP
    (RFC 9649 §2.7: metadata needs the extended format)."""
    if chunks and chunks[0][0] == b"VP8X":
        raw = bytearray(chunks[0][1])
        raw[8] |= 0x04
        return [(b"VP8X", bytes(raw)), *chunks[1:]]
    from provenance.images.containers.riff import scan_webp

    scanned = scan_webp(data)
    if scanned.width is None or scanned.height is None:
        raise RewriteError("the WebP frame size cannot be read")
    flags = 0x04 | (0x10 if _has_alpha(chunks) else 0)
    body = bytes([flags, 0, 0, 0]) + (scanned.width - 1).to_bytes(3, "little") + \
        (scanned.height - 1).to_bytes(3, "little")
    return [(b"VP8X", _riff_chunk(b"VP8X", body)), *chunks]


def _has_alpha(chunks: list[tuple[bytes, bytes]]) -> bool:
    for kind, raw in chunks:
        if kind == b"ALPH":
            return True
        if kind == b"VP8L" and len(raw) >= 13:
            return bool(int.from_bytes(raw[9:13], "little") >> 28 & 1)
    return False
