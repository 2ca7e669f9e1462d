"""A small report in the contract's shape, built in code, for the reporter tests.

Three articles (one with a hostile headline and two images — one real, one missing — one
JSON Lines record whose text is full of characters that need escaping, one clean) and one
standalone AI-generated image. Every kind of finding state appears: live, suppressed
inline, baselined. ``make_images`` writes the real image files with Pillow.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PIL import Image, PngImagePlugin

HOSTILE = '<script>alert(1)</script> Market & "Square" reopens'


def fp(label: str) -> str:
    return "v1:" + hashlib.sha256(label.encode()).hexdigest()


def finding(rule: str, name: str, severity: str, message: str, line: int | None,
            image: str | None = None, suppressed: dict[str, Any] | None = None,
            column: int | None = None) -> dict[str, Any]:
    return {"rule": rule, "name": name, "severity": severity, "message": message,
            "line": line, "column": column, "image": image, "fingerprint": fp(rule + message),
            "suppressed": suppressed}


def c2pa(present: str = "none") -> dict[str, Any]:
    return {"present": present, "validation": "none", "integrity": "none", "trust": "none",
            "codes": [], "claim_generator": None, "signer": None}


def image_fields(status: str, verdict: str, evidence: list[dict[str, str]],
                 fmt: str | None = "jpeg") -> dict[str, Any]:
    ok = status == "ok"
    return {"status": status, "format": fmt if ok else None, "width": 640 if ok else None,
            "height": 480 if ok else None, "ai": {"verdict": verdict, "evidence": evidence},
            "c2pa": c2pa(), "credit": None, "gps": None, "captured": None}


GPS_MSG = "image 'img/photo.jpg' carries GPS coordinates (52.52000, 13.40500)"
MISSING_MSG = "image 'img/gone.jpg' does not exist"
CREDIT_MSG = "image 'img/photo.jpg' names no creator or credit"
ATR_MSG = "no source attribution: 100% of the text, see line 2, col 1"
BYLINE_MSG = "no byline or desk line"
STANDALONE_MSG = "image 'generated.png' names no creator or credit"


def market_article() -> dict[str, Any]:
    photo = {"src": "img/photo.jpg", "path": "html/img/photo.jpg",
             **image_fields("ok", "not-ai", [{"source": "xmp", "field": "DigitalSourceType",
                                              "value": "digitalCapture"}]),
             "caption": "Stalls on the <b>square</b> at dawn"}
    photo["gps"] = {"lat": 52.52, "lon": 13.405}
    gone = {"src": "img/gone.jpg", "path": "html/img/gone.jpg",
            **image_fields("missing", "unknown", []), "caption": None}
    return {
        "path": "html/market.html", "index": None, "format": "html", "headline": HOSTILE,
        "byline": "Ana Lopes", "dateline": "LISBON", "published": "2026-03-02T08:00:00+01:00",
        "updated": None,
        "attributions": [{"text": "LISBON (Reuters) -", "source": "Reuters", "line": 9,
                          "zone": "body"}],
        "disclaimers": [], "images": [photo, gone],
        "findings": [
            finding("IMG005", "gps-location-embedded", "warning", GPS_MSG, 10, "img/photo.jpg"),
            finding("IMG006", "image-credit-missing", "info", CREDIT_MSG, 10, "img/photo.jpg",
                    {"kind": "inline", "reason": "credit is in the caption"}),
            finding("IMG001", "image-missing", "error", MISSING_MSG, 12, "img/gone.jpg"),
        ],
    }


def briefs_record() -> dict[str, Any]:
    return {
        "path": "jsonl/briefs.jsonl", "index": 2, "format": "jsonl",
        "headline": "Ferry timetable, part 2: 100%\nchanged @newsdesk",
        "byline": None, "dateline": None, "published": None, "updated": None,
        "attributions": [], "disclaimers": [], "images": [],
        "findings": [
            finding("ATR001", "attribution-missing", "warning", ATR_MSG, 2, column=1),
            finding("MET001", "byline-missing", "warning", BYLINE_MSG, 2, column=1,
                    suppressed={"kind": "baseline", "reason": "accepted in baseline"}),
        ],
    }


def clean_article() -> dict[str, Any]:
    return {
        "path": "text/clean.txt", "index": None, "format": "text",
        "headline": "Council approves the harbour budget", "byline": "City desk",
        "dateline": "Seoul", "published": "2026-03-01T09:00:00+09:00",
        "updated": "2026-03-01T10:00:00+09:00",
        "attributions": [{"text": "(With inputs from agencies.)", "source": "agencies",
                          "line": 14, "zone": "body"}],
        "disclaimers": [{"text": "This image is AI-generated.", "line": 5, "zone": "meta",
                         "image": None}],
        "images": [], "findings": [],
    }


def standalone_image() -> dict[str, Any]:
    return {"path": "images/generated.png",
            **image_fields("ok", "ai-generated", [{"source": "text-chunk", "field": "parameters",
                                                   "value": "a lighthouse, Steps: 20"}], "png"),
            "findings": [finding("IMG006", "image-credit-missing", "info", STANDALONE_MSG,
                                 None)]}


def sample_report(root: str = ".") -> dict[str, Any]:
    return {
        "schema_version": "1.0", "tool": {"name": "provenance", "version": "0.1.0"},
        "root": root,
        "articles": [market_article(), briefs_record(), clean_article()],
        "images": [standalone_image()], "errors": [], "stale_baseline": [],
        "summary": {"articles": 3, "images": 3, "skipped": 0,
                    "findings": {"error": 1, "warning": 2, "info": 1},
                    "by_rule": {"ATR001": 1, "IMG001": 1, "IMG005": 1, "IMG006": 1},
                    "suppressed": 1, "baselined": 1, "stale_baseline": 0, "passed": False},
    }


def make_images(root: Path) -> None:
    """The two real files the sample names: a JPEG photo and a PNG (``gone.jpg`` stays absent)."""
    (root / "html" / "img").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(parents=True, exist_ok=True)
    photo = Image.new("RGB", (640, 480))
    for x in range(0, 640, 32):  # stripes, so the thumbnail is not a trivial flat colour
        photo.paste((200, 40 + x % 200, 90), (x, 0, x + 16, 480))
    photo.save(root / "html" / "img" / "photo.jpg", quality=85)
    Image.new("RGBA", (300, 200), (20, 120, 220, 255)).save(root / "images" / "generated.png")


def render_text(report: dict[str, Any], fmt: str, root: Path | None = None) -> str:
    """``report`` rendered through the registry's reporter for ``fmt``, as a string."""
    import io

    from provenance.report_tools import render

    out = io.StringIO()
    render(report, fmt, out, root=root)
    return out.getvalue()


ARTICLE = """---
title: {title}
author: Harbour Desk
date: 2026-03-01T10:00:00+00:00
---

# {title}

PORTO (Reuters) - The festival opened on Friday with a parade along the quay.

![Lanterns over the harbour](img/lanterns.png)

Lanterns over the harbour on the opening night.

![Crowd on the quay](img/crowd.jpg)

The crowd on the quay.
"""


def make_site(root: Path) -> None:
    """Two Markdown articles sharing an undisclosed AI image and a photo, for real audits."""
    (root / "img").mkdir(parents=True)
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", "paper lanterns over a harbour\nSteps: 20, Sampler: Euler a, "
                  "CFG scale: 7, Seed: 1, Size: 320x200, Model: test-model")
    Image.new("RGB", (320, 200), (30, 60, 140)).save(root / "img" / "lanterns.png",
                                                     pnginfo=info)
    Image.new("RGB", (400, 300), (150, 120, 80)).save(root / "img" / "crowd.jpg")
    (root / "festival.md").write_text(ARTICLE.format(title="Harbour lights festival opens"),
                                      encoding="utf-8")
    (root / "festival-update.md").write_text(ARTICLE.format(title="Festival draws crowds"),
                                             encoding="utf-8")


PAYLOAD = "\"'><img src=x onerror=alert(1)><script>alert(2)</script><a href=https://x.invalid>"


def poison(value: Any) -> Any:
    """Every string in a report with markup appended, however it is used."""
    if isinstance(value, str):
        return value + PAYLOAD
    if isinstance(value, list):
        return [poison(v) for v in value]
    if isinstance(value, dict):
        return {k: poison(v) for k, v in value.items()}
    return value
