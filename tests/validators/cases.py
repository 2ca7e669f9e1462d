"""Data-driven cases for every rule: in-memory subjects and the complete expected issues.

Each case is (rule ID, name, subject, expected) where expected lists every issue the rule
must yield as (message fragment, line, image). ``test_registry.py`` checks that every
registered rule has at least one passing and one failing case here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from provenance.images.model import AIVerdict, C2PAInfo, Evidence, ImageEvidence
from provenance.model import Article, Attribution, Block, Disclaimer, ImageRef, Suppression
from provenance.validators.base import ResolvedImage, Subject

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
DST = "http://cv.iptc.org/newscodes/digitalsourcetype/"


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    subject: Subject
    expected: list[tuple[str, int | None, str | None]]
    options: dict[str, Any] | None = None


def art(**kw: Any) -> Article:
    base: dict[str, Any] = {"path": "news/story.md", "format": "markdown",
                            "byline": "Harbour Desk", "published": "2026-03-02T08:00:00+01:00",
                            "attributions": [Attribution("(With inputs from agencies.)",
                                                         "agencies", 9, "body")]}
    base.update(kw)
    return Article(**base)


def ev(verdict: str = "unknown", *, capture: bool = False, machine: bool | None = None,
       **kw: Any) -> ImageEvidence:
    evidence = [Evidence("xmp", "DigitalSourceType", DST + "trainedAlgorithmicMedia")] \
        if verdict == "ai-generated" else []
    cap = [Evidence("xmp", "DigitalSourceType", DST + "digitalCapture")] if capture else []
    fields: dict[str, Any] = {"path": "news/img/a.jpg", "format": "jpeg", "width": 640,
                              "height": 480, "ai": AIVerdict(verdict, evidence),
                              "credit": "Harbour Photo Agency", "capture_evidence": cap,
                              "machine_readable": bool(evidence or cap) if machine is None
                              else machine}
    fields.update(kw)
    return ImageEvidence(**fields)


def img(src: str = "img/a.jpg", evidence: ImageEvidence | None = None, status: str = "ok",
        line: int = 5, position: int = 1) -> ResolvedImage:
    ref = ImageRef(src=src, line=line, position=position)
    path = None if status in ("remote", "outside-root") else "news/" + src
    return ResolvedImage(src, path, status, ref, evidence)


def subj(article: Article | None = None, images: tuple[ResolvedImage, ...] = (),
         read_error: str | None = None) -> Subject:
    return Subject(article if article is not None else art(), images, NOW, read_error)


def disc(text: str, image: str | None, zone: str = "caption", line: int = 6) -> Disclaimer:
    return Disclaimer(text, line, zone, image)


AI_IMG = img(evidence=ev("ai-generated"))
CAPTION = disc("Illustration generated with AI.", "img/a.jpg")
BODY = disc("We created the illustrations in this piece with an image generator.", None,
            "body", 12)
SIDEBAR = disc("All AI-generated images on this site are labelled.", None, "boilerplate", 40)
THREE = (AI_IMG, img("img/b.jpg", ev("not-ai"), line=20), img("img/c.jpg", ev(), line=30))

CASES: list[Case] = [
    # ATR001 / ATR002
    Case("ATR001", "closing line present", subj(), []),
    Case("ATR001", "no attribution", subj(art(attributions=[])),
         [("no source attribution", None, None)]),
    Case("ATR001", "only boilerplate credit is ATR002's", subj(art(attributions=[
        Attribution("(With inputs from agencies.)", "agencies", 50, "boilerplate")])), []),
    Case("ATR002", "body credit", subj(), []),
    Case("ATR002", "only in boilerplate", subj(art(attributions=[
        Attribution("(With inputs from agencies.)", "agencies", 50, "boilerplate")])),
        [("appears only in page boilerplate", 50, None)]),
    Case("ATR002", "none at all is ATR001's", subj(art(attributions=[])), []),
    # ATR003
    Case("ATR003", "known agency", subj(), []),
    Case("ATR003", "unknown source", subj(art(attributions=[
        Attribution("(With inputs from Globex Wire.)", "Globex Wire", 9, "body")])),
        [("'Globex Wire' is not a known source", 9, None)]),
    Case("ATR003", "policy adds the source", subj(art(attributions=[
        Attribution("(With inputs from Globex Wire.)", "Globex Wire", 9, "body")])), [],
        {"known_sources": None, "extra_sources": ["globex wire"]}),
    # AID001..AID004
    Case("AID001", "caption disclosure", subj(art(disclaimers=[CAPTION]), (AI_IMG,)), []),
    Case("AID001", "no disclosure", subj(art(), (AI_IMG,)),
         [("is ai-generated (xmp DigitalSourceType", 5, "img/a.jpg")]),
    Case("AID001", "sidebar notice does not count", subj(art(disclaimers=[SIDEBAR]), (AI_IMG,)),
         [("the page does not disclose it", 5, "img/a.jpg")]),
    Case("AID001", "single image, body disclosure", subj(art(disclaimers=[BODY]), (AI_IMG,)), []),
    Case("AID001", "three images, body only is AID003", subj(art(disclaimers=[BODY]), THREE), []),
    Case("AID001", "not-ai image needs nothing", subj(art(), (img(evidence=ev("not-ai")),)), []),
    Case("AID003", "three images, body only", subj(art(disclaimers=[BODY]), THREE),
         [("its only disclosure is elsewhere", 5, "img/a.jpg")]),
    Case("AID003", "three images, caption", subj(art(disclaimers=[CAPTION]), THREE), []),
    Case("AID002", "disclosed AI image", subj(art(disclaimers=[CAPTION]), (AI_IMG,)), []),
    Case("AID002", "disclosed camera photo", subj(art(disclaimers=[CAPTION]),
         (img(evidence=ev("not-ai", capture=True)),)),
         [("disclosed as AI but its metadata says otherwise", 5, "img/a.jpg")]),
    Case("AID004", "disclosed with DST", subj(art(disclaimers=[CAPTION]), (AI_IMG,)), []),
    Case("AID004", "disclosed, no metadata", subj(art(disclaimers=[CAPTION]),
         (img(evidence=ev("unknown", machine=False)),)),
         [("carries no machine-readable provenance", 5, "img/a.jpg")]),
    # IMG rules
    Case("IMG001", "present", subj(images=(img(evidence=ev()),)), []),
    Case("IMG001", "missing", subj(images=(img(status="missing"),)),
         [("does not exist", 5, "img/a.jpg")]),
    Case("IMG002", "readable", subj(images=(img(evidence=ev()),)), []),
    Case("IMG002", "truncated", subj(images=(img(status="unreadable", evidence=ev(
        status="unreadable", problem="JPEG ends before its end-of-image marker")),)),
        [("unreadable: JPEG ends before its end-of-image marker", 5, "img/a.jpg")]),
    Case("IMG003", "local", subj(images=(img(evidence=ev()),)), []),
    Case("IMG003", "remote", subj(images=(img("https://cdn.example.org/a.jpg", status="remote"),)),
         [("remote or inline data", 5, "https://cdn.example.org/a.jpg")]),
    Case("IMG004", "inside", subj(images=(img(evidence=ev()),)), []),
    Case("IMG004", "escapes", subj(images=(img("../../etc/x.jpg", status="outside-root"),)),
         [("escapes the audit root", 5, "../../etc/x.jpg")]),
    Case("IMG004", "site-absolute, no web root",
         subj(images=(img("/images/x.jpg", status="outside-root"),)),
         [("say where / maps with [site] web_roots", 5, "/images/x.jpg")]),
    Case("IMG005", "no gps", subj(images=(img(evidence=ev()),)), []),
    Case("IMG005", "gps", subj(images=(img(evidence=ev(gps={"lat": 38.7223, "lon": -9.1393})),)),
         [("embeds GPS coordinates (38.72230, -9.13930)", 5, "img/a.jpg")]),
    Case("IMG005", "gps 0,0: a phone without a fix",
         subj(images=(img(evidence=ev(gps={"lat": 0.0, "lon": 0.0})),)), []),
    Case("IMG005", "on the equator, not at 0,0",
         subj(images=(img(evidence=ev(gps={"lat": 0.0, "lon": 32.58})),)),
         [("embeds GPS coordinates (0.00000, 32.58000)", 5, "img/a.jpg")]),
    Case("IMG006", "credited", subj(images=(img(evidence=ev()),)), []),
    Case("IMG006", "no credit", subj(images=(img(evidence=ev(credit=None)),)),
         [("names no creator, credit or copyright holder", 5, "img/a.jpg")]),
    Case("IMG007", "intact", subj(images=(img(evidence=ev(c2pa=C2PAInfo(
        "embedded", "valid", "ok", "untrusted", ["signingCredential.untrusted"]))),)), []),
    Case("IMG007", "tampered", subj(images=(img(evidence=ev(c2pa=C2PAInfo(
        "embedded", "invalid", "failed", "untrusted",
        ["signingCredential.untrusted", "assertion.dataHash.mismatch"]))),)),
        [("C2PA integrity check failed for 'img/a.jpg': assertion.dataHash.mismatch", 5,
          "img/a.jpg")]),
    Case("IMG008", "captured before publication", subj(images=(img(evidence=ev(
        captured="2026-03-01T18:00:00")),)), []),
    Case("IMG008", "captured three days after", subj(images=(img(evidence=ev(
        captured="2026-03-05T18:00:00")),)),
        [("after the article was published", 5, "img/a.jpg")]),
    Case("IMG008", "old archive photo with max age", subj(images=(img(evidence=ev(
        captured="2019-06-01T10:00:00+02:00")),)),
        [("more than 30 days before", 5, "img/a.jpg")],
        {"max_capture_age_days": 30, "grace_hours": 24}),
    Case("IMG008", "old photo, max age off", subj(images=(img(evidence=ev(
        captured="2019-06-01T10:00:00+02:00")),)), []),
    Case("IMG009", "trusted", subj(images=(img(evidence=ev(c2pa=C2PAInfo(
        "embedded", "trusted", "ok", "trusted"))),)), []),
    Case("IMG009", "expired", subj(images=(img(evidence=ev(c2pa=C2PAInfo(
        "embedded", "invalid", "ok", "expired", ["signingCredential.expired"],
        signer="Camera Maker Inc."))),)),
        [("its signing certificate has expired (signer: Camera Maker Inc.)", 5, "img/a.jpg")]),
    Case("IMG010", "supported", subj(images=(img(evidence=ev()),)), []),
    Case("IMG010", "svg", subj(images=(img("img/a.svg", status="unsupported", evidence=ev(
        status="unsupported", format=None)),)),
        [("format provenance cannot read", 5, "img/a.svg")]),
    # MET rules
    Case("MET001", "desk line", subj(), []),
    Case("MET001", "no byline", subj(art(byline=None)), [("no byline or desk line", None, None)]),
    Case("MET002", "consistent", subj(art(updated="2026-03-02T09:30:00+01:00")), []),
    Case("MET002", "updated before published", subj(art(
        updated="2026-03-01T09:30:00+01:00", updated_raw="01-03-2026 09:30 CET",
        blocks=[Block("meta", "Harbour Desk | Updated: 01-03-2026 09:30 CET", 3)])),
        [("is before published", 3, None)]),
    Case("MET002", "future", subj(art(published="2027-01-01T00:00:00+00:00")),
         [("is after the audit time", None, None)]),
    Case("MET002", "unparseable", subj(art(published=None, published_raw="yesterday-ish")),
         [("cannot be parsed", None, None)]),
    # SUP001
    Case("SUP001", "rule and reason", subj(art(suppressions=[
        Suppression("AID003", "the second image is a chart", 4)])), []),
    Case("SUP001", "no reason, unknown rule", subj(art(suppressions=[
        Suppression("AID003", None, 4), Suppression("AID999", "typo", 7),
        Suppression("SUP001", "cannot silence itself", 9)])),
        [("suppression of AID003 gives no reason", 4, None),
         ("unknown rule 'AID999'", 7, None), ("unknown rule 'SUP001'", 9, None)]),
    # INP001
    Case("INP001", "read fine", subj(), []),
    Case("INP001", "broken JSON", subj(art(), read_error="JSON ends early at line 1 column 40"),
         [("article could not be read: JSON ends early", None, None)]),
]
