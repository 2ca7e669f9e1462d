"""JUnit XML: parsed back with junitparser, one case per (article, rule), counts right;
info findings are notes of passing cases; files named as the github and SARIF reports
name them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.reporters.sample import GPS_MSG, STANDALONE_MSG, fp, render_text, sample_report

junitparser = pytest.importorskip("junitparser", reason="junitparser is not installed "
                                  "(pip install junitparser)")


def _parse(tmp_path: Path, text: str) -> object:
    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    return junitparser.JUnitXml.fromfile(str(path))


def _cases(xml: object) -> list[tuple[str, str, str, str | None, str | None]]:
    out = []
    for suite in xml:  # type: ignore[attr-defined]
        for case in suite:
            result = case.result[0] if case.result else None
            kind = type(result).__name__ if result is not None else "Passed"
            out.append((case.classname, case.name, kind,
                        getattr(result, "type", None), getattr(result, "message", None)))
    return out


def test_cases_and_counts(tmp_path: Path) -> None:
    xml = _parse(tmp_path, render_text(sample_report(), "junit"))
    suites = list(xml)  # type: ignore[call-overload]
    assert [(s.name, s.tests, s.failures, s.errors, s.skipped) for s in suites] == \
        [("provenance", 7, 3, 0, 2)]
    assert _cases(xml) == [
        ("html/market.html", "IMG001 image-missing", "Failure", "error",
         "image 'img/gone.jpg' does not exist"),
        ("html/market.html", "IMG005 gps-location-embedded", "Failure", "warning", GPS_MSG),
        ("html/market.html", "IMG006 image-credit-missing", "Skipped", None,
         "suppressed (inline: credit is in the caption)"),
        ("jsonl/briefs.jsonl#2", "ATR001 attribution-missing", "Failure", "warning",
         "no source attribution: 100% of the text, see line 2, col 1"),
        ("jsonl/briefs.jsonl#2", "MET001 byline-missing", "Skipped", None,
         "suppressed (baseline: accepted in baseline)"),
        ("text/clean.txt", "all-rules", "Passed", None, None),
        ("images/generated.png", "IMG006 image-credit-missing", "Passed", None, None),
    ]


def test_info_findings_are_notes_of_a_passing_case(tmp_path: Path) -> None:
    """An info finding cannot fail the audit short of --fail-on info, so it does not fail its
    case either: the case passes and its <system-out> lists the finding."""
    xml = _parse(tmp_path, render_text(sample_report(), "junit"))
    case = [c for s in xml for c in s if c.classname == "images/generated.png"][0]  # type: ignore[attr-defined]
    assert case.is_passed and not case.is_skipped
    assert case.system_out == f"info no line: {STANDALONE_MSG} ({fp('IMG006' + STANDALONE_MSG)})"
    # The image has a case (this one), so no extra all-rules case is added for it.
    assert [c.name for s in xml for c in s if c.classname == "images/generated.png"] == [  # type: ignore[attr-defined]
        "IMG006 image-credit-missing"]


def test_an_info_finding_beside_a_warning_of_its_rule_is_listed_in_the_failure(
        tmp_path: Path) -> None:
    report = sample_report()
    gps = report["articles"][0]["findings"][0]
    report["articles"][0]["findings"].append(
        {**gps, "severity": "info", "line": 40, "message": "lower", "fingerprint": fp("low")})
    xml = _parse(tmp_path, render_text(report, "junit"))
    case = [c for s in xml for c in s if c.name == "IMG005 gps-location-embedded"][0]  # type: ignore[attr-defined]
    assert (case.result[0].type, case.result[0].message) == ("warning", f"2 findings: {GPS_MSG}")
    assert case.result[0].text.splitlines()[1].startswith("info line 40: lower")


def test_files_are_named_as_in_the_github_and_sarif_reports(tmp_path: Path) -> None:
    report = sample_report("site")
    report["errors"] = [{"stage": "validate:IMG005", "path": "html/market.html",
                         "message": "boom"}]
    xml = _parse(tmp_path, render_text(report, "junit"))
    junit = {c.classname.split("#")[0] for s in xml for c in s}  # type: ignore[attr-defined]
    github = set(re.findall(r"file=([^,:]+)", render_text(report, "github")))
    sarif = {loc["physicalLocation"]["artifactLocation"]["uri"]
             for r in json.loads(render_text(report, "sarif"))["runs"][0]["results"]
             for loc in r["locations"]}
    assert junit == {"site/html/market.html", "site/jsonl/briefs.jsonl", "site/text/clean.txt",
                     "site/images/generated.png"}
    # github annotates only live findings; every file it names is named the same way here
    assert github == {"site/html/market.html", "site/jsonl/briefs.jsonl",
                      "site/images/generated.png"}
    assert github <= junit and sarif <= junit and sarif == github


def test_several_findings_of_one_rule_share_one_failure(tmp_path: Path) -> None:
    report = sample_report()
    first = report["articles"][0]["findings"][0]
    second = {**first, "message": "second <GPS> & \x00 fix", "line": 30,
              "fingerprint": fp("second")}
    report["articles"][0]["findings"].append(second)
    xml = _parse(tmp_path, render_text(report, "junit"))
    gps = [c for s in xml for c in s if c.name == "IMG005 gps-location-embedded"]  # type: ignore[attr-defined]
    assert len(gps) == 1
    failure = gps[0].result[0]
    assert failure.message == f"2 findings: {GPS_MSG}"
    assert failure.text.splitlines() == [
        f"warning line 10: {GPS_MSG} [image img/photo.jpg] ({fp('IMG005' + GPS_MSG)})",
        f"warning line 30: second <GPS> & \\x00 fix [image img/photo.jpg] ({fp('second')})",
    ]


def test_internal_errors_are_error_cases(tmp_path: Path) -> None:
    report = sample_report()
    report["errors"] = [{"stage": "validate:IMG005", "path": "html/market.html",
                         "message": "KeyError: 'gps'"}]
    xml = _parse(tmp_path, render_text(report, "junit"))
    suite = list(xml)[0]  # type: ignore[call-overload]
    assert (suite.tests, suite.errors) == (8, 1)
    assert _cases(xml)[-1] == ("html/market.html", "internal error in validate:IMG005",
                               "Error", "validate:IMG005", "KeyError: 'gps'")


def test_a_real_audit_with_only_info_findings_passes_the_gate_and_the_dashboard(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    from provenance.cli import main

    desk = tmp_path / "desk"
    (desk / "img").mkdir(parents=True)
    Image.new("RGB", (64, 48), (90, 120, 150)).save(desk / "img" / "pier.jpg")  # no credit
    (desk / "pier.md").write_text(
        "---\ntitle: Pier reopens after repairs\nauthor: Harbour Desk\n"
        "date: 2026-03-01T10:00:00+00:00\n---\n\n# Pier reopens after repairs\n\n"
        "PORTO (Reuters) - The pier reopened on Sunday after a winter of repairs.\n\n"
        "![The pier at noon](img/pier.jpg)\n\nThe pier at noon.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["audit", "desk", "--fail-on", "warning", "-o", "r.json", "--report",
                 "junit=r.xml", "--now", "2026-03-10T00:00:00Z", "--no-progress", "--no-cache"])
    summary = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]
    assert (code, summary["passed"], summary["findings"]["warning"]) == (0, True, 0)
    assert summary["findings"]["info"] >= 1
    xml = junitparser.JUnitXml.fromfile(str(tmp_path / "r.xml"))
    suite = list(xml)[0]  # type: ignore[call-overload]
    assert (suite.failures, suite.errors) == (0, 0)
    notes = [c for c in suite if c.system_out]
    assert notes and all(c.classname == "desk/pier.md" and c.is_passed for c in notes)
    assert "IMG006" in " ".join(c.name for c in notes)
