"""JUnit XML: parsed back with junitparser, one case per (article, rule), counts right."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reporters.sample import GPS_MSG, fp, render_text, sample_report

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
        [("provenance", 7, 4, 0, 2)]
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
        ("images/generated.png", "IMG006 image-credit-missing", "Failure", "info",
         "image 'generated.png' names no creator or credit"),
    ]


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
