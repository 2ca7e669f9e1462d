"""EXIF, IPTC IIM and XMP fields on files written at test time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from provenance.images import read_image
from provenance.images.model import Evidence
from tests.images.builders import (
    DST,
    exif_bytes,
    unicode_comment,
    write_jpeg,
    write_png,
    write_webp,
    xmp_packet,
)


def test_camera_jpeg_exif_fields(tmp_path: Path) -> None:
    exif = exif_bytes(make="Nikon", model="Z 8", software="Ver.01.00", artist="A. Reporter",
                      copyright="(c) Test Desk", taken="2025:03:04 05:06:07", offset="+09:00",
                      gps=(35.6586, -139.7454))
    image = read_image(write_jpeg(tmp_path / "cam.jpg", (40, 30), exif=exif), "cam.jpg")
    assert (image.status, image.format, image.width, image.height) == ("ok", "jpeg", 40, 30)
    assert image.path == "cam.jpg"
    assert image.size == (tmp_path / "cam.jpg").stat().st_size
    assert image.captured == "2025-03-04T05:06:07+09:00"
    assert image.gps is not None and set(image.gps) == {"lat", "lon"}
    assert (image.gps["lat"], image.gps["lon"]) == pytest.approx((35.6586, -139.7454), abs=1e-6)
    assert image.credit == "A. Reporter"
    assert image.ai.verdict == "unknown" and image.ai.evidence == []
    assert image.machine_readable is False


def test_capture_time_without_offset_has_none(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "a.jpg", exif=exif_bytes(taken="2024:12:31 23:59:58"))
    assert read_image(path, "a.jpg").captured == "2024-12-31T23:59:58"


def test_bad_capture_time_and_missing_gps(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "a.jpg", exif=exif_bytes(taken="0000:00:00 00:00:00"))
    image = read_image(path, "a.jpg")
    assert (image.captured, image.gps) == (None, None)


def test_southern_western_gps_is_negative(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "a.jpg", exif=exif_bytes(gps=(-33.8568, -70.6693)))
    gps = read_image(path, "a.jpg").gps
    assert gps is not None
    assert (gps["lat"], gps["lon"]) == pytest.approx((-33.8568, -70.6693), abs=1e-6)


def test_a1111_user_comment_in_jpeg_is_ai(tmp_path: Path) -> None:
    text = "a lighthouse at dusk\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, Seed: 7"
    path = write_jpeg(tmp_path / "a.jpg", exif=exif_bytes(user_comment=unicode_comment(text)))
    image = read_image(path, "a.jpg")
    assert image.ai.verdict == "ai-generated"
    assert image.ai.evidence == [Evidence("exif", "UserComment", text)]
    assert image.machine_readable is True


def test_camera_user_comment_is_not_ai(tmp_path: Path) -> None:
    comment = b"ASCII\x00\x00\x00Copyright Test Desk, all rights reserved"
    path = write_jpeg(tmp_path / "a.jpg", exif=exif_bytes(user_comment=comment))
    assert read_image(path, "a.jpg").ai.verdict == "unknown"


def test_webp_exif_user_comment(tmp_path: Path) -> None:
    text = "studio portrait\nSteps: 30, Sampler: DPM++ 2M, CFG scale: 7"
    path = write_webp(tmp_path / "w.webp", (30, 20),
                      exif=exif_bytes(user_comment=unicode_comment(text)))
    image = read_image(path, "w.webp")
    assert (image.format, image.width, image.height) == ("webp", 30, 20)
    assert image.ai.evidence == [Evidence("exif", "UserComment", text)]


@pytest.mark.parametrize("lossless", [False, True])
def test_webp_dimensions_for_vp8_and_vp8l(tmp_path: Path, lossless: bool) -> None:
    path = write_webp(tmp_path / "w.webp", (33, 17), lossless=lossless)
    image = read_image(path, "w.webp")
    assert (image.status, image.width, image.height) == ("ok", 33, 17)


@pytest.mark.parametrize(
    ("attrs", "body"),
    [
        (f'Iptc4xmpExt:DigitalSourceType="{DST}trainedAlgorithmicMedia"', ""),
        ("", f"<Iptc4xmpExt:DigitalSourceType>{DST}trainedAlgorithmicMedia"
             "</Iptc4xmpExt:DigitalSourceType>"),
        ("", f'<Iptc4xmpExt:DigitalSourceType rdf:resource="{DST}trainedAlgorithmicMedia"/>'),
    ],
    ids=["attribute", "element", "resource"],
)
def test_xmp_dst_in_every_rdf_form(tmp_path: Path, attrs: str, body: str) -> None:
    path = write_jpeg(tmp_path / "a.jpg", xmp=xmp_packet(attrs, body))
    image = read_image(path, "a.jpg")
    assert image.ai.verdict == "ai-generated"
    assert image.ai.evidence == [
        Evidence("xmp", "Iptc4xmpExt:DigitalSourceType", f"{DST}trainedAlgorithmicMedia")
    ]


def test_xmp_dst_matched_by_namespace_not_prefix_and_https(tmp_path: Path) -> None:
    value = "https://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    packet = xmp_packet(
        f'xmlns:iptcExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
        f'iptcExt:DigitalSourceType=" {value} "'
    )
    image = read_image(write_jpeg(tmp_path / "a.jpg", xmp=packet), "a.jpg")
    assert image.ai.evidence == [Evidence("xmp", "Iptc4xmpExt:DigitalSourceType", value)]


def test_dst_in_a_foreign_namespace_is_ignored(tmp_path: Path) -> None:
    packet = xmp_packet(f'xmlns:other="http://example.org/ns/" '
                        f'other:DigitalSourceType="{DST}trainedAlgorithmicMedia"')
    assert read_image(write_jpeg(tmp_path / "a.jpg", xmp=packet), "a.jpg").ai.verdict == "unknown"


@pytest.mark.parametrize(
    ("term", "verdict"),
    [
        ("trainedAlgorithmicMedia", "ai-generated"),
        ("compositeWithTrainedAlgorithmicMedia", "ai-composite"),
        ("compositeSynthetic", "ai-composite"),
        ("algorithmicMedia", "not-ai"),
        ("algorithmicallyEnhanced", "not-ai"),
        ("computationalCapture", "not-ai"),
        ("digitalCapture", "not-ai"),
        ("screenCapture", "not-ai"),
        ("composite", "unknown"),
        ("virtualRecording", "unknown"),
        ("somethingNew", "unknown"),
    ],
)
def test_dst_terms_compare_whole_segments(tmp_path: Path, term: str, verdict: str) -> None:
    packet = xmp_packet(f'Iptc4xmpExt:DigitalSourceType="{DST}{term}"')
    image = read_image(write_png(tmp_path / "a.png", xmp=packet), "a.png")
    assert image.ai.verdict == verdict
    assert image.machine_readable is True


def test_capture_evidence_lists_digital_capture(tmp_path: Path) -> None:
    packet = xmp_packet(f'Iptc4xmpExt:DigitalSourceType="{DST}digitalCapture"')
    exif = exif_bytes(software="Adobe Photoshop 25.0 (Windows)", make="Canon")
    image = read_image(write_jpeg(tmp_path / "a.jpg", exif=exif, xmp=packet), "a.jpg")
    assert image.ai.verdict == "not-ai"
    assert image.capture_evidence == [
        Evidence("xmp", "Iptc4xmpExt:DigitalSourceType", f"{DST}digitalCapture")
    ]


def test_ai_beats_composite_beats_capture(tmp_path: Path) -> None:
    body = (f'<Iptc4xmpExt:DigitalSourceType rdf:resource="{DST}digitalCapture"/>')
    packet = xmp_packet(f'Iptc4xmpExt:DigitalSourceType="{DST}compositeSynthetic"', body)
    image = read_image(write_jpeg(tmp_path / "a.jpg", xmp=packet), "a.jpg")
    assert image.ai.verdict == "ai-composite"
    assert [e.value.rsplit("/", 1)[-1] for e in image.ai.evidence] == [
        "compositeSynthetic", "digitalCapture"]
    assert image.capture_evidence == []


def test_iptc_2025_ai_fields(tmp_path: Path) -> None:
    body = ("<Iptc4xmpExt:AISystemUsed>ExampleGen</Iptc4xmpExt:AISystemUsed>"
            "<Iptc4xmpExt:AIPromptInformation>a red kite</Iptc4xmpExt:AIPromptInformation>")
    image = read_image(write_jpeg(tmp_path / "a.jpg", xmp=xmp_packet("", body)), "a.jpg")
    assert image.ai.verdict == "ai-generated"
    assert image.ai.evidence == [
        Evidence("xmp", "Iptc4xmpExt:AISystemUsed", "ExampleGen"),
        Evidence("xmp", "Iptc4xmpExt:AIPromptInformation", "a red kite"),
    ]


def test_evidence_values_are_cut_at_200(tmp_path: Path) -> None:
    long_prompt = "word " * 100
    body = f"<Iptc4xmpExt:AIPromptInformation>{long_prompt}</Iptc4xmpExt:AIPromptInformation>"
    image = read_image(write_jpeg(tmp_path / "a.jpg", xmp=xmp_packet("", body)), "a.jpg")
    assert [len(e.value) for e in image.ai.evidence] == [200]


def test_credit_line_first_and_xmp_when_the_iim_has_no_digest(tmp_path: Path) -> None:
    """The credit line comes before the creator; with no IPTCDigest the IIM is taken to be
    in sync with the XMP, which wins (MWG 2.0; more in test_credit_reconciliation.py)."""
    body = ("<dc:creator><rdf:Seq><rdf:li>XMP Creator</rdf:li></rdf:Seq></dc:creator>"
            "<photoshop:Credit>XMP Credit</photoshop:Credit>")
    path = write_jpeg(tmp_path / "a.jpg", exif=exif_bytes(artist="Exif Artist"),
                      xmp=xmp_packet("", body), iptc={80: "IIM Byline", 110: "IIM Credit"})
    image = read_image(path, "a.jpg")
    assert (image.credit, image.credit_field) == ("XMP Credit", "XMP-photoshop:Credit")


@pytest.mark.parametrize(
    ("iptc", "xmp_body", "exif", "expected"),
    [
        ({80: "IIM Byline", 116: "IIM Copyright"}, "", {}, "IIM Byline"),
        # A non-blank EXIF value wins its property (MWG).
        ({}, "<dc:creator><rdf:Seq><rdf:li>XMP Creator</rdf:li></rdf:Seq></dc:creator>",
         {"artist": "Exif Artist"}, "Exif Artist"),
        ({}, "<photoshop:Credit>XMP Credit</photoshop:Credit>", {"artist": "Exif Artist"},
         "XMP Credit"),
        ({}, "", {"artist": "Exif Artist", "copyright": "Exif Copyright"}, "Exif Artist"),
        ({116: "IIM Copyright"}, "", {"copyright": "Exif Copyright"}, "Exif Copyright"),
        ({}, "", {"copyright": "Exif Copyright"}, "Exif Copyright"),
        ({115: "Only A Source"}, "", {}, None),
    ],
)
def test_credit_fallbacks(tmp_path: Path, iptc: dict[int, str], xmp_body: str,
                          exif: dict[str, Any], expected: str | None) -> None:
    path = write_jpeg(tmp_path / "a.jpg", exif=exif_bytes(**exif) if exif else None,
                      xmp=xmp_packet("", xmp_body) if xmp_body else None, iptc=iptc or None)
    assert read_image(path, "a.jpg").credit == expected


def test_remote_manifest_reference_in_xmp(tmp_path: Path) -> None:
    packet = xmp_packet('dcterms:provenance="https://manifests.example.org/m/123"')
    image = read_image(write_jpeg(tmp_path / "a.jpg", xmp=packet), "a.jpg")
    assert (image.c2pa.present, image.c2pa.integrity, image.machine_readable) == (
        "remote-only", "unknown", True)


def test_self_reference_without_store_is_no_manifest(tmp_path: Path) -> None:
    packet = xmp_packet('dcterms:provenance="self#jumbf=/c2pa/urn:uuid:1/c2pa.claim"')
    image = read_image(write_jpeg(tmp_path / "a.jpg", xmp=packet), "a.jpg")
    assert image.c2pa.present == "none"


def test_google_and_apple_credit_strings(tmp_path: Path) -> None:
    edited = xmp_packet("", "<photoshop:Credit>Edited with Google AI</photoshop:Credit>")
    made = write_jpeg(tmp_path / "m.jpg", iptc={110: "Apple Image Playground"})
    assert read_image(write_jpeg(tmp_path / "e.jpg", xmp=edited), "e.jpg").ai.verdict == (
        "ai-composite")
    assert read_image(made, "m.jpg").ai.verdict == "ai-generated"


def test_malformed_xmp_is_ignored_not_fatal(tmp_path: Path) -> None:
    image = read_image(write_jpeg(tmp_path / "a.jpg", xmp=b"<x:xmpmeta><unclosed>"), "a.jpg")
    assert (image.status, image.ai.verdict) == ("ok", "unknown")
