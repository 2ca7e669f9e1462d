"""IPTC IIM (Information Interchange Model 4.2) records: Credit, By-line, Copyright, Source.

IIM is a flat list of datasets ``0x1C record dataset length value``; only record 2
(application) datasets 55 Date Created, 60 Time Created, 80 By-line, 110 Credit, 115 Source,
116 Copyright Notice are kept.
Text is read as UTF-8 when it decodes (what dataset 1:90 ``ESC % G`` declares), else as
Latin-1, the common legacy case. 2:55 ``CCYYMMDD`` and 2:60 ``HHMMSS±HHMM`` give the
capture time only together (a date alone would invent midnight).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from provenance.images.xmp import iso_datetime


@dataclass(slots=True)
class IptcFields:
    """First value of each dataset of interest, or None."""

    byline: str | None = None
    credit: str | None = None
    source: str | None = None
    copyright: str | None = None
    date_created: str | None = None
    time_created: str | None = None


_DATASETS = {55: "date_created", 60: "time_created", 80: "byline", 110: "credit", 115: "source",
             116: "copyright"}
_IIM_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_IIM_TIME = re.compile(r"(\d{2})(\d{2})(\d{2})([+-]\d{2})(\d{2})?$")


def parse_iptc(block: bytes) -> IptcFields:
    """Decode the datasets of interest; stops quietly at the first malformed record."""
    fields = IptcFields()
    for record, dataset, value in _records(block):
        name = _DATASETS.get(dataset) if record == 2 else None
        if name and getattr(fields, name) is None:
            text = decode_text(value).strip("\x00 \t\r\n")
            setattr(fields, name, text or None)
    return fields


def _records(block: bytes) -> list[tuple[int, int, bytes]]:
    out: list[tuple[int, int, bytes]] = []
    pos, n = 0, len(block)
    while pos + 5 <= n and block[pos] == 0x1C:
        record, dataset, length = struct.unpack_from(">BBH", block, pos + 1)
        pos += 5
        if length & 0x8000:  # extended dataset: the low bits give the size of the length
            width = length & 0x7FFF
            if width > 4 or pos + width > n:
                break
            length = int.from_bytes(block[pos : pos + width], "big")
            pos += width
        out.append((record, dataset, block[pos : pos + length]))
        pos += length
    return out


def decode_text(value: bytes) -> str:
    """Text fields as writers really fill them: UTF-8 (``DALL·E``), else Latin-1.

    IPTC IIM and EXIF ASCII tags both declare a narrower charset than writers use."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def iim_datetime(date: str | None, time: str | None) -> str | None:
    """IIM 2:55 + 2:60 as ISO 8601 with the IIM offset, or None without both."""
    day = _IIM_DATE.match((date or "").strip())
    clock = _IIM_TIME.match((time or "").strip())
    if day is None or clock is None:
        return None
    hour, minute, second, zone_h, zone_m = clock.groups()
    iso = iso_datetime(*day.groups(), hour, minute, second)
    return None if iso is None else f"{iso}{zone_h}:{zone_m or '00'}"
