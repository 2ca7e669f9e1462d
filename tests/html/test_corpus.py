"""Main-content extraction quality on the real html-aeb pages (skipped without the corpus).

The score is the one ``bench/extract_score.py`` prints: micro-averaged F1 of counted 4-token
shingles between the ground-truth article body and the text of the ``body`` blocks.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from provenance.articles.html import read_html

REPO = Path(__file__).resolve().parents[2]
MIN_F1 = 0.93


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_score",
                                                  REPO / "bench" / "extract_score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.interop
def test_body_f1_on_html_aeb(corpus_dir: Path) -> None:
    folder = corpus_dir / "html-aeb"
    if not (folder / "ground-truth.json").is_file():
        pytest.skip(f"{folder} has no ground-truth.json")
    bench = _bench()
    truth = {k: v["articleBody"]
             for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
    pages = [(k, html) for k, html in bench.load_pages(folder) if k in truth]
    assert len(pages) == len(truth)

    def body_text(html: str) -> str:
        article = read_html(html, "page.html")
        return "\n".join(b.text for b in article.blocks if b.zone == "body")

    result = bench.score(body_text, pages, truth)
    assert result["f1"] >= MIN_F1, result


@pytest.mark.interop
def test_block_lines_on_corpus_pages(corpus_dir: Path) -> None:
    """Every line is in range; where a block's first words occur once in the page, the line
    is that occurrence's line (checked for at least 97% of such blocks)."""
    folder = corpus_dir / "html-aeb"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    exact = checked = 0
    for key, html in _bench().load_pages(folder):
        article = read_html(html, f"{key}.html")
        last = html.count("\n") + 1
        assert all(b.line is not None and 1 <= b.line <= last for b in article.blocks), key
        assert all(0 <= img.position <= len(article.blocks) for img in article.images), key
        for block in article.blocks:
            words = re.match(r"\w+(?: \w+){3,6}", block.text)
            if words is None or html.count(words.group()) != 1:
                continue
            checked += 1
            exact += block.line == html.count("\n", 0, html.index(words.group())) + 1
    assert checked > 1000
    assert exact / checked >= 0.97, (exact, checked)
