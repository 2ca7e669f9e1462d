"""Remove the IPTC IIM sub-location from a JPEG's Photoshop (APP13) block.

IIM dataset 2:92 Sub-location names the exact spot (a street address); City (2:90),
Province/State (2:95) and Country (2:100, 2:101) stay, as a dateline prints them. The
IIM records live in Photoshop image resource 0x0404; resource 0x0425, when present, is
the MD5 digest of those bytes (Photoshop and exiftool compare it to tell whether another
program changed the IPTC), so it is updated to match. Every other resource is copied as
it was.
"""

from __future__ import annotations

import hashlib
import struct

PHOTOSHOP = b"Photoshop 3.0\x00"
_IPTC, _DIGEST = 0x0404, 0x0425
SUBLOCATION = (2, 92)


def strip_sublocation(payload: bytes) -> bytes | None:
    """The APP13 payload without IIM 2:92; ``None`` when there is none (or it is not a
    Photoshop block this code can walk safely)."""
    if not payload.startswith(PHOTOSHOP):
        return None
    try:
        resources = _resources(payload[len(PHOTOSHOP):])
    except (struct.error, ValueError):
        return None
    out, changed, digest = [], False, None
    for res_id, head, data in resources:
        if res_id == _IPTC:
            kept = _without(data, SUBLOCATION)
            changed, data, digest = kept != data, kept, hashlib.md5(kept).digest()  # noqa: S324
        out.append((res_id, head, data))
    if not changed:
        return None
    body = b"".join(_resource(head, digest if res_id == _DIGEST and digest and
                              len(data) == 16 else data) for res_id, head, data in out)
    return PHOTOSHOP + body


def _resources(block: bytes) -> list[tuple[int, bytes, bytes]]:
    """(id, header up to the size field, data) of each 8BIM resource."""
    out, pos = [], 0
    while pos < len(block):
        if block[pos:pos + 4] != b"8BIM":
            raise ValueError("not an 8BIM resource")
        (res_id,) = struct.unpack_from(">H", block, pos + 4)
        name_len = block[pos + 6]
        start = pos + 7 + name_len + ((name_len + 1) % 2)
        (size,) = struct.unpack_from(">I", block, start)
        end = start + 4 + size
        if end > len(block):
            raise ValueError("a resource runs past the block")
        out.append((res_id, block[pos:start], block[start + 4:end]))
        pos = end + (size % 2)
    return out


def _resource(head: bytes, data: bytes) -> bytes:
    return head + struct.pack(">I", len(data)) + data + (b"\x00" if len(data) % 2 else b"")


def _without(block: bytes, dataset: tuple[int, int]) -> bytes:
    """The IIM records minus ``dataset``; an unparseable tail is kept as it was."""
    kept, pos = [], 0
    while pos + 5 <= len(block) and block[pos] == 0x1C:
        record, number, length = struct.unpack_from(">BBH", block, pos + 1)
        head = 5
        if length & 0x8000:
            width = length & 0x7FFF
            if width > 4:
                break
            length = int.from_bytes(block[pos + 5:pos + 5 + width], "big")
            head += width
        end = pos + head + length
        if (record, number) != dataset:
            kept.append(block[pos:end])
        pos = end
    kept.append(block[pos:])
    return b"".join(kept)
