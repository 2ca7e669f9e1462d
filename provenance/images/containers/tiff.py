"""TIFF/DNG: IFD0 walk for size, XMP (700), IPTC (33723), C2PA (0xCD41), DNGVersion.

The whole TIFF structure is also the EXIF block (``images.exif`` reads IFD0 and its
EXIF/GPS sub-IFDs from it). Image data is not read; a strip or tile that points past the
end of the file marks the file as truncated.
"""

from __future__ import annotations

import struct

from provenance.images.containers.raw import Data, RawMetadata, Unreadable, check_dimensions

# TIFF 6.0 field types -> (bytes per value, struct code); BYTE/ASCII/SBYTE/UNDEFINED have no
# code (their values are bytes). Also what ``images.exif`` reads EXIF directories with.
FIELD_TYPES = {1: (1, ""), 2: (1, ""), 3: (2, "H"), 4: (4, "I"), 5: (8, "II"), 6: (1, ""),
               7: (1, ""), 8: (2, "h"), 9: (4, "i"), 10: (8, "ii"), 11: (4, "f"),
               12: (8, "d"), 13: (4, "I")}
_WIDTH, _HEIGHT, _XMP, _IPTC, _C2PA, _DNG = 256, 257, 700, 33723, 0xCD41, 0xC612
_OFFSETS = {273: 279, 324: 325}  # StripOffsets -> StripByteCounts, TileOffsets -> TileByteCounts

Entry = tuple[int, int, int]  # type, count, offset of the value bytes


def scan_tiff(data: Data) -> RawMetadata:
    """Split a TIFF or DNG into its metadata blocks; raise :class:`Unreadable` if not whole."""
    endian = "<" if data[:2] == b"II" else ">"
    (ifd,) = struct.unpack_from(endian + "I", data, 4)
    entries = _ifd_entries(data, endian, ifd)
    raw = RawMetadata("dng" if _DNG in entries else "tiff")
    width, height = _number(data, endian, entries, _WIDTH), _number(data, endian, entries, _HEIGHT)
    if width and height:
        check_dimensions(raw.format, width, height)
        raw.width, raw.height = width, height
    _check_image_data(data, endian, entries)
    if _XMP in entries:
        raw.xmp.append(_value_bytes(data, entries[_XMP]))
    if _IPTC in entries:
        raw.iptc = _value_bytes(data, entries[_IPTC])
    raw.c2pa = _C2PA in entries
    raw.exif = bytes(data)
    return raw


def _ifd_entries(data: Data, endian: str, ifd: int) -> dict[int, Entry]:
    n = len(data)
    if ifd + 2 > n:
        raise Unreadable("truncated TIFF: the first IFD lies past the end of the file")
    (count,) = struct.unpack_from(endian + "H", data, ifd)
    if ifd + 2 + 12 * count > n:
        raise Unreadable("truncated TIFF: the first IFD runs past the end of the file")
    entries: dict[int, Entry] = {}
    for i in range(count):
        tag, typ, cnt, offset, size = ifd_entry(data, endian, ifd + 2 + 12 * i)
        if offset + size > n:
            raise Unreadable(f"truncated TIFF: tag {tag} points past the end of the file")
        entries[tag] = (typ, cnt, offset)
    return entries


def ifd_entry(data: Data | bytes, endian: str, at: int) -> tuple[int, int, int, int, int]:
    """``(tag, type, count, value offset, value length)`` of the 12-byte IFD entry at ``at``.

    A value of up to 4 bytes sits in the entry itself; a longer one is at the offset the
    entry holds, which the caller checks against the data it has.
    """
    tag, typ, cnt = struct.unpack_from(endian + "HHI", data, at)
    length = FIELD_TYPES.get(typ, (1, ""))[0] * cnt
    if length <= 4:
        return tag, typ, cnt, at + 8, length
    (offset,) = struct.unpack_from(endian + "I", data, at + 8)
    return tag, typ, cnt, offset, length


def _value_bytes(data: Data, entry: Entry) -> bytes:
    typ, cnt, offset = entry
    return data[offset : offset + FIELD_TYPES.get(typ, (1, ""))[0] * cnt]


def _numbers(data: Data, endian: str, entry: Entry) -> tuple[int, ...]:
    typ, cnt, offset = entry
    code = {3: "H", 4: "I", 16: "Q"}.get(typ)
    if code is None:
        return ()
    return struct.unpack_from(f"{endian}{cnt}{code}", data, offset)


def _number(data: Data, endian: str, entries: dict[int, Entry], tag: int) -> int | None:
    values = _numbers(data, endian, entries[tag]) if tag in entries else ()
    return values[0] if values else None


def _check_image_data(data: Data, endian: str, entries: dict[int, Entry]) -> None:
    for offsets_tag, counts_tag in _OFFSETS.items():
        if offsets_tag in entries and counts_tag in entries:
            offsets = _numbers(data, endian, entries[offsets_tag])
            counts = _numbers(data, endian, entries[counts_tag])
            if any(o + c > len(data) for o, c in zip(offsets, counts, strict=False)):
                raise Unreadable("truncated TIFF: image data runs past the end of the file")
