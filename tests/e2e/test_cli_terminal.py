"""The terminal user's CLI (issue 15, "archive auditors"): output shapes, stdin, rule IDs,
explain, config show, baselines — each as a person types it, on files built here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from provenance.cli import main
from tests.e2e.helpers import NOW, audit_json
from tests.e2e.sites import put as write
from tests.images.builders import exif_bytes, write_jpeg

CREDITED = """---
title: Tram Depot Gets Solar Roof
author: City Desk
date: 2026-03-02T08:00:00+01:00
---

PORTO (Lusa) - The tram depot's roof now carries four hundred solar panels.

![Panels on the depot roof](img/roof.jpg)
*Panels on the depot roof. Photo: Rui Sousa.*
"""

UNCREDITED = """---
title: Ferry Timetable Changes
date: 2026-03-03T09:00:00+01:00
---

The ferry will leave ten minutes earlier from Monday.

![Ferry at the quay](img/roof.jpg)
*The ferry at the quay.*
"""

Cap = pytest.CaptureFixture[str]
CONCISE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{3}\d{3}) \S")


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two Markdown stories showing the same photo (with GPS); the working directory."""
    root = tmp_path / "desk"
    (root / ".git").mkdir(parents=True)
    write(root, "news/depot.md", CREDITED)
    write(root, "news/ferry.md", UNCREDITED)
    (root / "news/img").mkdir()
    write_jpeg(root / "news/img/roof.jpg", exif=exif_bytes(artist="Rui Sousa",
                                                          gps=(41.1496, -8.6109)))
    monkeypatch.chdir(root)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return root


def run(capsys: Cap, *args: str) -> tuple[int, str, str]:
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def audit(capsys: Cap, *args: str) -> tuple[int, str, str]:
    return run(capsys, "audit", *args, "--now", NOW, "--no-cache", "--no-progress")


# --- output shapes -------------------------------------------------------------------------


def test_concise_is_one_problem_matcher_line_per_finding(desk: Path, capsys: Cap) -> None:
    code, out, _ = audit(capsys, "news", "--output-format", "concise", "--quiet")
    assert code == 0
    lines = out.splitlines()
    assert lines == sorted(lines, key=lambda s: s.split(":")[0]) and lines
    parsed = [CONCISE.match(line) for line in lines]
    assert all(parsed), lines
    found = {(m["path"], m["code"], m["line"]) for m in parsed if m}
    # The photo's reference line is where IMG005 points, in each story.
    assert ("news/depot.md", "IMG005", "9") in found
    assert ("news/ferry.md", "IMG005", "8") in found
    assert ("news/ferry.md", "ATR001", "1") in found  # file-level: line 1, as ruff does


def test_statistics_count_findings_per_rule(desk: Path, capsys: Cap) -> None:
    _, out, _ = audit(capsys, "news", "--statistics")
    table = out.split("\n\n")[-2].splitlines()
    assert table[0].split() == ["2", "IMG005", "gps-location-embedded"]
    assert ["1", "ATR001", "attribution-missing"] in [row.split() for row in table]


def test_quiet_prints_findings_only(desk: Path, capsys: Cap) -> None:
    _, out, err = audit(capsys, "news", "-q")
    assert "IMG005" in out and "article" not in out.splitlines()[-1]
    assert "passed" not in out and err == ""


def test_summary_counts_image_files_and_references(desk: Path, capsys: Cap) -> None:
    _, out, _ = audit(capsys, "news")
    assert out.splitlines()[-1].startswith("2 articles, 1 image (2 references), 0 skipped:")
    _, out, err = audit(capsys, "news", "-o", "report.json")
    assert out == "" and "2 articles, 1 image (2 references):" in err


def test_dash_output_is_stdout(desk: Path, capsys: Cap) -> None:
    code, out, _ = audit(capsys, "news", "--format", "json", "-o", "-")
    assert code == 0 and not Path("-").exists()
    assert [a["path"] for a in json.loads(out)["articles"]] == ["news/depot.md", "news/ferry.md"]


@pytest.mark.parametrize(("flag", "env", "coloured"), [
    ("auto", {}, False), ("always", {}, True), ("never", {"FORCE_COLOR": "1"}, False),
    ("auto", {"FORCE_COLOR": "1"}, True), ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ("always", {"NO_COLOR": "1"}, True),
])
def test_color_flag_and_environment(desk: Path, capsys: Cap, monkeypatch: pytest.MonkeyPatch,
                                    flag: str, env: dict[str, str], coloured: bool) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _, out, _ = audit(capsys, "news", "--color", flag)
    assert ("\x1b[" in out) is coloured


def test_concise_without_text_output_is_a_usage_error(desk: Path, capsys: Cap) -> None:
    code, _, err = audit(capsys, "news", "--format", "json", "--output-format", "concise")
    assert code == 2 and "--output-format concise" in err


def test_front_matter_image_finding_carries_its_line(desk: Path, capsys: Cap) -> None:
    write(desk, "news/hero.md", "---\ntitle: Hero\nauthor: Desk\nimage: img/gone.jpg\n---\n\n"
          "LISBON (Lusa) - Text.\n")
    _, out, _ = audit(capsys, "news/hero.md", "--output-format", "concise")
    assert "news/hero.md:4:1: IMG001 image 'img/gone.jpg' does not exist" in out


def test_front_matter_date_findings_carry_their_line(desk: Path, capsys: Cap) -> None:
    write(desk, "news/late.md", "+++\ntitle = \"Late\"\nauthor = \"Desk\"\n"
          "date = 2031-05-01T10:00:00Z\nlastmod = 2020-01-01T10:00:00Z\n+++\n\n"
          "LISBON (Lusa) - Text.\n")
    _, out, _ = audit(capsys, "news/late.md", "--output-format", "concise")
    assert "news/late.md:4:1: MET002 published date 2031-05-01T10:00:00+00:00 is after" in out
    assert "news/late.md:5:1: MET002 updated 2020-01-01T10:00:00+00:00 is before" in out


# --- what is read ----------------------------------------------------------------------------


def test_stdin_article_is_named_by_stdin_filename(desk: Path, capsys: Cap,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(UNCREDITED.encode())))
    code, out, _ = audit(capsys, "-", "--stdin-filename", "news/draft.md", "--format", "json")
    report = json.loads(out)
    assert code == 0
    [article] = report["articles"]
    assert (article["path"], article["format"], article["headline"]) == (
        "news/draft.md", "markdown", "Ferry Timetable Changes")
    # The image resolves from the named file's folder, as it would on disk.
    assert [(i["path"], i["status"]) for i in article["images"]] == [("news/img/roof.jpg", "ok")]
    assert {f["rule"] for f in article["findings"]} == {"ATR001", "MET001", "IMG005"}


def test_stdin_needs_a_name_and_stands_alone(desk: Path, capsys: Cap) -> None:
    code, _, err = audit(capsys, "-")
    assert code == 2 and "--stdin-filename" in err
    code, _, err = audit(capsys, "-", "news", "--stdin-filename", "x.md")
    assert code == 2 and "cannot be combined" in err
    code, _, err = audit(capsys, "-", "--stdin-filename", "photo.jpg")
    assert code == 2 and "not an article name" in err
    code, _, err = audit(capsys, "news", "--stdin-filename", "x.md")
    assert code == 2 and "only with PATH '-'" in err


def test_named_file_of_unknown_type_is_a_usage_error(desk: Path, capsys: Cap) -> None:
    write(desk, "news/notes.docx", "not an article")
    code, out, err = audit(capsys, "news/notes.docx")
    assert code == 2 and "passed" not in out
    assert "news/notes.docx: not an article or an image file" in err
    assert audit(capsys, "news")[0] == 0  # the same file met in a walk is passed over


def test_extract_of_an_image_says_what_to_run(desk: Path, capsys: Cap) -> None:
    code, _, err = run(capsys, "extract", "news/img/roof.jpg")
    assert code == 2
    assert "an image, not an article" in err
    assert "provenance inspect news/img/roof.jpg" in err


# --- rule IDs --------------------------------------------------------------------------------


def test_rule_ids_and_names_are_case_insensitive_on_the_command_line(desk: Path,
                                                                    tmp_path: Path) -> None:
    _, report = audit_json(tmp_path, "news", "--select", "img005,Attribution-Missing")
    rules = {f["rule"] for a in report["articles"] for f in a["findings"]}
    assert rules == {"IMG005", "ATR001"}


def test_unknown_rule_id_gets_did_you_mean(desk: Path, capsys: Cap) -> None:
    code, _, err = audit(capsys, "news", "--select", "IMG05")
    assert code == 2 and "did you mean IMG005 (gps-location-embedded)?" in err
    code, _, err = audit(capsys, "news", "--ignore", "atribution-missing")
    assert code == 2 and "did you mean ATR001 (attribution-missing)?" in err


def test_policy_file_takes_rule_ids_in_any_case(desk: Path, tmp_path: Path) -> None:
    write(desk, "provenance.toml", 'ignore = ["atr"]\n\n[rules.img005]\nseverity = "error"\n\n'
          '[rules.byline-missing]\nenabled = false\n')
    code, report = audit_json(tmp_path, "news")
    severities = {(f["rule"], f["severity"]) for a in report["articles"] for f in a["findings"]}
    assert code == 1 and severities == {("IMG005", "error")}


def test_the_shipped_schema_agrees_rule_ids_ignore_case() -> None:
    """Editors validating provenance.toml with the schema accept what the tool accepts."""
    from provenance.schema import validator

    check = validator("config.schema.json")
    assert list(check.iter_errors({"select": ["aid001", "Img", "gps-location-embedded"],
                                   "ignore": ["met002"]})) == []
    assert list(check.iter_errors({"select": ["AID001 "]}))  # still a pattern, not free text


def test_policy_file_unknown_rule_gets_did_you_mean(desk: Path, capsys: Cap) -> None:
    write(desk, "provenance.toml", '[rules.img05]\nseverity = "error"\n')
    code, _, err = audit(capsys, "news")
    assert code == 2
    assert "rules/img05" in err and "did you mean IMG005" in err
    write(desk, "provenance.toml", '[rules.img005]\nseverity = "error"\n[rules.IMG005]\n'
          'severity = "info"\n')
    code, _, err = audit(capsys, "news")
    assert code == 2 and "IMG005 is configured twice" in err


def test_explain_takes_a_name_and_prints_plain_text(capsys: Cap) -> None:
    code, out, _ = run(capsys, "explain", "ai-image-undisclosed")
    assert code == 0 and out.startswith("AID001 ai-image-undisclosed:")
    assert "``" not in out and "::" not in out
    assert "Passes:\n\n    ![Flooded street](flood.png)" in out
    assert "\n\nDefault severity: error\n" in out
    assert run(capsys, "explain", "aid001")[1] == out


def test_explain_markdown(capsys: Cap) -> None:
    code, out, _ = run(capsys, "explain", "SUP001", "--format", "markdown")
    assert code == 0 and out.startswith("# SUP001 suppression-invalid\n\nAn inline `disable`")
    assert "Grammar, the same across formats:\n\n```text\n<!-- provenance:" in out
    assert "::" not in out.replace("::error", "")


def test_explain_unknown_rule(capsys: Cap) -> None:
    code, _, err = run(capsys, "explain", "gps-location")
    assert code == 2 and "did you mean IMG005 (gps-location-embedded)?" in err


def test_config_show_prints_effective_rule_settings(desk: Path, capsys: Cap) -> None:
    write(desk, "provenance.toml", '[rules.img008]\nseverity = "error"\n'
          '[rules.img008.options]\nmax_capture_age_days = 30\n'
          '[rules.ATR001]\npaths = ["news/*"]\n')
    code, out, _ = run(capsys, "config", "show")
    rules = json.loads(out)["rules"]
    assert code == 0 and len(rules) >= 20
    assert rules["IMG008"]["severity"] == "error"
    assert rules["IMG008"]["options"]["max_capture_age_days"] == 30
    assert rules["IMG005"] == {"enabled": True, "severity": "warning", "options": {}}
    assert rules["ATR001"]["paths"] == ["news/*"]
    assert "Reuters" in rules["ATR003"]["options"]["known_sources"]  # the default list


def test_rule_paths_matching_nothing_is_a_warning(desk: Path, capsys: Cap) -> None:
    write(desk, "provenance.toml", '[rules.IMG005]\npaths = ["photos/**"]\n')
    code, out, err = audit(capsys, "news")
    assert code == 0
    assert "warning: rules.IMG005.paths 'photos/**' matches none of the audited files" in err
    write(desk, "provenance.toml", '[rules.IMG005]\npaths = ["news/depot.md"]\n')
    assert "matches none" not in audit(capsys, "news")[2]


# --- baselines -------------------------------------------------------------------------------


def test_stale_baseline_entries_are_named_and_pruned(desk: Path, capsys: Cap) -> None:
    assert run(capsys, "baseline", "create", "news", "-o", "base.json", "--now", NOW)[0] == 0
    write(desk, "news/ferry.md", UNCREDITED.replace("The ferry", "LISBON (Lusa) - The ferry"))
    _, out, _ = audit(capsys, "news", "--baseline", "base.json")
    assert "1 stale baseline)" in out
    assert "1 baseline entry no longer found (remove with `provenance baseline prune`):" in out
    assert re.search(r"^  news/ferry\.md  ATR001  v1:[0-9a-f]{12}…$", out, re.M)

    write(desk, "news/new.md", UNCREDITED.replace("Ferry", "Bus"))  # a new finding (ATR001)
    code, _, err = run(capsys, "baseline", "prune", "news", "--baseline", "base.json",
                       "--now", NOW)
    assert code == 0 and "0 added, 1 removed, 3 kept" in err
    entries = json.loads(Path("base.json").read_text("utf-8"))["findings"]
    assert ("news/ferry.md", "ATR001") not in {(e["path"], e["rule"]) for e in entries}
    assert "news/new.md" not in {e["path"] for e in entries}  # prune adds nothing

    code, _, err = run(capsys, "baseline", "update", "news", "--baseline", "base.json",
                       "--now", NOW)
    assert code == 0 and "3 added, 0 removed, 3 kept" in err
    assert audit(capsys, "news", "--baseline", "base.json")[1].splitlines()[-1].startswith(
        "3 articles")
    _, out, _ = audit(capsys, "news", "--baseline", "base.json", "--fail-on", "info")
    assert "no longer found" not in out and "0 errors, 0 warnings, 0 info" in out


def test_prune_keeps_what_it_did_not_look_at(desk: Path, capsys: Cap) -> None:
    assert run(capsys, "baseline", "create", "news", "-o", "base.json", "--now", NOW)[0] == 0
    before = json.loads(Path("base.json").read_text("utf-8"))["findings"]
    code, _, err = run(capsys, "baseline", "prune", "news/depot.md", "--baseline", "base.json",
                       "--select", "IMG", "--now", NOW)
    assert code == 0 and "0 added, 0 removed" in err
    assert json.loads(Path("base.json").read_text("utf-8"))["findings"] == before


def test_baseline_prune_needs_a_file(desk: Path, capsys: Cap) -> None:
    code, _, err = run(capsys, "baseline", "prune", "news")
    assert code == 2 and "--baseline" in err


# --- IMG005 --------------------------------------------------------------------------------


def test_gps_zero_zero_is_no_location(desk: Path, tmp_path: Path) -> None:
    write_jpeg(desk / "news/img/nofix.jpg", exif=exif_bytes(artist="A", gps=(0.0, 0.0)))
    write_jpeg(desk / "news/img/equator.jpg", exif=exif_bytes(artist="A", gps=(0.0, 32.58)))
    _, report = audit_json(tmp_path, "news/img/nofix.jpg", "news/img/equator.jpg")
    fired = {i["path"]: [f["rule"] for f in i["findings"]] for i in report["images"]}
    assert fired == {"news/img/equator.jpg": ["IMG005"], "news/img/nofix.jpg": []}
