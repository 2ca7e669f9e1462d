"""The CLI contract: exit codes and their precedence, policy files, baselines, root bounds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.cli import main
from tests.e2e.helpers import NOW, audit_json, rules_by_article
from tests.e2e.sites import put as write

STORY = """---
title: Night Buses Return to the Coast Road
author: Transport Desk
date: 2026-03-02T08:00:00+01:00
---

# Night Buses Return to the Coast Road

FARO (Reuters) - Night buses will run along the coast road again from Friday, the operator said.

Tickets bought for the day service remain valid after midnight.
"""


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small site folder that is also the working directory (with a .git to stop discovery)."""
    root = tmp_path / "site"
    (root / ".git").mkdir(parents=True)
    write(root, "news/buses.md", STORY)
    write(root, "news/uncredited.md", STORY.replace("FARO (Reuters) - ", ""))
    monkeypatch.chdir(root)
    return root


def test_exit_codes_follow_fail_on(site: Path, tmp_path: Path) -> None:
    code, report = audit_json(tmp_path, "news")
    assert code == 0  # only a warning (ATR001) by default
    # The root is the project's (here the git root), whatever PATH is named.
    assert report["root"] == "."
    assert rules_by_article(report) == [("news/uncredited.md", None, "ATR001", None)]
    assert audit_json(tmp_path, "news", "--fail-on", "warning")[0] == 1
    assert audit_json(tmp_path, "news", "--fail-on", "never", "--ignore", "ATR")[0] == 0


def test_usage_errors_exit_2(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "does-not-exist"]) == 2
    assert main(["audit", "news", "--fail-on", "sometimes"]) == 2
    assert main(["audit", "news", "--select", "XYZ9"]) == 2
    outside = site.parent / "elsewhere.md"
    outside.write_text(STORY, encoding="utf-8")
    assert main(["audit", str(outside), "--root", "news"]) == 2
    assert "outside the root" in capsys.readouterr().err


def test_crashing_validator_exits_3_and_is_named(site: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import functools

    from provenance import parallel
    from tests.e2e.hooks import break_rule

    # The rule breaks inside the worker processes, where validators really run.
    monkeypatch.setattr(parallel, "run_audit_parallel", functools.partial(
        parallel.run_audit_parallel, worker_init=functools.partial(break_rule, "MET001")))
    code, report = audit_json(tmp_path, "news", "--fail-on", "never")
    assert code == 3
    assert [(e["stage"], e["path"]) for e in report["errors"]] == [
        ("validate:MET001", "news/buses.md"), ("validate:MET001", "news/uncredited.md")]
    assert "rule exploded" in report["errors"][0]["message"]
    assert rules_by_article(report) == [("news/uncredited.md", None, "ATR001", None)]


def test_policy_changes_severity_and_exit(site: Path, tmp_path: Path) -> None:
    write(site, "provenance.toml", 'fail_on = "warning"\n[rules.ATR001]\nseverity = "info"\n')
    code, report = audit_json(tmp_path, "news")
    assert code == 0
    assert [f["severity"] for a in report["articles"] for f in a["findings"]] == ["info"]
    write(site, "provenance.toml", 'extends = "strict"\n')
    assert audit_json(tmp_path, "news")[0] == 1


def test_policy_errors_name_file_and_path(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = write(site, "provenance.toml", "[rules.ZZZ001]\nseverity = 'error'\n")
    assert main(["audit", "news"]) == 2
    err = capsys.readouterr().err
    assert str(policy) in err and "rules/ZZZ001" in err
    write(site, "provenance.toml", "[rules.AID001]\nseverity = 3\n")
    assert main(["config", "validate", "provenance.toml"]) == 2
    err = capsys.readouterr().err
    assert "rules/AID001/severity" in err and "provenance.toml" in err
    write(site, "provenance.toml", "[rules.IMG008.options]\nmax_age = 3\n")
    assert main(["audit", "news"]) == 2
    assert "rules/IMG008/options/max_age" in capsys.readouterr().err


def test_pyproject_table_and_overrides(site: Path, tmp_path: Path) -> None:
    write(site, "pyproject.toml", '[project]\nname = "site"\n\n[tool.provenance]\n'
          'fail_on = "warning"\n[[tool.provenance.overrides]]\npaths = ["news/uncredited.md"]\n'
          'ignore = ["ATR001"]\n')
    code, report = audit_json(tmp_path, "news")
    assert (code, rules_by_article(report)) == (0, [])


def test_baseline_survives_line_shifts(site: Path, tmp_path: Path) -> None:
    assert main(["baseline", "create", "news", "-o", "baseline.json", "--now", NOW]) == 0
    story = site / "news" / "uncredited.md"
    story.write_text(story.read_text().replace("# Night", "\n\n\n# Night"), encoding="utf-8")
    code, report = audit_json(tmp_path, "news", "--baseline", "baseline.json",
                              "--fail-on", "warning")
    assert code == 0
    assert report["summary"]["baselined"] == 1 and rules_by_article(report) == []
    story.write_text(STORY, encoding="utf-8")  # fixed: the entry is now stale
    _, report = audit_json(tmp_path, "news", "--baseline", "baseline.json")
    assert [s["rule"] for s in report["stale_baseline"]] == ["ATR001"]


def test_image_references_never_leave_the_root(site: Path, tmp_path: Path) -> None:
    secret = site.parent / "secret.jpg"
    secret.write_bytes(b"\xff\xd8\xff\xd9")
    os.symlink(secret, site / "news" / "link.jpg")
    body = "\n".join(f"![x]({src})\n\nCaption {i}.\n" for i, src in enumerate([
        "../../secret.jpg", str(secret), "file:///etc/hostname", "link.jpg",
        "https://cdn.example.org/a.jpg", "data:image/png;base64,iVBORw0KGgo=", "gone.jpg"]))
    write(site, "news/hostile.md", STORY + "\n" + body)
    _, report = audit_json(tmp_path, "news/hostile.md", "--root", ".")
    [article] = report["articles"]
    assert [(i["src"], i["status"]) for i in article["images"]] == [
        ("../../secret.jpg", "outside-root"), (str(secret), "outside-root"),
        ("file:///etc/hostname", "outside-root"), ("link.jpg", "outside-root"),
        ("https://cdn.example.org/a.jpg", "remote"),
        ("data:image/png;base64,iVBORw0KGgo=", "remote"), ("gone.jpg", "missing")]
    assert sorted({f["rule"] for f in article["findings"]}) == ["IMG001", "IMG003", "IMG004"]


def test_report_written_atomically(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.report import ReportBuilder

    def interrupted(self: object, *_: object, **__: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C after the report file was opened and started

    Path("report.json").write_text("previous report\n", encoding="utf-8")
    monkeypatch.setattr(ReportBuilder, "add_article", interrupted)
    monkeypatch.setattr(ReportBuilder, "add_encoded", interrupted)  # entries the cache encoded
    assert main(["audit", "news", "-o", "report.json"]) == 130
    assert Path("report.json").read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in Path(".").iterdir() if p.name.startswith(".report")) == []


def test_jsonl_lines_are_typed(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "news", "--format", "jsonl", "--now", NOW]) == 0
    kinds = [json.loads(line)["type"] for line in capsys.readouterr().out.splitlines()]
    assert kinds == ["run", "article", "article", "summary"]


def test_version_imports_neither_pillow_nor_c2pa() -> None:
    code = ("import sys; from provenance.cli import main; rc = main(['--version']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PIL', 'c2pa')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.splitlines()[-1] == "[]"
    assert out.startswith("provenance, version ")


def test_report_file_mode_follows_umask(site: Path) -> None:
    old = os.umask(0o022)
    try:
        assert main(["audit", "news", "-o", "report.json", "--no-progress"]) == 0
    finally:
        os.umask(old)
    assert Path("report.json").stat().st_mode & 0o777 == 0o644


def test_symlinked_files_leading_out_are_not_read(site: Path, tmp_path: Path) -> None:
    outside = site.parent / "outside"
    outside.mkdir()
    (outside / "story.md").write_text(STORY, encoding="utf-8")
    (outside / "photo.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    os.symlink(outside / "story.md", site / "news" / "linked.md")
    os.symlink(outside / "photo.jpg", site / "news" / "linked.jpg")
    _, report = audit_json(tmp_path, "news")
    linked = [a for a in report["articles"] if a["path"] == "news/linked.md"]
    assert [[f["rule"] for f in a["findings"]] for a in linked] == [["INP001"]]
    assert "leads outside the audit root" in linked[0]["findings"][0]["message"]
    assert [(i["path"], i["status"], [f["rule"] for f in i["findings"]])
            for i in report["images"]] == [("news/linked.jpg", "outside-root", ["IMG004"])]


def test_paths_through_a_symlinked_folder(site: Path, tmp_path: Path) -> None:
    os.symlink(site, tmp_path / "alias")
    _, report = audit_json(tmp_path, str(tmp_path / "alias" / "news"))
    assert [a["path"] for a in report["articles"]] == ["news/buses.md", "news/uncredited.md"]


def test_file_only_output_says_what_was_written(site: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "news", "-o", "report.json", "--report", "sarif=report.sarif",
                 "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("provenance: 2 articles, 0 images: 0 errors, 1 warning, 0 info"
                            " — passed; wrote report.json, report.sarif\n")
