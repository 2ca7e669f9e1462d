"""The seed article and IPTC's ninjs examples through the whole audit (../shared/corpus).

Expected strings are read from the corpus files at run time, never pasted here.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.e2e.helpers import audit_json

pytestmark = pytest.mark.interop


def test_seed_article(corpus_dir: Path, tmp_path: Path) -> None:
    seed = corpus_dir / "articles" / "devdiscourse-kim-putin-2025-12-27.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    desk = next(line for line in lines if "| Updated:" in line)
    closing = next(line for line in lines if line.startswith("(With inputs from"))
    disclaimer = next(line for line in lines if line.startswith("This image is AI-generated"))
    boilerplate_from = lines.index("TRENDING") + 1

    _, report = audit_json(tmp_path, str(seed.parent))
    [article] = report["articles"]
    assert article["format"] == "text"
    assert article["byline"] == desk.split(" | ")[0]
    assert article["dateline"] == desk.split(" | ")[1]
    day, month, year, hour = re.search(r"Created: (\d\d)-(\d\d)-(\d{4}) (\d\d:\d\d)", desk).groups()
    assert article["published"] == f"{year}-{month}-{day}T{hour}:00+05:30"
    assert article["updated"] == article["published"]
    assert [(a["text"], a["source"], a["line"], a["zone"]) for a in article["attributions"]] == [
        (closing, "agencies", lines.index(closing) + 1, "body")]
    assert [(d["text"], d["line"], d["image"]) for d in article["disclaimers"]] == [
        (disclaimer, lines.index(disclaimer) + 1, None)]
    assert article["images"] == []
    assert all(a["line"] < boilerplate_from for a in article["attributions"])
    assert [f["rule"] for f in article["findings"]] == []


def _ninjs_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "ninjs").glob("examples-*/*.json"))


def test_every_ninjs_example_reads(corpus_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ninjs"
    for file in _ninjs_files(corpus_dir):
        target = folder / file.parent.name / file.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, target)  # a temporary copy, so a broken sibling can sit beside it
    broken = folder / "broken" / "truncated.json"
    broken.parent.mkdir()
    broken.write_text('{"uri": "urn:x", "headline": "A rail link opens", "body_text": "The li',
                      encoding="utf-8")
    _, report = audit_json(tmp_path, str(folder))
    inp = [(a["path"], f["rule"]) for a in report["articles"] for f in a["findings"]
           if f["rule"] == "INP001"]
    assert inp == [("broken/truncated.json", "INP001")]
    expected_count = 0
    for file in _ninjs_files(corpus_dir):
        doc = json.loads(file.read_text(encoding="utf-8"))
        items = doc if isinstance(doc, list) else [doc]
        expected_count += len(items)
        rel = f"{file.parent.name}/{file.name}"
        read = [a for a in report["articles"] if a["path"] == rel]
        for item, article in zip(items, read, strict=True):
            headline = item.get("headline") or next(
                (h.get("value") for h in item.get("headlines", []) if h.get("value")), None)
            assert (article["headline"] is not None) == bool(headline), rel
            pictures = _pictures(item)
            assert len(article["images"]) == len(pictures), rel
    assert report["summary"]["articles"] + report["summary"]["skipped"] == expected_count + 1


def _pictures(item: dict) -> list[object]:
    """The item itself when it is a picture, plus its picture associations."""
    assoc = item.get("associations") or {}
    values = [item, *(assoc.values() if isinstance(assoc, dict) else assoc)]
    return [a for a in values if isinstance(a, dict) and a.get("type") in ("picture", "graphic")
            and a.get("renditions")]
