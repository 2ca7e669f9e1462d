"""C2PA manifests signed at test time with c2pa-python's Builder and a generated test PKI."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import c2pa
import pytest
from PIL import Image

from provenance.images import content_credentials, read_image
from provenance.images.model import Evidence
from tests.images.builders import DST, write_jpeg
from tests.images.signing import (
    Credential,
    actions_manifest,
    make_credential,
    make_self_signed,
    sign,
)

AI_CREATED = {"action": "c2pa.created", "digitalSourceType": f"{DST}trainedAlgorithmicMedia",
              "softwareAgent": {"name": "Test Generator", "version": "1"}}
CAPTURED = {"action": "c2pa.created", "digitalSourceType": f"{DST}digitalCapture"}


@pytest.fixture(scope="module")
def credential() -> Credential:
    return make_credential()


def _jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 60, 90)).save(out, "JPEG", quality=80)
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (24, 16), (3, 6, 9)).save(out, "PNG")
    return out.getvalue()


def _signed(tmp_path: Path, credential: Credential, *actions: dict[str, Any],
            name: str = "signed.jpg") -> Path:
    path = tmp_path / name
    path.write_bytes(sign(_jpeg(), "image/jpeg", actions_manifest(*actions), credential))
    return path


def test_signed_manifest_reads_valid_and_untrusted(tmp_path: Path,
                                                   credential: Credential) -> None:
    image = read_image(_signed(tmp_path, credential, AI_CREATED), "signed.jpg")
    assert image.c2pa.to_dict() == {
        "present": "embedded", "validation": "valid", "integrity": "ok", "trust": "untrusted",
        "codes": ["signingCredential.untrusted"], "claim_generator": "provenance-tests",
        "signer": "Provenance Test PKI",
    }
    assert image.ai.verdict == "ai-generated"
    assert image.ai.evidence == [
        Evidence("c2pa", "c2pa.created.digitalSourceType", f"{DST}trainedAlgorithmicMedia")
    ]
    assert image.machine_readable is True


def test_trusted_with_the_ca_as_anchor(tmp_path: Path, credential: Credential) -> None:
    path = _signed(tmp_path, credential, CAPTURED)
    image = read_image(path, "signed.jpg", trust_anchors=credential.ca_pem)
    assert (image.c2pa.validation, image.c2pa.trust, image.c2pa.codes) == ("trusted", "trusted", [])
    assert image.ai.verdict == "not-ai"


def test_anchors_from_a_pem_file(tmp_path: Path, credential: Credential) -> None:
    anchors = tmp_path / "anchors.pem"
    anchors.write_text(credential.ca_pem, encoding="ascii")
    path = _signed(tmp_path, credential, CAPTURED)
    for given in (str(anchors), anchors):
        assert read_image(path, "s.jpg", trust_anchors=given).c2pa.trust == "trusted"


def test_tampered_pixels_fail_integrity(tmp_path: Path, credential: Credential) -> None:
    path = _signed(tmp_path, credential, AI_CREATED)
    data = bytearray(path.read_bytes())
    data[-40] ^= 0x55  # inside the entropy-coded scan, well after the manifest
    path.write_bytes(bytes(data))
    image = read_image(path, "signed.jpg", trust_anchors=credential.ca_pem)
    assert (image.status, image.c2pa.validation, image.c2pa.integrity) == (
        "ok", "invalid", "failed")
    assert image.c2pa.codes == ["assertion.dataHash.mismatch"]
    assert image.c2pa.trust == "trusted"
    assert image.ai.verdict == "ai-generated"  # a broken seal does not erase the claim


def test_self_signed_leaf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(c2pa.C2paError):
        sign(_jpeg(), "image/jpeg", actions_manifest(CAPTURED), make_self_signed())


def test_signed_png_uses_cabx_chunk(tmp_path: Path, credential: Credential) -> None:
    path = tmp_path / "s.png"
    path.write_bytes(sign(_png(), "image/png", actions_manifest(AI_CREATED, title="s.png"),
                          credential))
    image = read_image(path, "s.png")
    assert (image.format, image.c2pa.present, image.c2pa.integrity) == ("png", "embedded", "ok")
    assert image.ai.verdict == "ai-generated"


def test_known_generator_as_software_agent_without_dst(tmp_path: Path,
                                                       credential: Credential) -> None:
    # Bing Image Creator's 2024 manifests have no trained-AI DigitalSourceType at all; C2PA 2.x
    # requires one on c2pa.created, so this one states a non-AI term the agent must outrank
    action = {"action": "c2pa.created", "softwareAgent": "Bing Image Creator",
              "digitalSourceType": f"{DST}digitalCreation"}
    image = read_image(_signed(tmp_path, credential, action), "s.jpg")
    assert image.ai.verdict == "ai-generated"
    assert image.ai.evidence == [
        Evidence("c2pa", "c2pa.created.softwareAgent", "Bing Image Creator"),
        Evidence("c2pa", "c2pa.created.digitalSourceType", f"{DST}digitalCreation"),
    ]


def test_generator_agent_of_an_ai_edit_is_composite(tmp_path: Path,
                                                   credential: Credential) -> None:
    fill = {"action": "c2pa.edited", "softwareAgent": "Adobe Firefly",
            "digitalSourceType": f"{DST}compositeWithTrainedAlgorithmicMedia"}
    image = read_image(_signed(tmp_path, credential, CAPTURED, fill), "s.jpg")
    assert image.ai.verdict == "ai-composite"
    assert image.ai.evidence == [
        Evidence("c2pa", "c2pa.edited.digitalSourceType",
                 f"{DST}compositeWithTrainedAlgorithmicMedia"),
        Evidence("c2pa", "c2pa.edited.softwareAgent", "Adobe Firefly"),
        Evidence("c2pa", "c2pa.created.digitalSourceType", f"{DST}digitalCapture"),
    ]
    assert image.capture_evidence == []  # an AI edit of a photo is rightly disclosed as AI


def test_traps_in_a_manifest_are_not_ai(tmp_path: Path, credential: Credential) -> None:
    actions = (
        {"action": "c2pa.created", "digitalSourceType": f"{DST}algorithmicMedia"},
        {"action": "c2pa.edited", "digitalSourceType": f"{DST}composite",
         "description": "Added visible watermark"},
    )
    image = read_image(_signed(tmp_path, credential, *actions), "s.jpg")
    assert image.ai.verdict == "not-ai"
    assert image.ai.evidence == [
        Evidence("c2pa", "c2pa.created.digitalSourceType", f"{DST}algorithmicMedia"),
        Evidence("c2pa", "c2pa.edited.digitalSourceType", f"{DST}composite"),
    ]


def test_ai_in_an_ingredient_manifest(tmp_path: Path, credential: Credential) -> None:
    parent = tmp_path / "parent.jpg"
    parent.write_bytes(sign(_jpeg(), "image/jpeg", actions_manifest(AI_CREATED), credential))
    manifest = actions_manifest({"action": "c2pa.opened", "parameters": {"ingredientIds": ["p1"]},
                                 "digitalSourceType": f"{DST}composite"})
    with c2pa.Builder(manifest, context=content_credentials.offline_context()) as builder:
        with parent.open("rb") as stream:
            builder.add_ingredient({"title": "parent.jpg", "relationship": "parentOf",
                                    "instance_id": "p1"}, "image/jpeg", stream)
        child = _sign_with(builder, parent.read_bytes(), credential)
    path = tmp_path / "child.jpg"
    path.write_bytes(child)
    image = read_image(path, "child.jpg")
    assert image.ai.verdict == "ai-generated"
    assert [e.source for e in image.ai.evidence] == ["c2pa-ingredient", "c2pa"]


def _sign_with(builder: c2pa.Builder, source: bytes, credential: Credential) -> bytes:
    info = c2pa.C2paSignerInfo(alg=b"es256", sign_cert=credential.chain_pem.encode(),
                               private_key=credential.key_pem.encode(), ta_url=None)
    out = io.BytesIO()
    with c2pa.Signer.from_info(info) as signer:
        builder.sign(signer, "image/jpeg", io.BytesIO(source), out)
    return out.getvalue()


def test_every_reader_gets_the_offline_context(tmp_path: Path, credential: Credential,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = _signed(tmp_path, credential, AI_CREATED)
    settings_seen: list[dict[str, Any]] = []
    contexts_seen: list[Any] = []
    real_from_dict, real_reader = c2pa.Context.from_dict, c2pa.Reader

    def from_dict(settings: dict[str, Any]) -> Any:
        settings_seen.append(settings)
        return real_from_dict(settings)

    def reader(*args: Any, **kwargs: Any) -> Any:
        contexts_seen.append(kwargs.get("context"))
        return real_reader(*args, **kwargs)

    monkeypatch.setattr(c2pa.Context, "from_dict", from_dict)
    monkeypatch.setattr(c2pa, "Reader", reader)
    content_credentials.offline_context.cache_clear()
    try:
        for anchors in (None, credential.ca_pem):
            read_image(path, "s.jpg", trust_anchors=anchors)
            read_image(path, "s.jpg", trust_anchors=anchors)
    finally:
        content_credentials.offline_context.cache_clear()
    offline = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
               "core": {"allowed_network_hosts": []}}
    assert settings_seen == [offline, {**offline, "trust": {"user_anchors": credential.ca_pem}}]
    assert len(contexts_seen) == 4 and all(c is not None for c in contexts_seen)
    assert contexts_seen[0] is contexts_seen[1] and contexts_seen[2] is contexts_seen[3]


def test_c2pa_not_imported_without_a_store(tmp_path: Path) -> None:
    write_jpeg(tmp_path / "plain.jpg")
    code = (
        "import sys; from pathlib import Path; from provenance.images import read_image; "
        f"read_image(Path({str(tmp_path / 'plain.jpg')!r}), 'plain.jpg'); "
        "print('c2pa' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_camera_signed_manifest_is_capture_evidence(tmp_path: Path,
                                                    credential: Credential) -> None:
    manifest = actions_manifest({"action": "c2pa.created", "digitalSourceType": f"{DST}composite"})
    manifest["assertions"].append({"label": "stds.exif", "data": {
        "@context": {"tiff": "http://ns.adobe.com/tiff/1.0/"},
        "tiff:Make": "Canon", "tiff:Model": "EOS R1"}})
    path = tmp_path / "cam.jpg"
    path.write_bytes(sign(_jpeg(), "image/jpeg", manifest, credential))
    image = read_image(path, "cam.jpg")
    assert image.ai.verdict == "not-ai"
    assert image.capture_evidence == [Evidence("c2pa", "stds.exif.tiff:Make", "Canon")]
