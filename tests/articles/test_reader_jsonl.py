"""JSON Lines reader: one record per line, bad records reported without hiding the rest."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from provenance.articles import RecordError, parse_article_text, read_article_file
from provenance.model import Article, Block, ImageRef, Suppression


def _summary(results: list[Article | RecordError]) -> list[tuple[object, ...]]:
    return [("article", r.index, r.headline, r.format) if isinstance(r, Article)
            else (r.kind, r.index, r.line, r.message) for r in results]


def test_good_bad_and_skipped_records_in_file_order() -> None:
    lines = [
        json.dumps({"uri": "urn:1", "headline": "Wind farm approved", "by": "Desk One"}),
        "",
        '{"uri": "urn:2", "headline": ',
        json.dumps({"kind": "telemetry", "value": 3}),
        "[1, 2]",
        json.dumps({"uri": "urn:5", "headline": "School roof repaired"}),
    ]
    results = parse_article_text("\n".join(lines) + "\n", "feed.jsonl", "jsonl")
    assert _summary(results) == [
        ("article", 1, "Wind farm approved", "jsonl"),
        ("unreadable", 2, 3,
         "record 2 (line 3): malformed JSON at line 1 column 30: Expecting value"),
        ("skipped", 3, 4,
         "record 3 (line 4): JSON without headline, body or uri is not a ninjs item"),
        ("skipped", 4, 5, "record 4 (line 5) is a JSON list, not an object"),
        ("article", 5, "School roof repaired", "jsonl"),
    ]


def test_blocks_images_and_suppressions_carry_the_record_line() -> None:
    record = {
        "uri": "urn:7", "headline": "Lighthouse restored", "body_text": "Work took a year.",
        "associations": [{"type": "picture", "description_text": "The lamp room.",
                          "renditions": [{"href": "lamp.jpg"}]}],
        "provenance": {"disable": [{"rule": "IMG006", "reason": "staff photo"}]},
    }
    text = "\n\n" + json.dumps(record) + "\n"
    [article] = parse_article_text(text, "one.jsonl", "jsonl")
    assert isinstance(article, Article)
    assert (article.index, article.path) == (1, "one.jsonl")
    assert article.blocks == [Block("headline", "Lighthouse restored", 3),
                              Block("body", "Work took a year.", 3),
                              Block("caption", "The lamp room.", 3, "lamp.jpg")]
    assert article.images == [ImageRef("lamp.jpg", 3, "The lamp room.", None, 3)]
    assert article.suppressions == [Suppression("IMG006", "staff photo", 3, "file")]


def test_empty_file_yields_nothing() -> None:
    assert parse_article_text("\n \n", "empty.jsonl", "jsonl") == []


def test_five_megabyte_valid_line_is_read(tmp_path: Path) -> None:
    record = {"uri": "urn:big", "headline": "Archive export", "blob": "z" * 5_000_000}
    path = tmp_path / "big.ndjson"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    started = time.perf_counter()
    [article] = read_article_file(path, "big.ndjson")
    assert isinstance(article, Article)
    assert (article.headline, article.format, article.index) == ("Archive export", "jsonl", 1)
    assert time.perf_counter() - started < 5


def test_five_megabyte_broken_line_is_one_record_error(tmp_path: Path) -> None:
    good = json.dumps({"uri": "urn:ok", "headline": "Still read"})
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"uri": "urn:big", "blob": "' + "q" * 5_000_000 + "\n" + good + "\n",
                    encoding="utf-8")
    results = read_article_file(path, "mixed.jsonl")
    assert [type(r).__name__ for r in results] == ["RecordError", "Article"]
    error = results[0]
    assert isinstance(error, RecordError)
    assert (error.index, error.line, error.kind) == (1, 1, "unreadable")
    assert error.message.startswith("record 1 (line 1): malformed JSON at line 1 column")


def test_record_with_a_megabyte_paragraph_is_unreadable_others_read() -> None:
    huge = json.dumps({"uri": "urn:h", "body_text": "w" * 1_100_000})
    ok = json.dumps({"uri": "urn:s", "headline": "Short"})
    results = parse_article_text(huge + "\n" + ok, "x.jsonl", "jsonl")
    assert _summary(results) == [
        ("unreadable", 1, 1, "record 1 (line 1): a paragraph is 1,100,000 characters long, "
                             "over the 1,000,000 character limit for one paragraph"),
        ("article", 2, "Short", "jsonl"),
    ]


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_deeply_nested_record_is_a_record_error(depth: int) -> None:
    deep = '{"uri": "urn:d", "x": ' + "[" * depth + "]" * depth + "}"
    results = parse_article_text(deep + "\n" + json.dumps({"uri": "urn:e"}), "d.jsonl", "jsonl")
    assert [(r.index, type(r).__name__) for r in results] == [(1, "RecordError"),
                                                               (2, "Article")]
    assert isinstance(results[0], RecordError)
    assert "nested too deeply" in results[0].message
