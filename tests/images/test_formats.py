"""Every supported container, written at test time: size, metadata blocks and C2PA detection."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pillow_heif
import pytest
from PIL import Image

from provenance.images import read_image
from provenance.images.model import Evidence
from tests.images.builders import DST, exif_bytes, write_png, xmp_packet
from tests.images.signing import Credential, actions_manifest, make_credential, sign

AI_DST = xmp_packet(f'Iptc4xmpExt:DigitalSourceType="{DST}trainedAlgorithmicMedia"')
XMP_EVIDENCE = Evidence("xmp", "Iptc4xmpExt:DigitalSourceType", f"{DST}trainedAlgorithmicMedia")


@pytest.fixture(scope="module")
def credential() -> Credential:
    return make_credential()


def test_heif_read_via_pillow_heif(tmp_path: Path) -> None:
    path = tmp_path / "photo.heic"
    heif = pillow_heif.from_pillow(Image.new("RGB", (48, 32), (9, 9, 9)))
    heif.save(path, exif=exif_bytes(make="Apple", model="iPhone 15", artist="Heif Author"),
              xmp=AI_DST)
    image = read_image(path, "photo.heic")
    assert (image.status, image.format, image.width, image.height) == ("ok", "heif", 48, 32)
    assert image.credit == "Heif Author"
    assert image.ai.evidence == [XMP_EVIDENCE]


def test_tiff_with_xmp_iptc_and_exif(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    tags: dict[int, Any] = {700: AI_DST, 0x013B: "Tiff Artist", 0x0131: "ScanSoft 2"}
    Image.new("RGB", (40, 20), (1, 1, 1)).save(path, "TIFF", tiffinfo=tags)
    image = read_image(path, "scan.tif")
    assert (image.status, image.format, image.width, image.height) == ("ok", "tiff", 40, 20)
    assert (image.credit, image.ai.evidence) == ("Tiff Artist", [XMP_EVIDENCE])


def test_dng_is_told_apart_by_its_version_tag(tmp_path: Path) -> None:
    path = tmp_path / "raw.dng"
    Image.new("RGB", (30, 10), (1, 1, 1)).save(path, "TIFF", tiffinfo={0xC612: b"\x01\x04\x00\x00"})
    image = read_image(path, "raw.dng")
    assert (image.status, image.format, image.width, image.height) == ("ok", "dng", 30, 10)


def _gif_with_xmp(packet: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("P", (12, 8), 1).save(out, "GIF")
    data = out.getvalue()
    trailer = bytes([1]) + bytes(range(255, -1, -1)) + b"\x00"  # XMP spec part 3 magic trailer
    extension = b"\x21\xff\x0bXMP DataXMP" + packet + trailer
    return data[:-1] + extension + b";"


def test_gif_with_xmp_application_extension(tmp_path: Path) -> None:
    path = tmp_path / "anim.gif"
    path.write_bytes(_gif_with_xmp(AI_DST))
    image = read_image(path, "anim.gif")
    assert (image.status, image.format, image.width, image.height) == ("ok", "gif", 12, 8)
    assert image.ai.evidence == [XMP_EVIDENCE]


def test_png_exif_chunk(tmp_path: Path) -> None:
    path = tmp_path / "e.png"
    Image.new("RGB", (5, 4)).save(path, "PNG", exif=exif_bytes(artist="Png Artist",
                                                               gps=(10.5, 20.25)))
    image = read_image(path, "e.png")
    assert (image.credit, image.gps) == ("Png Artist", {"lat": 10.5, "lon": 20.25})


def test_imagemagick_raw_profiles_in_png(tmp_path: Path) -> None:
    exif = exif_bytes(artist="Magick Artist")
    hexed = "\n".join(exif.hex()[i : i + 72] for i in range(0, len(exif.hex()), 72))
    xmp = AI_DST.hex()
    path = write_png(tmp_path / "im.png", ztxt={
        "Raw profile type exif": f"\nexif\n{len(exif):8d}\n{hexed}\n",
        "Raw profile type xmp": f"\nxmp\n{len(AI_DST):8d}\n{xmp}\n",
    })
    image = read_image(path, "im.png")
    assert (image.credit, image.ai.evidence) == ("Magick Artist", [XMP_EVIDENCE])


def _raster(fmt: str) -> bytes:
    out = io.BytesIO()
    base = Image.new("RGB", (32, 24), (5, 5, 5))
    (base.convert("P") if fmt == "GIF" else base).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "mime", "name", "expected_format"),
    [
        ("WEBP", "image/webp", "s.webp", "webp"),
        ("TIFF", "image/tiff", "s.tif", "tiff"),
        ("HEIF", "image/heif", "s.heic", "heif"),
        ("GIF", "image/gif", "s.gif", "gif"),
    ],
)
def test_c2pa_store_found_in_each_container(tmp_path: Path, credential: Credential, fmt: str,
                                            mime: str, name: str, expected_format: str) -> None:
    pillow_heif.register_heif_opener()
    action = {"action": "c2pa.created", "digitalSourceType": f"{DST}trainedAlgorithmicMedia"}
    path = tmp_path / name
    path.write_bytes(sign(_raster(fmt), mime, actions_manifest(action, title=name), credential))
    image = read_image(path, name)
    assert (image.status, image.format) == ("ok", expected_format)
    assert (image.c2pa.present, image.c2pa.validation, image.c2pa.integrity) == (
        "embedded", "valid", "ok")
    assert image.ai.verdict == "ai-generated"
