"""Helpers for the fix tests: images built at test time, exiftool's reading, CLI runs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from provenance.cli import main
from provenance.images import read_image
from tests.e2e.helpers import NOW, audit_json
from tests.images.builders import (
    IPTC_EXT,
    exif_bytes,
    write_jpeg,
    write_png,
    write_webp,
    xmp_packet,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LAT, LON = 38.7222, -9.1392
# XMP with GPS (attribute and element forms, and inside an IPTC location structure) and
# tags that must survive the fix.
GPS_XMP = xmp_packet(
    'xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    'xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" '
    'exif:GPSLatitude="38,43.332N" photoshop:City="Lisbon" '
    'Iptc4xmpCore:Location="Rua Augusta 12"',
    '<exif:GPSLongitude>9,8.352W</exif:GPSLongitude>'
    '<dc:creator><rdf:Seq><rdf:li>Ana Lopes</rdf:li></rdf:Seq></dc:creator>'
    '<Iptc4xmpExt:LocationCreated><rdf:Bag><rdf:li rdf:parseType="Resource">'
    '<Iptc4xmpExt:City>Lisbon</Iptc4xmpExt:City>'
    '<exif:GPSAltitude>12/1</exif:GPSAltitude>'
    '</rdf:li></rdf:Bag></Iptc4xmpExt:LocationCreated>',
)
EXIF_WITH_GPS = exif_bytes(make="Canon", model="EOS R5", artist="Ana Lopes",
                           copyright="Coastal News", taken="2026:03:01 10:00:00",
                           gps=(LAT, LON))


def build(fmt: str, path: Path, *, exif: bytes | None = EXIF_WITH_GPS,
          xmp: bytes | None = GPS_XMP) -> Path:
    """A real JPEG, PNG or WebP with the given EXIF and XMP (Pillow writes them)."""
    if fmt == "jpeg":
        return write_jpeg(path, exif=exif, xmp=xmp)
    if fmt == "png":
        return write_png(path, exif=exif, xmp=xmp)
    return write_webp(path, exif=exif, xmp=xmp)


SUFFIX = {"jpeg": ".jpg", "png": ".png", "webp": ".webp"}


def exiftool_tags(path: Path) -> dict[str, Any] | None:
    """exiftool's reading of every tag (group-qualified), or None where it is missing."""
    tool = shutil.which("exiftool")
    if tool is None:
        return None
    out = subprocess.run([tool, "-j", "-G1", "-a", "-s", "-n", str(path)], check=True,
                         capture_output=True, text=True).stdout
    tags: dict[str, Any] = json.loads(out)[0]
    return {k: v for k, v in tags.items() if not k.startswith(
        ("System:", "File:", "Composite:", "SourceFile", "ExifTool:ExifToolVersion"))}


def require_exiftool() -> None:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool is not installed (apt-get install libimage-exiftool-perl)")


def fix(*args: str) -> int:
    return main(["fix", *args, "--now", NOW])


def copy_examples(tmp_path: Path) -> Path:
    """The shipped examples in a temporary folder (fixes edit files in place)."""
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def rules(report: dict[str, Any]) -> set[tuple[str, str, str | None]]:
    """(path, rule, image) of every unsuppressed finding, articles and images."""
    found = {(a["path"], f["rule"], f["image"]) for a in report["articles"]
             for f in a["findings"] if f["suppressed"] is None}
    found |= {(i["path"], f["rule"], f["image"]) for i in report["images"]
              for f in i["findings"] if f["suppressed"] is None}
    return found


def audit(tmp_path: Path, folder: Path, *args: str) -> dict[str, Any]:
    _, report = audit_json(tmp_path, str(folder), "--root", str(folder), "--no-cache", *args)
    return report


def gps(path: Path) -> Any:
    return read_image(path, path.name).gps


__all__ = ["IPTC_EXT", "build", "copy_examples", "exiftool_tags", "fix", "gps"]
