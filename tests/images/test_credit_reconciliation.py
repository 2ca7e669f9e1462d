"""The image credit as the Metadata Working Group reconciles EXIF, IPTC IIM and XMP, and
the field it came from (``credit_field``).

Files are real JPEGs written here. Where ExifTool is installed its MWG composite tags
(``-use MWG``), which implement the same guidelines, read the same files as an oracle.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from provenance.images import read_image
from tests.images.builders import exif_bytes, iim_digest, write_jpeg, xmp_packet

BYLINE, CREDIT, COPYRIGHT = 80, 110, 116


def xmp(creator: str | None = None, credit: str | None = None,
        rights: str | None = None) -> bytes:
    body = ""
    if creator:
        body += f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>"
    if rights:
        body += (f"<dc:rights><rdf:Alt><rdf:li xml:lang='x-default'>{rights}</rdf:li>"
                 "</rdf:Alt></dc:rights>")
    attrs = f'photoshop:Credit="{credit}"' if credit else ""
    return xmp_packet(attrs, body)


CASES = [
    # (name, file options, credit, credit_field, MWG tag the oracle reads)
    ("exif-artist-wins-over-xmp-and-iim",
     {"exif": exif_bytes(artist="Ana Lima"), "xmp": xmp(creator="A. Lima"),
      "iptc": {BYLINE: "Lima, Ana"}},
     "Ana Lima", "EXIF:Artist", "Creator"),
    ("xmp-when-iim-has-no-digest",
     {"xmp": xmp(creator="Jane Roe"), "iptc": {BYLINE: "J. Roe"}},
     "Jane Roe", "XMP-dc:creator", "Creator"),
    ("xmp-when-the-digest-matches",
     {"xmp": xmp(creator="Jane Roe"), "iptc": {BYLINE: "J. Roe"},
      "iptc_digest": iim_digest({BYLINE: "J. Roe"})},
     "Jane Roe", "XMP-dc:creator", "Creator"),
    # An IIM edited after the XMP by a tool that knows no XMP: the stored digest is stale.
    ("iim-when-the-digest-is-stale",
     {"xmp": xmp(creator="Jane Roe"), "iptc": {BYLINE: "Kim Park"},
      "iptc_digest": iim_digest({BYLINE: "Jane Roe"})},
     "Kim Park", "IPTC:By-line", "Creator"),
    ("iim-alone", {"iptc": {BYLINE: "Kim Park"}}, "Kim Park", "IPTC:By-line", "Creator"),
    # IIM By-line holds 32 bytes: a name cut there is the XMP one, whole.
    ("truncated-iim-recovered-from-xmp",
     {"xmp": xmp(creator="Harbour Photo Cooperative of the North Coast"),
      "iptc": {BYLINE: "Harbour Photo Cooperative of the"},
      "iptc_digest": iim_digest({BYLINE: "stale"})},
     "Harbour Photo Cooperative of the North Coast", "XMP-dc:creator", "Creator"),
    ("credit-line-before-creator",
     {"exif": exif_bytes(artist="Ana Lima"), "iptc": {CREDIT: "Valley Wire"}},
     "Valley Wire", "IPTC:Credit", None),
    ("copyright-when-nothing-else",
     {"xmp": xmp(rights="© 2025 Valley Courier")},
     "© 2025 Valley Courier", "XMP-dc:rights", "Copyright"),
    ("no-credit-at-all", {}, None, None, None),
]


@pytest.mark.parametrize(("options", "credit", "field"), [c[1:4] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_credit_and_the_field_it_came_from(tmp_path: Path, options: dict, credit: str | None,
                                           field: str | None) -> None:
    image = read_image(write_jpeg(tmp_path / "photo.jpg", **options), "photo.jpg")
    assert (image.credit, image.credit_field) == (credit, field)
    assert image.fields_dict()["credit_field"] == field


@pytest.mark.parametrize(("options", "credit", "tag"),
                         [(c[1], c[2], c[4]) for c in CASES if c[4]],
                         ids=[c[0] for c in CASES if c[4]])
def test_exiftool_mwg_reads_the_same_value(tmp_path: Path, options: dict, credit: str,
                                           tag: str) -> None:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool is not installed (Debian: libimage-exiftool-perl)")
    path = write_jpeg(tmp_path / "photo.jpg", **options)
    out = subprocess.run(["exiftool", "-json", "-use", "MWG", f"-MWG:{tag}", str(path)],
                         capture_output=True, text=True, check=True).stdout
    [row] = json.loads(out)
    value = row.get(tag)
    assert (value[0] if isinstance(value, list) else value) == credit
