"""``provenance extract``: the article model as read, every block with its zone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from provenance.cli import main
from provenance.schema import report_errors
from tests.conftest import REPO


def extract(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["extract", *args, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert report_errors(doc, "extractReport") == []
    return doc


def test_examples_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    doc = extract(capsys, str(tmp_path / "examples"))
    zones = {(a["path"], a["index"]): [b["zone"] for b in a["blocks"]] for a in doc["articles"]}
    assert zones[("markdown/sea-wall-storm.md", None)] == [
        "meta", "meta",  # the front matter's dates (date, updated) at their lines
        "headline", "body", "body", "body", "caption", "body"]  # a prose note, a photo credit
    assert zones[("html/market-square.html", None)] == [
        "boilerplate", "headline", "meta", "body", "caption", "body", "caption", "body",
        "boilerplate", "boilerplate"]  # nav; h1; byline; ...; aside and footer
    assert zones[("ninjs/rail-bridge.json", None)] == [
        "headline", "meta", "body", "body", "body", "caption"]
    scrape = {(a["path"]): a for a in doc["articles"]}["text/harbour-ferry-scrape.txt"]
    # attributions and disclosures come from the blocks the reader made
    for found in scrape["attributions"] + scrape["disclaimers"]:
        block = next(b for b in scrape["blocks"] if b["line"] == found["line"])
        assert found["text"] in block["text"] and found["zone"] == block["zone"]


def test_text_view_marks_zones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(REPO / "examples" / "text", tmp_path / "text")
    assert main(["extract", str(tmp_path / "text" / "harbour-ferry-scrape.txt")]) == 0
    out = capsys.readouterr().out
    assert "   19 body       | (With inputs from agencies.)" in out
    assert "   21 boilerplate| TRENDING" in out
    assert "disclosure (meta, line 9, image None): This image is AI-generated" in out


@pytest.mark.interop
def test_seed_blocks(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = corpus_dir / "articles" / "devdiscourse-kim-putin-2025-12-27.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    [article] = extract(capsys, str(seed))["articles"]
    by_line = {b["line"]: b["zone"] for b in article["blocks"]}
    assert by_line[lines.index("TRENDING") + 1] == "boilerplate"
    closing = next(i for i, line in enumerate(lines, 1) if line.startswith("(With inputs"))
    assert by_line[closing] == "body"
    assert all(zone == "boilerplate" for line, zone in by_line.items() if line > closing)
