"""HEIF/AVIF (ISO BMFF): top-level box walk for the brand and a C2PA ``uuid`` box, then
pillow-heif for size, EXIF and XMP.

``pillow_heif.open_heif`` parses the item properties only; pixels are decoded lazily on
first access to ``.data``, which this module never touches.
"""

from __future__ import annotations

import io
import struct

from provenance.images.containers.raw import Data, RawMetadata, Unreadable, check_dimensions

# C2PA spec "Embedding manifests into BMFF-based assets": uuid box with this extended type.
C2PA_UUID = bytes.fromhex("d8fec3d61b0e483c92975828877ec481")
_AVIF = {b"avif", b"avis"}
_HEIF = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"mif2"}


class NotImage(Exception):
    """A BMFF file that is not HEIF/AVIF (an MP4 video, say): unsupported, not corrupt."""


def brand_format(data: Data) -> str | None:
    """``avif``/``heif`` from the ``ftyp`` box, else None."""
    (size,) = struct.unpack_from(">I", data, 0)
    major = data[8:12]
    brands = {major} | {data[i : i + 4] for i in range(16, min(size, len(data)), 4)}
    if major in _AVIF:
        return "avif"
    if major in _HEIF - {b"mif1", b"msf1"}:
        return "heif"
    if brands & _AVIF:
        return "avif"
    return "heif" if brands & _HEIF else None


def scan_bmff(data: Data) -> RawMetadata:
    """Split a HEIF/AVIF into its metadata blocks; raise :class:`Unreadable` if not whole."""
    fmt = brand_format(data)
    if fmt is None:
        raise NotImage("an ISO BMFF file that is not a HEIF or AVIF image")
    raw = RawMetadata(fmt)
    raw.c2pa = _walk_boxes(data)
    _read_items(data, raw)
    return raw


def _walk_boxes(data: Data) -> bool:
    """Check the top-level boxes fit the file; return True when a C2PA box is among them."""
    pos, n, c2pa = 0, len(data), False
    while pos + 8 <= n:
        size, btype = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            (size,) = struct.unpack_from(">Q", data, pos + 8)
            header = 16
        elif size == 0:
            size = n - pos
        if size < header or pos + size > n:
            raise Unreadable(f"truncated {btype.decode('latin-1')!r} box: it runs past the end")
        if btype == b"c2pa" or (btype == b"uuid" and data[pos + 8 : pos + 24] == C2PA_UUID):
            c2pa = True
        pos += size
    return c2pa


def _read_items(data: Data, raw: RawMetadata) -> None:
    import pillow_heif  # native library: loaded only for HEIF/AVIF files

    try:
        heif = pillow_heif.open_heif(io.BytesIO(data[:]), convert_hdr_to_8bit=False)
    except (ValueError, EOFError, SyntaxError, RuntimeError, OSError) as exc:
        raise Unreadable(f"corrupt {raw.format.upper()}: {exc}") from exc
    width, height = heif.size
    check_dimensions(raw.format, width, height)
    raw.width, raw.height = width, height
    exif = heif.info.get("exif")
    xmp = heif.info.get("xmp")
    if isinstance(exif, bytes) and exif:
        raw.exif = exif
    if isinstance(xmp, bytes) and xmp:
        raw.xmp.append(xmp)
