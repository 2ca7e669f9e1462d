"""The HTML reader's shortcuts agree with the plain code they stand in for."""

from __future__ import annotations

import random
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from provenance.articles import html, html_meta
from provenance.articles.html_meta import find_by_rare_byte
from provenance.articles.html_score import ContentScorer, is_boiler_container
from provenance.articles.html_walk import Container


def _haystacks() -> list[bytes]:
    """Random pages over a small alphabet (so the needle and its parts occur often), the
    edges, and pages dense in the anchor byte (where the jumps give way to the plain search)."""
    rng = random.Random(16)
    pages = [b"", b"+", b"ld+json", b"ld+jso", b"xld+jsonx", b"+" * 5000 + b"ld+json",
             b"ld+" * 3000 + b"ld+json" + b"+" * 10, (b"x" * 511 + b"+") * 40 + b"ld+json"]
    for size in (10, 100, 2_000, 20_000):
        for _ in range(20):
            pages.append(bytes(rng.choice(b"ld+jsonx+<>") for _ in range(size)))
    # An anchor byte every hundred bytes ends the jumps after a few dozen; a match starting
    # at the last anchor byte they checked must still be found by the plain search.
    for k in range(10, 40):
        page = bytearray((b"+" + b"a" * 99) * 60)
        page[100 * k + 1:100 * k + 3] = b"j+"
        pages.append(bytes(page))
    return pages


@pytest.mark.parametrize(("needle", "anchor"), [(b"ld+json", 2), (b"ld+json", 0),
                                                (b"ld+json", 6), (b"+", 0), (b"+j+", 2),
                                                (b"<+<", 0)])
def test_find_by_rare_byte_is_find(needle: bytes, anchor: int) -> None:
    for page in _haystacks():
        for start in sorted({0, 1, len(page) // 3, len(page) // 2, len(page), len(page) + 5}):
            assert find_by_rare_byte(page, needle, anchor, start) == page.find(needle, start)


class _CountingBytes(bytes):
    """Bytes that count the searches made in them."""

    searches = 0

    def find(self, *args: object) -> int:
        _CountingBytes.searches += 1
        return super().find(*args)  # type: ignore[arg-type]


def test_dense_anchor_bytes_leave_the_rest_to_the_plain_search() -> None:
    """A page full of the anchor byte costs a few jumps, not one per byte."""
    _CountingBytes.searches = 0
    page = _CountingBytes(b"+" * 200_000)
    assert find_by_rare_byte(page, b"ld+json", 2) == -1
    assert _CountingBytes.searches <= html_meta._JUMP_SLACK + 2


def test_every_jsonld_block_is_found() -> None:
    """Successive searches (as _jsonld_blocks makes them) see every block, on a page where
    the anchor byte is frequent enough to end the jumps between two blocks."""
    script = b'<script type="application/ld+json">{"n": %d}</script>'
    page = b"".join(script % i + b"a+b " * 400 for i in range(30))
    assert html_meta._jsonld_blocks(page) == [f'{{"n": {i}}}' for i in range(30)]


def test_microdata_search_agrees_with_substring_test() -> None:
    page = (b"<html><body>" + b"M" * 20_000 + b'<time itemprop="dateModified" '
            b'datetime="2024-01-02">x</time></body></html>')
    tree = LexborHTMLParser(page)
    assert html_meta._microdata_date(tree, page, "dateModified") == "2024-01-02"
    assert html_meta._microdata_date(tree, page, "datePublished") is None


# What _may_hold_directive answers: a comment opening, after ASCII spaces, with the
# directive's keyword or with a non-ASCII character (maybe a space the directive allows).
_DIRECTIVE_OPENING = re.compile(rb"<!--[\t\n\x0b\x0c\r\x1c-\x1f ]*(?:provenance:|[\x80-\xff])")


def _comment_pages() -> list[bytes]:
    rng = random.Random(17)
    parts = (b"<!--", b"<!-- ", b"provenance:", b"provenance", b"!", b"!!", b"<!", b"--",
             b"\n", b"\xc2\xa0", b"x" * 40, b"<p>a</p>", b"!==")
    pages = [b"", b"!", b"<!--", b"<!--provenance:", b"provenance:", b"!<!--provenance:"]
    for size in (3, 20, 200):
        for _ in range(40):
            pages.append(b"".join(rng.choice(parts) for _ in range(size)))
    # "!" on every byte or every few hundred: the search gives way to the substring test
    # at some point, with a directive before, around and after it.
    for filler in (b"!", b"!" + b"x" * 99, b"!" + b"x" * 399):
        for at in range(0, 60_000, 4_000):
            page = bytearray(filler * (60_000 // len(filler)))
            page[at:at] = b"<!-- provenance: disable=AID003 -->"
            pages.append(bytes(page))
        pages.append(filler * (60_000 // len(filler)))
    return pages


def test_directive_gate_is_the_comment_search() -> None:
    for page in _comment_pages():
        assert html._may_hold_directive(page) == (
            _DIRECTIVE_OPENING.search(page) is not None), page[:80]


def test_directive_gate_gives_way_on_pages_full_of_bangs() -> None:
    _CountingBytes.searches = 0
    assert not html._may_hold_directive(_CountingBytes(b"!" * 200_000))
    assert _CountingBytes.searches <= html._BANG_SLACK + 3


def test_directives_still_read_with_the_gate() -> None:
    page = ("<html><body><p>" + "Hello world, a paragraph. " * 5 + "</p>"
            "<!--\u00a0provenance: disable=AID003 reason=\"test\" -->"
            "<p>" + "Another paragraph here. " * 5 + "</p></body></html>")
    article = html.read_html(page, "page.html")
    assert [s.rule for s in article.suppressions] == ["AID003"]


def test_scorer_facts_in_one_pass_agree_with_their_definitions() -> None:
    """ContentScorer fills has_blocks, boiler and articles in one pass over the containers."""
    rng = random.Random(18)
    tags = ("div", "article", "nav", "section", "aside", "p", "form", "li")
    words = ("", "sidebar", "article-body", "content sidebar", "related", "main", "tags")
    roles = ("", "navigation", "main", "complementary")
    for _ in range(50):
        conts = [Container("#root", "", -1)]
        for c in range(1, rng.randrange(2, 60)):
            conts.append(Container(rng.choice(tags), rng.choice(words), rng.randrange(c),
                                   role=rng.choice(roles)))
        scorer = ContentScorer([], conts)
        assert scorer.boiler == [False] + [is_boiler_container(c) for c in conts[1:]]
        assert scorer.has_blocks == [any(o.parent == c for o in conts[1:])
                                     for c in range(len(conts))]
        assert scorer.articles == [_articles_under(conts, c) for c in range(len(conts))]


def _articles_under(conts: list[Container], c: int) -> int:
    count = 0
    for k, cont in enumerate(conts):
        if cont.tag == "article" and k != c:
            p = cont.parent
            while p > 0 and p != c:
                p = conts[p].parent
            count += p == c and c > 0
    return count
