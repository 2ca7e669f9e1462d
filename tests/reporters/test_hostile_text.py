"""Hostile text through every reporter: no crash, a schema-valid JSON report, nothing a
terminal, a CI log or GitHub would act on (red-team rows R1, R7, R16, R17).

The property test feeds arbitrary Unicode — lone surrogates, C0/C1 controls, line breaks,
bidi overrides, workflow-command and URL fragments — as headline, caption, src, path and
message values through the :class:`~provenance.report.ReportBuilder` into all reporters at
once, as an audit does; the named tests pin one case per row.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.output import encodable, safe_text
from provenance.report import ReportBuilder, header, repair
from provenance.reporters import FORMATS, make_reporter
from provenance.reporters.markdown import md
from provenance.reporters.sarif import file_uri
from provenance.schema import report_errors
from tests.reporters.sample import render_text, sample_report

HUMAN = ("text", "github", "markdown", "junit", "html")
# Raw characters no human-facing output may carry (HTML keeps \n and \t inside values).
_ACTING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# A relative URI reference (RFC 3986): only these characters, "%" only before two hex digits.
_URI_REF = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})*$")
_GITHUB_LINE = re.compile(r"^(::(error|warning|notice) [^\n]*|provenance: [^\n]*)$")

NASTY = ["\ud800", "\udce9", "\udfff", "\x00", "\x07", "\x1b", "\x1b]52;c;cHduZWQ=\x07",
         "\x1b[2K", "\n", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x85", "\x9b", "\u2028",
         "\u2029", "\u202e", "\u2066", "\u200f", "\ufeff", "::", "\n::error file=x::y",
         "::add-mask::secret", "::stop-commands::t", "%0A", "%", ":", ",", "#", "`", "|",
         "<", ">", "&", '"', "@", "https://evil.example/p.png", "www.evil.example", "../"]
hostile_text = st.lists(st.one_of(st.sampled_from(NASTY),
                                  st.text(st.characters(codec=None), max_size=4),
                                  st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp"])),
                        max_size=6).map("".join)


def _entries(values: dict[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    report = sample_report()
    market, briefs, clean = report["articles"]
    market["headline"] = values["headline"]
    market["path"] = values["path"] + ".html"
    photo = market["images"][0]
    photo["caption"], photo["src"], photo["path"] = (values["caption"], values["src"],
                                                     values["src"])
    photo["ai"]["evidence"][0]["value"] = values["caption"][:200]
    photo["credit"] = values["caption"]
    market["findings"][0]["message"] = values["message"]
    market["findings"][0]["image"] = values["src"]
    market["findings"][1]["suppressed"]["reason"] = values["message"]
    briefs["headline"] = values["caption"]
    briefs["path"] = values["path"]
    image = report["images"][0]
    image["path"] = values["src"]
    image["findings"][0]["message"] = values["message"]
    return [market, briefs, clean], [image]


def _run(articles: list[dict[str, Any]], images: list[dict[str, Any]], root: Path,
         errors: list[dict[str, Any]] = ()) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Every format at once through one builder, as ``audit --report …`` streams them."""
    streams = {fmt: io.StringIO() for fmt in FORMATS}
    reporters = [make_reporter(fmt, streams[fmt], root=root) for fmt in FORMATS]
    builder = ReportBuilder(reporters)
    builder.start(header(".", None))
    for entry in articles:
        builder.add_article(entry)
    for entry in images:
        builder.add_image(entry)
    builder.add_errors(errors)
    builder.finish()
    return {fmt: s.getvalue() for fmt, s in streams.items()}, articles


def _check_outputs(out: dict[str, str]) -> dict[str, Any]:
    for fmt, text in out.items():
        text.encode("utf-8")  # every output is writable as UTF-8
        if fmt in HUMAN:
            bad = _ACTING.search(text)
            assert bad is None, f"{fmt}: raw {bad.group()!r}"
        if fmt in HUMAN and fmt != "html":  # HTML is never printed to a log
            assert not [ln for ln in text.splitlines()
                        if ln.lstrip().startswith("::") and fmt != "github"], fmt
    assert all(_GITHUB_LINE.match(line) for line in out["github"].splitlines())
    assert "://" not in out["markdown"] and "www." not in out["markdown"].lower()
    doc: dict[str, Any] = json.loads(out["json"])
    assert report_errors(doc) == []
    for line in out["jsonl"].splitlines():
        json.loads(line)
    ET.fromstring(out["junit"].encode("utf-8"))
    sarif = json.loads(out["sarif"])
    uris = re.findall(r'"uri": ?"((?:[^"\\]|\\.)*)"', out["sarif"])
    assert uris and all(_URI_REF.match(json.loads(f'"{u}"')) for u in uris), uris
    assert sarif["runs"][0]["results"]
    return doc


@settings(max_examples=int(os.environ.get("PROVENANCE_FUZZ_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(values=st.fixed_dictionaries({k: hostile_text for k in
                                     ("headline", "caption", "src", "path", "message")}))
def test_any_text_through_every_reporter(values: dict[str, str], tmp_path: Path) -> None:
    articles, images = _entries(values)
    out, _ = _run(articles, images, tmp_path)
    doc = _check_outputs(out)
    market = doc["articles"][0]
    if re.search("[\ud800-\udfff]", values["headline"]):
        assert "/headline" in market["repaired"]
    else:
        assert market["headline"] == values["headline"]


# --- R1: lone surrogates are repaired once, where entries enter the report --------------

def test_r1_lone_surrogates_become_visible_escapes_and_are_recorded(tmp_path: Path) -> None:
    articles, images = _entries({"headline": "x \ud800", "caption": "c\udce9",
                                 "src": "img/\udfff.jpg", "path": "ok", "message": "m"})
    errors = [{"stage": "read", "path": "bad\udce9.txt", "message": "ValueError: \ud800"}]
    out, _ = _run(articles, images, tmp_path, errors)
    doc = _check_outputs(out)
    market = doc["articles"][0]
    assert market["headline"] == "x \\ud800"
    assert market["repaired"] == ["/findings/0/image", "/headline",
                                  "/images/0/ai/evidence/0/value", "/images/0/caption",
                                  "/images/0/credit", "/images/0/path", "/images/0/src"]
    assert doc["articles"][1]["repaired"] == ["/headline"]
    assert doc["images"][0]["repaired"] == ["/path"]
    assert doc["errors"] == [{"stage": "read", "path": "bad\\udce9.txt",
                              "message": "ValueError: \\ud800", "repaired": ["/message",
                                                                               "/path"]}]
    assert "x \\ud800" in out["text"] and "x \\ud800" in out["html"]
    assert "repaired" not in doc["articles"][2]  # only where something was repaired


def test_r1_report_render_of_a_saved_report_with_surrogate_escapes() -> None:
    """A saved report may hold ``"\\ud800"`` (valid JSON); re-rendering repairs it too."""
    report = json.loads(json.dumps(sample_report()).replace("Ana Lopes", "Ana \\ud800"))
    for fmt in FORMATS:
        text = render_text(report, fmt)
        text.encode("utf-8")
    assert json.loads(render_text(report, "json"))["articles"][0]["repaired"] == ["/byline"]
    assert report["articles"][0]["byline"] == "Ana \ud800"  # the input is left as it was


def test_r1_repair_is_idempotent_and_leaves_clean_entries_alone() -> None:
    entry = copy.deepcopy(sample_report()["articles"][0])
    assert repair(copy.deepcopy(entry)) == entry
    entry["headline"] = "\ud83d\ude00"  # a surrogate *pair* as two code points is not text
    repaired = repair(entry)
    assert repaired["headline"] == "\\ud83d\\ude00" and repaired["repaired"] == ["/headline"]
    assert repair(repaired)["repaired"] == ["/headline"]
    assert encodable("caf\udce9") == "caf\\udce9"


# --- R7: controls and line breaks neutralised in every human-facing format ---------------

INJECTION = "h\n::error file=x,line=1::INJECTED\r\n::add-mask::s\x1b]52;c;cHduZWQ=\x07 \u202eevil"


@pytest.mark.parametrize("fmt", HUMAN)
def test_r7_workflow_commands_and_escapes_cannot_reach_a_line(fmt: str, tmp_path: Path) -> None:
    articles, images = _entries({"headline": INJECTION, "caption": INJECTION,
                                 "src": "a\n::warning::b.jpg", "path": INJECTION,
                                 "message": INJECTION})
    out, _ = _run(articles, images, tmp_path)
    _check_outputs(out)
    assert "INJECTED" in out[fmt]  # shown, not dropped


def test_r7_text_format_shows_escapes() -> None:
    report = sample_report()
    report["articles"][0]["headline"] = INJECTION
    text = render_text(report, "text")
    assert ("html/market.html — h\\n::error file=x,line=1::INJECTED\\r\\n::add-mask::s"
            "\\x1b]52;c;cHduZWQ=\\x07 \\u202eevil\n") in text


def test_r7_github_keeps_its_percent_escapes_and_shows_other_controls() -> None:
    report = sample_report()
    report["articles"][0]["findings"][0]["message"] = "a\nb\x1bc\u2028d%"
    line = render_text(report, "github").splitlines()[0]
    assert line.endswith("::a%0Ab\\x1bc\\u2028d%25")


def test_r7_views_for_extract_and_inspect(tmp_path: Path) -> None:
    from provenance.reporters.views import extract_text, inspect_text

    article = {**sample_report()["articles"][0], "headline": INJECTION, "blocks": [
        {"zone": "body", "text": INJECTION, "line": 1, "image": "x\n::y"}]}
    image = {**sample_report()["images"][0], "credit": INJECTION, "path": INJECTION}
    out = io.StringIO()
    extract_text(article, out)
    inspect_text(image, out)
    text = out.getvalue()
    assert "INJECTED" in text
    assert _ACTING.search(text) is None
    assert not [ln for ln in text.splitlines() if ln.lstrip().startswith("::")]


def test_r7_report_diff_text() -> None:
    from provenance.report_tools import diff_reports, write_diff_text

    new = sample_report()
    new["articles"][0]["path"] = "x\n::error::y\x1b.html"
    new["articles"][0]["findings"][0]["fingerprint"] = "v1:" + "0" * 64  # a new finding
    out = io.StringIO()
    write_diff_text(diff_reports(sample_report(), new), out)
    assert "x\\n::error::y\\x1b.html" in out.getvalue()
    assert not [ln for ln in out.getvalue().splitlines() if ln.lstrip().startswith("::")]


def test_r7_safe_text() -> None:
    assert safe_text("a\nb\tc\x1b\x85\u202e\ud800") == "a\\nb\\tc\\x1b\\x85\\u202e\\ud800"
    assert safe_text("a\r\nb\x1b", keep="\r\n") == "a\r\nb\\x1b"
    assert safe_text("plain — ünïcödé") == "plain — ünïcödé"


# --- R16: no autolinks in the Markdown report -------------------------------------------

@pytest.mark.parametrize("url", ["https://evil.example/p.png", "http://evil.example",
                                 "HTTPS://EVIL.EXAMPLE/x", "ftp://evil.example/f",
                                 "www.evil.example/x.jpg", "WWW.evil.example"])
def test_r16_markdown_breaks_gfm_autolinks(url: str) -> None:
    shown = md(f"see {url} now")
    assert "://" not in shown and "www." not in shown.lower()
    assert shown.replace("\u2060", "") == f"see {url} now".replace("\\", "\\\\")


def test_r16_image_urls_in_the_markdown_report() -> None:
    report = sample_report()
    market = report["articles"][0]
    market["findings"][0]["image"] = "https://evil.example/p.png"
    market["findings"][1]["image"] = "www.evil.example/x.jpg"
    market["findings"][1]["suppressed"] = None
    text = render_text(report, "markdown")
    assert "(image https:\u2060//evil.example/p.png)" in text
    assert "(image www\u2060.evil.example/x.jpg)" in text


# --- R17: SARIF artifactLocation.uri is a percent-encoded URI reference -----------------

@pytest.mark.parametrize(("path", "uri"), [
    ("sarif/a b#c%41.txt", "sarif/a%20b%23c%2541.txt"),
    ('x/"<>\n.txt', "x/%22%3C%3E%0A.txt"),
    ("c:/d/é.md", "c%3A/d/%C3%A9.md"),
    ("plain/ok-1_2.~x.txt", "plain/ok-1_2.~x.txt"),
    ("a/(b)+c=d,e;f!g$h'i*j@k&l.txt", "a/(b)+c=d,e;f!g$h'i*j@k&l.txt"),
])
def test_r17_sarif_uri_is_percent_encoded(path: str, uri: str) -> None:
    assert file_uri(path) == uri
    assert unquote(uri) == path


def test_r17_sarif_report_uses_encoded_uris() -> None:
    report = sample_report(root="my site")
    report["articles"][0]["path"] = "html/a b#c%41.html"
    sarif = json.loads(render_text(report, "sarif"))
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"] for loc in r["locations"]]
    assert "my%20site/html/a%20b%23c%2541.html" in uris
    assert all(_URI_REF.match(u) for u in uris)
