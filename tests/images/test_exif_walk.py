"""The lean EXIF directory walk: byte orders, types and damaged directories, built by hand."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

from provenance.images import read_image
from provenance.images.exif import ExifFields, parse_exif
from tests.images.builders import exif_bytes, write_png

Entry = tuple[int, int, int, bytes]  # tag, type, count, value bytes


def _tiff(endian: str, ifd0: list[Entry], sub: list[Entry] | None = None,
          gps: list[Entry] | None = None) -> bytes:
    """A TIFF structure with IFD0 and optional EXIF/GPS sub-IFDs, values laid out after."""
    order = b"II*\x00" if endian == "<" else b"MM\x00*"
    body = bytearray(order + struct.pack(endian + "I", 8))
    pointers = [(0x8769, sub), (0x8825, gps)]
    ifd0 = ifd0 + [(tag, 4, 1, b"\0\0\0\0") for tag, entries in pointers if entries]
    fixups = _write_ifd(body, endian, sorted(ifd0))
    for tag, entries in pointers:
        if entries:
            struct.pack_into(endian + "I", body, fixups[tag], len(body))
            _write_ifd(body, endian, sorted(entries))
    return bytes(body)


def _write_ifd(body: bytearray, endian: str, entries: list[Entry]) -> dict[int, int]:
    start = len(body)
    body += struct.pack(endian + "H", len(entries)) + b"\0" * (12 * len(entries) + 4)
    fixups = {}
    for i, (tag, typ, count, value) in enumerate(entries):
        at = start + 2 + 12 * i
        struct.pack_into(endian + "HHI", body, at, tag, typ, count)
        fixups[tag] = at + 8
        if len(value) <= 4:
            body[at + 8 : at + 8 + len(value)] = value
        else:
            struct.pack_into(endian + "I", body, at + 8, len(body))
            body += value
    return fixups


def _ascii(tag: int, text: str) -> Entry:
    raw = text.encode("utf-8") + b"\0"
    return (tag, 2, len(raw), raw)


def _rationals(endian: str, tag: int, pairs: list[tuple[int, int]]) -> Entry:
    return (tag, 5, len(pairs), b"".join(struct.pack(endian + "II", a, b) for a, b in pairs))


@pytest.mark.parametrize("endian", ["<", ">"])
def test_both_byte_orders_read_the_same_fields(endian: str) -> None:
    block = _tiff(
        endian,
        [_ascii(0x010F, "Harbourcam"), _ascii(0x0131, "DALL·E 3"), _ascii(0x013B, "Ines Costa")],
        sub=[_ascii(0x9003, "2026:03:04 05:06:07"), _ascii(0x9011, "-03:00")],
        gps=[_ascii(1, "S"), _rationals(endian, 2, [(12, 1), (30, 1), (0, 1)]),
             _ascii(3, "W"), _rationals(endian, 4, [(45, 1), (15, 1), (36, 10)])],
    )
    assert parse_exif(b"Exif\x00\x00" + block) == ExifFields(
        make="Harbourcam", software="DALL·E 3", artist="Ines Costa",
        captured="2026-03-04T05:06:07-03:00", gps={"lat": -12.5, "lon": -45.251})


def test_ascii_value_ends_at_its_first_nul() -> None:
    block = _tiff("<", [(0x0110, 2, 12, b"Model X\0junk")])
    assert parse_exif(block).model == "Model X"


def test_latin1_text_is_kept_when_not_utf8() -> None:
    block = _tiff("<", [(0x013B, 2, 6, "Jos\xe9\0\0".encode("latin-1"))])
    assert parse_exif(block).artist == "José"


def test_rational_with_zero_denominator_is_no_position() -> None:
    block = _tiff("<", [], gps=[_ascii(1, "N"), _rationals("<", 2, [(1, 0), (0, 1), (0, 1)]),
                                _ascii(3, "E"), _rationals("<", 4, [(3, 1), (0, 1), (0, 1)])])
    assert parse_exif(block).gps is None


_WHOLE = ExifFields(make="Harbourcam", captured="2026-01-01T00:00:00")


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda b: b[:49], ExifFields(make="Harbourcam")),  # cut where the sub-IFD starts
        (lambda b: b[:4] + struct.pack("<I", 10**6) + b[8:], ExifFields()),  # IFD0 outside
        (lambda b: b[:8] + struct.pack("<H", 65535) + b[10:], _WHOLE),  # absurd entry count
        (lambda b: b"XX*\x00" + b[4:], ExifFields()),  # not a TIFF header
        (lambda b: b"", ExifFields()),
    ],
    ids=["cut", "ifd-offset", "entry-count", "byte-order", "empty"],
)
def test_damaged_directories_lose_fields_never_raise(damage: Any, expected: ExifFields) -> None:
    block = _tiff("<", [_ascii(0x010F, "Harbourcam")], sub=[_ascii(0x9003, "2026:01:01 00:00:00")])
    assert parse_exif(block) == _WHOLE
    assert parse_exif(damage(block)) == expected


def test_value_pointing_past_the_block_is_dropped_others_kept() -> None:
    block = bytearray(_tiff("<", [_ascii(0x010F, "Harbourcam"), _ascii(0x0110, "Z")]))
    struct.pack_into("<I", block, 8 + 2 + 8, 10**6)  # Make's value offset
    assert parse_exif(bytes(block)) == ExifFields(model="Z")


def test_same_fields_as_pillow_writes_them() -> None:
    block = exif_bytes(make="Harbourcam", model="HC-6", artist="Rui Martins",
                       taken="2026:02:03 04:05:06", offset="+01:00", gps=(38.7, -9.14))
    fields = parse_exif(block)
    assert (fields.make, fields.model, fields.artist, fields.captured) == (
        "Harbourcam", "HC-6", "Rui Martins", "2026-02-03T04:05:06+01:00")
    assert fields.gps == pytest.approx({"lat": 38.7, "lon": -9.14})


def test_png_pixel_data_crc_is_not_summed(tmp_path: Path) -> None:
    """IDAT is stepped over unread: a flipped CRC there is not IMG002 (metadata chunks are)."""
    path = write_png(tmp_path / "p.png", (16, 16))
    data = bytearray(path.read_bytes())
    idat = data.index(b"IDAT")
    (length,) = struct.unpack_from(">I", data, idat - 4)
    data[idat + 4 + length] ^= 0xFF  # first byte of IDAT's CRC
    path.write_bytes(bytes(data))
    assert read_image(path, "p.png").status == "ok"
    data[idat - 4 - 12 - 4] ^= 0xFF  # and a byte of IHDR's CRC: unreadable
    path.write_bytes(bytes(data))
    assert read_image(path, "p.png").problem == "corrupt PNG: bad CRC in chunk IHDR at byte 8"
