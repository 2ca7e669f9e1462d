"""AID001–AID004 on real articles and real image files (page text vs. image metadata)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import audit_json
from tests.images.builders import DST, exif_bytes, write_jpeg, write_png, xmp_packet

HEAD = """---
title: Harbour Festival Opens
author: Culture Desk
date: 2026-03-02T08:00:00+01:00
---

# Harbour Festival Opens

FARO (Lusa) - The harbour festival opened on Saturday with boat parades and music.

"""


@pytest.fixture()
def images(tmp_path: Path) -> Path:
    folder = tmp_path / "site" / "img"
    folder.mkdir(parents=True)
    write_png(folder / "ai.png", text={"parameters": "boats with lanterns at night\n"
              "Steps: 20, Sampler: Euler, CFG scale: 7, Seed: 5, Size: 16x12"})
    write_jpeg(folder / "camera.jpg", exif=exif_bytes(make="Harbourcam", model="HC-7",
                                                      artist="Ana Lopes"),
               xmp=xmp_packet(f'Iptc4xmpExt:DigitalSourceType="{DST}digitalCapture"'))
    write_png(folder / "plain.png")
    return folder.parent


def aid(report: dict) -> list[tuple[str, str | None]]:
    return [(f["rule"], f["image"]) for a in report["articles"] for f in a["findings"]
            if f["rule"].startswith("AID")]


CASES = {
    "undisclosed": ("![Boats](img/ai.png)\n\nBoats in the harbour at night.\n",
                    [("AID001", "img/ai.png")]),
    "caption": ("![Boats](img/ai.png)\n\nIllustration generated with AI.\n", []),
    "camera-labelled-ai": ("![Quay](img/camera.jpg)\n\nAI-generated image.\n",
                           [("AID002", "img/camera.jpg")]),
    "three-images-body-only": (
        "![Boats](img/ai.png)\n\nBoats at night.\n\n![Quay](img/camera.jpg)\n\nThe quay.\n\n"
        "![Poster](img/plain.png)\n\nThe festival poster.\n\nOrganisers expect more visitors "
        "than last year.\n\nThe illustration of the boats in this article was generated "
        "with AI.\n",
        [("AID003", "img/ai.png")]),
    "one-image-body-only": ("![Boats](img/ai.png)\n\nBoats at night.\n\nOrganisers expect "
                            "more visitors.\n\nThe illustration of the boats in this article "
                            "was generated with AI.\n", []),
    "negated": ("![Boats](img/ai.png)\n\nBoats at night.\n\nOrganisers expect more visitors."
                "\n\nThe image of the boats in this article was not generated with AI.\n",
                [("AID001", "img/ai.png")]),
    "no-metadata": ("![Poster](img/plain.png)\n\nThis image was generated with AI.\n",
                    [("AID004", "img/plain.png")]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_markdown_disclosure_cases(images: Path, tmp_path: Path, name: str) -> None:
    body, expected = CASES[name]
    article = images / f"{name}.md"
    article.write_text(HEAD + body, encoding="utf-8")
    _, report = audit_json(tmp_path, str(article), "--root", str(images))
    assert aid(report) == expected


def test_sidebar_notice_does_not_disclose(images: Path, tmp_path: Path) -> None:
    page = images / "sidebar.html"
    page.write_text("""<!DOCTYPE html><html><head><title>Harbour Festival Opens</title></head>
<body><article><h1>Harbour Festival Opens</h1><p class="byline">By Culture Desk</p>
<p>FARO (Lusa) - The harbour festival opened on Saturday with boat parades and music that
went on late into the night along the whole length of the old quay.</p>
<figure><img src="img/ai.png" alt="Boats"><figcaption>Boats in the harbour at night.</figcaption>
</figure><p>Organisers expect more visitors than last year, when the rain kept many away.</p>
</article><aside><p>This image is AI-generated. All AI images on this site are labelled.</p>
</aside></body></html>""", encoding="utf-8")
    _, report = audit_json(tmp_path, str(page), "--root", str(images))
    assert aid(report) == [("AID001", "img/ai.png")]
    [article] = report["articles"]
    assert article["disclaimers"] == []
