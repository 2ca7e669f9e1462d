"""Markdown reader: front matter, headline, images and captions, suppressions, lines."""

from __future__ import annotations

import pytest

from provenance.articles import ArticleError, parse_article_text
from provenance.articles.fragments import FragmentParser
from provenance.articles.markdown import inline_text
from provenance.model import Article, Block, ImageRef, Suppression


def _read(text: str) -> Article:
    [article] = parse_article_text(text, "post.md", "markdown")
    assert isinstance(article, Article)
    return article


def _blocks(article: Article) -> list[tuple[int | None, str, str, str | None]]:
    return [(b.line, b.zone, b.text, b.image) for b in article.blocks]


def _md(src: str, line: int, caption: str | None, alt: str | None, position: int) -> ImageRef:
    """An image placed with Markdown syntax."""
    return ImageRef(src, line, caption, alt, position, placement="markdown")


YAML_POST = """---
title: Tidal pools mapped by volunteers
author:
  - Noor Haddad
  - name: Jon Arne
date: 2025-05-04T08:30:00+02:00
lastmod: 2025-05-05
dateline: Bergen
source: [Coastal Wire, Coastal Wire, Fjord Press]
lang: nb
description: Volunteers counted pools along thirty kilometres of shore.
provenance:
  disable:
    - rule: atr001
      reason: "volunteer newsletter"
---

# Tidal pools mapped

The survey took three weekends
and two boats.

![A rock pool at low tide](pools/low-tide.jpg)

*Illustration created with an image generator.*

Counting ended on Sunday.
"""


def test_yaml_front_matter_and_body() -> None:
    article = _read(YAML_POST)
    assert (article.headline, article.byline, article.dateline, article.language) == (
        "Tidal pools mapped", "Noor Haddad, Jon Arne", "Bergen", "nb")
    assert (article.published_raw, article.updated_raw) == ("2025-05-04T08:30:00+02:00",
                                                             "2025-05-05")
    assert article.attribution_hints == ["Coastal Wire", "Fjord Press"]
    src = "pools/low-tide.jpg"
    assert _blocks(article) == [
        (6, "meta", "2025-05-04T08:30:00+02:00", None),  # front-matter dates, at their lines
        (7, "meta", "2025-05-05", None),
        (18, "headline", "Tidal pools mapped", None),
        (11, "standfirst", "Volunteers counted pools along thirty kilometres of shore.", None),
        (20, "body", "The survey took three weekends and two boats.", None),
        (25, "caption", "Illustration created with an image generator.", src),
        (27, "body", "Counting ended on Sunday.", None),
    ]
    assert article.images == [_md(src, 23, "Illustration created with an image generator.",
                                  "A rock pool at low tide", 6)]
    assert article.suppressions == [Suppression("ATR001", "volunteer newsletter", 12, "file")]


TOML_POST = """+++
title = "Night market returns"
authors = ["Ama Owusu"]
publishDate = 2025-06-01T19:00:00Z
credit = "Accra Agency"
+++
The stalls stay open until midnight.
"""


def test_toml_front_matter_title_becomes_the_headline_block() -> None:
    article = _read(TOML_POST)
    assert (article.headline, article.byline, article.published_raw,
            article.attribution_hints) == ("Night market returns", "Ama Owusu",
                                           "2025-06-01T19:00:00+00:00", ["Accra Agency"])
    assert _blocks(article) == [(4, "meta", "2025-06-01T19:00:00+00:00", None),
                                (2, "headline", "Night market returns", None),
                                (7, "body", "The stalls stay open until midnight.", None)]


@pytest.mark.parametrize(("text", "message"), [
    ("---\ntitle: [unclosed\n---\nBody.\n", "malformed YAML front matter at front matter line"),
    ("+++\ntitle = \n+++\nBody.\n", "malformed TOML front matter"),
])
def test_malformed_front_matter_is_an_article_error(text: str, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        _read(text)


def test_unclosed_fence_is_a_rule_not_front_matter() -> None:
    article = _read("---\n# Only a heading\n")
    assert _blocks(article) == [(2, "headline", "Only a heading", None)]


def test_non_mapping_front_matter_is_ignored() -> None:
    article = _read("---\n- a\n- b\n---\nText.\n")
    assert (_blocks(article), article.headline) == ([(5, "body", "Text.", None)], None)


CAPTION_CASES: list[tuple[str, str, list[tuple[int, str, str, str | None]],
                          list[ImageRef]]] = [
    (
        "caption-on-the-next-line-same-paragraph",
        "# Kiln fire\n\n![Kiln](kiln.png)\nThe kiln after the fire.\n\nPotters rebuild.\n",
        [(1, "headline", "Kiln fire", None), (4, "caption", "The kiln after the fire.",
                                              "kiln.png"),
         (6, "body", "Potters rebuild.", None)],
        [_md("kiln.png", 3, "The kiln after the fire.", "Kiln", 2)],
    ),
    (
        "title-is-the-caption-when-no-paragraph-follows",
        "# Kiln fire\n\n![Kiln](kiln.png 'Smoke over the kiln')\n\n## Aftermath\n",
        [(1, "headline", "Kiln fire", None), (3, "caption", "Smoke over the kiln", "kiln.png"),
         (5, "body", "Aftermath", None)],
        [_md("kiln.png", 3, "Smoke over the kiln", "Kiln", 2)],
    ),
    (
        "long-paragraph-after-image-is-body",
        "![](wide.jpg)\n\n" + "Long prose follows the picture here. " * 12 + "\n",
        [(3, "body", ("Long prose follows the picture here. " * 12).strip(), None)],
        [_md("wide.jpg", 1, None, None, 0)],
    ),
    (
        # The prose paragraph after the blank line is body; the definition's title captions.
        "reference-style-image-titled-by-its-definition",
        "![Dunes][dune]\n\nWind reshapes the dunes.\n\n[dune]: img/dune.webp \"Dune title\"\n",
        [(1, "caption", "Dune title", "img/dune.webp"),
         (3, "body", "Wind reshapes the dunes.", None)],
        [_md("img/dune.webp", 1, "Dune title", "Dunes", 1)],
    ),
    (
        "short-prose-after-a-blank-line-is-body-not-caption",
        "![Gate](gate.jpg)\n\nThe gate reopens on Monday.\n",
        [(3, "body", "The gate reopens on Monday.", None)],
        [_md("gate.jpg", 1, None, "Gate", 0)],
    ),
    (
        "photo-credit-paragraph-stays-the-caption",
        "![Gate](gate.jpg)\n\nThe east gate at dawn. Photo: Lena Ruiz\n\nIt reopens.\n",
        [(3, "caption", "The east gate at dawn. Photo: Lena Ruiz", "gate.jpg"),
         (5, "body", "It reopens.", None)],
        [_md("gate.jpg", 1, "The east gate at dawn. Photo: Lena Ruiz", "Gate", 1)],
    ),
    (
        "emphasised-credit-line-under-the-last-image-is-body",
        "Lead.\n\n![Gate](gate.jpg)\n\n*(Reporting by Lena Ruiz; Editing by Tom Hale)*\n",
        [(1, "body", "Lead.", None),
         (5, "body", "(Reporting by Lena Ruiz; Editing by Tom Hale)", None)],
        [_md("gate.jpg", 3, None, "Gate", 1)],
    ),
    (
        "inline-image-inside-a-sentence",
        "A map ![route](route.svg) shows the new path.\n",
        [(1, "body", "A map shows the new path.", None)],
        [_md("route.svg", 1, None, "route", 0)],
    ),
    (
        # An emphasised paragraph after a blank line is still a caption (a plain one is body).
        "two-images-share-the-caption",
        "![a](a.jpg) ![b](b.jpg)\n\n*Both views of the pier.*\n",
        [(3, "caption", "Both views of the pier.", "b.jpg")],
        [_md("a.jpg", 1, "Both views of the pier.", "a", 1),
         _md("b.jpg", 1, "Both views of the pier.", "b", 1)],
    ),
    (
        "heading-after-image-is-not-a-caption",
        "![x](x.jpg)\n# Title after\n",
        [(2, "headline", "Title after", None)],
        [_md("x.jpg", 1, None, "x", 0)],
    ),
]


@pytest.mark.parametrize(("name", "text", "blocks", "images"), CAPTION_CASES,
                         ids=[c[0] for c in CAPTION_CASES])
def test_images_and_captions(name: str, text: str,
                             blocks: list[tuple[int, str, str, str | None]],
                             images: list[ImageRef]) -> None:
    article = _read(text)
    assert _blocks(article) == blocks
    assert article.images == images


def test_figure_goes_through_the_html_fragment_reader() -> None:
    pytest.importorskip("provenance.articles.html")
    text = ("# Glacier\n\nIntro line.\n\n<figure>\n  <img src=\"ice.jpg\" alt=\"Ice wall\">\n"
            "  <figcaption>Image generated with AI for this explainer.</figcaption>\n"
            "</figure>\n\nClosing line.\n")
    article = _read(text)
    assert _blocks(article) == [
        (1, "headline", "Glacier", None), (3, "body", "Intro line.", None),
        (7, "caption", "Image generated with AI for this explainer.", "ice.jpg"),
        (10, "body", "Closing line.", None)]
    assert [(i.src, i.line, i.alt, i.caption, i.position) for i in article.images] == [
        ("ice.jpg", 6, "Ice wall", "Image generated with AI for this explainer.", 3)]


def test_fallback_fragment_parser() -> None:
    parser = FragmentParser()
    parser.feed("<p>Lead &amp; more.</p><figure><img src='f.png' alt='F'>"
                "<figcaption>Fig <b>one</b>.</figcaption></figure><script>x()</script>"
                "<ul><li>Item</li></ul>")
    parser.close()
    parser.end_block()
    assert parser.blocks == [Block("body", "Lead & more."), Block("caption", "Fig one.", None,
                                                                   "f.png"),
                             Block("body", "Item")]
    assert parser.images == [ImageRef("f.png", None, "Fig one.", "F", 2)]


def test_comment_directives_scope_block_and_file() -> None:
    text = ("# Budget\n\n<!-- provenance: disable=AID003 reason=\"one picture only\" -->\n"
            "First paragraph.\n\n<!--\nprovenance: disable-file=MET001 reason=\"column\"\n-->\n"
            "<!-- an ordinary comment -->\n\nSecond paragraph.\n")
    article = _read(text)
    assert _blocks(article) == [(1, "headline", "Budget", None),
                                (4, "body", "First paragraph.", None),
                                (11, "body", "Second paragraph.", None)]
    assert article.suppressions == [
        Suppression("AID003", "one picture only", 3, "block", 1),
        Suppression("MET001", "column", 6, "file"),
    ]


def test_text_after_a_comment_on_the_same_line_is_kept() -> None:
    text = "<!-- provenance: disable=AID001 reason=\"desk\" --> Kept words.\n<!-- unclosed\nlost\n"
    article = _read(text)
    assert _blocks(article) == [(1, "body", "Kept words.", None)]
    assert article.suppressions == [Suppression("AID001", "desk", 1, "block", 0)]


@pytest.mark.parametrize(("text", "message"), [
    ("---\nx: " + "[" * 20_000 + "]" * 20_000 + "\n---\nBody.\n", "YAML front matter nested"),
    ("+++\nx = " + "[" * 20_000 + "]" * 20_000 + "\n+++\nBody.\n", "TOML front matter nested"),
])
def test_deeply_nested_front_matter_is_an_article_error(text: str, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        _read(text)


def test_yaml_aliases_do_not_expand_into_metadata() -> None:
    text = ("---\na: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\n"
            "source: *c\nauthor: *a\n---\nBody.\n")
    article = _read(text)
    assert (article.attribution_hints, article.byline) == ([], "x, x")


def test_block_suppression_index_follows_a_front_matter_headline() -> None:
    text = ("---\ntitle: Bus lanes\n---\n<!-- provenance: disable=ATR001 reason=\"x\" -->\n"
            "Only paragraph.\n")
    article = _read(text)
    assert _blocks(article) == [(2, "headline", "Bus lanes", None),
                                (5, "body", "Only paragraph.", None)]
    assert article.suppressions == [Suppression("ATR001", "x", 4, "block", 1)]


def test_structure_lists_quotes_code_setext_and_markers() -> None:
    text = ("Flood defences\n==============\n\nBy Sara Lindqvist | Updated: 02-02-2025 10:00 CET"
            "\n\n- first item\n  continues\n- second item\n\n> a quoted\n> remark\n\n"
            "```\n# not a heading\n![no](image.jpg)\n```\n\nSub head\n---\n\n***\n\n"
            "Tags: flood, river\n\nAfter tags.\n")
    article = _read(text)
    assert _blocks(article) == [
        (1, "headline", "Flood defences", None),
        (4, "meta", "By Sara Lindqvist | Updated: 02-02-2025 10:00 CET", None),
        (6, "body", "first item continues", None),
        (8, "body", "second item", None),
        (10, "body", "a quoted remark", None),
        (18, "body", "Sub head", None),
        (23, "boilerplate", "Tags: flood, river", None),
        (25, "boilerplate", "After tags.", None),
    ]
    assert (article.byline, article.updated_raw, article.images) == (
        "Sara Lindqvist", "02-02-2025 10:00 CET", [])


@pytest.mark.parametrize(("text", "expected"), [
    ("**bold** and _italic_ and `code`", "bold and italic and code"),
    ("An <em>inline</em> tag<br/> and <!-- a note --> comment", "An inline tag and comment"),
    ("Prices fell 3 < 5 and 7 > 2", "Prices fell 3 < 5 and 7 > 2"),
    ("![logo](logo.png) Harbour Weekly", "Harbour Weekly"),
    ("see [the report](http://example.org/r) now", "see the report now"),
    ("***both*** snake_case_name", "both snake_case_name"),
])
def test_inline_text(text: str, expected: str) -> None:
    assert inline_text(text) == expected


def test_megabyte_line_is_an_article_error() -> None:
    with pytest.raises(ArticleError, match="line 3 is"):
        _read("# T\n\n" + "y" * 1_000_001 + "\n")


@pytest.mark.parametrize("unit", ["*a ", "_a ", "`a ", "[", "![", "[a](", "**a _b [c](d ![e](",
                                  "x<!--", "x<a ", "x<b title='"])
def test_hostile_markup_reads_in_linear_time(unit: str) -> None:
    import time

    paragraph = unit * (300_000 // len(unit))
    started = time.perf_counter()
    article = _read("# Title\n\n" + paragraph + "\n")
    assert time.perf_counter() - started < 5  # quadratic backtracking would take minutes
    assert [b.zone for b in article.blocks] == ["headline", "body"]
