"""The news-world corpus as the interop tests read it: its labels, and each page as an
article (gunzipped in memory, never copied; a real page is never taken for a template)."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from provenance.articles import parse_article_text
from provenance.articles.decode import decode_bytes
from provenance.articles.detect import DetectSettings, annotate
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


def credited(article: Article) -> bool:
    """The attribution call: some attribution lies outside boilerplate (a boilerplate-only
    credit is ATR002, not a credit of the article)."""
    annotate(article, DetectSettings())
    return any(a.zone != "boilerplate" for a in article.attributions)


def _norm(text: str) -> str:
    return " ".join(text.split())


def disclosure_right(row: dict[str, str], article: Article) -> bool:
    """The disclosure call against a ``yes``/``no`` label: ``no`` means no disclosure at all;
    ``yes`` means some disclosure holds the labelled text, and a caption one names its image."""
    annotate(article, DetectSettings())
    found = article.disclaimers
    if row["has_ai_disclaimer"] == "no":
        return not found
    label = _norm(row["disclaimer_text"])
    matching = [d for d in found if label in _norm(d.text)]
    return bool(matching) and all(d.image is not None for d in matching
                                  if d.zone == "caption")
