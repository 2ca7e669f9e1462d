"""Dispatch: extensions, content sniffing, size limit, encodings through read_article_file."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from provenance.articles import (
    ARTICLE_EXTENSIONS,
    ArticleError,
    NotAnArticle,
    RecordError,
    confirm_format,
    format_for_path,
    parse_article_text,
    read_article_file,
)
from provenance.model import Article

TEXT = "Ferry timetable changes\n\nThe last boat now leaves at nine.\n"
MARKDOWN = "# Ferry timetable changes\n\nThe last boat now leaves at nine.\n"
NINJS = json.dumps({"uri": "urn:t", "headline": "Ferry timetable changes",
                    "body_text": "The last boat now leaves at nine."})
HTML = ("<!DOCTYPE html><html><head><title>Ferry timetable changes</title></head><body>"
        "<article><h1>Ferry timetable changes</h1><p>The last boat now leaves at nine, "
        "the operator said on Monday after a review of the winter crossings.</p>"
        "</article></body></html>")


def test_extension_list_is_the_contract() -> None:
    assert ARTICLE_EXTENSIONS == (".txt", ".html", ".htm", ".md", ".markdown", ".json",
                                  ".jsonl", ".ndjson")
    assert [format_for_path(f"a{ext.upper()}") for ext in ARTICLE_EXTENSIONS] == [
        "text", "html", "html", "markdown", "markdown", "ninjs", "jsonl", "jsonl"]
    assert format_for_path("photo.jpg") is None


@pytest.mark.parametrize(("name", "content", "fmt", "index"), [
    ("story.txt", TEXT, "text", None),
    ("story.md", MARKDOWN, "markdown", None),
    ("story.markdown", MARKDOWN, "markdown", None),
    ("story.json", NINJS, "ninjs", None),
    ("story.jsonl", NINJS + "\n", "jsonl", 1),
    ("story.ndjson", NINJS + "\n", "jsonl", 1),
])
def test_each_extension_reads_with_path_format_and_index(tmp_path: Path, name: str,
                                                         content: str, fmt: str,
                                                         index: int | None) -> None:
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / name).write_text(content, encoding="utf-8")
    [article] = read_article_file(sub / name, f"desk/{name}")
    assert isinstance(article, Article)
    assert (article.path, article.format, article.index, article.headline) == (
        f"desk/{name}", fmt, index, "Ferry timetable changes")
    assert "The last boat now leaves at nine." in [b.text for b in article.blocks]


@pytest.mark.parametrize("name", ["page.html", "page.htm"])
def test_html_goes_to_the_html_reader(tmp_path: Path, name: str) -> None:
    pytest.importorskip("provenance.articles.html")
    (tmp_path / name).write_text(HTML, encoding="utf-8")
    [article] = read_article_file(tmp_path / name, name)
    assert isinstance(article, Article)
    assert (article.path, article.format, article.index) == (name, "html", None)


@pytest.mark.parametrize(("text", "fmt", "expected"), [
    (HTML, "text", "html"),
    ("  \n<html lang='en'><body><p>x</p></body></html>", "markdown", "html"),
    (HTML, "ninjs", "html"),
    (NINJS + "\n" + NINJS + "\n", "ninjs", "jsonl"),
    ("\n\n" + NINJS + "\n\n" + NINJS + "\n", "ninjs", "jsonl"),
    ('{\n  "uri": "urn:pretty"\n}\n', "jsonl", "ninjs"),
    ('[\n {"uri": "urn:pretty"}\n]\n', "jsonl", "ninjs"),
    (NINJS + "\n", "ninjs", "ninjs"),
    (TEXT, "text", "text"),
    ("<p>a fragment is not a page</p>", "text", "text"),
    (NINJS + "\n" + NINJS, "jsonl", "jsonl"),
])
def test_content_confirms_or_corrects_the_extension(text: str, fmt: str,
                                                    expected: str) -> None:
    assert confirm_format(text, fmt) == expected


def test_json_lines_saved_as_json_read_as_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(NINJS + "\n" + NINJS + "\n", encoding="utf-8")
    results = read_article_file(path, "export.json")
    assert [(r.format, r.index) for r in results if isinstance(r, Article)] == [
        ("jsonl", 1), ("jsonl", 2)]


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert read_article_file(path, "long.txt", max_bytes=len(TEXT))
    with pytest.raises(ArticleError, match="larger than the 20 byte limit"):
        read_article_file(path, "long.txt", max_bytes=20)


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="cannot read the file"):
        read_article_file(tmp_path / "gone.txt", "gone.txt")
    (tmp_path / "notes.rtf").write_text("x", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"\.rtf is not an article file extension"):
        read_article_file(tmp_path / "notes.rtf", "notes.rtf")


def test_a_directory_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(ArticleError, match="cannot read the file"):
        read_article_file(tmp_path / "folder.txt", "folder.txt")


@pytest.mark.parametrize(("name", "content"), [("bom.txt", TEXT), ("bom.json", NINJS),
                                               ("bom.md", MARKDOWN)])
@pytest.mark.parametrize("bom_codec", [("utf-8-sig"), ("utf-16"), ("utf-16-be")])
def test_bom_files_read_normally(tmp_path: Path, name: str, content: str,
                                 bom_codec: str) -> None:
    data = content.replace("\n", "\r\n").encode(bom_codec)
    if bom_codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    (tmp_path / name).write_bytes(data)
    [article] = read_article_file(tmp_path / name, name)
    assert isinstance(article, Article)
    assert article.headline == "Ferry timetable changes"
    assert [b.line for b in article.blocks] == ([None, None] if name.endswith(".json")
                                                else [1, 3])


def test_undecodable_file_is_an_article_error(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Pão, ração, coração, não.".encode("latin-1"))
    with pytest.raises(ArticleError, match="not UTF-8 text"):
        read_article_file(tmp_path / "latin.txt", "latin.txt")


def test_not_an_article_propagates_for_a_single_json_file(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text('{"theme": "dark"}', encoding="utf-8")
    with pytest.raises(NotAnArticle):
        read_article_file(tmp_path / "config.json", "config.json")


def test_unknown_format_name_is_an_article_error() -> None:
    with pytest.raises(ArticleError, match="unknown article format 'rtf'"):
        parse_article_text("x", "x.rtf", "rtf")


def test_record_error_defaults() -> None:
    assert RecordError(3, "bad") == RecordError(3, "bad", None, "unreadable")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    import os
    import time

    os.mkfifo(tmp_path / "pipe.html")
    started = time.monotonic()
    with pytest.raises(ArticleError, match="not a regular file"):
        read_article_file(tmp_path / "pipe.html", "pipe.html")
    with pytest.raises(ArticleError, match="not a regular file"):
        read_article_file(tmp_path / "pipe.html", "pipe.html", root=tmp_path)
    assert time.monotonic() - started < 5
