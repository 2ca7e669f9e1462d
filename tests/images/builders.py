"""Builders that write real image files at test time (Pillow), with the metadata under test.

Nothing here is copied from a corpus: every packet, chunk and comment is written by these
helpers from values the tests choose.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path
from typing import Any

from PIL import Image
from PIL.PngImagePlugin import PngInfo

DST = "http://cv.iptc.org/newscodes/digitalsourcetype/"
IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"


def exif_bytes(
    *,
    make: str | None = None,
    model: str | None = None,
    software: str | bytes | None = None,
    artist: str | None = None,
    copyright: str | None = None,
    taken: str | None = None,
    offset: str | None = None,
    user_comment: bytes | None = None,
    gps: tuple[float, float] | None = None,
    description: str | None = None,
    ifd0_user_comment: bytes | None = None,
) -> bytes:
    """An EXIF block (TIFF structure with ``Exif\\0\\0``) holding the given tags;
    ``ifd0_user_comment`` puts a UserComment in IFD0, where some savers misplace it."""
    exif = Image.Exif()
    for tag, value in ((0x010E, description), (0x9286, ifd0_user_comment), (0x010F, make),
                       (0x0110, model), (0x0131, software), (0x013B, artist),
                       (0x8298, copyright)):
        if value is not None:
            exif[tag] = value
    sub: dict[int, Any] = {}
    if taken:
        sub[0x9003] = taken
    if offset:
        sub[0x9011] = offset
    if user_comment is not None:
        sub[0x9286] = user_comment
    if sub:
        exif[0x8769] = sub
    if gps:
        exif[0x8825] = _gps_ifd(*gps)
    return exif.tobytes()


def _gps_ifd(lat: float, lon: float) -> dict[int, Any]:
    def dms(value: float) -> tuple[float, float, float]:
        value = abs(value)
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        seconds = round((value - degrees - minutes / 60) * 3600, 4)
        return (float(degrees), float(minutes), seconds)

    return {1: "N" if lat >= 0 else "S", 2: dms(lat), 3: "E" if lon >= 0 else "W", 4: dms(lon)}


def unicode_comment(text: str) -> bytes:
    """UserComment as piexif writes it for A1111: ``UNICODE\\0`` + UTF-16-BE."""
    return b"UNICODE\x00" + text.encode("utf-16-be")


def xmp_packet(description_attrs: str = "", body: str = "") -> bytes:
    """An XMP packet with one ``rdf:Description``; callers add attributes and elements."""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        f' xmlns:Iptc4xmpExt="{IPTC_EXT}"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:dcterms="http://purl.org/dc/terms/"'
        f" {description_attrs}>{body}</rdf:Description>"
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def write_jpeg(
    path: Path, size: tuple[int, int] = (32, 24), *, exif: bytes | None = None,
    xmp: bytes | None = None, iptc: dict[int, str] | None = None, quality: int = 75,
    iptc_digest: bytes | None = None,
) -> Path:
    """A real JPEG; ``iptc`` maps IIM record-2 dataset numbers to values (APP13), with
    Photoshop's IPTCDigest resource when ``iptc_digest`` is given."""
    image = Image.new("RGB", size, (90, 120, 150))
    options: dict[str, Any] = {"quality": quality}
    if exif:
        options["exif"] = exif
    if xmp:
        options["xmp"] = xmp
    image.save(path, "JPEG", **options)
    if iptc:
        path.write_bytes(insert_segment(path.read_bytes(), 0xED,
                                        photoshop_iptc(iptc, iptc_digest)))
    return path


def insert_segment(jpeg: bytes, marker: int, payload: bytes) -> bytes:
    """``jpeg`` with one more marker segment right after SOI."""
    segment = bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def photoshop_iptc(datasets: dict[int, str], digest: bytes | None = None) -> bytes:
    """An APP13 ``Photoshop 3.0`` payload with one 8BIM 0x0404 IPTC IIM resource, and a
    0x0425 IPTCDigest resource when ``digest`` is given (``iim_digest`` makes a true one)."""
    iim = iim_bytes(datasets)
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iim)) + iim
    resource += b"\x00" if len(iim) % 2 else b""
    if digest is not None:
        resource += b"8BIM\x04\x25\x00\x00" + struct.pack(">I", len(digest)) + digest
    return b"Photoshop 3.0\x00" + resource


def iim_bytes(datasets: dict[int, str]) -> bytes:
    """IPTC IIM record-2 datasets, in the given order."""
    return b"".join(
        b"\x1c\x02" + bytes([number]) + struct.pack(">H", len(v.encode())) + v.encode()
        for number, v in datasets.items()
    )


def iim_digest(datasets: dict[int, str]) -> bytes:
    """The IPTCDigest Photoshop stores for these datasets: the MD5 of their IIM bytes."""
    return hashlib.md5(iim_bytes(datasets), usedforsecurity=False).digest()


def write_png(
    path: Path, size: tuple[int, int] = (16, 12), *, text: dict[str, str] | None = None,
    itxt: dict[str, str] | None = None, ztxt: dict[str, str] | None = None,
    exif: bytes | None = None, xmp: bytes | None = None,
) -> Path:
    """A real PNG with tEXt / iTXt / zTXt chunks, an eXIf chunk and an XMP iTXt chunk."""
    info = PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    for key, value in (itxt or {}).items():
        info.add_itxt(key, value)
    for key, value in (ztxt or {}).items():
        info.add_text(key, value, zip=True)
    if xmp:
        info.add_itxt("XML:com.adobe.xmp", xmp.decode("utf-8"))
    options: dict[str, Any] = {"pnginfo": info}
    if exif:
        options["exif"] = exif
    Image.new("RGB", size, (200, 30, 30)).save(path, "PNG", **options)
    return path


def write_webp(path: Path, size: tuple[int, int] = (20, 10), *, exif: bytes | None = None,
               xmp: bytes | None = None, lossless: bool = False) -> Path:
    options: dict[str, Any] = {"lossless": lossless}
    if exif:
        options["exif"] = exif
    if xmp:
        options["xmp"] = xmp
    Image.new("RGB", size, (1, 200, 3)).save(path, "WEBP", **options)
    return path


def png_chunk(ctype: bytes, body: bytes) -> bytes:
    """One PNG chunk with a correct CRC."""
    crc = zlib.crc32(body, zlib.crc32(ctype))
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", crc)
