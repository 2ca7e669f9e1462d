"""IMG005/AID004/IMG006 image fixes are lossless: the picture bytes stay identical, every
other tag survives (our reader and, where installed, exiftool), and a second run is a no-op."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.fixes.exif_gps import strip_gps
from provenance.fixes.image import ImagePlan, fix_image
from provenance.fixes.rewrite import RewriteError, image_data
from provenance.fixes.xmp_edit import strip_location
from provenance.images import read_image
from provenance.images.containers import scan
from provenance.images.exif import parse_exif
from provenance.images.xmp import parse_xmp
from tests.fix.support import (
    EXIF_WITH_GPS,
    GPS_XMP,
    SUFFIX,
    build,
    exiftool_tags,
    require_exiftool,
)

FORMATS = ("jpeg", "png", "webp")
DST_TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"


@pytest.mark.parametrize("fmt", FORMATS)
def test_gps_removed_and_image_data_identical(tmp_path: Path, fmt: str) -> None:
    path = build(fmt, tmp_path / f"photo{SUFFIX[fmt]}")
    before = path.read_bytes()
    assert read_image(path, path.name).gps is not None
    after = fix_image(before, fmt, ImagePlan(gps=True))
    assert image_data(after, fmt) == image_data(before, fmt)
    assert len(image_data(before, fmt)) > 0
    raw = scan(after)
    assert raw is not None
    exif = parse_exif(raw.exif or b"")
    assert exif.gps is None
    assert (exif.make, exif.model, exif.artist, exif.copyright, exif.captured) == (
        "Canon", "EOS R5", "Ana Lopes", "Coastal News", "2026-03-01T10:00:00")
    xmp = parse_xmp(raw.xmp)
    assert xmp.first("exif:GPSLatitude") is None and xmp.first("exif:GPSLongitude") is None
    assert xmp.first("creator") == "Ana Lopes"
    packet = b"".join(raw.xmp)
    assert b"GPS" not in packet and b"Rua Augusta" not in packet
    assert b'photoshop:City="Lisbon"' in packet and b"<Iptc4xmpExt:City>Lisbon" in packet
    assert fix_image(after, fmt, ImagePlan(gps=True)) == after  # twice: nothing more


@pytest.mark.parametrize("fmt", FORMATS)
def test_exiftool_sees_only_gps_gone(tmp_path: Path, fmt: str) -> None:
    require_exiftool()
    path = build(fmt, tmp_path / f"photo{SUFFIX[fmt]}")
    fixed = tmp_path / f"fixed{SUFFIX[fmt]}"
    fixed.write_bytes(fix_image(path.read_bytes(), fmt, ImagePlan(gps=True)))
    before, after = exiftool_tags(path), exiftool_tags(fixed)
    assert before is not None and after is not None
    gone = {k for k in before if k not in after}
    assert {"GPS:GPSLatitude", "GPS:GPSLongitude"} <= gone
    assert all("GPS" in k or k == "XMP-iptcCore:Location" for k in gone), gone
    assert {k: v for k, v in before.items() if k in after} == \
        {k: v for k, v in after.items() if k in before}
    assert set(after) <= set(before)
    assert after["IFD0:Make"] == "Canon" and after["XMP-photoshop:City"] == "Lisbon"


@pytest.mark.parametrize("fmt", FORMATS)
def test_digital_source_type_and_credit_added(tmp_path: Path, fmt: str) -> None:
    path = build(fmt, tmp_path / f"plain{SUFFIX[fmt]}", exif=None, xmp=None)
    before = path.read_bytes()
    plan = ImagePlan(dst="trainedAlgorithmicMedia", credit="Coastal News Desk")
    after = fix_image(before, fmt, plan)
    assert image_data(after, fmt) == image_data(before, fmt)
    fixed = tmp_path / f"fixed{SUFFIX[fmt]}"
    fixed.write_bytes(after)
    evidence = read_image(fixed, fixed.name)
    assert evidence.status == "ok" and evidence.machine_readable
    assert evidence.ai.verdict == "ai-generated"
    assert evidence.credit == "Coastal News Desk"
    original = read_image(path, path.name)
    assert (evidence.width, evidence.height) == (original.width, original.height)
    tags = exiftool_tags(fixed)
    if tags is not None:
        assert tags["XMP-iptcExt:DigitalSourceType"] == DST_TRAINED
        assert tags["XMP-photoshop:Credit"] == "Coastal News Desk"
        assert not any(k.endswith(":Warning") for k in tags), tags


@pytest.mark.parametrize("fmt", FORMATS)
def test_added_to_an_existing_packet_keeps_it(tmp_path: Path, fmt: str) -> None:
    path = build(fmt, tmp_path / f"photo{SUFFIX[fmt]}")
    after = fix_image(path.read_bytes(), fmt,
                      ImagePlan(gps=True, dst="compositeWithTrainedAlgorithmicMedia"))
    raw = scan(after)
    assert raw is not None and len(raw.xmp) == 1
    xmp = parse_xmp(raw.xmp)
    assert xmp.all("dst") == [
        "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"]
    assert xmp.first("creator") == "Ana Lopes"


def test_exif_block_keeps_its_size_and_every_other_byte() -> None:
    block = EXIF_WITH_GPS
    stripped = strip_gps(block)
    assert stripped is not None and len(stripped) == len(block)
    assert parse_exif(stripped).gps is None
    assert strip_gps(stripped) is None  # nothing left to strip
    differing = [i for i, (a, b) in enumerate(zip(block, stripped, strict=True)) if a != b]
    assert differing and len(differing) < 120  # one IFD0 slot, the GPS IFD, its rationals


def test_xmp_without_location_is_left_alone() -> None:
    assert strip_location(b'<x:xmpmeta xmlns:x="adobe:ns:meta/"/>') is None
    assert strip_location(GPS_XMP) is not None


def test_webp_without_vp8x_gets_one_for_xmp(tmp_path: Path) -> None:
    path = build("webp", tmp_path / "simple.webp", exif=None, xmp=None)
    before = path.read_bytes()
    assert before[12:16] != b"VP8X"
    after = fix_image(before, "webp", ImagePlan(dst="trainedAlgorithmicMedia"))
    assert after[12:16] == b"VP8X" and after[20] & 0x04
    raw = scan(after)
    assert raw is not None and (raw.width, raw.height) == (20, 10)
    assert image_data(after, "webp") == image_data(before, "webp")
    from PIL import Image

    fixed = tmp_path / "fixed.webp"
    fixed.write_bytes(after)
    with Image.open(fixed) as decoded:  # a real decoder accepts the new header
        decoded.load()
        assert decoded.size == (20, 10)


def test_unsupported_format_is_refused() -> None:
    with pytest.raises(RewriteError):
        fix_image(b"GIF89a" + bytes(20), "gif", ImagePlan(gps=True))


def _with_digest(payload: bytes) -> bytes:
    """A Photoshop block with resource 0x0425 (MD5 of the IIM) after the IPTC, as
    Photoshop writes it."""
    import hashlib
    import struct

    from provenance.images.containers.jpeg import photoshop_iptc as read_iim

    iim = read_iim(payload[len(b"Photoshop 3.0\x00"):]) or b""
    digest = hashlib.md5(iim).digest()  # noqa: S324 - the digest Photoshop defines
    return payload + b"8BIM\x04\x25\x00\x00" + struct.pack(">I", 16) + digest


def test_iptc_sublocation_removed_city_kept(tmp_path: Path) -> None:
    import hashlib

    from provenance.images.containers.jpeg import photoshop_iptc as read_iim
    from tests.images.builders import insert_segment, photoshop_iptc

    path = build("jpeg", tmp_path / "iim.jpg", xmp=None)
    block = _with_digest(photoshop_iptc({90: "Lisbon", 92: "Rua Augusta 12",
                                         110: "Coastal News"}))
    path.write_bytes(insert_segment(path.read_bytes(), 0xED, block))
    before = path.read_bytes()
    after = fix_image(before, "jpeg", ImagePlan(gps=True))
    assert image_data(after, "jpeg") == image_data(before, "jpeg")
    assert b"Rua Augusta" not in after and b"Lisbon" in after
    start = after.index(b"Photoshop 3.0\x00")
    iim = read_iim(after[start + 14:]) or b""
    assert hashlib.md5(iim).digest() in after  # noqa: S324 - the digest now matches
    fixed = tmp_path / "fixed.jpg"
    fixed.write_bytes(after)
    tags = exiftool_tags(fixed)
    if tags is not None:
        assert "IPTC:Sub-location" not in tags
        assert tags["IPTC:City"] == "Lisbon" and tags["IPTC:Credit"] == "Coastal News"
        assert tags.get("Photoshop:IPTCDigest") == hashlib.md5(iim).hexdigest()  # noqa: S324
        before_tags = exiftool_tags(path)
        assert before_tags is not None and before_tags["IPTC:Sub-location"] == "Rua Augusta 12"


def test_png_imagemagick_raw_exif_profile(tmp_path: Path) -> None:
    from tests.images.builders import write_png

    blob = b"Exif\x00\x00" + EXIF_WITH_GPS.removeprefix(b"Exif\x00\x00")
    hexed = blob.hex()
    lines = "\n".join(hexed[i:i + 72] for i in range(0, len(hexed), 72))
    profile = f"\nexif\n{len(blob):8d}\n{lines}\n"
    path = write_png(tmp_path / "magick.png", ztxt={"Raw profile type exif": profile})
    before = path.read_bytes()
    assert read_image(path, path.name).gps is not None
    after = fix_image(before, "png", ImagePlan(gps=True))
    assert image_data(after, "png") == image_data(before, "png")
    fixed = tmp_path / "fixed.png"
    fixed.write_bytes(after)
    evidence = read_image(fixed, fixed.name)
    assert evidence.gps is None and evidence.credit == "Ana Lopes"
    raw = scan(after)
    assert raw is not None and parse_exif(raw.exif or b"").make == "Canon"
