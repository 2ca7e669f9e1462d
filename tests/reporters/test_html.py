"""The HTML report: one offline file, well-formed, escaped; what to fix first, how, and in
words an editor uses; thumbnails; pages inflated on demand; bounded size at archive scale."""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import re
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser as Selectolax
from selectolax.lexbor import LexborNode

from provenance.cli import main
from provenance.reporters import html as html_reporter
from provenance.reporters.html import (
    PAGE,
    HtmlReporter,
    cut_at_word,
    plain_verdict,
    rule_help,
)
from provenance.reporters.sarif import RULES_URL
from provenance.reporters.thumbnails import ThumbnailPool
from tests.conftest import REPO
from tests.reporters.sample import (
    HOSTILE,
    finding,
    make_images,
    poison,
    render_text,
    sample_report,
)

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


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def data_block(page: str, ident: str) -> Any:
    node = one(Selectolax(page), f'script[id="{ident}"]')
    assert node.attributes["type"] == "application/json"
    return json.loads(node.text())


def all_entries(page: str) -> str:
    """The first page's entries followed by every deflated page, inflated as the script does."""
    tree = Selectolax(page)
    main_html = one(tree, "main#entries").html or ""
    pages = [(int(str(n.attributes["id"])[4:]), n.text()) for n in
             tree.css('script[type="text/plain"]')]
    assert [k for k, _ in pages] == list(range(1, len(pages) + 1))
    inflated = [zlib.decompress(base64.b64decode(text)).decode("utf-8") for _, text in pages]
    return main_html + "".join(inflated)


def test_well_formed_offline_and_strict_csp(page: str) -> None:
    checker = check(page)
    srcs = [v for _, k, v in checker.attrs if k in ("src", "action", "srcset")]
    assert srcs and all(v and v.startswith("data:image/webp;base64,") for v in srcs)
    hrefs = [v for _, k, v in checker.attrs if k == "href"]
    assert hrefs and all(re.fullmatch(r"#rule-[A-Z]{3}[0-9]{3}", v or "") or v == RULES_URL
                         for v in hrefs)
    assert RULES_URL in hrefs  # each rule's documentation points on to the README
    assert not re.search(r"(src|action)\s*=\s*[\"']?\s*(https?:)?//", page)
    assert not [k for _, k, _ in checker.attrs if k == "style" or k.startswith("on")]
    tree = Selectolax(page)
    csp = one(tree, 'meta[http-equiv="Content-Security-Policy"]').attributes["content"]
    scripts = [s for s in tree.css("script") if "type" not in s.attributes]
    assert len(scripts) == 1 and len(tree.css("style")) == 1
    style, script = one(tree, "style").text(), scripts[0].text()
    assert csp == (f"default-src 'none'; img-src data:; style-src {_sha(style)}; "
                   f"script-src {_sha(script)}; base-uri 'none'; form-action 'none'")
    # every other script element is an inert data block the CSP never runs
    assert {s.attributes["type"] for s in tree.css("script[type]")} == {"application/json"}


def test_hostile_text_is_escaped(page: str) -> None:
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Market &amp; \"Square\" reopens" in page
    assert "Stalls on the &lt;b&gt;square&lt;/b&gt; at dawn" in page
    tree = Selectolax(page)
    assert one(tree, "details.e .hl").text() == HOSTILE
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
    assert data_block(page, "pv-thumbs") == {}  # one page: every preview is in place


def test_errors_first_then_warnings_then_the_rest_collapsed(page: str) -> None:
    tree = Selectolax(page)
    entries = tree.css("details.e")
    assert [one(s, "h3").text() for s in entries] == [
        "html/market.html", "jsonl/briefs.jsonl #2", "text/clean.txt", "images/generated.png"]
    assert [(s.attributes["class"], "open" in s.attributes) for s in entries] == [
        ("e g0", True), ("e g1", True), ("e g2", False), ("e g2", False)]
    assert [h2.text() for h2 in tree.css("main h2.grp")] == [
        "Fix first — 1 entry with errors", "Then check — 1 entry with warnings",
        "The rest — 2 entries without errors or warnings"]
    assert [[b.text() for b in s.css("summary span.n")] for s in entries] == [
        ["1 error", "1 warning", "1 suppressed"], ["1 warning", "1 suppressed"],
        ["no findings"], ["1 info"]]
    assert data_block(page, "pv-index") == [
        [0, "nu", "IMG005:w IMG006:i:s IMG001:e"], [1, "", "ATR001:w MET001:w:s"],
        [2, "", ""], [2, "g", "IMG006:i"]]


def test_findings_by_severity_each_with_its_fix_and_documentation(page: str) -> None:
    market = Selectolax(page).css("details.e")[0]
    rows = [(r.css("td")[0].text(), r.css("td")[1].text(), r.attributes["class"])
            for r in market.css("tr.f")]
    assert rows == [("error", "IMG001 image-missing", "f"),
                    ("warning", "IMG005 gps-location-embedded", "f"),
                    ("info", "IMG006 image-credit-missing", "f sup")]
    fixes = [r.css_first(".fix") for r in market.css("tr.f")]
    assert [f.text() if f else None for f in fixes] == [
        "How to fix: add the file, or correct the reference.",
        "How to fix: strip GPS on export (e.g. exiftool -gps:all= image.jpg) or in the CMS "
        "pipeline.", None]  # a suppressed finding needs no fixing
    assert one(market, "tr.f .fix code").text() == "exiftool -gps:all= image.jpg"
    assert [a.attributes["href"] for a in market.css("tr.f a")] == [
        "#rule-IMG001", "#rule-IMG005", "#rule-IMG006"]
    docs = {d.attributes["id"]: d for d in Selectolax(page).css("#rules details.rule")}
    assert sorted(docs) == ["rule-ATR001", "rule-IMG001", "rule-IMG005", "rule-IMG006",
                            "rule-MET001"]
    assert one(docs["rule-IMG005"], "pre").text().startswith("IMG005 gps-location-embedded:")
    # live rows carry their fingerprint for the review; suppressed ones have nothing to accept
    assert [r.attributes.get("data-fp") for r in market.css("tr.f")] == [
        f["fingerprint"] for f in (sample_report()["articles"][0]["findings"][2],
                                   sample_report()["articles"][0]["findings"][0])] + [None]


def test_fix_lines_come_from_every_rules_docstring() -> None:
    from provenance.validators import RULES

    for rule_id in RULES:
        known = rule_help(rule_id)
        assert known is not None and known[0], rule_id
        assert "\n" not in known[0] and not known[0].startswith("Fix")
    assert rule_help("XYZ999") is None
    assert rule_help("AID001") == (
        'add a visible disclosure in the caption, e.g. "This image was generated with AI."',
        rule_help("AID001")[1])  # type: ignore[index]


def test_content_per_article(page: str) -> None:
    entries = Selectolax(page).css("details.e")
    market = entries[0]
    assert "suppressed (inline): credit is in the caption" in market.text()
    assert "“LISBON (Reuters) -”" in market.text()
    assert [td.text() for td in market.css("figure table td")] == ["xmp", "DigitalSourceType",
                                                                  "digitalCapture"]
    assert "GPS 52.52000, 13.40500" in market.text()
    assert "“This image is AI-generated.”" in entries[2].text()
    assert [e.attributes["data-path"] for e in entries] == [
        "html/market.html", "jsonl/briefs.jsonl", "text/clean.txt", "images/generated.png"]


def test_no_disclosure_is_mentioned_only_where_an_image_is_ai(site: Path) -> None:
    report = sample_report()
    assert "No AI disclosure found" not in render_text(report, "html", root=site)
    report["articles"][0]["images"][0]["ai"]["verdict"] = "ai-composite"
    page = render_text(report, "html", root=site)
    market = Selectolax(page).css("details.e")[0]
    assert market.text().count("No AI disclosure found.") == 1


def test_evidence_is_cut_at_a_word() -> None:
    value = "a lighthouse on a storm-lit harbour wall, oil painting " * 4  # 220 characters
    shown = cut_at_word(value[:200])
    assert shown.endswith(" …") and len(shown) <= 162
    assert value.startswith(shown[:-2]) and value[len(shown) - 2] == " "
    assert cut_at_word("short value") == "short value"
    word = "x" * 300  # one word longer than the limit is cut where it must be
    assert cut_at_word(word) == "x" * 160 + " …"


def test_a_long_evidence_value_keeps_its_whole_text_in_a_title(site: Path) -> None:
    report = sample_report()
    long = "paper lanterns over a harbour at night, Steps: 20, Sampler: Euler a, " * 3
    report["images"][0]["ai"]["evidence"][0]["value"] = long[:200]
    page = render_text(report, "html", root=site)
    cell = Selectolax(page).css("details.e")[-1].css("table.ev td")[2]
    assert cell.text().endswith(" …") and not cell.text()[:-2].endswith("Samp")
    assert cell.attributes["title"] == long[:200]


@pytest.mark.parametrize(("passed", "errors", "warnings", "groups", "words", "css"), [
    (False, 1, 2, [1, 1, 2], "Did not pass: 1 entry with errors to fix and 1 entry with "
     "warnings to check", "fail"),
    (True, 3, 0, [2, 0, 1], "Not blocked, but not clean: 2 entries with errors to fix "
     "(this run was set never to fail)", "warning"),
    (True, 0, 4, [0, 3, 0], "Passed: no errors; 3 entries with warnings to check", "pass"),
    (True, 0, 0, [0, 0, 5], "Passed: no errors or warnings", "pass"),
    (False, 0, 1, [0, 1, 0], "Did not pass: 1 entry with warnings to check", "fail"),
])
def test_the_verdict_in_an_editors_words(passed: bool, errors: int, warnings: int,
                                         groups: list[int], words: str, css: str) -> None:
    summary = {"passed": passed, "findings": {"error": errors, "warning": warnings, "info": 0}}
    assert plain_verdict(summary, groups) == (words, css)


def test_summary_says_what_passed_and_what_did_not(page: str) -> None:
    tree = Selectolax(page)
    assert one(tree, "#summary h2").text() == ("Did not pass: 1 entry with errors to fix and "
                                               "1 entry with warnings to check")
    assert "not gated" not in page
    assert [li.text() for li in tree.css("#summary ul.outcome li")] == [
        "1 article with errors: fix before publishing",
        "1 article with warnings: check them",
        "1 article and 1 image with no errors or warnings",
        "1 note for information only", "1 suppressed in the text with a reason",
        "1 accepted in the baseline"]
    options = [o.attributes["value"] for o in tree.css("#f-rule option")]
    assert options == ["", "ATR001", "IMG001", "IMG005", "IMG006", "MET001"]
    assert "hidden" in one(tree, "#filters").attributes  # shown by the script only
    assert "hidden" in one(tree, "#review").attributes
    assert page.index('id="summary"') < page.index('id="review"') < page.index('id="entries"')


def test_baselined_findings_are_kept_for_the_export(page: str) -> None:
    briefs = sample_report()["articles"][1]["findings"][1]
    assert data_block(page, "pv-kept") == [[briefs["fingerprint"], "MET001",
                                            "jsonl/briefs.jsonl", "accepted in baseline"]]


def test_nothing_is_written_before_the_end(site: Path) -> None:
    """Entries are spooled, not held: the order needs every entry, so output waits."""
    out = io.StringIO()
    reporter = HtmlReporter(out, root=site)
    report = sample_report()
    reporter.start({k: report[k] for k in ("schema_version", "tool", "root")})
    reporter.article(report["articles"][0])
    assert out.getvalue() == ""
    reporter.finish({k: report[k] for k in ("errors", "stale_baseline", "summary")})
    assert out.getvalue().endswith("</html>\n")


def test_images_gone_since_the_audit_give_placeholders(tmp_path: Path) -> None:
    page = render_text(sample_report(), "html", root=tmp_path)  # nothing there
    tree = Selectolax(page)
    assert tree.css("figure img") == []
    assert [n.text() for n in tree.css("figure .ph")] == ["no preview", "missing", "no preview"]


def test_a_repeated_image_is_decoded_once(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[list[str | None]] = []
    real = ThumbnailPool.data_uris

    def spy(self: ThumbnailPool, root: Path, paths: list[str | None],
            bound: Path | None = None) -> list[str | None]:
        asked.append(list(paths))
        return real(self, root, paths, bound)

    monkeypatch.setattr(ThumbnailPool, "data_uris", spy)
    report = sample_report()
    twin = copy.deepcopy(report["articles"][0])
    twin["path"] = "html/market-copy.html"
    report["articles"].insert(1, twin)
    page = render_text(report, "html", root=site)
    assert asked == [["html/img/photo.jpg", "images/generated.png"]]
    assert page.count("data:image/webp") == 3  # in place on the first page, twice for twins


def _article(i: int, findings: int, severity: str = "warning") -> dict[str, Any]:
    """The sample's market article with one (distinct) photo and some findings."""
    article: dict[str, Any] = copy.deepcopy(sample_report()["articles"][0])
    article["path"] = f"archive/2025/{i:05d}/council-approves-the-harbour-budget.html"
    article["images"] = article["images"][:1]
    article["images"][0]["path"] = f"archive/2025/{i:05d}/img/photo.jpg"
    article["findings"] = [finding(f"IMG00{5 - k}", "gps-location-embedded", severity,
                                   f"message {i} {k}", 10) for k in range(findings)]
    return article


def _fake_thumbnails(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every photo is distinct; its WebP data URI has 1,200 characters (the shared corpus
    # averages 1,140 at 96 px).
    monkeypatch.setattr(ThumbnailPool, "data_uris", lambda self, root, paths, bound=None:
                        ["data:image/webp;base64," + "A" * 1177 for _ in paths])


def _render(articles: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    reporter = HtmlReporter(out, root=Path("."))
    report = sample_report()
    reporter.start({k: report[k] for k in ("schema_version", "tool", "root")})
    for article in articles:
        reporter.article(article)
    reporter.finish({k: report[k] for k in ("errors", "stale_baseline", "summary")})
    return out.getvalue()


def test_later_pages_are_deflated_and_hold_every_entry_once_in_order(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_thumbnails(monkeypatch)
    severities = ["info", "error", "warning"]
    page = _render([_article(i, 1 + i % 2, severities[i % 3]) for i in range(3 * PAGE + 7)])
    tree = Selectolax(page)
    assert len(tree.css("main details.e")) == PAGE
    everything = Selectolax(all_entries(page))
    paths = [e.attributes["data-path"] or "" for e in everything.css("details.e")]
    numbers = [int(p.split("/")[2]) for p in paths]
    groups = [e.attributes["class"] for e in everything.css("details.e")]
    assert sorted(numbers) == list(range(3 * PAGE + 7))
    assert groups == sorted(groups)  # errors (g0), then warnings (g1), then the rest (g2)
    for cls in ("e g0", "e g1", "e g2"):  # the archive's own order within each group
        group = [n for n, g in zip(numbers, groups, strict=True) if g == cls]
        assert group == sorted(group)
    assert [g for g, _, _ in data_block(page, "pv-index")] == [int(c[-1]) for c in groups]
    assert data_block(page, "pv-meta")["page"] == PAGE
    assert data_block(page, "pv-meta")["n"] == 3 * PAGE + 7
    # later pages refer to the thumbnail store; the first page carries its own in place
    later = [img.attributes["data-t"] for img in everything.css("img[data-t]")]
    assert len(later) == 2 * PAGE + 7 and sorted(data_block(page, "pv-thumbs")) == \
        sorted(set(later), key=str)


@pytest.mark.parametrize("findings", [1, 3])
def test_ten_thousand_articles_stay_under_5_mb(monkeypatch: pytest.MonkeyPatch,
                                               findings: int) -> None:
    _fake_thumbnails(monkeypatch)
    page = _render([_article(i, findings) for i in range(10_000)])
    size = len(page.encode("utf-8"))
    assert size < 5_000_000, size
    kept = html_reporter.THUMB_BUDGET // 1_200  # previews that fit the budget, first first
    first = Selectolax(page).css("main img")
    assert len(first) == PAGE and all((i.attributes.get("src") or "").startswith(
        "data:image/webp;base64,") for i in first)
    assert len(data_block(page, "pv-thumbs")) == kept - PAGE  # the rest of them, stored once
    inflated = all_entries(page)
    assert inflated.count('class="e g1"') == 10_000
    assert inflated.count("preview left out (report size)") == 10_000 - kept


def test_no_report_string_can_inject_markup(site: Path) -> None:
    page = render_text(poison(sample_report()), "html", root=site)
    checker = check(page)
    links = [v for t, k, v in checker.attrs if t == "a" and k == "href"]
    assert links and all(re.fullmatch(r"#rule-[A-Z]{3}[0-9]{3}", v or "") or v == RULES_URL
                         for v in links)
    assert Selectolax(page).css("main a") == []  # poisoned rule IDs link nowhere
    assert not [k for _, k, _ in checker.attrs if k.startswith("on")]
    assert [v for _, k, v in checker.attrs if k == "src"] == []  # poisoned paths: no previews
    assert page.count("<script>") == 1 and page.count("</script>") == 5
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
    for ident in ("pv-meta", "pv-index", "pv-kept", "pv-thumbs"):
        data_block(page, ident)  # each data block still parses: nothing closed it early


def test_no_string_can_inject_markup_into_a_later_page(site: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_thumbnails(monkeypatch)
    page = _render([poison(_article(i, 1)) for i in range(PAGE + 3)])
    check(page)
    later = all_entries(page)[len(one(Selectolax(page), "main#entries").html or ""):]
    checker = check(later)
    assert later.count("<details") == 3
    assert not [k for _, k, _ in checker.attrs if k.startswith("on") or k == "href"]
    assert "<script" not in later and "<img src=x" not in later


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


def test_the_report_is_the_same_bytes_whatever_the_jobs(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    pages = []
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.html"
        main(["audit", "examples", "-o", str(out), "--jobs", jobs, "--no-cache",
              "--no-progress", "--now", "2026-03-10T00:00:00+00:00"])
        pages.append(out.read_bytes())
    assert pages[0] == pages[1] and b"data:image/webp" in pages[0]
