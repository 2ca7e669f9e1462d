"""Edit XMP packets as text, so that everything the edit does not touch stays byte-identical.

Parsing and re-serialising a packet would rename prefixes, reorder attributes and drop
comments; a reader keyed on prefixes (many are) would then see a different file. The
edits here are therefore textual, made on the prefixes the packet itself declares, and
every result is parsed again (defusedxml) before it is used: a packet that would not parse
afterwards is refused (:class:`XmpEditError`), never written.

* :func:`strip_location` removes ``exif:GPS*`` properties (attribute and element forms,
  also inside IPTC ``LocationCreated``/``LocationShown`` structures) and the IPTC
  sub-location, the field that names the exact spot (``Iptc4xmpCore:Location``,
  ``Iptc4xmpExt:Sublocation``). City, region and country stay: a dateline prints them.
* :func:`add_properties` adds simple properties in a new ``rdf:Description`` (valid RDF:
  a packet may hold several), or builds a whole packet when the file has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError
from xml.sax.saxutils import quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from provenance.images.xmp import EXIF, IPTC_EXT, RDF

IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
DST_BASE = "http://cv.iptc.org/newscodes/digitalsourcetype/"
# (namespace, local-name pattern) of every property strip_location removes.
_LOCATION = ((EXIF, r"GPS[A-Za-z]*"), (IPTC_CORE, r"Location"), (IPTC_EXT, r"Sublocation"))


class XmpEditError(Exception):
    """The packet cannot be edited safely (not UTF-8, or not well-formed afterwards)."""


@dataclass(frozen=True, slots=True)
class Prop:
    """A simple XMP property to add: namespace URI, preferred prefix, local name, value."""

    namespace: str
    prefix: str
    name: str
    value: str


def dst_property(term: str) -> Prop:
    """``Iptc4xmpExt:DigitalSourceType`` with an IPTC NewsCodes term."""
    return Prop(IPTC_EXT, "Iptc4xmpExt", "DigitalSourceType", DST_BASE + term)


def credit_property(credit: str) -> Prop:
    """``photoshop:Credit``, the IPTC Core "Credit Line"."""
    return Prop(PHOTOSHOP, "photoshop", "Credit", credit)


def _decode(packet: bytes) -> str:
    try:
        return packet.decode("utf-8")
    except UnicodeDecodeError:
        raise XmpEditError("the XMP packet is not UTF-8") from None


def _prefixes(text: str, namespace: str) -> list[str]:
    found = re.findall(r"xmlns:([A-Za-z_][\w.-]*)\s*=\s*[\"']" + re.escape(namespace) + "[\"']",
                       text)
    return list(dict.fromkeys(found))


def strip_location(packet: bytes) -> bytes | None:
    """The packet without GPS and sub-location properties; ``None`` when it has none."""
    text = _decode(packet)
    edited = text
    for namespace, local in _LOCATION:
        for prefix in _prefixes(text, namespace):
            edited = _remove(edited, re.escape(prefix) + ":" + local)
    if edited == text:
        return None
    _check(edited)
    return edited.encode("utf-8")


def _remove(text: str, qname: str) -> str:
    """Remove attributes and elements named by the ``qname`` pattern (prefix:local)."""
    text = re.sub(r"\s+" + qname + r"\s*=\s*(?:\"[^\"]*\"|'[^']*')", "", text)
    text = re.sub(r"[ \t]*<(" + qname + r")\b[^>]*/>[ \t]*(\r?\n)?", "", text)
    pattern = re.compile(r"[ \t]*<(" + qname + r")\b[^>]*>.*?</\1\s*>[ \t]*(\r?\n)?", re.S)
    while True:  # nested structures go from the inside out
        text, count = pattern.subn("", text)
        if not count:
            return text


def add_properties(packet: bytes | None, props: list[Prop]) -> bytes:
    """``packet`` with ``props`` in a new ``rdf:Description``; a new packet when ``None``."""
    if packet is None:
        return _new_packet(props)
    text = _decode(packet)
    found = _prefixes(text, RDF)
    rdf = found[0] if found else ""
    opening = re.search(r"<" + re.escape(rdf) + r":RDF\b[^>]*>", text) if rdf else None
    if opening is None or opening.group(0).endswith("/>"):
        raise XmpEditError("the XMP packet has no rdf:RDF element to add to")
    edited = text[: opening.end()] + _description(rdf, props) + text[opening.end() :]
    _check(edited)
    return edited.encode("utf-8")


def _description(rdf: str, props: list[Prop]) -> str:
    spaces = {p.prefix: p.namespace for p in props}
    declared = "".join(f" xmlns:{prefix}={quoteattr(ns)}" for prefix, ns in spaces.items())
    values = "".join(f" {p.prefix}:{p.name}={quoteattr(p.value)}" for p in props)
    return f'<{rdf}:Description {rdf}:about=""{declared}{values}/>'


def _new_packet(props: list[Prop]) -> bytes:
    body = _description("rdf", props)
    text = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            f'<rdf:RDF xmlns:rdf="{RDF}">\n{body}\n</rdf:RDF>\n</x:xmpmeta>\n'
            '<?xpacket end="w"?>')
    _check(text)
    return text.encode("utf-8")


def _check(text: str) -> None:
    try:
        fromstring(text.encode("utf-8").strip(b"\x00 \t\r\n"), forbid_dtd=False,
                   forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException) as exc:
        raise XmpEditError(f"the edited XMP packet would not be well-formed ({exc})") from None


__all__ = ["Prop", "XmpEditError", "add_properties", "credit_property", "dst_property",
           "strip_location"]
