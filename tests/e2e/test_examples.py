"""The bundled examples end to end: every format, a schema-valid report, the expected findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.helpers import audit_json, rules_by_article


@pytest.fixture()
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of examples/ in a fresh folder, which is also the working directory."""
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return Path("examples")


def test_examples_report(examples: Path, tmp_path: Path) -> None:
    code, report = audit_json(tmp_path, str(examples))
    assert code == 1  # the examples contain deliberate errors (AID001)
    assert report["root"] == "examples"
    assert [(a["path"], a["index"], a["format"]) for a in report["articles"]] == [
        ("html/market-square.html", None, "html"),
        ("jsonl/briefs.jsonl", 1, "jsonl"), ("jsonl/briefs.jsonl", 2, "jsonl"),
        ("jsonl/briefs.jsonl", 3, "jsonl"),
        ("markdown/sea-wall-storm.md", None, "markdown"),
        ("ninjs/rail-bridge.json", None, "ninjs"),
        ("text/council-budget-no-credit.txt", None, "text"),
        ("text/harbour-ferry-scrape.txt", None, "text"),
    ]
    assert rules_by_article(report) == [
        ("html/market-square.html", None, "AID001", "img/market-square-edited.jpg"),
        ("jsonl/briefs.jsonl", 2, "ATR001", None),
        ("jsonl/briefs.jsonl", 2, "MET001", None),
        ("jsonl/briefs.jsonl", 3, "MET002", None),
        ("markdown/sea-wall-storm.md", None, "IMG006", "img/lighthouse-generated.png"),
        ("markdown/sea-wall-storm.md", None, "IMG005", "img/sea-wall.jpg"),
        ("text/council-budget-no-credit.txt", None, "MET001", None),
        ("text/council-budget-no-credit.txt", None, "MET002", None),
        ("text/council-budget-no-credit.txt", None, "ATR002", None),
    ]
    assert [i["path"] for i in report["images"]] == ["images/unlabelled-graphic.png"]
    assert report["summary"]["passed"] is False


def test_examples_article_model(examples: Path, tmp_path: Path) -> None:
    _, report = audit_json(tmp_path, str(examples))
    by_path = {(a["path"], a["index"]): a for a in report["articles"]}
    md = by_path[("markdown/sea-wall-storm.md", None)]
    assert (md["byline"], md["dateline"], md["published"], md["updated"]) == (
        "Ana Lopes", "Lisbon", "2026-03-02T08:00:00+01:00", "2026-03-02T10:30:00+01:00")
    assert [(a["source"], a["zone"]) for a in md["attributions"]] == [("Reuters", "body")]
    # The note is its own paragraph under the picture: body text next to the image (only
    # an emphasised paragraph or a photo credit after a blank line is a caption).
    assert [(d["image"], d["zone"]) for d in md["disclaimers"]] == [
        ("img/lighthouse-generated.png", "body")]
    assert [(i["src"], i["status"], i["ai"]["verdict"]) for i in md["images"]] == [
        ("img/lighthouse-generated.png", "ok", "ai-generated"),
        ("img/sea-wall.jpg", "ok", "not-ai")]
    scrape = by_path[("text/harbour-ferry-scrape.txt", None)]
    assert [(d["zone"], d["image"]) for d in scrape["disclaimers"]] == [("meta", None)]
    assert [(a["source"], a["line"]) for a in scrape["attributions"]] == [("agencies", 19)]
    ninjs = by_path[("ninjs/rail-bridge.json", None)]
    assert [(i["src"], i["path"], i["caption"]) for i in ninjs["images"]] == [
        ("img/rail-bridge.jpg", "ninjs/img/rail-bridge.jpg",
         "The repaired bridge on Thursday morning.")]


def test_report_is_deterministic(examples: Path, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    audit_json(tmp_path / "a", str(examples))
    audit_json(tmp_path / "b", str(examples))
    first = (tmp_path / "a" / "report.json").read_bytes()
    assert first == (tmp_path / "b" / "report.json").read_bytes()
    assert str(tmp_path) not in first.decode()  # no absolute paths
