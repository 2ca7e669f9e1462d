"""SARIF 2.1.0: valid against the OASIS schema (read locally, nothing fetched) and the fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from referencing import Registry

from provenance.validators import RULES
from tests.reporters.sample import (
    GPS_MSG,
    MISSING_MSG,
    fp,
    make_site,
    render_text,
    sample_report,
)


def _no_network(uri: str) -> Any:
    raise AssertionError(f"the SARIF schema tried to fetch {uri}")


@pytest.fixture(scope="module")
def sarif_validator(shared_dir: Path) -> Draft4Validator:
    path = shared_dir / "schemas-external" / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent: cannot check SARIF against its schema")
    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft4Validator(schema, registry=Registry(retrieve=_no_network))  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def log() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(render_text(sample_report("site"), "sarif"))
    return doc


def test_valid_against_schema(sarif_validator: Draft4Validator, log: dict[str, Any]) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in sarif_validator.iter_errors(log)]
    assert errors == []


def test_valid_with_internal_errors(sarif_validator: Draft4Validator) -> None:
    report = sample_report()
    report["errors"] = [{"stage": "validate:IMG005", "path": "a.md", "message": "boom"}]
    doc = json.loads(render_text(report, "sarif"))
    assert list(sarif_validator.iter_errors(doc)) == []
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_driver_lists_every_rule(log: dict[str, Any]) -> None:
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("provenance", "0.1.0")
    assert "informationUri" not in driver  # no project URL to point at, so none is invented
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    aid001 = driver["rules"][list(RULES).index("AID001")]
    assert aid001["name"] == "ai-image-undisclosed"
    assert aid001["shortDescription"]["text"] == RULES["AID001"].SUMMARY
    assert aid001["defaultConfiguration"] == {"level": "error"}
    assert aid001["fullDescription"]["text"].startswith("AID001 ai-image-undisclosed: ")
    assert "Fix:" in aid001["help"]["text"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert (levels["ATR001"], levels["ATR003"]) == ("warning", "note")


def test_results(log: dict[str, Any]) -> None:
    results = log["runs"][0]["results"]
    summary = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]
                ["uri"], r["locations"][0]["physicalLocation"].get("region"),
                [s["kind"] for s in r["suppressions"]]) for r in results]
    assert summary == [
        ("IMG005", "warning", "site/html/market.html", {"startLine": 10}, []),
        ("IMG006", "note", "site/html/market.html", {"startLine": 10}, ["inSource"]),
        ("IMG001", "error", "site/html/market.html", {"startLine": 12}, []),
        ("ATR001", "warning", "site/jsonl/briefs.jsonl", {"startLine": 2, "startColumn": 1}, []),
        ("MET001", "warning", "site/jsonl/briefs.jsonl", {"startLine": 2, "startColumn": 1},
         ["external"]),
        ("IMG006", "note", "site/images/generated.png", None, []),
    ]
    gps = results[0]
    assert gps["message"] == {"text": GPS_MSG}
    assert gps["partialFingerprints"] == {"provenance/v1": fp("IMG005" + GPS_MSG)}
    assert gps["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == \
        "%SRCROOT%"
    assert gps["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "site/html/img/photo.jpg"
    assert results[1]["suppressions"] == [{"kind": "inSource", "status": "accepted",
                                           "justification": "credit is in the caption"}]
    assert results[3]["properties"] == {"index": 2}
    assert results[2]["message"]["text"] == MISSING_MSG
    assert log["runs"][0]["properties"]["summary"]["findings"] == \
        {"error": 1, "warning": 2, "info": 1}


def test_a_real_audit_is_valid_sarif(sarif_validator: Draft4Validator, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.cli import main
    make_site(tmp_path / "site")
    monkeypatch.chdir(tmp_path)  # like CI: the audit runs in the checkout
    out = tmp_path / "audit.sarif"
    code = main(["audit", "site", "-o", str(out), "--now",
                 "2026-03-10T00:00:00Z", "--no-progress"])
    assert code == 1  # the undisclosed AI image is an error
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(sarif_validator.iter_errors(doc)) == []
    rules = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
             for r in doc["runs"][0]["results"]}
    assert ("AID001", "site/festival.md") in rules
    assert ("AID001", "site/festival-update.md") in rules
