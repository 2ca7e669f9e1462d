"""XMP packets, parsed with defusedxml: DigitalSourceType, IPTC 2025.1 AI fields, credits.

Properties are matched by namespace URI and local name, never by prefix (Midjourney and
Exiv2 write ``iptcExt:`` where Adobe writes ``Iptc4xmpExt:``), in all three RDF forms:
an attribute of ``rdf:Description``, an element with text, and an element with
``rdf:resource``. Array values (``rdf:Seq``/``rdf:Alt``/``rdf:Bag``) give their first item.
A packet that declares entities (billion laughs, external entities) is refused as hostile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from provenance.images.containers.raw import Unreadable

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
# IPTC Photo Metadata 2025.1: any of these is a claim that an AI system made the image.
AI_FIELDS = ("AISystemUsed", "AISystemVersionUsed", "AIPromptInformation", "AIPromptWriterName")

_WANTED = {
    f"{{{IPTC_EXT}}}DigitalSourceType": "dst",
    f"{{{DC}}}creator": "creator",
    f"{{{DC}}}rights": "rights",
    f"{{{PHOTOSHOP}}}Credit": "credit",
    f"{{{DCTERMS}}}provenance": "provenance",
    **{f"{{{IPTC_EXT}}}{name}": name for name in AI_FIELDS},
}
_RESOURCE = f"{{{RDF}}}resource"
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
