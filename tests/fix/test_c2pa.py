"""C2PA-signed images: refused without --sign; with it, a new manifest whose parent
ingredient is the original, validating offline (and trusted with the test's anchors)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import c2pa
import pytest

from provenance.fixes.rewrite import image_data
from provenance.images import read_image
from provenance.images.content_credentials import offline_context
from tests.fix.support import SUFFIX, audit, build, fix, rules
from tests.images.signing import actions_manifest, make_credential, sign


@pytest.fixture(scope="module")
def credential():  # type: ignore[no-untyped-def]
    return make_credential()


MIME = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def _signed_site(tmp_path: Path, credential, fmt: str = "jpeg") -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "site"
    folder.mkdir()
    plain = build(fmt, tmp_path / f"plain{SUFFIX[fmt]}", xmp=None)
    manifest = actions_manifest({"action": "c2pa.created", "digitalSourceType":
                                 "http://cv.iptc.org/newscodes/digitalsourcetype/"
                                 "digitalCapture"}, title=f"photo{SUFFIX[fmt]}")
    (folder / f"photo{SUFFIX[fmt]}").write_bytes(sign(plain.read_bytes(), MIME[fmt], manifest,
                                                      credential))
    return folder


def test_signed_image_is_refused_without_sign(tmp_path: Path, credential,  # type: ignore[no-untyped-def]
                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = _signed_site(tmp_path, credential)
    original = (folder / "photo.jpg").read_bytes()
    assert read_image(folder / "photo.jpg", "photo.jpg").c2pa.integrity == "ok"
    fix(str(folder), "--root", str(folder))
    assert (folder / "photo.jpg").read_bytes() == original
    err = capsys.readouterr().err
    assert "photo.jpg: IMG005 not fixed: the image carries a C2PA manifest" in err
    assert "--sign CERT KEY" in err


@pytest.mark.parametrize("fmt", ["jpeg", "png", "webp"])
def test_sign_writes_a_new_manifest_with_the_original_as_parent(
        tmp_path: Path, credential, fmt: str) -> None:  # type: ignore[no-untyped-def]
    folder = _signed_site(tmp_path, credential, fmt)
    name = f"photo{SUFFIX[fmt]}"
    original = (folder / name).read_bytes()
    cert, key, anchors = tmp_path / "chain.pem", tmp_path / "key.pem", tmp_path / "ca.pem"
    cert.write_text(credential.chain_pem)
    key.write_text(credential.key_pem)
    anchors.write_text(credential.ca_pem)
    fix(str(folder), "--root", str(folder), "--sign", str(cert), str(key))
    fixed = (folder / name).read_bytes()
    assert fixed != original
    assert image_data(fixed, fmt) == image_data(original, fmt)
    evidence = read_image(folder / name, name, trust_anchors=str(anchors))
    assert evidence.gps is None
    assert evidence.c2pa.integrity == "ok" and evidence.c2pa.trust == "trusted"
    with c2pa.Reader(MIME[fmt], io.BytesIO(fixed), context=offline_context()) as reader:
        store = json.loads(reader.json())
    active = store["manifests"][store["active_manifest"]]
    parents = [i for i in active["ingredients"] if i.get("relationship") == "parentOf"]
    assert len(parents) == 1
    actions = [a["action"] for assertion in active["assertions"]
               if assertion["label"].startswith("c2pa.actions")
               for a in assertion["data"]["actions"]]
    assert actions == ["c2pa.opened", "c2pa.redacted"]
    assert len(store["manifests"]) == 2  # the original's manifest travels as the parent's
    report = audit(tmp_path, folder, "--trust-anchors", str(anchors))
    assert not {r[1] for r in rules(report)} & {"IMG005", "IMG007", "IMG009"}
    assert fix(str(folder), "--root", str(folder), "--check") == 0  # nothing left


def test_bad_signing_key_leaves_the_file(tmp_path: Path, credential,  # type: ignore[no-untyped-def]
                                         capsys: pytest.CaptureFixture[str]) -> None:
    folder = _signed_site(tmp_path, credential)
    original = (folder / "photo.jpg").read_bytes()
    cert, key = tmp_path / "chain.pem", tmp_path / "key.pem"
    cert.write_text(credential.chain_pem)
    key.write_text("not a key")
    fix(str(folder), "--root", str(folder), "--sign", str(cert), str(key))
    assert (folder / "photo.jpg").read_bytes() == original
    assert "IMG005 not fixed: the --sign key is not an unencrypted PEM private key" in \
        capsys.readouterr().err
