"""Flatten a parsed HTML tree into paragraph-like segments for the HTML reader.

One pass over the selectolax (lexbor) tree turns the page into:

* :class:`Segment` s — the text of one paragraph-like unit (a ``<p>``, a heading, a list
  item, the loose text of a ``<div>`` …) in document order, tied to the block element
  (:class:`Container`) that holds it;
* :class:`Container` s — every block-level element with its tag, class/id tokens and parent,
  so the content scorer can reason about ancestry without touching the tree again;
* :class:`RawImage` s — ``<img>`` elements with their figure caption, if any;
* the text of every HTML comment with the segment index it precedes (inline suppressions).

The walk is the only place that reads the tree, which keeps the reader fast: the scorer and
the zone logic work on these plain lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

# Elements whose content is never reader-visible text.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "svg", "template", "iframe", "select", "button",
    "input", "textarea", "object", "embed", "canvas", "math", "head", "option", "video",
    "audio", "map", "dialog",
})

# Elements that start a new paragraph-like unit (everything else is inline).
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "ul", "ol", "blockquote", "pre", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
    "dd", "dt", "dl", "figure", "figcaption", "header", "footer", "nav", "aside", "address",
    "form", "fieldset", "legend", "caption", "center", "hr", "body", "details", "summary",
    "menu", "picture", "html", "hgroup", "noframes", "frameset", "frame",
})

# Class/id tokens that mark an element holding an image caption.
_CAPTION_RE = re.compile(r"(?<![a-z])(?:fig)?caption(?:s|-text)?(?![a-z])|wp-caption-text")
_CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])")
_WS_RE = re.compile(r"\s+")

# Past this depth a subtree is read as flat text: malformed pages can nest thousands of
# unclosed elements and Python recursion must not overflow.
_MAX_DEPTH = 250

# Attributes that hold the real URL of a lazily loaded image.
_LAZY_SRC = ("data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src")


@dataclass(slots=True)
class Container:
    """A block-level element: its tag, lower-cased class/id words, parent index and depth."""

    tag: str
    attrs: str
    parent: int
    depth: int
    itemprop: str = ""
    role: str = ""


@dataclass(slots=True)
class Segment:
    """The text of one paragraph-like unit and the container that holds it."""

    text: str
    cont: int
    link_chars: int = 0
    caption: bool = False
    image: str | None = None


@dataclass(slots=True)
class RawImage:
    """An ``<img>`` as found: ``position`` is the index of the first segment after it."""

    src: str
    alt: str | None
    cont: int
    position: int
    in_figure: bool = False
    caption: str | None = None


@dataclass(slots=True)
class _Figure:
    first_src: str | None = None
    caption_segs: list[int] = field(default_factory=list)
    images: list[int] = field(default_factory=list)


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace (incl. non-breaking spaces) into one space and trim."""
    return _WS_RE.sub(" ", text.replace("\xa0", " ")).strip()


def class_words(node: LexborNode) -> str:
    """Class and id of an element as lower-case words ("relatedLinks" -> "related links")."""
    attrs = node.attributes
    raw = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if not raw.strip():
        return ""
    return _CAMEL_RE.sub(r"\1 \2", raw).lower()


def image_src(attrs: dict[str, str | None]) -> str | None:
    """The URL an ``<img>`` shows, preferring a lazy-load attribute over a data: placeholder."""
    src = attrs.get("src") or ""
    if not src or src.startswith("data:"):
        for name in _LAZY_SRC:
            lazy = attrs.get(name)
            if lazy:
                return lazy.strip()
    return src.strip() or None


class Walker:
    """Walk a tree once and collect segments, containers, images and comments."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.containers: list[Container] = [Container("#root", "", -1, 0)]
        self.images: list[RawImage] = []
        self.comments: list[tuple[str, int]] = []
        self._buf: list[str] = []
        self._link_chars = 0
        self._in_link = 0
        self._figures: list[_Figure] = []
        self._caption_depth = 0

    def run(self, node: LexborNode) -> Walker:
        """Walk ``node``'s children (the ``<html>`` or ``<body>`` element) and return self."""
        self._walk(node, 0, 1)
        self._flush(0)
        return self

    def _walk(self, node: LexborNode, cont: int, depth: int) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self._text(child.text_content or "")
            elif tag in SKIP_TAGS:
                continue
            elif tag == "-comment":
                self._comment(child)
            elif depth > _MAX_DEPTH:
                self._text(" " + child.text(deep=True, separator=" ") + " ")
            elif tag in BLOCK_TAGS:
                self._block(child, tag, cont, depth)
            elif tag == "img":
                self._image(child, cont)
            elif tag == "br":
                self._buf.append("\n")
            elif tag == "a":
                self._in_link += 1
                self._walk(child, cont, depth + 1)
                self._in_link -= 1
            else:
                self._walk(child, cont, depth + 1)

    def _text(self, text: str) -> None:
        if not text:
            return
        self._buf.append(text)
        if self._in_link:
            self._link_chars += len(text.strip())

    def _comment(self, node: LexborNode) -> None:
        body = node.comment_content or ""
        if "provenance" not in body:
            return
        pending = 1 if "".join(self._buf).strip() else 0
        self.comments.append((body, len(self.segments) + pending))

    def _block(self, node: LexborNode, tag: str, cont: int, depth: int) -> None:
        self._flush(cont)
        attrs = node.attributes
        words = class_words(node)
        new = len(self.containers)
        self.containers.append(Container(
            tag, words, cont, self.containers[cont].depth + 1,
            (attrs.get("itemprop") or "").lower(), (attrs.get("role") or "").lower()))
        is_caption = tag == "figcaption" or (bool(words) and _CAPTION_RE.search(words) is not None)
        if tag == "figure":
            self._figures.append(_Figure())
        self._caption_depth += is_caption
        self._walk(node, new, depth + 1)
        self._flush(new)
        self._caption_depth -= is_caption
        if tag == "figure":
            self._close_figure(self._figures.pop())

    def _flush(self, cont: int) -> None:
        if not self._buf:
            return
        text = normalize_space("".join(self._buf))
        self._buf.clear()
        link, self._link_chars = self._link_chars, 0
        if not text:
            return
        seg = Segment(text, cont, min(link, len(text)), self._caption_depth > 0)
        if seg.caption and self._figures:
            self._figures[-1].caption_segs.append(len(self.segments))
        self.segments.append(seg)

    def _image(self, node: LexborNode, cont: int) -> None:
        attrs = node.attributes
        src = image_src(attrs)
        if not src:
            return
        pending = 1 if "".join(self._buf).strip() else 0
        img = RawImage(src, attrs.get("alt"), cont, len(self.segments) + pending,
                       in_figure=bool(self._figures))
        if self._figures:
            fig = self._figures[-1]
            fig.first_src = fig.first_src or src
            fig.images.append(len(self.images))
        self.images.append(img)

    def _close_figure(self, fig: _Figure) -> None:
        # Captions may come before or after the <img> inside a figure; tie them up once the
        # figure is closed and place every image after the whole figure.
        caption = " ".join(self.segments[i].text for i in fig.caption_segs) or None
        for i in fig.caption_segs:
            self.segments[i].image = fig.first_src
        for k in fig.images:
            self.images[k].caption = caption
            self.images[k].position = len(self.segments)
