"""Markdown articles (``.md``, ``.markdown``) with optional YAML (``---``) or TOML (``+++``)
front matter.

Front matter keys (first present wins; dates stay raw strings for the detectors):
``title``/``headline`` -> headline, ``author``/``authors``/``byline``/``by`` -> byline,
``date``/``published``/``pubDate``/``publishDate``/``datePublished`` -> published_raw,
``updated``/``lastmod``/``modified``/``dateModified`` -> updated_raw, ``dateline``/
``located`` -> dateline, ``source``/``sources``/``credit``/``credits`` -> attribution_hints,
``lang``/``language`` -> language, ``description``/``summary``/``subtitle``/``standfirst``
-> a standfirst block, ``provenance: {disable: [{rule, reason}]}`` -> file suppressions.
Malformed front matter is an :class:`~provenance.articles.ArticleError` (INP001): the
author should hear about it rather than have metadata silently dropped.

Body, read line by line (a small CommonMark subset, no Markdown library):

* ``# Heading`` (or a setext ``===`` heading): the first level-1 heading is the headline
  (``Article.headline``; the front matter title is used when there is none, as a headline
  block at the title's line). Other headings, paragraphs, list items and quotes are body
  blocks; a ``By …`` or ``… | Updated: …`` paragraph right under the headline is meta and
  the paragraphs before it standfirst; from a boilerplate marker (``Tags:``,
  ``Related Stories``…, as in the text reader) on, everything is boilerplate.
* ``![alt](src "title")`` and reference images ``![alt][ref]``: an ImageRef at the
  image's line. Caption = the paragraph right after an image-only paragraph (a caption
  block with ``image=src``) unless that paragraph is a heading, list item, quote, image or
  longer than :data:`CAPTION_MAX_CHARS` (then it is body prose); else the ``title``.
* ``<figure>…</figure>`` and other raw HTML blocks go through the HTML reader's
  ``html_fragment`` (a small stdlib fallback is used when that module is not installed);
  their blocks get the file line where their text is found, else the HTML block's first line.
* ``<!-- provenance: disable=AID003 reason="…" -->`` suppresses for the next block (scope
  ``block``, ``block`` = its index); ``disable-file=`` for the whole article.
* Fenced code is skipped. Inline markup (emphasis, code, links) is reduced to its text.

``ImageRef.position`` is the index of the first non-caption block after the image (the
block an inline image sits in, for an image inside a paragraph). Lines are real file lines,
front matter counted.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Literal

from provenance.articles import ArticleError, check_block_sizes
from provenance.articles.ninjs import suppressions_from
from provenance.articles.text import (
    HARD_MARKER,
    HEADER_WINDOW,
    check_line_lengths,
    fill_meta,
    meta_of,
    parse_directive,
)
from provenance.model import Article, Block, ImageRef, Suppression

CAPTION_MAX_CHARS = 400

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_HR = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_REF_DEF = re.compile(
    r"^ {0,3}\[([^\[\]]{1,300})\]:\s*<?(\S{1,2000}?)>?(?:\s+[\"'(](.{0,300})[\"')])?\s*$"
)
# Every repetition is bounded and brackets cannot nest, so a hostile megabyte paragraph of
# "![" or "[a](" costs linear time instead of quadratic backtracking.
_IMAGE = re.compile(
    r"!\[(?P<alt>[^\[\]]{0,300})\](?:\(\s*<?(?P<src>[^\s()<>]{1,2000})>?"
    r"(?:\s+[\"'(](?P<title>[^\"'()]{0,300})[\"')])?\s*\)|\[(?P<ref>[^\[\]]{0,300})\])"
)
_LINK = re.compile(r"\[([^\[\]]{0,300})\]\([^()\s]{0,2000}(?:\s+\"[^\"]{0,300}\")?\)")
# Emphasis and code markers at word edges are dropped without pairing them (pairing costs
# quadratic time on unbalanced input); intraword underscores (snake_case) stay.
_EMPHASIS = re.compile(r"(?<!\w)[*_`]+(?=\S)|(?<=\S)[*_`]+(?!\w)")
# Inline HTML in a paragraph (a comment, <em>, <br>) is markup, not text.
_INLINE_HTML = re.compile(r"<!--[^>]{0,300}-->|</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,300})?/?>")
_HTML_START = re.compile(r"^ {0,3}<(?:figure|img|picture|div|p|table|section|aside)\b", re.I)

_KEYS: dict[str, tuple[str, ...]] = {
    "headline": ("title", "headline"),
    "byline": ("author", "authors", "byline", "by"),
    "published": ("date", "published", "pubDate", "publishDate", "datePublished", "published_at"),
    "updated": ("updated", "lastmod", "modified", "dateModified", "last_modified", "updated_at"),
    "dateline": ("dateline", "located"),
    "hints": ("source", "sources", "credit", "credits"),
    "language": ("lang", "language"),
    "standfirst": ("description", "summary", "subtitle", "standfirst", "dek"),
}


@dataclass(slots=True)
class _FrontMatter:
    data: dict[str, Any]
    lines: list[str]  # the front matter's own lines, fence excluded
    first_line: int  # file line of lines[0]
    body_start: int  # 0-based index of the first body line


@dataclass(slots=True)
class _Pending:
    image: ImageRef
    title: str | None


@dataclass(slots=True)
class _Body:
    """Parser state: blocks so far, images waiting for a caption, directives in waiting."""

    refs: dict[str, tuple[str, str | None]]
    blocks: list[Block] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    waiting: list[Suppression] = field(default_factory=list)
    pending: list[_Pending] = field(default_factory=list)
    para: list[tuple[int, str]] = field(default_factory=list)
    para_kind: str = "paragraph"
    headline: str | None = None


def read_markdown(text: str, rel: str) -> Article:
    """Read a Markdown article (format ``markdown``)."""
    lines = text.split("\n")
    check_line_lengths(lines)
    article = Article(path=rel, format="markdown")
    fm = _front_matter(lines)
    body = _parse_body(lines, fm.body_start, _reference_definitions(lines, fm.body_start))
    article.blocks, article.images = body.blocks, body.images
    article.suppressions = body.suppressions
    article.headline = body.headline
    _apply_front_matter(article, fm)
    _zone_header_and_boilerplate(article.blocks, article)
    check_block_sizes(article)
    return article


# --- front matter -------------------------------------------------------------------------


def _front_matter(lines: list[str]) -> _FrontMatter:
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        return _FrontMatter({}, [], 1, 0)
    closers = ("---", "...") if fence == "---" else ("+++",)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in closers), None)
    if end is None:
        return _FrontMatter({}, [], 1, 0)  # a lone rule, not front matter
    raw = lines[1:end]
    data = _load_yaml("\n".join(raw)) if fence == "---" else _load_toml("\n".join(raw))
    return _FrontMatter(data, raw, 2, end + 1)


def _load_yaml(source: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at front matter line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise ArticleError(f"malformed YAML front matter{where}: {problem}") from None
    except RecursionError:
        raise ArticleError("YAML front matter nested too deeply to read") from None
    return data if isinstance(data, dict) else {}


def _load_toml(source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ArticleError(f"malformed TOML front matter: {exc}") from None
    except RecursionError:
        raise ArticleError("TOML front matter nested too deeply to read") from None


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, _dt.datetime | _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _scalar(value.get("name"))
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [s for s in (_scalar(v) for v in items) if s]


def _lookup(fm: _FrontMatter, role: str) -> tuple[Any, int | None]:
    """The value for a role and the file line of its key (None when absent)."""
    for key in _KEYS[role]:
        for actual in (key, key.lower()):
            if actual in fm.data and fm.data[actual] not in (None, "", []):
                return fm.data[actual], _key_line(fm, actual)
    return None, None


def _key_line(fm: _FrontMatter, key: str) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[:=]")
    for offset, line in enumerate(fm.lines):
        if pattern.match(line):
            return fm.first_line + offset
    return None


def _apply_front_matter(article: Article, fm: _FrontMatter) -> None:
    if not fm.data:
        return
    title, title_line = _lookup(fm, "headline")
    byline, _ = _lookup(fm, "byline")
    article.byline = ", ".join(_names(byline)) or None
    article.published_raw = _scalar(_lookup(fm, "published")[0])
    article.updated_raw = _scalar(_lookup(fm, "updated")[0])
    article.dateline = _scalar(_lookup(fm, "dateline")[0])
    article.language = _scalar(_lookup(fm, "language")[0])
    article.attribution_hints = list(dict.fromkeys(_names(_lookup(fm, "hints")[0])))
    standfirst, standfirst_line = _lookup(fm, "standfirst")
    if (text := _scalar(standfirst)) is not None:
        at = 1 if article.blocks and article.blocks[0].zone == "headline" else 0
        _insert_block(article, at, Block("standfirst", text, standfirst_line))
    if article.headline is None and (text := _scalar(title)) is not None:
        article.headline = text
        _insert_block(article, 0, Block("headline", text, title_line))
    directives, line = fm.data.get("provenance"), _key_line(fm, "provenance")
    article.suppressions = suppressions_from(directives, line) + article.suppressions


def _insert_block(article: Article, at: int, block: Block) -> None:
    """Insert a block and keep image positions and block suppressions pointing right."""
    article.blocks.insert(at, block)
    for image in article.images:
        if image.position >= at:
            image.position += 1
    for sup in article.suppressions:
        if sup.block is not None and sup.block >= at:
            sup.block += 1


# --- body ------------------------------------------------------------------------------------


def _reference_definitions(lines: list[str], start: int) -> dict[str, tuple[str, str | None]]:
    refs: dict[str, tuple[str, str | None]] = {}
    for line in lines[start:]:
        m = _REF_DEF.match(line)
        if m:
            refs.setdefault(m[1].strip().lower(), (m[2], m[3]))
    return refs


def _parse_body(lines: list[str], start: int, refs: dict[str, tuple[str, str | None]]) -> _Body:
    state = _Body(refs)
    i = start
    while i < len(lines):
        i = _step(state, lines, i)
    _flush(state)
    _resolve_pending(state)
    for sup in state.waiting:  # a directive with no block after it suppresses nothing
        state.suppressions.append(sup)
    return state


def _step(state: _Body, lines: list[str], i: int) -> int:
    """Consume the construct starting at ``lines[i]``; return the next index to read."""
    line, number = lines[i], i + 1
    if not line.strip():
        _flush(state)
        return i + 1
    if _FENCE.match(line):
        return _skip_fence(state, lines, i)
    if line.lstrip().startswith("<!--"):
        return _comment(state, lines, i)
    if _HTML_START.match(line):
        return _html_block(state, lines, i)
    if _REF_DEF.match(line):
        return i + 1
    if (m := _ATX.match(line)) is not None:
        _flush(state)
        _heading(state, len(m[1]), m[2] or "", number)
        return i + 1
    if state.para and state.para_kind == "paragraph" and (m := _SETEXT.match(line)):
        text = " ".join(t for _, t in state.para)
        first = state.para[0][0]
        state.para = []
        _heading(state, 1 if m[1].startswith("=") else 2, text, first)
        return i + 1
    if _HR.match(line):
        _flush(state)
        _resolve_pending(state)
        return i + 1
    _paragraph_line(state, line, number)
    return i + 1


def _paragraph_line(state: _Body, line: str, number: int) -> None:
    if (m := _LIST.match(line)) is not None:
        _flush(state)
        state.para, state.para_kind = [(number, line[m.end():].strip())], "list"
    elif (m := _QUOTE.match(line)) is not None:
        if state.para_kind != "quote":
            _flush(state)
        state.para.append((number, line[m.end():].strip()))
        state.para_kind = "quote"
    else:
        if state.para_kind == "quote" and not line.startswith((" ", "\t")):
            _flush(state)
        state.para.append((number, line.strip()))


def _skip_fence(state: _Body, lines: list[str], i: int) -> int:
    _flush(state)
    _resolve_pending(state)
    m = _FENCE.match(lines[i])
    marker = m[1][0] * len(m[1]) if m else "```"
    j = i + 1
    while j < len(lines) and not lines[j].strip().startswith(marker):
        j += 1
    return j + 1


def _comment(state: _Body, lines: list[str], i: int) -> int:
    _flush(state)
    j = i
    while j < len(lines) and "-->" not in lines[j]:
        j += 1
    last, rest = (lines[j].split("-->", 1) + [""])[:2] if j < len(lines) else ("", "")
    comment = " ".join([s.strip() for s in lines[i:j]] + [last.strip() + " -->"])
    directive = parse_directive(comment)
    if directive is not None:
        scope: Literal["file", "block"] = (
            "file" if directive.kind == "disable-file" else "block"
        )
        for rule in directive.rules:
            sup = Suppression(rule, directive.reason, i + 1, scope)
            (state.suppressions if scope == "file" else state.waiting).append(sup)
    if rest.strip():  # text after the comment on its closing line starts the next paragraph
        _paragraph_line(state, rest, j + 1)
    return j + 1


def _heading(state: _Body, level: int, text: str, number: int) -> None:
    _resolve_pending(state)
    text = inline_text(text)
    if not text:
        return
    if level == 1 and state.headline is None:
        state.headline = text
        _add_block(state, Block("headline", text, number))
    else:
        _add_block(state, Block("body", text, number))


def _add_block(state: _Body, block: Block) -> None:
    for sup in state.waiting:
        sup.block = len(state.blocks)
        state.suppressions.append(sup)
    state.waiting = []
    state.blocks.append(block)


def inline_text(text: str) -> str:
    """Markdown inline markup reduced to its text (links keep their words)."""
    text = _IMAGE.sub(" ", _INLINE_HTML.sub(" ", text))  # images are ImageRefs, not words
    text = _EMPHASIS.sub("", _LINK.sub(r"\1", text))
    return " ".join(text.split())


def _flush(state: _Body) -> None:
    """Turn the buffered paragraph into blocks, images and captions.

    Leading lines holding only images start new pending images (the text under them, in
    the same paragraph or the next one, is their caption candidate).
    """
    if not state.para:
        return
    para, kind = state.para, state.para_kind
    state.para, state.para_kind = [], "paragraph"
    lead = 0
    while lead < len(para) and _only_images(para[lead][1]):
        lead += 1
    if lead:
        _resolve_pending(state)
        state.pending = [_Pending(_image_ref(state, m, number), m["title"])
                         for number, line in para[:lead] for m in _IMAGE.finditer(line)]
        para = para[lead:]
    if not para:
        return
    text = inline_text(" ".join(_IMAGE.sub(" ", line) for _, line in para))
    if not text:
        return
    if state.pending and kind == "paragraph" and len(text) <= CAPTION_MAX_CHARS:
        _caption(state, text, para[0][0])
        return
    _resolve_pending(state)
    position = len(state.blocks)
    _add_block(state, Block("body", text, para[0][0]))
    for number, line in para:  # inline images live inside the block just added
        for m in _IMAGE.finditer(line):
            image = _image_ref(state, m, number)
            image.position = position
            state.images.append(image)


def _only_images(line: str) -> bool:
    return bool(_IMAGE.search(line)) and not _IMAGE.sub("", line).strip()


def _image_ref(state: _Body, m: re.Match[str], number: int) -> ImageRef:
    src, title = m["src"], m["title"]
    if src is None:
        label = (m["ref"] or m["alt"]).strip().lower()
        src, title = state.refs.get(label, (label, None))
    return ImageRef(src=src, line=number, alt=m["alt"] or None, caption=title or None)


def _caption(state: _Body, text: str, number: int) -> None:
    pending, state.pending = state.pending, []
    state.blocks.append(Block("caption", text, number, pending[-1].image.src))
    for item in pending:
        item.image.caption = text
        item.image.position = len(state.blocks)
        state.images.append(item.image)


def _resolve_pending(state: _Body) -> None:
    """Images with no caption paragraph: their title, if any, is the caption."""
    pending, state.pending = state.pending, []
    for item in pending:
        if item.title:
            state.blocks.append(Block("caption", item.title, item.image.line, item.image.src))
        item.image.position = len(state.blocks)
        state.images.append(item.image)


# --- raw HTML blocks ---------------------------------------------------------------------------


def _html_block(state: _Body, lines: list[str], i: int) -> int:
    _flush(state)
    _resolve_pending(state)
    is_figure = lines[i].lstrip().lower().startswith("<figure")
    j = i
    if is_figure:
        while j < len(lines) and "</figure>" not in lines[j].lower():
            j += 1
    else:
        while j + 1 < len(lines) and lines[j + 1].strip():
            j += 1
    source = lines[i:j + 1]
    blocks, images = fragment_blocks("\n".join(source))
    offset = len(state.blocks)
    for block in blocks:
        _add_block(state, Block(block.zone, block.text, _find_line(source, block.text, i + 1),
                                block.image))
    for image in images:
        image.position += offset
        image.line = _find_line(source, image.src, i + 1)
        state.images.append(image)
    return j + 1


def _find_line(source: list[str], text: str, first: int) -> int:
    """The file line whose raw HTML holds the start of ``text`` (else the block's first)."""
    probe = text[:30]
    for offset, line in enumerate(source):
        if probe and probe in " ".join(line.split()):
            return first + offset
    return first


def fragment_blocks(html: str) -> tuple[list[Block], list[ImageRef]]:
    """Blocks and images of an HTML fragment via ``html.html_fragment`` (lines are None).

    Falls back to :class:`_FragmentParser` (stdlib) when the HTML reader is not installed.
    """
    try:
        from provenance.articles.html import html_fragment
    except ImportError:
        parser = _FragmentParser()
        parser.feed(html)
        parser.close()
        parser.end_block()
        return parser.blocks, parser.images
    return html_fragment(html)


class _FragmentParser(HTMLParser):
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


# --- zones after parsing -----------------------------------------------------------------------


def _zone_header_and_boilerplate(blocks: list[Block], article: Article) -> None:
    """A byline/desk paragraph under the headline -> meta (standfirst before it);
    everything from a boilerplate marker on -> boilerplate."""
    head = next((i for i, b in enumerate(blocks) if b.zone == "headline"), None)
    if head is not None:
        window = range(head + 1, min(len(blocks), head + 1 + HEADER_WINDOW))
        desk = next((i for i in window
                     if blocks[i].zone == "body" and meta_of(blocks[i].text)), None)
        if desk is not None:
            blocks[desk].zone = "meta"
            for i in range(head + 1, desk):
                if blocks[i].zone == "body":
                    blocks[i].zone = "standfirst"
            fill_meta(article, blocks[desk].text)
    marker = next((i for i, b in enumerate(blocks)
                   if b.zone == "body" and HARD_MARKER.match(b.text)), None)
    if marker is not None:
        for block in blocks[marker:]:
            block.zone = "boilerplate"
