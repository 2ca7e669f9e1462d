"""Folder walks: which files are articles, what is skipped, and one bad record among good ones."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.helpers import audit_json

ITEM = {"uri": "urn:x:1", "headline": "Tram Depot Expands", "byline": "City Desk",
        "firstcreated": "2026-03-01T09:00:00+00:00",
        "body_text": "PORTO (Lusa) - The tram depot will double its workshop space."}


def test_walk_skips_non_articles_and_counts_them(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".cache").mkdir(parents=True)
    (site / "package.json").write_text(json.dumps({"name": "site", "version": "1.0.0"}))
    (site / "story.json").write_text(json.dumps(ITEM))
    (site / "notes.csv").write_text("not,an,article\n")
    (site / ".cache" / "hidden.json").write_text(json.dumps(ITEM))
    _, report = audit_json(tmp_path, str(site))
    assert [a["path"] for a in report["articles"]] == ["story.json"]
    assert report["summary"]["skipped"] == 1
    assert [f["rule"] for f in report["articles"][0]["findings"]] == []


def test_bad_jsonl_record_is_inp001_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = [json.dumps(ITEM), '{"uri": "urn:x:2", "headline": "Broken', json.dumps(
        {**ITEM, "uri": "urn:x:3", "headline": "Ferry Pier Repaired"})]
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report = audit_json(tmp_path, str(export))
    assert code == 1
    assert [(a["index"], a["headline"], [f["rule"] for f in a["findings"]])
            for a in report["articles"]] == [
        (1, "Tram Depot Expands", []), (2, None, ["INP001"]), (3, "Ferry Pier Repaired", [])]
    assert report["articles"][1]["findings"][0]["line"] == 2


def test_bom_and_utf16_articles_read_normally(tmp_path: Path) -> None:
    text = "# Quay Reopens\n\nFARO (Reuters) - The quay reopened on Monday.\n"
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "utf16.md").write_bytes(text.encode("utf-16"))
    _, report = audit_json(tmp_path, str(tmp_path / "bom.md"), str(tmp_path / "utf16.md"))
    assert [(a["headline"], [x["source"] for x in a["attributions"]])
            for a in report["articles"]] == [("Quay Reopens", ["Reuters"])] * 2
