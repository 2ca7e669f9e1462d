"""SARIF 2.1.0: valid against the OASIS schema (read locally, nothing fetched), the fields,
and sarif-multitool's SARIF2005 and SARIF2017 checks — written out here, and run with the
real multitool too where npx can fetch it."""

from __future__ import annotations

import inspect
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from markdown_it import MarkdownIt
from referencing import Registry

from provenance.reporters.sarif import PROJECT_URL, RULES_URL, help_markdown, help_text
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
    assert driver["informationUri"] == PROJECT_URL
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    aid001 = driver["rules"][list(RULES).index("AID001")]
    assert aid001["name"] == "ai-image-undisclosed"
    assert aid001["shortDescription"]["text"] == RULES["AID001"].SUMMARY
    assert aid001["defaultConfiguration"] == {"level": "error"}
    assert aid001["fullDescription"]["text"].startswith("AID001 ai-image-undisclosed: ")
    assert aid001["helpUri"] == RULES_URL
    assert "Fix: add a visible disclosure in the caption" in aid001["help"]["text"]
    assert "**Fix:** add a visible disclosure in the caption" in aid001["help"]["markdown"]
    sup001 = driver["rules"][list(RULES).index("SUP001")]
    assert sup001["fullDescription"]["text"] == ("SUP001 suppression-invalid: an inline disable "
                                                 "names no known rule or gives no reason.")
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert (levels["ATR001"], levels["ATR003"]) == ("warning", "note")


def test_help_uri_is_the_readme_rule_table(log: dict[str, Any]) -> None:
    """The anchor is GitHub's id for the README's "## Rules" heading, and that table has a
    row for every rule the log lists."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert RULES_URL == PROJECT_URL + "#rules"
    assert re.search(r"^## Rules$", readme, re.M)
    table = readme.split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["helpUri"] == RULES_URL
        assert f"| {rule['id']} | {rule['name']} |" in table


def _literal_blocks(doc: str) -> list[str]:
    """The indented blocks after a paragraph ending in "::", read independently of the
    reporter: each block's lines, dedented."""
    blocks, lines = [], doc.splitlines()
    for i, line in enumerate(lines):
        if line.rstrip().endswith("::"):
            body = []
            for nxt in lines[i + 2:]:
                if nxt and not nxt.startswith("    "):
                    break
                body.append(nxt[4:])
            blocks.append("\n".join(body).strip("\n"))
    return blocks


@pytest.mark.parametrize("rule_id", list(RULES))
def test_help_is_plain_text_and_markdown(rule_id: str) -> None:
    doc = inspect.cleandoc(RULES[rule_id].__doc__ or "")
    rule = RULES[rule_id]
    text, markdown = help_text(doc), help_markdown(doc, f"{rule_id} {rule.NAME}")
    for rendered in (text, markdown):
        # no reStructuredText left: neither ``double`` literals nor "Passes::"
        assert not re.search(r"(?<!`)``(?!`)", rendered) and "::\n" not in rendered
        assert re.search(r"^\**Fix:\** \S", rendered, re.M), "every rule says how to fix it"
    html = MarkdownIt("commonmark").render(markdown)
    assert html.startswith(f"<p><strong>{rule_id} {rule.NAME}</strong>: ")
    codes = re.findall(r'<pre><code class="language-text">(.*?)</code></pre>', html, re.S)
    expected = _literal_blocks(doc)
    assert [c.rstrip("\n") for c in codes] == [
        b.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;") for b in expected]
    assert "<em>" not in html and "<script" not in html
    for block in expected:  # plain text keeps the examples, indented
        assert "\n".join("    " + ln if ln else ln for ln in block.splitlines()) in text


def test_help_markdown_escapes_prose_and_keeps_literals() -> None:
    doc = ("X001 demo: a <b>bold</b> claim with *stars* and ``a_literal <tag>``.\n\n"
           "Fails::\n\n    ```fenced``` text\n\n        deeper\n\nFix: edit [it].")
    html = MarkdownIt("commonmark").render(help_markdown(doc, "X001 demo"))
    assert "<b>" not in html and "<em>" not in html and "<a " not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "*stars*" in html
    assert "<code>a_literal &lt;tag&gt;</code>" in html
    assert "<pre><code class=\"language-text\">```fenced``` text\n\n    deeper\n</code></pre>" \
        in html
    assert html.endswith("<p><strong>Fix:</strong> edit [it].</p>\n")


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
        ("IMG006", "note", "site/images/generated.png", {"startLine": 1}, []),
    ]
    gps = results[0]
    assert gps["message"] == {"text": GPS_MSG}
    assert gps["partialFingerprints"] == {"provenance/v1": fp("IMG005" + GPS_MSG)}
    assert gps["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == \
        "%SRCROOT%"
    related = gps["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "site/html/img/photo.jpg"
    assert "region" not in related  # an image has no lines
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


# sarif-multitool's validation rules, as its sources state them (microsoft/sarif-sdk,
# src/Sarif.Multitool.Library/Rules): SARIF2005 ProvideToolProperties — the driver names
# its informationUri, gives a version (version, semanticVersion or dottedQuadFileVersion),
# a 'version' starting with a digit, a name of at most three words; SARIF2017 — every
# result location has a physicalLocation with an artifactLocation.uri and a region that
# says where (startLine >= 1, or charOffset / byteOffset).
def sarif2005(log: dict[str, Any]) -> list[str]:
    problems = []
    for i, run in enumerate(log["runs"]):
        driver = run["tool"]["driver"]
        where = f"runs[{i}].tool.driver"
        if not driver.get("informationUri"):
            problems.append(f"{where}: no informationUri")
        if not any(str(driver.get(k, "")).strip()
                   for k in ("version", "semanticVersion", "dottedQuadFileVersion")):
            problems.append(f"{where}: no version")
        if "version" in driver and not re.match(r"\d", driver["version"]):
            problems.append(f"{where}.version: not numeric")
        if len(driver["name"].split()) > 3:
            problems.append(f"{where}.name: more than three words")
    return problems


def sarif2017(log: dict[str, Any]) -> list[str]:
    problems = []
    for i, run in enumerate(log["runs"]):
        for j, result in enumerate(run.get("results", [])):
            if not result.get("locations"):
                problems.append(f"runs[{i}].results[{j}]: no locations")
            for k, loc in enumerate(result.get("locations", [])):
                where = f"runs[{i}].results[{j}].locations[{k}].physicalLocation"
                physical = loc.get("physicalLocation")
                if physical is None or not physical.get("artifactLocation", {}).get("uri"):
                    problems.append(f"{where}: no artifactLocation.uri")
                    continue
                region = physical.get("region")
                if region is None:
                    problems.append(f"{where}: no region")
                elif not (region.get("startLine", 0) >= 1 or "charOffset" in region
                          or "byteOffset" in region):
                    problems.append(f"{where}.region: no position")
    return problems


def test_multitool_rules_hold(log: dict[str, Any]) -> None:
    assert sarif2005(log) == []
    assert sarif2017(log) == []
    assert len(log["runs"][0]["results"]) == 6  # the checks above looked at every result


def test_multitool_rule_checks_catch_what_they_describe(log: dict[str, Any]) -> None:
    """The two checks fail on the log as 0.1.0 wrote it (no informationUri, file-level
    findings without a region)."""
    old = json.loads(json.dumps(log))
    del old["runs"][0]["tool"]["driver"]["informationUri"]
    del old["runs"][0]["results"][5]["locations"][0]["physicalLocation"]["region"]
    old["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] = {}
    assert sarif2005(old) == ["runs[0].tool.driver: no informationUri"]
    assert sarif2017(old) == [
        "runs[0].results[0].locations[0].physicalLocation.region: no position",
        "runs[0].results[5].locations[0].physicalLocation: no region"]


def test_a_file_level_finding_is_placed_on_line_one() -> None:
    report = sample_report("site")
    atr = report["articles"][1]["findings"][0]
    atr["line"], atr["column"] = None, None
    doc = json.loads(render_text(report, "sarif"))
    result = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "ATR001"][0]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


def _multitool() -> list[str]:
    """The command that runs sarif-multitool: ``sarif`` (the .NET global tool) when it is
    installed, else the npm package through npx; a skip that says why when neither runs."""
    if shutil.which("sarif"):
        return ["sarif"]
    if not shutil.which("npx"):
        pytest.skip("neither sarif-multitool ('sarif') nor npx is installed: the SARIF2005 "
                    "and SARIF2017 checks above stand in for it")
    command = ["npx", "-y", "@microsoft/sarif-multitool"]
    try:
        probe = subprocess.run([*command, "--version"], capture_output=True, text=True,
                               timeout=240)
    except subprocess.TimeoutExpired:
        pytest.skip("npx could not fetch @microsoft/sarif-multitool within 240 s (offline?)")
    if probe.returncode != 0 or "SARIF Multitool" not in probe.stdout + probe.stderr:
        pytest.skip(f"npx could not run @microsoft/sarif-multitool: {probe.stderr[-300:]}")
    return command


def test_sarif_multitool_validate_reports_nothing(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A real audit's log (an undisclosed AI image, so findings with and without lines)
    passes `sarif-multitool validate` with no error, warning or note."""
    from provenance.cli import main

    command = _multitool()
    make_site(tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    assert main(["audit", "site", "-o", "audit.sarif", "--now", "2026-03-10T00:00:00Z",
                 "--no-progress", "--no-cache"]) == 1
    # The npm wrapper passes its arguments through a shell: plain relative names only.
    run = subprocess.run([*command, "validate", "audit.sarif", "-o", "validation.sarif"],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    validation = json.loads((tmp_path / "validation.sarif").read_text(encoding="utf-8-sig"))
    found = [f"{r['ruleId']}: {r['message'].get('arguments')}"
             for r in validation["runs"][0].get("results", [])]
    assert found == []
    assert json.loads((tmp_path / "audit.sarif").read_text(encoding="utf-8"))["runs"][0][
        "results"], "the validated log had results to check"
