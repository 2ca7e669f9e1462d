"""The HTML report: one offline file, well-formed, escaped, thumbnails, streamed, bounded size."""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser as Selectolax
from selectolax.lexbor import LexborNode

from provenance.report_tools import replay
from provenance.reporters import html as html_reporter
from provenance.reporters.html import HtmlReporter
from tests.reporters.sample import HOSTILE, make_images, poison, render_text, sample_report

VOID = {"meta", "img", "input", "br", "hr", "link"}


class TagChecker(HTMLParser):
    """Every non-void element closed, in order; every attribute collected."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def check(text: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(text)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    return checker


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    make_images(tmp_path)
    return tmp_path


@pytest.fixture()
def page(site: Path) -> str:
    return render_text(sample_report(), "html", root=site)


def one(tree: Selectolax | LexborNode, selector: str) -> LexborNode:
    node = tree.css_first(selector)
    assert node is not None, selector
    return node


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_well_formed_offline_and_strict_csp(page: str) -> None:
    checker = check(page)
    urls = [(t, k, v) for t, k, v in checker.attrs if k in ("src", "href", "action", "srcset")]
    assert urls and all(v and v.startswith("data:image/webp;base64,") for _, _, v in urls)
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", page)
    assert not [k for _, k, _ in checker.attrs if k == "style" or k.startswith("on")]
    tree = Selectolax(page)
    csp = one(tree, 'meta[http-equiv="Content-Security-Policy"]').attributes["content"]
    style, script = one(tree, "style").text(), one(tree, "script").text()
    assert csp == (f"default-src 'none'; img-src data:; style-src {_sha(style)}; "
                   f"script-src {_sha(script)}; base-uri 'none'; form-action 'none'")
    assert len(tree.css("script")) == 1 and len(tree.css("style")) == 1


def test_hostile_text_is_escaped(page: str) -> None:
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Market &amp; \"Square\" reopens" in page
    assert "Stalls on the &lt;b&gt;square&lt;/b&gt; at dawn" in page
    tree = Selectolax(page)
    assert one(tree, "section.e .hl").text() == HOSTILE
    assert tree.css("b") and all(b.text() != "square" for b in tree.css("b"))


def test_thumbnail_for_real_image_placeholder_for_missing(page: str) -> None:
    tree = Selectolax(page)
    figures = [(one(f, "figcaption p.m").text(), f.css_first("img")) for f in
               tree.css("figure")]
    assert [(name, img is not None) for name, img in figures] == [
        ("src img/photo.jpg", True), ("src img/gone.jpg", False),
        ("path images/generated.png", True)]
    for _, img in figures[::2]:
        assert img is not None
        src = img.attributes["src"]
        assert src is not None
        im = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
        assert im.format == "WEBP" and max(im.size) == 96
    assert [n.text() for n in tree.css("figure .ph")] == ["missing"]


def test_content_per_article(page: str) -> None:
    tree = Selectolax(page)
    sections = tree.css("section.e")
    assert [one(s, "h3").text() for s in sections] == [
        "html/market.html", "jsonl/briefs.jsonl #2", "text/clean.txt", "images/generated.png"]
    assert [s.attributes["class"] for s in sections] == ["e s-fail", "e s-warn", "e s-clean",
                                                         "e s-warn"]
    assert [s.attributes.get("data-rules") for s in sections] == ["IMG001 IMG005", "ATR001",
                                                                  None, "IMG006"]
    assert [s.attributes.get("data-verdicts") for s in sections] == ["not-ai unknown", None,
                                                                     None, "ai-generated"]
    market = sections[0]
    rows = [(r.css("td")[0].text(), r.css("td")[1].text(), r.attributes["class"])
            for r in market.css("tr.f")]
    assert rows == [("warning", "IMG005 gps-location-embedded", "f"),
                    ("info", "IMG006 image-credit-missing", "f sup"),
                    ("error", "IMG001 image-missing", "f")]
    assert "suppressed (inline): credit is in the caption" in market.text()
    assert "“LISBON (Reuters) -”" in market.text()
    assert [td.text() for td in market.css("figure table td")] == ["xmp", "DigitalSourceType",
                                                                  "digitalCapture"]
    assert "GPS 52.52000, 13.40500" in market.text()
    assert "“This image is AI-generated.”" in sections[2].text()


def test_summary_and_filters_come_last_in_source(page: str) -> None:
    assert page.index('<section id="summary">') > page.index("</main>")
    tree = Selectolax(page)
    options = [o.attributes["value"] for o in tree.css("#f-rule option")]
    assert options == ["", "ATR001", "IMG001", "IMG005", "IMG006", "MET001"]
    assert "failed" in one(tree, "#summary h2").text()
    assert "hidden" in one(tree, "#filters").attributes  # shown by the script only


def test_sections_are_written_as_they_arrive(site: Path) -> None:
    out = io.StringIO()
    reporter = HtmlReporter(out, root=site)
    report = sample_report()
    reporter.start({k: report[k] for k in ("schema_version", "tool", "root")})
    reporter.article(report["articles"][0])
    assert out.getvalue().rstrip().endswith("</section>")
    assert '<img id="t1" alt="thumbnail" src="data:image/webp;base64,' in out.getvalue()


def test_images_gone_since_the_audit_give_placeholders(tmp_path: Path) -> None:
    page = render_text(sample_report(), "html", root=tmp_path)  # nothing there
    tree = Selectolax(page)
    assert tree.css("figure img") == []
    assert [n.text() for n in tree.css("figure .ph")] == ["no preview", "missing", "no preview"]


def test_a_repeated_image_is_embedded_once(site: Path) -> None:
    report = sample_report()
    twin = copy.deepcopy(report["articles"][0])
    twin["path"] = "html/market-copy.html"
    report["articles"].insert(1, twin)
    page = render_text(report, "html", root=site)
    assert page.count("data:image/webp") == 2  # photo.jpg once, generated.png once
    assert page.count('<img alt="thumbnail" data-same="t1">') == 1


def _typical_article(i: int, findings: int) -> dict[str, Any]:
    """The sample's market article with one (distinct) photo and some of its findings."""
    article: dict[str, Any] = copy.deepcopy(sample_report()["articles"][0])
    article["path"] = f"archive/2025/{i:05d}/council-approves-the-harbour-budget.html"
    article["images"] = article["images"][:1]
    article["images"][0]["path"] = f"archive/2025/{i:05d}/img/photo.jpg"
    article["findings"] = article["findings"][:findings]
    return article


@pytest.mark.parametrize(("findings", "min_thumbs"), [(1, 9_800), (3, 6_000)])
def test_ten_thousand_articles_stay_under_25_mb(monkeypatch: pytest.MonkeyPatch,
                                                findings: int, min_thumbs: int) -> None:
    # Every photo is distinct; its WebP data URI has 1,200 characters (the shared corpus
    # averages 1,140 at 96 px). Heavier articles give up some previews to stay under 25 MB.
    monkeypatch.setattr(html_reporter.HtmlReporter, "_thumbnail",
                        lambda self, root, path: "data:image/webp;base64," + "A" * 1177)
    out = io.StringIO()
    reporter = HtmlReporter(out, root=Path("."))
    report = sample_report()
    reporter.start({k: report[k] for k in ("schema_version", "tool", "root")})
    for i in range(10_000):
        reporter.article(_typical_article(i, findings))
    reporter.finish({k: report[k] for k in ("errors", "stale_baseline", "summary")})
    text = out.getvalue()
    assert len(text.encode("utf-8")) < 25 * 1024 * 1024
    thumbs = text.count("data:image/webp")
    assert thumbs >= min_thumbs
    assert text.count("preview left out (report size)") == 10_000 - thumbs


def test_no_allowance_means_placeholders(site: Path) -> None:
    out = io.StringIO()
    replay(sample_report(), HtmlReporter(out, root=site, bytes_per_entry=0, thumb_floor=0))
    page = out.getvalue()
    assert "data:image/webp" not in page
    assert [n.text() for n in Selectolax(page).css("figure .ph")] == [
        "preview left out (report size)", "missing", "preview left out (report size)"]


def test_no_report_string_can_inject_markup(site: Path) -> None:
    page = render_text(poison(sample_report()), "html", root=site)
    checker = check(page)
    tags = [t for t, _, _ in checker.attrs]
    assert "a" not in tags and not [k for _, k, _ in checker.attrs if k.startswith("on")]
    assert [v for _, k, v in checker.attrs if k == "src"] == []  # poisoned paths: no previews
    assert page.count("<script>") == 1
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_a_saved_report_cannot_point_thumbnails_outside_the_root(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_images(site)
    Image.new("RGB", (50, 50)).save(tmp_path / "private.jpg")
    report = sample_report()
    report["articles"][0]["images"][0]["path"] = "../private.jpg"
    report["images"][0]["path"] = str(tmp_path / "private.jpg")
    page = render_text(report, "html", root=site)
    assert "data:image/webp" not in page
    assert [n.text() for n in Selectolax(page).css("figure .ph")] == \
        ["no preview", "missing", "no preview"]
