"""GPS coordinates that travel inside a C2PA manifest (an EXIF or metadata assertion) are
embedded location data like EXIF's own: ``image.gps`` reports them, so IMG005 sees them.

Manifests are signed at test time with c2pa-python's Builder and the test PKI.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from provenance.images import read_image
from provenance.images.c2pa_status import store_gps
from tests.images.signing import Credential, actions_manifest, make_credential, sign

CREATED = {"action": "c2pa.created",
           "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"}
EXIF_CONTEXT = {"exif": "http://ns.adobe.com/exif/1.0/"}


@pytest.fixture(scope="module")
def credential() -> Credential:
    return make_credential()


def signed_with(tmp_path: Path, credential: Credential, assertion: dict[str, Any]) -> Path:
    manifest = actions_manifest(CREATED)
    manifest["assertions"].append(assertion)
    out = io.BytesIO()
    Image.new("RGB", (48, 32), (40, 80, 120)).save(out, "JPEG", quality=80)
    path = tmp_path / "located.jpg"
    path.write_bytes(sign(out.getvalue(), "image/jpeg", manifest, credential))
    return path


@pytest.mark.parametrize("label", ["stds.exif", "c2pa.metadata"])
def test_gps_in_a_manifest_assertion_is_read(tmp_path: Path, credential: Credential,
                                             label: str) -> None:
    data = {"@context": EXIF_CONTEXT, "exif:GPSLatitude": "38,43.2N",
            "exif:GPSLongitude": "9,8.25W"}
    image = read_image(signed_with(tmp_path, credential, {"label": label, "data": data}),
                       "located.jpg")
    assert image.c2pa.present == "embedded"
    assert image.gps == {"lat": 38.72, "lon": -9.1375}


def test_a_manifest_without_location_adds_none(tmp_path: Path, credential: Credential) -> None:
    data = {"@context": EXIF_CONTEXT, "exif:Make": "Example Camera Co"}
    image = read_image(signed_with(tmp_path, credential, {"label": "stds.exif", "data": data}),
                       "located.jpg")
    assert image.gps is None


@pytest.mark.parametrize(("fields", "expected"), [
    ({"exif:GPSLatitude": 51.5, "exif:GPSLatitudeRef": "N", "exif:GPSLongitude": 0.12,
      "exif:GPSLongitudeRef": "W"}, {"lat": 51.5, "lon": -0.12}),
    ({"exif:GPSLatitude": "-33.86", "exif:GPSLongitude": "151.2"}, {"lat": -33.86, "lon": 151.2}),
    ({"exif:GPSLatitude": "91", "exif:GPSLongitude": "10"}, None),
    ({"exif:GPSLatitude": "north", "exif:GPSLongitude": "10"}, None),
])
def test_coordinate_forms_in_an_assertion(fields: dict[str, Any], expected: Any) -> None:
    store = {"active_manifest": "m", "manifests": {"m": {
        "assertions": [{"label": "stds.exif", "data": fields}]}}}
    assert store_gps(store) == expected
