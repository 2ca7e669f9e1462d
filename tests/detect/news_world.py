"""The news-world corpus as the interop tests read it: its labels, and each page as an
article (gunzipped in memory, never copied; a real page is never taken for a template)."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from provenance.articles import parse_article_text
from provenance.articles.decode import decode_bytes
from provenance.model import Article


def label_rows(corpus_dir: Path) -> tuple[Path, list[dict[str, str]]]:
    """The folder and the rows of its LABELS.tsv (the test skips without them)."""
    folder = corpus_dir / "news-world"
    if not (folder / "LABELS.tsv").is_file():
        pytest.skip(f"{folder} has no LABELS.tsv")
    with (folder / "LABELS.tsv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    assert len(rows) >= 100
    return folder, rows


def read_page(path: Path) -> Article:
    text = decode_bytes(gzip.decompress(path.read_bytes())).text
    [result] = parse_article_text(text, path.name.removesuffix(".gz"), "html")
    assert isinstance(result, Article), result
    return result
