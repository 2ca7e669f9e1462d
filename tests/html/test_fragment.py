"""html_fragment: HTML inside ninjs strings and Markdown figures (no lines, no boilerplate)."""

from __future__ import annotations

from provenance.articles.html import html_fragment
from provenance.model import Block, ImageRef


def test_paragraphs_headings_and_inline_markup() -> None:
    blocks, images = html_fragment(
        "<h2>Flood defences</h2><p>The new wall is <b>two metres</b> high.</p>"
        "<ul><li>First item</li><li>Second <a href='/x'>item</a></li></ul>")
    assert blocks == [
        Block("body", "Flood defences"),
        Block("body", "The new wall is two metres high."),
        Block("body", "First item"),
        Block("body", "Second item"),
    ]
    assert images == []


def test_figure_gives_an_image_and_a_caption_block() -> None:
    blocks, images = html_fragment(
        '<p>Before.</p><figure><img src="a/b.jpg" alt="A dam">'
        "<figcaption>The dam at dawn. Image generated with AI.</figcaption></figure>"
        "<p>After.</p>")
    assert blocks == [
        Block("body", "Before."),
        Block("caption", "The dam at dawn. Image generated with AI.", None, "a/b.jpg"),
        Block("body", "After."),
    ]
    assert images == [ImageRef(src="a/b.jpg", line=None,
                               caption="The dam at dawn. Image generated with AI.",
                               alt="A dam", position=2, placement="html")]


def test_image_without_figure_and_entities() -> None:
    blocks, images = html_fragment('Caf&eacute; &amp; bar<br><img src="c.png">')
    assert blocks == [Block("body", "Café & bar")]
    assert images == [ImageRef(src="c.png", position=1, placement="html")]


def test_empty_and_broken_fragments() -> None:
    assert html_fragment("") == ([], [])
    blocks, images = html_fragment("<p>Open <b>bold <i>both</p>")
    assert blocks == [Block("body", "Open bold both")]
    assert images == []


def test_image_urls_lazy_srcset_and_tracking_pixels() -> None:
    blocks, images = html_fragment(
        '<p>Text.</p><img srcset="m/a-400.jpg 400w, m/a-800.jpg 800w" alt="a">'
        '<img src="data:image/gif;base64,R0lG" data-lazy-src="m/b.jpg">'
        '<img src="/static/blank.gif" data-src="m/c.jpg">'
        '<img src="https://t.example/pixel.gif" width="1" height="1">'
        '<img src="data:image/png;base64,iVBO">')
    assert blocks == [Block("body", "Text.")]
    assert images == [
        # No src: the largest srcset candidate first, then the image's other files.
        ImageRef(src="m/a-800.jpg", alt="a", position=1, placement="html"),
        ImageRef(src="m/a-400.jpg", alt="a", position=1, placement="srcset"),
        ImageRef(src="m/b.jpg", position=1, placement="html"),
        ImageRef(src="m/c.jpg", position=1, placement="html"),
        ImageRef(src="data:image/png;base64,iVBO", position=1, placement="html"),
    ]


def test_caption_class_text_after_a_loose_image_is_its_caption() -> None:
    blocks, images = html_fragment(
        '<p>Intro.</p><img src="x.jpg" alt="x"><p class="image-caption">A caption.</p>'
        "<p>More text.</p>")
    assert blocks == [
        Block("body", "Intro."),
        Block("caption", "A caption.", None, "x.jpg"),
        Block("body", "More text."),
    ]
    assert images == [ImageRef(src="x.jpg", caption="A caption.", alt="x", position=2,
                               placement="html")]
