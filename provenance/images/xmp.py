"""XMP packets, parsed with defusedxml: DigitalSourceType, IPTC 2025.1 AI fields, credits,
capture dates and GPS coordinates.

Properties are matched by namespace URI and local name, never by prefix (Midjourney and
Exiv2 write ``iptcExt:`` where Adobe writes ``Iptc4xmpExt:``), in all three RDF forms:
an attribute of ``rdf:Description``, an element with text, and an element with
``rdf:resource``. Array values (``rdf:Seq``/``rdf:Alt``/``rdf:Bag``) give their first item.
A packet that declares entities (billion laughs, external entities) is refused as hostile.

Dates (``exif:DateTimeOriginal``, ``photoshop:DateCreated``, ``xmp:CreateDate``) are ISO 8601
(XMP Specification Part 1 §8.2.1.6); a date without a time of day is not used, since the
report's ``captured`` is a date-time and midnight would be invented. GPS coordinates are
``DDD,MM.mmk`` or ``DDD,MM,SSk`` with ``k`` one of N/S/E/W (XMP Part 2 §1.2.7.4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from provenance.images.containers.raw import Unreadable

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
EXIF = "http://ns.adobe.com/exif/1.0/"
XMP_BASIC = "http://ns.adobe.com/xap/1.0/"
# IPTC Photo Metadata 2025.1: any of these is a claim that an AI system made the image.
AI_FIELDS = ("AISystemUsed", "AISystemVersionUsed", "AIPromptInformation", "AIPromptWriterName")

_WANTED = {
    f"{{{IPTC_EXT}}}DigitalSourceType": "dst",
    f"{{{DC}}}creator": "creator",
    f"{{{DC}}}rights": "rights",
    f"{{{PHOTOSHOP}}}Credit": "credit",
    f"{{{DCTERMS}}}provenance": "provenance",
    f"{{{EXIF}}}DateTimeOriginal": "exif:DateTimeOriginal",
    f"{{{PHOTOSHOP}}}DateCreated": "photoshop:DateCreated",
    f"{{{XMP_BASIC}}}CreateDate": "xmp:CreateDate",
    f"{{{EXIF}}}GPSLatitude": "exif:GPSLatitude",
    f"{{{EXIF}}}GPSLongitude": "exif:GPSLongitude",
    **{f"{{{IPTC_EXT}}}{name}": name for name in AI_FIELDS},
}
_RESOURCE = f"{{{RDF}}}resource"
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"
)
_COORD = re.compile(r"(\d{1,3}),(\d{1,2}(?:\.\d+)?)(?:,(\d{1,2}(?:\.\d+)?))?([NSEW])$")
_LI = f"{{{RDF}}}li"


@dataclass(slots=True)
class XmpFields:
    """Values found across all packets, in document order."""

    values: dict[str, list[str]] = field(default_factory=dict)

    def first(self, key: str) -> str | None:
        found = self.values.get(key)
        return found[0] if found else None

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])


def parse_xmp(packets: list[bytes]) -> XmpFields:
    """Merge the fields of every packet; raise :class:`Unreadable` for a hostile packet."""
    fields = XmpFields()
    for packet in packets:
        root = _parse(packet)
        if root is not None:
            _collect(root, fields)
    return fields


def _parse(packet: bytes) -> Element | None:
    text = packet.strip(b"\x00 \t\r\n")
    if not text:
        return None
    try:
        root: Element = fromstring(
            text, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise Unreadable(
            f"hostile XMP: the packet declares XML entities ({type(exc).__name__}); "
            "it was refused unexpanded"
        ) from exc
    except ParseError:
        return None  # malformed XMP is common and carries nothing we can trust
    return root


def _collect(root: Element, fields: XmpFields) -> None:
    for element in root.iter():
        for name, value in element.attrib.items():
            key = _WANTED.get(name)
            if key:
                _add(fields, key, value)
        key = _WANTED.get(element.tag)
        if key:
            _add(fields, key, _element_value(element))


def _element_value(element: Element) -> str:
    if _RESOURCE in element.attrib:
        return element.attrib[_RESOURCE]
    for item in element.iter(_LI):
        return item.text or item.attrib.get(_RESOURCE, "")
    return element.text or ""


def _add(fields: XmpFields, key: str, value: str) -> None:
    value = value.strip()
    if value:
        fields.values.setdefault(key, []).append(value)


def xmp_datetime(value: str | None) -> str | None:
    """An XMP date as the report's ISO 8601 form, or None (no time of day, or invalid)."""
    found = _ISO.match((value or "").strip())
    if found is None:
        return None
    year, month, day, hour, minute, second, zone = found.groups()
    iso = iso_datetime(year, month, day, hour, minute, second or "0")
    if iso is None:
        return None
    return iso + ("+00:00" if zone == "Z" else zone or "")


def iso_datetime(*parts: str) -> str | None:
    """``YYYY-MM-DDTHH:MM:SS`` from year, month, day, hour, minute, second digits."""
    year, month, day, hour, minute, second = (int(p) for p in parts)
    try:
        return datetime(year, month, day, hour, minute, second).isoformat()
    except ValueError:
        return None


def xmp_gps(lat: str | None, lon: str | None) -> dict[str, float] | None:
    """Signed decimal degrees from XMP GPSCoordinate strings, or None."""
    la, lo = _coordinate(lat, "NS"), _coordinate(lon, "EW")
    if la is None or lo is None or abs(la) > 90 or abs(lo) > 180:
        return None
    return {"lat": la, "lon": lo}


def _coordinate(value: str | None, refs: str) -> float | None:
    found = _COORD.match((value or "").strip().upper())
    if found is None or found.group(4) not in refs:
        return None
    degrees, minutes, seconds, ref = found.groups()
    decimal = int(degrees) + float(minutes) / 60 + float(seconds or 0) / 3600
    return round(-decimal if ref in "SW" else decimal, 7)
