"""The seed scrape from the shared corpus, end to end through the detectors.

Expected strings (the closing line, the disclaimer) are read from the corpus file at run
time, never pasted here. The article is built three ways: the project's text reader (when
present), a tiny local line splitter, and blank-line paragraphs (so a reader that keeps the
desk line, caption and disclaimer in one block still gives the same answers).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from provenance.articles.detect import annotate
from provenance.model import Article, Block

SEED = "articles/devdiscourse-kim-putin-2025-12-27.txt"
MARKERS = re.compile(r"^(?:TRENDING|OPINION\s*/|Related Stories|Connect us on|©)")
SCRAPER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b")


def _zone_lines(lines: list[str]) -> list[tuple[str, str, int]]:
    """(zone, text, line) for each non-empty line, zoned by the scrape's visible markers."""
    out: list[tuple[str, str, int]] = []
    state = "headline"
    for number, text in enumerate(lines, 1):
        if not text.strip():
            if state == "meta":
                state = "body"
            continue
        if SCRAPER.match(text) or state == "boilerplate" or MARKERS.match(text.strip()):
            state = "boilerplate" if not SCRAPER.match(text) else state
            out.append(("boilerplate", text, number))
            continue
        if "| Updated:" in text:
            state = "meta"
        out.append((state, text, number))
        state = {"headline": "standfirst", "standfirst": "body"}.get(state, state)
    return out


def split_lines(text: str) -> Article:
    blocks = [Block(z, t, n) for z, t, n in _zone_lines(text.split("\n"))]
    return Article(path="seed.txt", format="text", blocks=blocks)


def split_paragraphs(text: str) -> Article:
    """Blank-line paragraphs: the desk line, caption, disclaimer and bullets share a block."""
    blocks: list[Block] = []
    for zone, line_text, number in _zone_lines(text.split("\n")):
        last = blocks[-1] if blocks else None
        if last is not None and last.zone == zone and last.line is not None and \
                last.line + last.text.count("\n") + 1 == number:
            last.text += "\n" + line_text
        else:
            blocks.append(Block(zone, line_text, number))
    return Article(path="seed.txt", format="text", blocks=blocks)


def real_reader(text: str) -> Article:
    module = pytest.importorskip("provenance.articles.text")
    article: Article = module.read_text(text, "seed.txt")
    return article


def _line_starting(lines: list[str], prefix: str) -> tuple[str, int]:
    hits = [(t.strip(), n) for n, t in enumerate(lines, 1) if t.strip().startswith(prefix)]
    assert len(hits) == 1, f"the seed should print {prefix!r} once"
    return hits[0]


@pytest.mark.interop
@pytest.mark.parametrize("build", [real_reader, split_lines, split_paragraphs],
                         ids=["text-reader", "line-splitter", "paragraph-splitter"])
def test_seed(corpus_dir: Path, build: Callable[[str], Article]) -> None:
    text = (corpus_dir / SEED).read_text(encoding="utf-8")
    lines = text.split("\n")
    closing, closing_line = _line_starting(lines, "(With inputs from")
    notice, notice_line = _line_starting(lines, "This image is AI-generated and does not depict")
    article = build(text)
    annotate(article)
    assert [(a.text, a.source, a.line, a.zone) for a in article.attributions] == [
        (closing, "agencies", closing_line, "body")]
    assert [(d.text, d.line, d.image) for d in article.disclaimers] == [
        (notice, notice_line, None)]
    assert article.disclaimers[0].zone in ("meta", "body")
    assert article.byline == "Devdiscourse News Desk"
    assert article.dateline == "Seoul"
    assert article.published == "2025-12-27T03:05:00+05:30"
    assert article.updated == "2025-12-27T03:05:00+05:30"


@pytest.mark.interop
def test_seed_boilerplate_counts_nothing(corpus_dir: Path) -> None:
    """Everything from TRENDING on, read as body, still yields no credit or disclosure."""
    text = (corpus_dir / SEED).read_text(encoding="utf-8")
    lines = text.split("\n")
    start = next(n for n, t in enumerate(lines) if t.strip() == "TRENDING")
    tail = Article(path="seed.txt", format="text",
                   blocks=[Block("body", t, n + 1) for n, t in enumerate(lines)
                           if n >= start and t.strip()])
    annotate(tail)
    assert (tail.attributions, tail.disclaimers) == ([], [])
