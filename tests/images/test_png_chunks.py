"""PNGs whose pixels come in many small IDAT chunks, as libpng writes them (8 KiB each):
the walk steps over hundreds of headers, mapping the file once it has seen a few, and
still finds the text after them and still notices damage past the switch."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from provenance.images import read_image

PARAMETERS = ("a harbour at dawn, watercolour\nSteps: 20, Sampler: Euler a, CFG scale: 7, "
              "Seed: 1234, Size: 640x480, Model: harbour-v1")


def _chunk(ctype: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(body, zlib.crc32(ctype))
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", crc)


def _libpng_style(text: dict[str, str], idat_size: int = 8192) -> bytes:
    """A noisy 640x480 picture re-chunked into ``idat_size`` IDATs, text after the pixels."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (640, 480), os.urandom(640 * 480 * 3)).save(buffer, "PNG")
    data, pos, ihdr, pixels = buffer.getvalue(), 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        ctype, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if ctype == b"IHDR":
            ihdr = body
        elif ctype == b"IDAT":
            pixels += body
        pos += 12 + length
    out = data[:8] + _chunk(b"IHDR", ihdr)
    out += b"".join(_chunk(b"IDAT", pixels[i:i + idat_size])
                    for i in range(0, len(pixels), idat_size))
    out += b"".join(_chunk(b"tEXt", f"{k}\0{v}".encode("latin-1")) for k, v in text.items())
    return out + _chunk(b"IEND", b"")


def test_text_after_hundreds_of_pixel_chunks_is_read(tmp_path: Path) -> None:
    data = _libpng_style({"parameters": PARAMETERS})
    assert data.count(b"IDAT") > 100
    (tmp_path / "harbour.png").write_bytes(data)
    evidence = read_image(tmp_path / "harbour.png", "harbour.png", root=tmp_path)
    assert evidence.status == "ok"
    assert (evidence.width, evidence.height) == (640, 480)
    assert evidence.ai.verdict == "ai-generated"


@pytest.mark.parametrize("damage", ["crc", "truncate"])
def test_damage_after_the_switch_is_still_found(tmp_path: Path, damage: str) -> None:
    data = bytearray(_libpng_style({"parameters": PARAMETERS}))
    text_at = data.rindex(b"tEXt")
    if damage == "crc":
        data[text_at + 6] ^= 0xFF  # a byte of the text chunk's body: its CRC no longer fits
    else:
        del data[text_at + 20:]
    (tmp_path / "bad.png").write_bytes(bytes(data))
    evidence = read_image(tmp_path / "bad.png", "bad.png", root=tmp_path)
    assert evidence.status == "unreadable"
    assert ("bad CRC in chunk tEXt" if damage == "crc" else "truncated PNG") in str(
        evidence.problem)
