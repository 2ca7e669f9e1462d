"""``provenance report render|diff|validate`` on saved JSON reports."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from provenance.cli_report import report
from provenance.report_tools import ReportError, diff_reports, load_valid_report
from provenance.schema import report_errors
from tests.reporters.sample import (
    ATR_MSG,
    GPS_MSG,
    MISSING_MSG,
    STANDALONE_MSG,
    finding,
    fp,
    make_images,
    sample_report,
)

NEW_MSG = "no byline or desk line in the new version"


def _save(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _changed() -> dict[str, Any]:
    """The sample one run later: the missing image was fixed, a new finding appeared."""
    new = copy.deepcopy(sample_report())
    market = new["articles"][0]
    market["findings"] = [f for f in market["findings"] if f["rule"] != "IMG001"]
    new["articles"][2]["findings"].append(
        finding("MET001", "byline-missing", "warning", NEW_MSG, 3))
    new["summary"]["findings"] = {"error": 0, "warning": 3, "info": 1}
    new["summary"]["by_rule"] = {"ATR001": 1, "IMG005": 1, "IMG006": 1, "MET001": 1}
    return new


def run(*args: str) -> Any:
    return CliRunner().invoke(report, list(args), catch_exceptions=False)


def test_diff_text_shows_exactly_new_and_fixed(tmp_path: Path) -> None:
    old = _save(tmp_path / "old.json", sample_report())
    new = _save(tmp_path / "new.json", _changed())
    result = run("diff", str(old), str(new))
    assert result.exit_code == 1
    assert result.output == (
        "new:\n"
        f"  + MET001 warning text/clean.txt:3  {NEW_MSG}\n"
        "fixed:\n"
        f"  - IMG001 error   html/market.html:12  {MISSING_MSG}\n"
        "1 new, 1 fixed, 3 unchanged\n")


def test_diff_json_and_exit_0_without_new_findings(tmp_path: Path) -> None:
    fixed_only = _changed()
    fixed_only["articles"][2]["findings"] = []
    old = _save(tmp_path / "old.json", sample_report())
    new = _save(tmp_path / "new.json", fixed_only)
    result = run("diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["summary"] == {"new": 0, "fixed": 1, "unchanged": 3}
    assert [(f["rule"], f["fingerprint"], f["line"]) for f in doc["fixed"]] == \
        [("IMG001", fp("IMG001" + MISSING_MSG), 12)]
    assert [(f["rule"], f["path"], f["index"]) for f in doc["unchanged"]] == [
        ("IMG005", "html/market.html", None), ("IMG006", "images/generated.png", None),
        ("ATR001", "jsonl/briefs.jsonl", 2)]


def test_diff_matches_by_fingerprint_not_line() -> None:
    moved = copy.deepcopy(sample_report())
    for f in moved["articles"][0]["findings"]:
        f["line"] += 40  # an edit above shifted every line
    result = diff_reports(sample_report(), moved)
    assert (result.new, result.fixed) == ([], [])
    assert [(f.message, f.line) for f in result.unchanged] == [
        (GPS_MSG, 50), (MISSING_MSG, 52), (STANDALONE_MSG, None), (ATR_MSG, 2)]


def test_suppressing_a_finding_counts_as_fixed() -> None:
    later = copy.deepcopy(sample_report())
    later["articles"][1]["findings"][0]["suppressed"] = {"kind": "inline", "reason": "wire"}
    result = diff_reports(sample_report(), later)
    assert [f.rule for f in result.fixed] == ["ATR001"] and result.new == []


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"schema_version": "1.0"}'])
def test_diff_exits_2_on_unusable_input(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    good = _save(tmp_path / "good.json", sample_report())
    result = CliRunner().invoke(report, ["diff", str(good), str(bad)])
    assert result.exit_code == 2
    assert "bad.json" in result.output
    assert CliRunner().invoke(report, ["diff", str(good), str(tmp_path / "nope.json")]) \
        .exit_code == 2


def test_validate(tmp_path: Path) -> None:
    good = _save(tmp_path / "good.json", sample_report())
    result = run("validate", str(good))
    assert (result.exit_code, result.output) == (0, f"{good}: valid provenance report\n")
    broken = sample_report()
    broken["articles"][0]["findings"][0]["severity"] = "fatal"
    del broken["summary"]["passed"]
    bad = _save(tmp_path / "bad.json", broken)
    result = run("validate", str(bad))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{bad}: invalid: {report_errors(broken)[0]}"  # best match first
    assert sorted(lines[0].split(": invalid: ", 1)[1:] + [x.removeprefix("  also: ")
                                                          for x in lines[1:]]) == sorted([
        "summary: 'passed' is a required property",
        "articles/0/findings/0/severity: 'fatal' is not one of ['error', 'warning', 'info']"])
    notjson = tmp_path / "x.json"
    notjson.write_text("{", encoding="utf-8")
    result = run("validate", str(notjson))
    assert result.exit_code == 1 and "not JSON" in result.output


def test_load_valid_report_names_the_problem(tmp_path: Path) -> None:
    bad = _save(tmp_path / "bad.json", {"schema_version": "2.0"})
    with pytest.raises(ReportError, match="bad.json: not a valid provenance report: "):
        load_valid_report(bad)


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "junit", "github",
                                 "markdown", "html"])
def test_render_every_format_to_a_file(tmp_path: Path, fmt: str) -> None:
    make_images(tmp_path)
    saved = _save(tmp_path / "report.json", sample_report(str(tmp_path)))
    out = tmp_path / f"out.{fmt}"
    result = run("render", str(saved), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "html/market.html" in text
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_render_json_round_trips(tmp_path: Path) -> None:
    saved = _save(tmp_path / "report.json", sample_report())
    result = run("render", str(saved), "--format", "json")
    assert json.loads(result.output) == sample_report()


def test_render_html_reads_images_under_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    site = tmp_path / "site"
    make_images(site)
    saved = _save(tmp_path / "report.json", sample_report("site"))
    monkeypatch.chdir(tmp_path)  # the report's root is relative to the working directory
    page = run("render", "report.json", "-o", "r.html").output or (tmp_path / "r.html") \
        .read_text(encoding="utf-8")
    assert page.count("data:image/webp;base64,") == 2
    (site / "html" / "img" / "photo.jpg").unlink()  # gone since the audit
    result = run("render", str(saved), "--format", "html", "--root", str(site))
    assert result.output.count("data:image/webp;base64,") == 1
    assert '<div class="ph">no preview</div>' in result.output


def test_render_refuses_an_invalid_report(tmp_path: Path) -> None:
    bad = _save(tmp_path / "bad.json", {"articles": []})
    result = CliRunner().invoke(report, ["render", str(bad), "--format", "sarif"])
    assert result.exit_code == 2 and "not a valid provenance report" in result.output
