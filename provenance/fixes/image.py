"""Image fixes: IMG005 (remove location), AID004 (DigitalSourceType), IMG006 (credit).

:func:`fix_image` edits the bytes of one file through :mod:`provenance.fixes.rewrite` and
then proves the result by reading it back with the audit's own readers: the picture bytes
(:func:`~provenance.fixes.rewrite.image_data`) must be identical, the file must still scan
as whole, and each fix must have taken (no GPS left, a DigitalSourceType, a credit). Any
doubt is a :class:`~provenance.fixes.rewrite.RewriteError` and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.fixes.exif_gps import strip_gps
from provenance.fixes.iptc_edit import strip_sublocation
from provenance.fixes.rewrite import Edits, RewriteError, image_data, rewrite
from provenance.fixes.xmp_edit import (
    Prop,
    add_properties,
    credit_property,
    dst_property,
    strip_location,
)
from provenance.images.containers import Unreadable, scan
from provenance.images.exif import parse_exif
from provenance.images.iptc import parse_iptc
from provenance.images.xmp import parse_xmp, xmp_gps

SUPPORTED = ("jpeg", "png", "webp")


@dataclass(frozen=True, slots=True)
class ImagePlan:
    """What to change in one image file, and which findings that answers."""

    gps: bool = False
    dst: str | None = None  # a DigitalSourceType term such as trainedAlgorithmicMedia
    credit: str | None = None

    def merge(self, other: ImagePlan) -> ImagePlan:
        return ImagePlan(self.gps or other.gps, self.dst or other.dst,
                         self.credit or other.credit)

    @property
    def empty(self) -> bool:
        return not (self.gps or self.dst or self.credit)


def describe(data: bytes) -> dict[str, str]:
    """The metadata the fixes touch, as a before/after table shows it."""
    try:
        raw = scan(data)
    except Unreadable as exc:
        return {"status": f"unreadable ({exc})"}
    if raw is None:
        return {"status": "unsupported"}
    exif = parse_exif(raw.exif) if raw.exif else None
    xmp = parse_xmp(raw.xmp)
    iptc = parse_iptc(raw.iptc) if raw.iptc else None
    gps = xmp_gps(xmp.first("exif:GPSLatitude"), xmp.first("exif:GPSLongitude"))
    return {
        "EXIF GPS": _coords(exif.gps if exif else None),
        "XMP GPS": _coords(gps),
        "XMP DigitalSourceType": ", ".join(xmp.all("dst")) or "-",
        "Credit": (iptc.credit if iptc and iptc.credit else None) or xmp.first("credit")
        or xmp.first("creator") or (exif.artist if exif else None) or "-",
    }


def _coords(gps: dict[str, float] | None) -> str:
    return f"{gps['lat']:.5f}, {gps['lon']:.5f}" if gps else "-"


def fix_image(data: bytes, fmt: str, plan: ImagePlan) -> bytes:
    """``data`` with ``plan`` applied and verified; the same bytes when nothing changes."""
    if fmt not in SUPPORTED:
        raise RewriteError(f"fixing {fmt.upper()} files is not supported (JPEG, PNG, WebP "
                           "are)")
    props: list[Prop] = []
    if plan.dst:
        props.append(dst_property(plan.dst))
    if plan.credit:
        props.append(credit_property(plan.credit))
    edits = Edits(exif=strip_gps if plan.gps else None,
                  xmp=strip_location if plan.gps else None,
                  iptc=strip_sublocation if plan.gps else None,
                  add_xmp=(lambda packet: add_properties(packet, props)) if props else None)
    new = rewrite(data, fmt, edits)
    _verify(data, new, fmt, plan)
    return new


def _verify(old: bytes, new: bytes, fmt: str, plan: ImagePlan) -> None:
    if image_data(old, fmt) != image_data(new, fmt):
        raise RewriteError("the image data would change; refusing a lossy edit")
    try:
        raw = scan(new)
    except Unreadable as exc:
        raise RewriteError(f"the edited file would not read back ({exc})") from None
    if raw is None:
        raise RewriteError("the edited file would not read back")
    xmp = parse_xmp(raw.xmp)
    if plan.gps:
        exif = parse_exif(raw.exif) if raw.exif else None
        if (exif is not None and exif.gps) or xmp.first("exif:GPSLatitude") \
                or xmp.first("exif:GPSLongitude"):
            raise RewriteError("GPS coordinates are stored where they cannot be removed "
                               "losslessly (e.g. a hex-encoded profile)")
    if plan.dst and not xmp.all("dst"):
        raise RewriteError("the DigitalSourceType did not read back")
    if plan.credit and not xmp.all("credit"):
        raise RewriteError("the credit did not read back")
