"""Capture time and position when EXIF has none: XMP dates and GPS, then IPTC IIM 2:55/2:60.

EXIF wins whenever it has a value (MWG Guidelines 2.0); a date without a time of day is not
used, and a malformed value is dropped, never guessed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.images import read_image
from provenance.images.iptc import iim_datetime
from provenance.images.xmp import xmp_datetime, xmp_gps
from tests.images.builders import exif_bytes, write_jpeg, write_png, xmp_packet

_NS = ('xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"')


def _xmp(**props: str) -> bytes:
    attrs = " ".join(f'{k.replace("_", ":", 1)}="{v}"' for k, v in props.items())
    return xmp_packet(f"{_NS} {attrs}")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"exif_DateTimeOriginal": "2026-03-04T05:06:07-03:00",
          "xmp_CreateDate": "2020-01-01T00:00:00"}, "2026-03-04T05:06:07-03:00"),
        ({"photoshop_DateCreated": "2026-03-04T05:06:07Z"}, "2026-03-04T05:06:07+00:00"),
        ({"photoshop_DateCreated": "2026-03-04", "xmp_CreateDate": "2026-03-05T10:11"},
         "2026-03-05T10:11:00"),
        ({"xmp_CreateDate": "2026-03-04T05:06:07.123+01:00"}, "2026-03-04T05:06:07+01:00"),
        ({"photoshop_DateCreated": "2026-03-04"}, None),
        ({"xmp_CreateDate": "2026-13-40T05:06:07"}, None),
    ],
    ids=["exif-ns-first", "zulu", "date-only-skipped", "fraction", "date-only", "invalid"],
)
def test_captured_from_xmp(tmp_path: Path, props: dict[str, str], expected: str | None) -> None:
    image = read_image(write_jpeg(tmp_path / "x.jpg", xmp=_xmp(**props)), "x.jpg")
    assert image.captured == expected


def test_exif_capture_time_wins_over_xmp(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "x.jpg", exif=exif_bytes(taken="2026:01:02 03:04:05"),
                      xmp=_xmp(exif_DateTimeOriginal="2020-01-01T00:00:00"))
    assert read_image(path, "x.jpg").captured == "2026-01-02T03:04:05"


def test_captured_from_iptc_iim(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "i.jpg", iptc={55: "20260304", 60: "050607+0100"})
    assert read_image(path, "i.jpg").captured == "2026-03-04T05:06:07+01:00"


def test_xmp_date_wins_over_iptc_iim(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "i.jpg", iptc={55: "20200101", 60: "000000+0000"},
                      xmp=_xmp(photoshop_DateCreated="2026-03-04T05:06:07"))
    assert read_image(path, "i.jpg").captured == "2026-03-04T05:06:07"


@pytest.mark.parametrize(
    ("date", "time", "expected"),
    [("20260304", "050607-0300", "2026-03-04T05:06:07-03:00"), ("20260304", None, None),
     ("2026030", "050607+0000", None), ("20260230", "050607+0000", None)],
)
def test_iim_datetime(date: str, time: str | None, expected: str | None) -> None:
    assert iim_datetime(date, time) == expected


def test_gps_from_xmp_when_exif_has_none(tmp_path: Path) -> None:
    xmp = _xmp(exif_GPSLatitude="38,42.5N", exif_GPSLongitude="9,8,24W")
    image = read_image(write_png(tmp_path / "g.png", xmp=xmp), "g.png")
    assert image.gps == {"lat": pytest.approx(38.7083333), "lon": pytest.approx(-9.14)}


def test_exif_gps_wins_over_xmp(tmp_path: Path) -> None:
    xmp = _xmp(exif_GPSLatitude="1,0N", exif_GPSLongitude="1,0E")
    path = write_jpeg(tmp_path / "g.jpg", exif=exif_bytes(gps=(-12.5, 45.25)), xmp=xmp)
    assert read_image(path, "g.jpg").gps == {"lat": -12.5, "lon": pytest.approx(45.25)}


@pytest.mark.parametrize(
    ("lat", "lon"),
    [("38,42.5N", None), ("38,42.5E", "9,8W"), ("95,0N", "9,8W"), ("38.7", "-9.14"),
     ("38,42.5N", "200,0W")],
    ids=["one-axis", "wrong-ref", "out-of-range", "decimal-not-xmp", "lon-range"],
)
def test_bad_xmp_gps_is_no_position(lat: str, lon: str | None) -> None:
    assert xmp_gps(lat, lon) is None


def test_xmp_datetime_without_seconds() -> None:
    assert xmp_datetime("2026-03-04T05:06+05:30") == "2026-03-04T05:06:00+05:30"
