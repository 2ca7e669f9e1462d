"""Read one image file into :class:`ImageEvidence`: the only code that opens image files.

The file is handed to a container scanner, which reads only the header segments or chunk
headers (and, for JPEG, the tail): JPEG and PNG in place, other formats memory-mapped. EXIF,
IPTC and XMP blocks are then interpreted, C2PA is read only when the container holds a
store, and the evidence is judged. A bad
file never raises: it comes back ``unreadable`` (with a ``problem``) or ``unsupported``.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from provenance.images.c2pa_status import Anchors, add_store_signals, store_gps
from provenance.images.containers import RawMetadata, Unreadable, scan, scan_open
from provenance.images.exif import ExifFields, parse_exif
from provenance.images.generators import generator_chunks, generator_fields, known_generator
from provenance.images.iptc import IptcFields, iim_datetime, parse_iptc
from provenance.images.model import IMAGE_EXTENSIONS, C2PAInfo, ImageEvidence
from provenance.images.verdict import AI, COMPOSITE, Signals, evidence
from provenance.images.xmp import AI_FIELDS, XmpFields, parse_xmp, xmp_datetime, xmp_gps

__all__ = ["IMAGE_EXTENSIONS", "read_image", "read_image_bytes"]
# photoshop:Credit / IIM Credit strings that generators write (ai-markers.md §2: Google
# Photos, Apple Image Playground); agency names in Credit are not evidence.
_AI_CREDITS = {"made with google ai": AI, "apple image playground": AI,
               "edited with google ai": COMPOSITE}


def read_image(
    path: Path,
    rel: str,
    *,
    root: Path | None = None,
    trust_anchors: Anchors = None,
    extra_generators: Sequence[str] = (),
) -> ImageEvidence:
    """Evidence for the image at ``path``; never raises for a bad file.

    ``rel`` is the POSIX path relative to the audit root (stored in ``.path``). With
    ``root``, the file is opened as ``root/rel`` without following any link out of the
    root, whenever it was swapped in (:func:`provenance.beneath.open_beneath`), and every
    read — C2PA included — goes through that one descriptor.
    ``trust_anchors`` is PEM text (or a PEM file's path) of extra C2PA trust anchors;
    ``extra_generators`` adds policy names to the known-generator list.
    """
    image = ImageEvidence(path=rel)
    try:
        fd = _open(path, rel, root)
    except Unreadable as exc:
        image.status, image.problem = "unreadable", str(exc)
        return image
    try:
        size, raw = _scan_fd(fd)
        _judge(image, size, raw, fd, trust_anchors, tuple(extra_generators))
    except Unreadable as exc:
        image.status, image.problem = "unreadable", str(exc)
    finally:
        os.close(fd)
    return image


def read_image_bytes(
    data: bytes,
    rel: str,
    *,
    trust_anchors: Anchors = None,
    extra_generators: Sequence[str] = (),
) -> ImageEvidence:
    """Evidence for an image already in memory (a web archive record's payload), judged as
    :func:`read_image` judges a file; never raises for bad bytes."""
    image = ImageEvidence(path=rel)
    try:
        if not data:
            raise Unreadable("empty file (0 bytes)")
        _judge(image, len(data), scan(data), data, trust_anchors, tuple(extra_generators))
    except Unreadable as exc:
        image.status, image.problem = "unreadable", str(exc)
    return image


def _judge(image: ImageEvidence, size: int, raw: RawMetadata | None, source: int | bytes,
           anchors: Anchors, extra: tuple[str, ...]) -> None:
    """Fill ``image`` from its scanned metadata (``raw`` None: not a format read here)."""
    image.size = size
    if raw is None:
        image.status = "unsupported"
        image.problem = "not a format provenance reads (JPEG, PNG, WebP, TIFF/DNG, GIF, HEIF/AVIF)"
        return
    _interpret(image, raw, source, anchors, extra)


def _open(path: Path, rel: str, root: Path | None) -> int:
    """The open file; never opens a FIFO, socket or device, nor a link out of ``root``."""
    from provenance.beneath import NotRegular, OutsideRoot, open_regular

    try:
        return open_regular(path, root, rel)
    except NotRegular:
        raise Unreadable(_NOT_REGULAR) from None
    except OutsideRoot:
        raise Unreadable("the file is a symlink that leads outside the audit root; "
                         "it was not read") from None
    except (OSError, ValueError) as exc:
        raise Unreadable(f"cannot read the file: {getattr(exc, 'strerror', None) or exc}") \
            from exc


def _scan_fd(fd: int) -> tuple[int, RawMetadata | None]:
    """Size and raw metadata of the open file."""
    try:
        info = os.fstat(fd)
        _check_regular(info)
        return info.st_size, scan_open(fd, info.st_size)
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror or exc}") from exc


_NOT_REGULAR = "not a regular file (a FIFO, socket, device or folder)"


def _check_regular(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(_NOT_REGULAR)
    if info.st_size == 0:
        raise Unreadable("empty file (0 bytes)")


def _interpret(
    image: ImageEvidence, raw: RawMetadata, fd: int | bytes, anchors: Anchors,
    extra: tuple[str, ...],
) -> None:
    image.format, image.width, image.height = raw.format, raw.width, raw.height
    xmp = parse_xmp(raw.xmp)  # first: a hostile packet makes the whole file unreadable
    exif = parse_exif(raw.exif) if raw.exif else ExifFields()
    iptc = parse_iptc(raw.iptc) if raw.iptc else IptcFields()
    image.captured = exif.captured or _captured(xmp, iptc)
    image.gps = exif.gps or xmp_gps(xmp.first("exif:GPSLatitude"), xmp.first("exif:GPSLongitude"))
    image.credit, image.credit_field = _credit(exif, iptc, xmp, _iim_in_sync(raw))
    signals = Signals()
    _exif_signals(exif, signals, extra)
    _xmp_signals(xmp, iptc, signals)
    _text_signals(raw.text, signals, extra)
    image.c2pa = _c2pa(raw, xmp, fd, anchors, signals, extra, image)
    image.ai = signals.verdict()
    image.capture_evidence = signals.capture_evidence()
    image.machine_readable = signals.machine_readable or image.c2pa.present != "none"


def _captured(xmp: XmpFields, iptc: IptcFields) -> str | None:
    """Capture time when EXIF has none: XMP ``exif:DateTimeOriginal``, ``photoshop:DateCreated``,
    ``xmp:CreateDate``, then IPTC IIM 2:55 + 2:60 (EXIF, the camera's record, wins: MWG 2.0)."""
    for name in ("exif:DateTimeOriginal", "photoshop:DateCreated", "xmp:CreateDate"):
        found = xmp_datetime(xmp.first(name))
        if found:
            return found
    return iim_datetime(iptc.date_created, iptc.time_created)


def _iim_in_sync(raw: RawMetadata) -> bool | None:
    """Does the XMP still describe the IPTC IIM? ``None``: there is no IIM at all; ``True``
    when Photoshop's stored digest matches the IIM or there is no stored digest (MWG 2.0)."""
    if not raw.iptc:
        return None
    if raw.iptc_digest is None:
        return True
    return hashlib.md5(raw.iptc, usedforsecurity=False).digest() == raw.iptc_digest


# Each credit property's fields in EXIF, XMP and IPTC IIM, as reported in ``credit_field``
# (ExifTool's group:tag names).
_CREDIT_FIELDS = {
    "credit": (None, "XMP-photoshop:Credit", "IPTC:Credit"),
    "creator": ("EXIF:Artist", "XMP-dc:creator", "IPTC:By-line"),
    "rights": ("EXIF:Copyright", "XMP-dc:rights", "IPTC:CopyrightNotice"),
}
_IIM_LIMITS = {"creator": 32, "credit": 32, "rights": 128}  # IIM 2:80, 2:110, 2:116 sizes


def _credit(exif: ExifFields, iptc: IptcFields, xmp: XmpFields,
            in_sync: bool | None) -> tuple[str | None, str | None]:
    """The image's credit and the field it came from.

    Properties in this order: the credit line (who supplies the image: "Reuters"), the
    creator, the copyright notice. Each is reconciled across EXIF, IPTC IIM and XMP by the
    Metadata Working Group's rules (Guidelines 2.0, as ExifTool's MWG tags read them): a
    non-blank EXIF value wins; else the XMP value when there is no IIM, or when the IIM is
    in sync with it (:func:`_iim_in_sync`); else the IIM value — unless it is the XMP value
    cut at the IIM's size limit, when the XMP one is whole.
    """
    values = {
        "credit": (None, xmp.first("credit"), iptc.credit),
        "creator": (exif.artist, xmp.first("creator"), iptc.byline),
        "rights": (exif.copyright, xmp.first("rights"), iptc.copyright),
    }
    for form, (exif_label, xmp_label, iim_label) in _CREDIT_FIELDS.items():
        in_exif, in_xmp, in_iim = values[form]
        if in_exif and in_exif.strip():
            return in_exif, exif_label
        if in_xmp and (in_sync is None or in_sync or not in_iim):
            return in_xmp, xmp_label
        if in_iim:
            limit = _IIM_LIMITS[form]
            if in_xmp and len(in_iim) == limit and in_xmp.startswith(in_iim):
                return in_xmp, xmp_label
            return in_iim, iim_label
    return None, None


def _exif_signals(exif: ExifFields, signals: Signals, extra: tuple[str, ...]) -> None:
    for name, value in (("Software", exif.software), ("Make", exif.make), ("Model", exif.model)):
        if known_generator(value, extra):
            signals.add(AI, evidence("exif", name, value or ""))
    # Front-end metadata in EXIF text fields: A1111/SD.Next/Civitai infotext or SwarmUI,
    # NovelAI, Fooocus JSON in UserComment; ComfyUI graphs in Make/Model/ImageDescription.
    texts = {"UserComment": exif.user_comment, "ImageDescription": exif.description,
             "Make": exif.make, "Model": exif.model, "Software": exif.software}
    for name, value in generator_fields({k: v for k, v in texts.items() if v}):
        signals.add(AI, evidence("exif", name, value), readable=True)


def _xmp_signals(xmp: XmpFields, iptc: IptcFields, signals: Signals) -> None:
    for uri in xmp.all("dst"):
        signals.add_dst("xmp", "Iptc4xmpExt:DigitalSourceType", uri)
    for name in AI_FIELDS:
        for value in xmp.all(name):
            signals.add(AI, evidence("xmp", f"Iptc4xmpExt:{name}", value), readable=True)
    credits = [("xmp", "photoshop:Credit", v) for v in xmp.all("credit")]
    credits += [("iptc", "Credit", iptc.credit)] if iptc.credit else []
    for source, name, value in credits:
        cls = _AI_CREDITS.get(value.strip().lower())
        if cls:
            signals.add(cls, evidence(source, name, value))


def _text_signals(text: dict[str, str], signals: Signals, extra: tuple[str, ...]) -> None:
    for key, value in generator_chunks(text):
        signals.add(AI, evidence("text-chunk", key, value), readable=True)
    software = text.get("Software")
    if known_generator(software, extra):
        signals.add(AI, evidence("text-chunk", "Software", software or ""))


def _c2pa(
    raw: RawMetadata, xmp: XmpFields, fd: int | bytes, anchors: Anchors, signals: Signals,
    extra: tuple[str, ...], image: ImageEvidence,
) -> C2PAInfo:
    if raw.c2pa:
        from provenance.images.content_credentials import read_store  # loads native c2pa

        # The descriptor already open, not the path again: the file checked is the one read.
        # (bytes: a web archive record's payload, read from memory as it is)
        with open(os.dup(fd), "rb") if isinstance(fd, int) else io.BytesIO(fd) as stream:
            info, store = read_store(stream, raw.format, anchors)
        add_store_signals(store, signals, extra)
        image.gps = image.gps or store_gps(store)  # a manifest's EXIF/metadata location
        if info.present != "none":
            return info
    remote = [u for u in xmp.all("provenance") if u.lower().startswith(("http://", "https://"))]
    if remote:
        # a manifest stored elsewhere (XMP dcterms:provenance): named, never fetched
        return C2PAInfo(present="remote-only", validation="none", integrity="unknown",
                        trust="unknown")
    return C2PAInfo()
