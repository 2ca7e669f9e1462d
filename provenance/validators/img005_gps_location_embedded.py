"""IMG005 gps-location-embedded: a published image carries GPS coordinates.

Why: GPS in EXIF can reveal where a source lives, where a photographer stood, or a safe
house. Newsrooms strip location before publication unless it is intended.

Options: none.

Passes: a JPEG whose EXIF has no GPS IFD (or an empty one), or whose GPS says 0, 0: that
is what a phone writes when it has no fix (the point in the Gulf of Guinea known as "Null
Island"), and it tells nobody where the picture was taken.

Fails: a JPEG with ``GPSLatitude``/``GPSLongitude`` set.

Fix: strip GPS on export (e.g. ``exiftool -gps:all= image.jpg``) or in the CMS pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue, read_images

ID = "IMG005"
NAME = "gps-location-embedded"
DEFAULT_SEVERITY = Severity.WARNING
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "a published image carries GPS coordinates"
SCOPE = "image"
NEEDS = frozenset({"ok", "gps"})


def _no_fix(lat: Any, lon: Any) -> bool:
    """0, 0 exactly (to a ten-millionth of a degree, below EXIF's rational precision)."""
    return isinstance(lat, int | float) and isinstance(lon, int | float) and \
        abs(lat) < 1e-7 and abs(lon) < 1e-7


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for image, evidence in read_images(subject):
        if evidence.gps:
            lat, lon = evidence.gps.get("lat"), evidence.gps.get("lon")
            if _no_fix(lat, lon):
                continue
            yield image_issue(image, f"image {image.label!r} embeds GPS coordinates "
                              f"({lat:.5f}, {lon:.5f})" if lat is not None and lon is not None
                              else f"image {image.label!r} embeds GPS coordinates", "gps")
