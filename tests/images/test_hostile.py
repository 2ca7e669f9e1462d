"""Damaged and hostile files come back ``unreadable`` with a clear message, fast, never raising."""

from __future__ import annotations

import os
import struct
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from provenance.images import read_image
from tests.images.builders import (
    png_chunk,
    write_jpeg,
    write_png,
    write_webp,
    xmp_packet,
)

ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE x:xmpmeta [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/">&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</x:xmpmeta>'
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/">&ext;</x:xmpmeta>'
)


def _truncated_jpeg(tmp: Path) -> Path:
    path = write_jpeg(tmp / "t.jpg", (64, 64))
    path.write_bytes(path.read_bytes()[:-3])  # EOI and the last byte of scan data
    return path


def _jpeg_cut_in_headers(tmp: Path) -> Path:
    path = write_jpeg(tmp / "h.jpg", (64, 64))
    path.write_bytes(path.read_bytes()[:100])
    return path


def _bad_crc_png(tmp: Path) -> Path:
    path = write_png(tmp / "c.png")
    data = bytearray(path.read_bytes())
    data[29] ^= 0xFF  # last byte of the IHDR CRC
    path.write_bytes(bytes(data))
    return path


def _png_without_iend(tmp: Path) -> Path:
    path = write_png(tmp / "n.png")
    path.write_bytes(path.read_bytes()[:-12])
    return path


def _png_bomb(tmp: Path) -> Path:
    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    idat = png_chunk(b"IDAT", b"\x78\x9c\x03\x00\x00\x00\x00\x01")
    path = tmp / "bomb.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + idat
                     + png_chunk(b"IEND", b""))
    return path


def _jpeg_bomb(tmp: Path) -> Path:
    path = write_jpeg(tmp / "bomb.jpg", (16, 16))
    data = bytearray(path.read_bytes())
    sof = data.find(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 65_000, 65_000)
    path.write_bytes(bytes(data))
    return path


def _gif_bomb(tmp: Path) -> Path:
    path = tmp / "bomb.gif"
    path.write_bytes(b"GIF89a" + struct.pack("<HHBBB", 65_535, 65_535, 0, 0, 0) + b";")
    return path


def _ztxt_bomb(tmp: Path) -> Path:
    import zlib

    body = b"Comment\x00\x00" + zlib.compress(b"A" * (9 * 1024 * 1024), 9)
    path = write_png(tmp / "z.png")
    data = path.read_bytes()
    path.write_bytes(data[:33] + png_chunk(b"zTXt", body) + data[33:])
    return path


def _xmp_entity_bomb(tmp: Path) -> Path:
    return write_jpeg(tmp / "x.jpg", xmp=ENTITY_BOMB)


def _xmp_external_entity(tmp: Path) -> Path:
    return write_png(tmp / "x.png", xmp=EXTERNAL_ENTITY)


def _empty(tmp: Path) -> Path:
    path = tmp / "empty.jpg"
    path.write_bytes(b"")
    return path


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.jpg"
    os.mkfifo(path)
    return path


def _folder(tmp: Path) -> Path:
    path = tmp / "folder.png"
    path.mkdir()
    return path


def _truncated_webp(tmp: Path) -> Path:
    path = write_webp(tmp / "w.webp", (40, 40))
    path.write_bytes(path.read_bytes()[:-10])
    return path


def _truncated_tiff(tmp: Path) -> Path:
    from PIL import Image

    path = tmp / "t.tif"
    Image.new("RGB", (64, 64), (1, 2, 3)).save(path, "TIFF")
    path.write_bytes(path.read_bytes()[:200])
    return path


def _truncated_gif(tmp: Path) -> Path:
    from PIL import Image

    path = tmp / "t.gif"
    Image.new("P", (64, 64), 3).save(path, "GIF")
    path.write_bytes(path.read_bytes()[:-1])  # the trailer byte
    return path


def _gif_cut_in_image(tmp: Path) -> Path:
    from PIL import Image

    path = tmp / "i.gif"
    Image.new("P", (64, 64), 3).save(path, "GIF")
    path.write_bytes(path.read_bytes()[:-4])
    return path


CASES: list[tuple[Callable[[Path], Path], str]] = [
    (_truncated_jpeg, "truncated JPEG: no end-of-image marker after the scan data"),
    (_jpeg_cut_in_headers, "truncated JPEG: a header segment runs past the end of the file"),
    (_bad_crc_png, "corrupt PNG: bad CRC in chunk IHDR at byte 8"),
    (_png_without_iend, "truncated PNG: no IEND chunk"),
    (_png_bomb, "decompression bomb: the PNG header declares 100000x100000 pixels "
                "(10,000,000,000), above the 178,956,970-pixel limit"),
    (_jpeg_bomb, "decompression bomb: the JPEG header declares 65000x65000 pixels "
                 "(4,225,000,000), above the 178,956,970-pixel limit"),
    (_gif_bomb, "decompression bomb: the GIF header declares 65535x65535 pixels "
                "(4,294,836,225), above the 178,956,970-pixel limit"),
    (_ztxt_bomb, "decompression bomb: a PNG text chunk inflates beyond 8,388,608 bytes"),
    (_xmp_entity_bomb, "hostile XMP: the packet declares XML entities (EntitiesForbidden); "
                       "it was refused unexpanded"),
    (_xmp_external_entity, "hostile XMP: the packet declares XML entities (EntitiesForbidden); "
                           "it was refused unexpanded"),
    (_empty, "empty file (0 bytes)"),
    (_fifo, "not a regular file (a FIFO, socket, device or folder)"),
    (_folder, "not a regular file (a FIFO, socket, device or folder)"),
    (_truncated_webp, "truncated WebP: the RIFF header declares more bytes than the file has"),
    (_truncated_tiff, "truncated TIFF: image data runs past the end of the file"),
    (_truncated_gif, "truncated GIF: no trailer block"),
    (_gif_cut_in_image, "truncated GIF: image data runs past the end of the file"),
]


@pytest.mark.parametrize(("build", "message"), CASES, ids=[c[0].__name__[1:] for c in CASES])
def test_hostile_file_is_unreadable_quickly(tmp_path: Path, build: Callable[[Path], Path],
                                            message: str) -> None:
    path = build(tmp_path)
    start = time.perf_counter()
    image = read_image(path, path.name)
    elapsed = time.perf_counter() - start
    assert (image.status, image.problem) == ("unreadable", message)
    assert image.path == path.name
    assert elapsed < 1.0


def test_device_is_not_opened() -> None:
    image = read_image(Path("/dev/zero"), "zero.jpg")
    assert (image.status, image.problem) == (
        "unreadable", "not a regular file (a FIFO, socket, device or folder)")


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    image = read_image(tmp_path / "gone.jpg", "gone.jpg")
    assert (image.status, image.problem) == (
        "unreadable", "cannot read the file: No such file or directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_permissions(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "p.jpg")
    path.chmod(0)
    image = read_image(path, "p.jpg")
    assert (image.status, image.problem) == (
        "unreadable", "cannot read the file: Permission denied")


def test_motion_photo_trailer_after_eoi_is_fine(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "mp.jpg", (32, 32))
    path.write_bytes(path.read_bytes() + b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4000)
    assert read_image(path, "mp.jpg").status == "ok"


def test_xmp_with_a_plain_doctype_is_fine(tmp_path: Path) -> None:
    packet = b'<?xml version="1.0"?><!DOCTYPE x:xmpmeta>' + xmp_packet().split(b"?>", 1)[1]
    assert read_image(write_jpeg(tmp_path / "d.jpg", xmp=packet), "d.jpg").status == "ok"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.jpg", b"This is a text file, not a picture.\n"),
        ("vector.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("movie.heic", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64),
        ("bitmap.tif", b"BM" + b"\x00" * 60),
    ],
)
def test_unknown_format_is_unsupported(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    image = read_image(path, name)
    assert (image.status, image.format) == ("unsupported", None)
    assert image.problem == (
        "not a format provenance reads (JPEG, PNG, WebP, TIFF/DNG, GIF, HEIF/AVIF)")
