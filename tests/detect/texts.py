"""Texts for the tests that hold a detector shortcut to its plain path: every string
literal of this folder's tests (read once per session), and case-mangled copies.

re.IGNORECASE equates characters that lower() keeps apart ("ſ" and "s", the Kelvin sign
and "k", "ς" and "σ"), and "İ"/"ı" lower-case to other lengths or letters: each copy below
reaches one of those edges.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

from provenance.model import Article, Block, ImageRef

HERE = Path(__file__).parent
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n")


@cache
def suite_literals(sentences: bool = False) -> tuple[str, ...]:
    """Every string literal of this folder's tests and its lines (with ``sentences``: its
    sentences too), sorted, blank ones left out."""
    found: set[str] = set()
    for file in sorted(HERE.glob("test_*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                found.add(text)
                found.update(_SENTENCE_END.split(text) if sentences else text.split("\n"))
    return tuple(sorted(t for t in found if t.strip()))


def mangled(text: str) -> Iterator[str]:
    """``text`` and its case-mangled copies."""
    yield text
    yield text.upper()
    yield text.swapcase()
    odd = text.replace("s", "ſ").replace("k", "\u212a")
    yield odd
    if "σ" in text:
        yield odd.replace("σ", "ς")
    yield text.replace("i", "İ")
    yield text.replace("i", "ı")


def encodes(text: str) -> bool:
    """Whether ``text`` is UTF-8 (no lone surrogate): what RE2 can be given."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def dealt_articles(texts: Sequence[str], zones: Sequence[str], *,
                   captioned: bool = False) -> list[Article]:
    """``texts`` dealt out as the blocks of articles of eight, zones in turn, with an image
    placed after the third block (captioned with the article's last text if asked)."""
    out = []
    for start in range(0, len(texts), 8):
        chunk = texts[start:start + 8]
        blocks = [Block(zones[i % len(zones)], text, i + 1, None) for i, text in enumerate(chunk)]
        image = ImageRef(src=f"{start}.jpg", position=min(3, len(blocks)),
                         caption=chunk[-1] if captioned else None)
        out.append(Article(path="a.txt", format="text", blocks=blocks, images=[image]))
    return out
