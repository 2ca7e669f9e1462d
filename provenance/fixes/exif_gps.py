"""Remove the GPS IFD from an EXIF block without moving a single other byte.

EXIF is a TIFF structure whose directories point at each other by offset (CIPA DC-008,
Exif 2.32 §4.6.2). Rebuilding it would move the MakerNote and every out-of-line value,
which breaks vendor notes that use absolute offsets, so the block keeps its size instead:

* the GPS pointer entry (tag 0x8825) is taken out of IFD0 — later entries move up by
  one slot, the count drops by one and the freed 12 bytes become zeros;
* the GPS IFD itself and its out-of-line values (the rational coordinates) are zeroed,
  so no coordinate survives in the bytes.

Every other entry, offset and value is left exactly where it was.
"""

from __future__ import annotations

import struct

from provenance.images.containers.tiff import ifd_entry

GPS_POINTER = 0x8825
_HEADER = b"Exif\x00\x00"
_MAX_ENTRIES = 4096


def strip_gps(block: bytes) -> bytes | None:
    """``block`` without its GPS IFD, the same length; ``None`` when it has none (or the
    structure is too damaged to edit safely)."""
    base = len(_HEADER) if block.startswith(_HEADER) else 0
    data = bytearray(block)
    try:
        return _strip(data, base)
    except (struct.error, ValueError, IndexError):
        return None


def _strip(data: bytearray, base: int) -> bytes | None:
    order = bytes(data[base : base + 4])
    if order == b"II*\x00":
        endian = "<"
    elif order == b"MM\x00*":
        endian = ">"
    else:
        return None
    tiff = data[base:]
    (ifd0,) = struct.unpack_from(endian + "I", tiff, 4)
    (count,) = struct.unpack_from(endian + "H", tiff, ifd0)
    if not 0 < count <= _MAX_ENTRIES or ifd0 + 2 + 12 * count + 4 > len(tiff):
        return None
    slot = _find_entry(tiff, endian, ifd0, count, GPS_POINTER)
    if slot is None:
        return None
    (pointer,) = struct.unpack_from(endian + "I", tiff, slot + 8)
    _zero_ifd(tiff, endian, pointer)
    end = ifd0 + 2 + 12 * count + 4  # entries, then the next-IFD offset
    tiff[slot : end - 12] = bytes(tiff[slot + 12 : end])
    tiff[end - 12 : end] = bytes(12)
    struct.pack_into(endian + "H", tiff, ifd0, count - 1)
    return bytes(data[:base] + tiff)


def _find_entry(tiff: bytearray, endian: str, ifd: int, count: int, tag: int) -> int | None:
    for pos in range(ifd + 2, ifd + 2 + 12 * count, 12):
        (found,) = struct.unpack_from(endian + "H", tiff, pos)
        if found == tag:
            return pos
    return None


def _zero_ifd(tiff: bytearray, endian: str, offset: int) -> None:
    """Zero the directory at ``offset`` and the values it points at (inside the block)."""
    n = len(tiff)
    if not 8 <= offset <= n - 2:
        return
    (count,) = struct.unpack_from(endian + "H", tiff, offset)
    count = min(count, _MAX_ENTRIES, (n - offset - 2) // 12)
    snapshot = bytes(tiff)
    for pos in range(offset + 2, offset + 2 + 12 * count, 12):
        _tag, _typ, _cnt, at, length = ifd_entry(snapshot, endian, pos)
        if length > 4 and at >= 8 and at + length <= n:
            tiff[at : at + length] = bytes(length)
    end = min(n, offset + 2 + 12 * count + 4)
    tiff[offset:end] = bytes(end - offset)
