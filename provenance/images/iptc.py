"""IPTC IIM (Information Interchange Model 4.2) records: Credit, By-line, Copyright, Source.

IIM is a flat list of datasets ``0x1C record dataset length value``; only record 2
(application) datasets 80 By-line, 110 Credit, 115 Source, 116 Copyright Notice are kept.
Text is read as UTF-8 when it decodes (what dataset 1:90 ``ESC % G`` declares), else as
Latin-1, the common legacy case.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass


@dataclass(slots=True)
class IptcFields:
    """First value of each dataset of interest, or None."""

    byline: str | None = None
    credit: str | None = None
    source: str | None = None
    copyright: str | None = None


_DATASETS = {80: "byline", 110: "credit", 115: "source", 116: "copyright"}


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
