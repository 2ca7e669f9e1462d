"""The Markdown reader's shortcuts give what markdown-it gives (differential tests).

The inline parser makes the tokens of text without markup, and of an image alone in its
paragraph (``![alt](src)``), without markdown-it's rule loop; ``text_join`` then runs only
when the rules did; a paragraph of plain lines becomes the paragraph rule's tokens without
the block rules (``common_block``), or, when it is one line without inline markup outside
any list or quote, one ``PLAIN_PARAGRAPH`` token standing for them; and the walker reads a
plain paragraph with no image waiting for its caption as one body block without splitting
it into lines. Each is held to the plain path: markdown-it's own ``ParserInline`` and
``text_join`` and the block rules without ``common_block``, token for token (children,
``meta``, maps, levels and attributes included; a ``PLAIN_PARAGRAPH`` token expanded into
the tokens it stands for), and the walker's general paragraph reading, article for article.

Documents are assembled from the sentences and markup below, and from random text made of
the characters the shortcuts must look out for.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_core.text_join import text_join
from markdown_it.token import Token

from provenance.articles import ArticleError, NotAnArticle
from provenance.articles import markdown as md_reader
from provenance.articles.markdown import (
    PLAIN_PARAGRAPH,
    _build_parser,
    plain_paragraph_tokens,
    read_markdown,
)
from provenance.model import Article

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _plain_parser() -> MarkdownIt:
    parser = _build_parser()
    parser.inline.__class__ = ParserInline  # markdown-it's own inline parse: no shortcut
    parser.core.ruler.at("text_join", text_join)  # run always
    parser.block.ruler.disable("common_block")  # every block through markdown-it's rules
    return parser


PLAIN = _plain_parser()


def _fast_tokens(text: str) -> list[Token]:
    """The reader's tokens, each ``PLAIN_PARAGRAPH`` expanded into the tokens it stands for."""
    tokens: list[Token] = []
    for token in md_reader._MD.parse(text, {}):
        tokens += plain_paragraph_tokens(token) if token.type == PLAIN_PARAGRAPH else [token]
    return tokens

SENTENCES = [
    "The harbour ferry returned to service on Monday morning.",
    "Officials said the repairs took eleven weeks and cost less than planned.",
    "A travessia reabriu às sete da manhã, disse a câmara.",
    "Two  spaces,\ta tab and a trailing blank ",
    "The quay was repainted {: .lead}",
    "Tags: ferry, harbour",
    "By Ana Lopes | Porto | Updated: 2026-03-02 10:00",
    "*Photo: Ana Lopes*",
    "_The ferry at dawn, seen from the old quay._",
    "The ferry at dawn. Photo: Ana Lopes/Harbour Daily",
    "(Reporting by Ana Lopes; Editing by Rui Costa)",
    "Image generated with AI for this article.",
    "Text with **bold** and `code` and a [link](https://example.org/ferry).",
    "A line\nand its continuation",
    "Ends with a hard break  \nand goes on",
    "The quay at dawn\u00a0", "\u2003Em-spaced ferry\u3000", "\x1cFerry\x1f",
]
IMAGES = [
    "![Ferry at the quay](img/ferry.jpg)", "![](img/empty-alt.png)",
    '![Ferry](img/ferry.jpg "The ferry at dawn")', "![Ferry](<img/with space.jpg>)",
    "![Ferry](img/a(1).jpg)", "![Ferry](img/a\\_b.jpg)", "![Ferry](img/a&amp;b.jpg)",
    "![Ferry *at dawn*](img/x.jpg)", "![Ferry][ref]", "![Ferry][]", "![ref]",
    "![Ferry](img/x.jpg){.wide}", "![Ferry](img/x.jpg) and the quay behind it",
    "![a]b](c.jpg)", "![Ferry](img/x.jpg)  ", "![Ferry](https://example.org/x.jpg?w=3&h=2)",
    "![Ferry](img/x.jpg\u00a0)", "![Balsa no cais](img/balsa-ü.jpg)", "![Ferry](  img/x.jpg)",
    "![Ferry]()", "!\\[x](y.jpg)", "![[x]](y.jpg)", "![Ferry](img/x.jpg)\n*Photo: Ana Lopes*",
    "[![Ferry](img/x.jpg)](https://example.org)", "![Ferry](img/x.jpg)![Quay](img/y.jpg)",
    "![Ferry](img/x.jpg\\)", "![ Ferry ](img/x.jpg)", "![Ferry](img/x.jpg))",
    "![Ferry](file:///tmp/x.jpg)", "![Ferry](data:image/png;base64,AAAA)",
    "![Ferry](img/{{< param >}}.jpg)", "![Fer\\ry](img/x.jpg)", "![Ferry\u2028](x.jpg)",
    "![Ferry](img/x\x01.jpg)", "![Ferry](img/x\x7f.jpg)", "![Ferry](img/x\u3000.jpg)",
]
BLOCKS = [
    "# Harbour Ferry Returns", "## The repairs", "Setext headline\n===", "- one\n- two",
    "> A quoted line from the mayor.", "    indented code ![x](code.jpg)",
    "```\n![fenced](code.jpg)\n```", '<img src="img/html.jpg" alt="Quay">',
    '{{< figure src="img/fig.jpg" caption="The ferry at dawn" >}}',
    '<!-- provenance: disable=AID003 reason="checked with the desk" -->',
    "[ref]: img/ref.jpg", "[^1]: A footnote about the ferry.", "---", "1. first\n2. second",
]
PIECES = st.sampled_from(SENTENCES + IMAGES + BLOCKS)
NOISE = st.text(alphabet="![]()<>\\*_ aé.jpg&{}\n\t\"'`#-:/^~", max_size=24)
JOINS = st.sampled_from(["\n\n", "\n", "\n\n\n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(PIECES, PIECES, NOISE), max_size=8))
    text = ""
    for part in parts:
        text += part + draw(JOINS)
    if draw(st.booleans()):
        text = "---\ntitle: Harbour Ferry Returns\ndate: 2026-03-01\n---\n\n" + text
    return text


def _fast_and_plain(text: str) -> tuple[object, object]:
    def read() -> object:
        try:
            return read_markdown(text, "ferry.md")
        except (ArticleError, NotAnArticle) as exc:
            return (type(exc), str(exc))

    fast = read()
    shortcut, paragraph = md_reader._MD, md_reader._Walker._paragraph
    try:
        md_reader._MD = PLAIN
        md_reader._Walker._paragraph = md_reader._Walker._read_paragraph  # type: ignore[method-assign]
        plain = read()
    finally:
        md_reader._MD = shortcut
        md_reader._Walker._paragraph = paragraph  # type: ignore[method-assign]
    return fast, plain


@pytest.mark.parametrize("src", SENTENCES + IMAGES + [piece + " and more" for piece in IMAGES])
def test_inline_tokens_are_markdown_its(src: str) -> None:
    fast = md_reader._MD.inline.parse(src, md_reader._MD, {}, [])
    assert fast == PLAIN.inline.parse(src, PLAIN, {}, [])


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(IMAGES + SENTENCES), NOISE), max_size=3).map("".join))
def test_inline_tokens_of_generated_text_are_markdown_its(src: str) -> None:
    fast = md_reader._MD.inline.parse(src, md_reader._MD, {}, [])
    assert fast == PLAIN.inline.parse(src, PLAIN, {}, [])


@pytest.mark.parametrize("text", [
    "\n\n".join(["# Harbour Ferry Returns", *SENTENCES[:3], IMAGES[0], SENTENCES[8],
                 *SENTENCES[3:7]]),
    "\n\n".join([IMAGES[0], SENTENCES[7], IMAGES[2], SENTENCES[0], IMAGES[1], SENTENCES[9]]),
    "\n\n".join([BLOCKS[7], SENTENCES[10], BLOCKS[8], SENTENCES[8], BLOCKS[9], SENTENCES[1]]),
    "\n".join(SENTENCES),
])
def test_articles_of_the_sentences_are_the_plain_paths(text: str) -> None:
    fast, plain = _fast_and_plain(text)
    assert isinstance(fast, Article)
    assert fast == plain


@SETTINGS
@given(documents())
def test_articles_of_generated_documents_are_the_plain_paths(text: str) -> None:
    fast, plain = _fast_and_plain(text)
    assert fast == plain, text
    assert _fast_tokens(text) == PLAIN.parse(text, {}), text


# Lines a paragraph may hold, each starting as text or as something that could end it, nest
# it or continue it lazily: ``common_block`` must leave every one of those to the rules.
LINE_STARTS = st.sampled_from(["", "", "", " ", "   ", "    ", "\t", "> ", ">", "- ", "* ",
                               "+ ", "1. ", "2) ", "# ", "#", "=", "===", "---", "***", "{",
                               "{{< x >}}", "<div>", "<!-- c -->", "[x]: y", "[^1]: ", "```",
                               "~~~", "\\", "_", "&amp; "])
LINE_TEXTS = st.sampled_from(SENTENCES[:4] + ["Ferry", "x", "", "  ", "a\\*b*", "![x](y.jpg)",
                                              "&copy; ferry", "*Photo: Ana Lopes*"])


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.tuples(LINE_STARTS, LINE_TEXTS).map("".join), min_size=1,
                          max_size=6))
    return draw(st.sampled_from(["", "> ", "- ", "1. ", "  "])) + "\n".join(lines)


@SETTINGS
@given(st.lists(paragraphs(), min_size=1, max_size=5),
       st.sampled_from(["\n\n", "\n", "\n \n", "\r\n\r\n"]))
def test_block_tokens_of_generated_paragraphs_are_markdown_its(parts: list[str],
                                                               join: str) -> None:
    text = join.join(parts)
    assert _fast_tokens(text) == PLAIN.parse(text, {}), text
    fast, plain = _fast_and_plain(text)
    assert fast == plain, text


@pytest.mark.parametrize("text", [
    "The ferry\nreturned on Monday.\n\nThe quay reopened.",
    "The ferry\n    returned lazily\n\tand with a tab\n",
    "> The mayor said\nthe ferry was back\n\nThe quay reopened.",
    "- The ferry\n  returned\n- The quay\n\n  reopened",
    "   The ferry, indented three\nand back\n",
    "The ferry\n===\n\nThe quay\n---",
    "#hashtag ferry\n\n# Headline",
    "Ferry \\* not emphasis \\_ nor this &amp; that\n\nplain",
    "![Ferry](img/x.jpg)\n\nThe quay reopened.\n\n*Photo: Ana Lopes*\n\nThe ferry\nreturned.",
    "   \n\nThe ferry\n   ",
])
def test_block_tokens_of_the_sentences_are_markdown_its(text: str) -> None:
    assert _fast_tokens(text) == PLAIN.parse(text, {})
    fast, plain = _fast_and_plain(text)
    assert fast == plain


def test_plain_paragraphs_are_one_token_each() -> None:
    text = "# Harbour Ferry Returns\n\nThe ferry returned.\n\nThe quay reopened.\n\n- a list"
    types = [token.type for token in md_reader._MD.parse(text, {})]
    assert types.count(PLAIN_PARAGRAPH) == 2 and "paragraph_open" in types  # the list's
