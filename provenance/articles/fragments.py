"""HTML fragments and ``provenance`` directives shared by the readers of embedded content.

A ninjs body and a Markdown page can both hold HTML (``<figure>``, ``<img>``, ``<picture>``)
and both can carry ``provenance: {disable: […]}`` metadata. What they share lives here, so
that neither reader imports the other:

* :func:`fragment_blocks` — blocks and images of an HTML fragment through the HTML reader's
  ``html_fragment`` (a small stdlib parser, :class:`FragmentParser`, stands in when the HTML
  reader is not installed). Lines are ``None``: the caller knows where the fragment sits.
* :class:`PictureTags` — the files an ``<img>`` met as a lone tag (Markdown's inline HTML)
  can show, ``srcset`` and ``<picture>`` sources included, as the HTML reader chooses them.
* :func:`suppressions_from` — ``{disable: [{rule, reason}]}`` (or a bare list) as file-scope
  suppressions.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from provenance.model import Block, ImageRef, Suppression

# One tag, as markdown-it hands over inline HTML; bounded, so a hostile tag costs little.
_PICTURE_TAG = re.compile(r"<(/?)(img|source|picture)\b([^<>]{0,4000})>", re.IGNORECASE)
_TAG_NAME = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}")
_ATTR = re.compile(r"""([^\s"'<>/=]{1,100})(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def fragment_blocks(html: str) -> tuple[list[Block], list[ImageRef]]:
    """Blocks and images of an HTML fragment via ``html.html_fragment`` (lines are None).

    Falls back to :class:`FragmentParser` (stdlib) when the HTML reader is not installed.
    """
    try:
        from provenance.articles.html import html_fragment
    except ImportError:
        parser = FragmentParser()
        parser.feed(html)
        parser.close()
        parser.end_block()
        return parser.blocks, parser.images
    return html_fragment(html)


def suppressions_from(value: Any, line: int | None) -> list[Suppression]:
    """``{disable: [{rule, reason}]}`` (or ``[{rule, reason}]``) -> file-scope suppressions."""
    entries = value.get("disable") if isinstance(value, dict) else value
    found: list[Suppression] = []
    for entry in entries if isinstance(entries, list) else [entries]:
        if isinstance(entry, dict) and (rule := _text(entry.get("rule"))):
            found.append(Suppression(rule.upper(), _text(entry.get("reason")), line, "file"))
        elif isinstance(entry, str) and entry.strip():
            found.append(Suppression(entry.strip().upper(), None, line, "file"))
    return found


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


# --- inline picture tags ------------------------------------------------------------------------


def tag_attributes(tag: str) -> dict[str, str | None]:
    """Attributes of one start tag (``<img src="a.jpg" alt=x>``), names lower-cased."""
    name = _TAG_NAME.match(tag)
    attrs: dict[str, str | None] = {}
    for m in _ATTR.finditer(tag, name.end() if name else 0, max(len(tag) - 1, 0)):
        value = m[2] if m[2] is not None else m[3] if m[3] is not None else m[4] or ""
        attrs.setdefault(m[1].lower(), value.strip())
    return attrs


class PictureTags:
    """``<picture>``, ``<source>`` and ``<img>`` tags met one at a time, as Markdown holds
    them inline in a paragraph: for each ``<img>``, every file it can show.

    The files are the HTML reader's choice (:func:`~provenance.articles.html_walk.image_urls`):
    the one shown first (a lazy-load attribute, ``src``, else the largest ``srcset``
    candidate), then each other file of its ``srcset`` and of its ``<picture>``'s
    ``<source srcset>`` values — a reader may be served any of them.
    """

    def __init__(self) -> None:
        self._sources: list[str] = []

    def feed(self, tag: str) -> tuple[dict[str, str | None], list[str]] | None:
        """One tag: for an ``<img>``, ``(attributes, files)``; else ``None``."""
        m = _PICTURE_TAG.match(tag)
        if m is None:
            return None
        name = m[2].lower()
        if name == "picture" or m[1]:  # a new <picture>, or the end of one
            self._sources = [] if name == "picture" else self._sources
            return None
        attrs = tag_attributes(tag)
        if name == "source":
            self._sources += [v for key in ("srcset", "data-srcset") if (v := attrs.get(key))]
            return None
        sources, self._sources = self._sources, []
        from provenance.articles.html_walk import image_urls

        return attrs, image_urls(attrs, tuple(sources))


# --- stdlib fallback -----------------------------------------------------------------------------


class FragmentParser(HTMLParser):
    """Minimal fallback: paragraph-like elements -> blocks, ``<img>`` -> images,
    ``<figcaption>`` -> a caption block tied to the figure's image."""

    _BLOCKS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
                         "figcaption", "div", "section", "article", "td", "br", "hl1", "hl2"))
    _SKIP = frozenset(("script", "style", "head", "title", "template"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.images: list[ImageRef] = []
        self._text: list[str] = []
        self._caption_for: str | None = None
        self._figure_image: str | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCKS:
            self.end_block()
            if tag == "figcaption":
                self._caption_for = self._figure_image
        elif tag == "img":
            self._image(dict(attrs))
        elif tag == "figure":
            self.end_block()
            self._figure_image = None

    def _image(self, attrs: dict[str, str | None]) -> None:
        src = (attrs.get("src") or "").strip()
        if src:
            self.end_block()
            self._figure_image = src
            self.images.append(ImageRef(src=src, alt=attrs.get("alt") or None,
                                        position=len(self.blocks)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS or tag == "figure":
            self.end_block()
            if tag == "figure":
                self._figure_image = None

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text.append(data)

    def end_block(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if not text:
            return
        if self._caption_for is not None:
            self.blocks.append(Block("caption", text, None, self._caption_for))
            for image in self.images:
                if image.src == self._caption_for and image.caption is None:
                    image.caption = text
                    image.position = len(self.blocks)
            self._caption_for = None
        else:
            self.blocks.append(Block("body", text))
