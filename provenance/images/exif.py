"""EXIF fields the checker uses, parsed from raw EXIF bytes with Pillow's TIFF directory reader.

Pillow parses the TIFF structure without opening (or decoding) an image.
Tag numbers: CIPA DC-008 (Exif 2.32) — 0x010F Make, 0x0110 Model, 0x0131 Software,
0x013B Artist, 0x8298 Copyright, 0x9003 DateTimeOriginal, 0x9011 OffsetTimeOriginal,
0x9286 UserComment, GPS IFD 1–4.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_OFFSET = re.compile(r"[+-]\d{2}:\d{2}")
_STAMP = re.compile(r"(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})")
# UserComment starts with an 8-byte character-code header (Exif 2.32 §4.6.5, Table 9).
_CHARSETS = {b"ASCII\0\0\0": "ascii", b"JIS\0\0\0\0\0": "shift_jis", b"\0" * 8: "utf-8"}


@dataclass(slots=True)
class ExifFields:
    """Decoded EXIF values; None where the tag is absent or unusable."""

    make: str | None = None
    model: str | None = None
    software: str | None = None
    artist: str | None = None
    copyright: str | None = None
    captured: str | None = None
    user_comment: str | None = None
    gps: dict[str, float] | None = None


def parse_exif(raw: bytes) -> ExifFields:
    """Decode the fields of interest; damaged EXIF yields empty fields, never an error."""
    try:
        with warnings.catch_warnings():
            # Pillow warns (stderr) about each damaged tag; the file's status already tells
            warnings.simplefilter("ignore")
            return _fields(*_directories(raw))
    # Pillow's TIFF reader raises many types (SyntaxError, struct.error, KeyError, ...) on
    # hostile bytes, also while converting a value on lookup; a broken EXIF block is not a
    # broken image, so it only loses its fields.
    except Exception:
        return ExifFields()


def _fields(ifd0: Directory, sub: Directory, gps: Directory) -> ExifFields:
    return ExifFields(
        make=_text(ifd0.get(0x010F)),
        model=_text(ifd0.get(0x0110)),
        software=_text(ifd0.get(0x0131)),
        artist=_text(ifd0.get(0x013B)),
        copyright=_text(ifd0.get(0x8298)),
        captured=_captured(sub.get(0x9003) or ifd0.get(0x9003), sub.get(0x9011)),
        user_comment=decode_user_comment(sub.get(0x9286)),
        gps=_gps(gps),
    )


Directory = Mapping[int, Any]


def _directories(raw: bytes) -> tuple[Directory, Directory, Directory]:
    """IFD0, the EXIF sub-IFD and the GPS IFD, each decoded lazily tag by tag.

    Pillow's ``ImageFileDirectory_v2`` (what ``Image.Exif`` uses inside) reads the raw
    entries and converts a value only when it is looked up, so the MakerNote and the dozens
    of tags we never read cost nothing; ``Exif.get_ifd`` would convert them all.
    """
    from PIL.TiffImagePlugin import ImageFileDirectory_v2  # Pillow loads on first EXIF

    data = raw[6:] if raw.startswith(b"Exif\x00\x00") else raw
    fp = io.BytesIO(data)
    head = fp.read(8)

    def load(offset: Any) -> Directory:
        if not isinstance(offset, int) or not 8 <= offset < len(data):
            return {}
        ifd = ImageFileDirectory_v2(head)
        fp.seek(offset)
        ifd.load(fp)
        return ifd

    ifd0 = load(ImageFileDirectory_v2(head).next)
    return ifd0, load(ifd0.get(_EXIF_IFD)), load(ifd0.get(_GPS_IFD))


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    value = _undo_latin1(value.strip("\x00 \t\r\n"))
    return value or None


def _undo_latin1(value: str) -> str:
    """Pillow reads ASCII tags as Latin-1; writers put UTF-8 there (``DALL·E``)."""
    if value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _captured(stamp: Any, offset: Any) -> str | None:
    """``YYYY:MM:DD HH:MM:SS`` (+ ``±HH:MM``) as ISO 8601; the offset only when EXIF has one."""
    found = _STAMP.match(_text(stamp) or "")
    if found is None:
        return None
    try:  # a regex and the constructor: strptime costs more than the rest of the EXIF read
        year, month, day, hour, minute, second = map(int, found.groups())
        iso = datetime(year, month, day, hour, minute, second).isoformat()
    except ValueError:
        return None
    zone = _text(offset)
    return iso + zone if zone and _OFFSET.fullmatch(zone) else iso


def decode_user_comment(value: Any) -> str | None:
    """UserComment text after its 8-byte charset header (``UNICODE\\0`` is UTF-16)."""
    if isinstance(value, str):
        return _text(value)
    if not isinstance(value, bytes) or len(value) < 8:
        return None
    head, body = value[:8], value[8:]
    if head == b"UNICODE\0":
        return _text(body.decode(_utf16_order(body), "replace"))
    return _text(body.decode(_CHARSETS.get(head, "utf-8"), "replace"))


def _utf16_order(body: bytes) -> str:
    """UTF-16 byte order: a BOM if present, else guess from where ASCII's zero bytes fall."""
    if body[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return "utf-16"
    even_zeros = body[0:200:2].count(0)
    odd_zeros = body[1:200:2].count(0)
    return "utf-16-be" if even_zeros >= odd_zeros else "utf-16-le"


def _gps(ifd: Directory) -> dict[str, float] | None:
    """Signed decimal degrees, or None when absent or not a real position."""
    lat = _degrees(ifd.get(2), ifd.get(1), "S")
    lon = _degrees(ifd.get(4), ifd.get(3), "W")
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
        return None
    return {"lat": lat, "lon": lon}


def _degrees(dms: Any, ref: Any, negative: str) -> float | None:
    try:
        d, m, s = (float(x) for x in dms)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = d + m / 60 + s / 3600
    if not math.isfinite(value):
        return None
    sign = -1 if (_text(ref) or "").upper().startswith(negative) else 1
    return round(sign * value, 7)
