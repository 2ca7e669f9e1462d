"""Markdown articles (``.md``, ``.markdown``), as Hugo, Jekyll and other static-site
generators write them.

Front matter
------------
YAML between ``---`` lines, TOML between ``+++`` lines, or a JSON object (a Hugo page may
start with ``{ … }``). Keys (first present wins; dates stay raw strings for the detectors):
``title``/``headline`` -> headline, ``author``/``authors``/``byline``/``by`` -> byline,
``date``/``published``/``pubDate``/``publishDate``/``datePublished`` -> published_raw,
``updated``/``lastmod``/``modified``/``dateModified`` -> updated_raw, ``dateline``/
``located`` -> dateline, ``source``/``sources``/``credit``/``credits`` -> attribution_hints,
``lang``/``language`` -> language, ``description``/``summary``/``subtitle``/``standfirst``
-> a standfirst block, ``provenance: {disable: [{rule, reason}]}`` -> file suppressions.
Malformed front matter is an :class:`~provenance.articles.ArticleError` (INP001): the
author should hear about it rather than have metadata silently dropped — unless it holds
template syntax (``date: {{ .Date }}`` in a Hugo archetype, ``{% … %}`` Liquid): such a
file is a :class:`~provenance.articles.TemplateFile`, skipped and counted, not an article.

Body
----
Read as CommonMark (markdown-it-py, with footnotes and ``{…}`` attributes). Lines are real
file lines, front matter counted.

* The first level-1 heading (``#`` or setext ``===``) is the headline (else the front
  matter title, as a headline block at the title's line). Other headings, paragraphs,
  list items, quotes and footnotes are body blocks, their inline markup reduced to its
  text. A ``By …`` or ``… | Updated: …`` paragraph right under the headline is meta and
  the paragraphs before it standfirst; from a boilerplate marker (``Tags:``,
  ``Related Stories``…, as in the text reader) on, everything is boilerplate.
* Indented and fenced code, inline code, ``{% highlight %}``/``{{< highlight >}}``
  blocks and ``\\!`` escapes never hold images. Shortcodes and Liquid tags are markup, not
  text.
* Raw HTML blocks (``<figure>``, ``<img>``, ``<picture>``, ``<div>``…) go through the HTML
  reader's ``html_fragment``; their blocks get the file line where their text is found,
  else the HTML block's first line. A ``<figure>`` split by blank lines is read whole.
* Footnotes (``[^1]: …``) are body blocks at the end; ``{.class}`` and kramdown ``{: …}``
  attribute lists are markup.
* ``<!-- provenance: disable=AID003 reason="…" -->`` suppresses for the next block (scope
  ``block``, ``block`` = its index); ``disable-file=`` for the whole article.

Images (``ImageRef.placement``)
-------------------------------
``markdown``
    ``![alt](src "title")``, ``![alt](<file with spaces.png>)``, reference images
    (``![alt][id]``, ``![alt][]``, ``![id]``), a linked image ``[![alt](a.png)](…)``, an
    image inside a sentence.
``html``
    ``<img>``, ``<figure>`` and ``<picture>``, as blocks or inline in a paragraph. Every
    file a ``srcset`` or ``<source srcset>`` names is an image of its own (``src``, else the
    largest candidate, first), with the same caption and position.
``shortcode``
    Hugo ``{{< figure src="…" caption="…" >}}`` / ``{{% … %}}``, named params (quoted with
    ``"…"`` or ``\\`…\\```, or bare) or positional ones (``{{< img "/x.png" "Caption" >}}``:
    the first positional image file is the src, the next value the caption). For
    ``figure`` and the shortcodes named in the policy's ``[site] shortcodes``, every
    parameter naming an image file (``.jpg .jpeg .png .webp .gif .tif .tiff .avif .heic
    .heif .svg``, any case, query allowed) is an image; for any other shortcode a ``src=``
    image file. Caption: ``caption``, else ``title``; an ``attr`` credit follows it
    (``caption — attr``), as the figure prints it. Shortcodes inside raw HTML count too.
``include``
    Jekyll ``{% include figure.html image="…" caption="…" %}`` (also
    ``include_relative``): every parameter naming an image file (``image``, ``image_path``,
    ``src``, ``file``, ``url``, ``path``…); caption from ``caption``, ``title`` or ``alt``.
``front-matter``
    The fields in the policy's ``[site] image_fields`` (dotted for nested tables:
    ``cover.image``): a string, a list of strings (Hugo ``images``) or a table with
    ``src``/``image``/``url``/``path``; kept when it names an image file, or starts with
    ``http`` or ``/``. Caption: ``cover.caption`` for ``cover.image``,
    ``header.caption``/``header.image_description`` for ``header.image``, else
    ``<field>_caption``, ``image_caption``, ``caption`` (alt: ``<field>_alt``, ``alt``); a
    caption block right under the headline. The same file named twice is one image. The
    hero stands at the top of the page: its ``position`` is the first block after the
    headline, so a disclosure in the standfirst or first paragraph sits next to it.

Liquid URLs in a src — ``{{ site.baseurl }}/x.jpg``, ``{{ site.url }}{{ site.baseurl }}``,
``{{ '/x.jpg' | relative_url }}``, ``| absolute_url``, ``| prepend: site.baseurl`` — are
read as the site path (``/x.jpg``). Every other src is kept as written; the engine resolves
it (site-absolute ``/x`` against the site's web roots).

Captions
--------
Only text in a caption position is an image's caption: the lines right under the image in
the same paragraph (no blank line between), an emphasised paragraph (``*…*``, ``_…_``)
right after it, a paragraph after it that is a photo credit (``… Photo: Ana Lopes``), the
image's title, a ``<figcaption>``, or the shortcode, include or front-matter caption. Any of
these becomes a caption block (zone ``caption``, ``image=src``), except when longer than
:data:`CAPTION_MAX_CHARS` or when it reads as the article's attribution (``(With inputs
from agencies.)``, ``(Reporting by …; Editing by …)``): that is body text. Any other
paragraph after an image is body.

``ImageRef.position`` is the index of the first non-caption block after the image (the
block an inline image sits in, for an image inside a paragraph).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from provenance.articles import (
    DEFAULT_PLACEMENT,
    PlacementSettings,
    check_block_sizes,
)
from provenance.articles.fragments import PictureTags, fragment_blocks
from provenance.articles.front_matter import (
    apply_front_matter,
    names_image_file,
    read_front_matter,
)
from provenance.articles.liquid import normalize_liquid_src
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
# A shortcode or Liquid tag longer than this is stray braces, not a tag.
_MAX_TAG_CHARS = 4000


# One Liquid output tag on one line (bounded and brace-free, so the scan stays linear).
_LIQUID_OUTPUT = re.compile(r"\{\{[^{}\n]{1,2000}\}\}")
_TAG_OPENERS = (("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}"))
_INCLUDES = frozenset(("include", "include_relative", "include_cached"))
_PARAM = re.compile(r"""(?:([A-Za-z_][\w-]{0,60})\s{0,20}=\s{0,20})?"""
                    r"""("[^"]*"|'[^']*'|`[^`]*`|[^\s"'`]+)""")
# kramdown attribute lists (``{: .center}``) are markup, not text.
_IAL = re.compile(r"\{:[^{}\n]{0,200}\}")
_EMPHASIS_TAG = re.compile(r"<(/?)(?:em|i|small)\s*>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<(?:br|img|hr)\b", re.IGNORECASE)
# A closing line crediting where the article came from: body text, never a caption.
_ATTRIBUTION = re.compile(
    r"^[\s(\[]*(?:with\s+(?:additional\s+)?(?:agency\s+|wire\s+)?inputs?\b|inputs?\s*(?:from|:)"
    r"|(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by\b"
    r"|(?:sources?|fontes?|fuentes?|quellen?)\s*:|con\s+informaci|mit\s+material|com\s+informa)",
    re.IGNORECASE)
# A photo credit stays with its picture, even as a paragraph of its own.
_PHOTO_CREDIT = re.compile(
    r"(?:^|[\s(\[|—–-])(?:photo(?:graph)?s?|pictures?|pics?|images?|illustrations?|graphics?"
    r"|credits?|fotos?|bild|imagen)(?:\s+credits?)?\s*:\s*\S"
    r"|\b(?:photo|picture|image|illustration)\s+(?:by|courtesy(?:\s+of)?)\s+\S"
    r"|\bREUTERS/|\bAP\s+Photo\b|\bGetty\s+Images\b",
    re.IGNORECASE)

InlineRule = Callable[[StateInline, bool], bool]
BlockRule = Callable[[StateBlock, int, int, bool], bool]
CoreRule = Callable[[StateCore], None]


# --- the parser ------------------------------------------------------------------------------


class _CommonMark(MarkdownIt):
    """CommonMark that keeps every destination as written: the engine resolves files, and a
    ``file:`` or ``data:`` src is still a picture on the page to report."""

    def __init__(self) -> None:
        super().__init__("commonmark")
        self.inline = _Inline()
        self.configure("commonmark")  # again, for the new inline parser

    def normalizeLink(self, url: str) -> str:  # noqa: N802 (markdown-it's name)
        return url

    def validateLink(self, url: str) -> bool:  # noqa: N802
        return True


class _Inline(ParserInline):
    """markdown-it's inline parser, except that text with no inline markup at all (most
    headings, paragraphs and image descriptions of an article) becomes its one text token
    directly, as the parser would make it, without its per-character rule loop; and so
    does an image alone in its paragraph, ``![alt](src)`` with neither markup in its alt nor
    anything but a plain path in its src, become its image token (``tests/
    test_speed_readers_markdown.py`` holds both to the parser's own tokens). Only the rules
    make tokens that the ``text_join`` rule may change: ``env`` records that they ran."""

    def parse(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> list[Token]:
        if tokens or not src:
            return self._rules(src, md, env, tokens)
        if not _INLINE_TRIGGERS.search(src):
            text = Token("text", "", 0)
            text.content = src
            tokens.append(text)
            return tokens
        lone = _LONE_IMAGE.fullmatch(src)
        if lone is None:
            return self._rules(src, md, env, tokens)
        alt, href = lone[1], lone[2]
        image = Token("image", "img", 0, attrs={"src": href, "alt": ""}, meta={"pos": 0})
        image.children = self.parse(alt, md, env, []) or None
        image.content = alt
        tokens.append(image)
        return tokens

    def _rules(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> list[Token]:
        env[_INLINE_RULES_RAN] = True
        return super().parse(src, md, env, tokens)


def _build_parser() -> MarkdownIt:
    md = _CommonMark().use(footnote_plugin, inline=False).use(attrs_plugin)
    md.block.ruler.before("html_block", "site_tag", _site_tag_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.inline.ruler.after("text", "site_tag", _site_tag_inline)
    # Each rule runs at every markup character: the trigger test first keeps a megabyte of
    # "{{<" or "![" to a few seconds.
    for name, trigger, closes, records in (
            ("link", "[", True, False), ("footnote_ref", "[", True, False),
            ("image", "!", True, True), ("newline", "\n", False, True),
            ("escape", "\\", False, True), ("html_inline", "<", False, True),
            ("attr", "{", False, False)):
        ruler = md.inline.ruler
        rule = ruler.__rules__[ruler.__find__(name)].fn
        ruler.at(name, _wrapped(rule, trigger, closes, records))
    blocks = md.block.ruler
    if blocks.get_active_rules() != _BLOCK_RULES:  # what _BLOCK_STARTS and _common_block know
        raise RuntimeError(f"unexpected markdown-it block rules {blocks.get_active_rules()}")
    for name, starts in _BLOCK_STARTS.items():
        found = blocks.__rules__[blocks.__find__(name)]
        # at() also resets the chains (``alt``) a rule can end a paragraph or list in.
        blocks.at(name, _guarded(found.fn, starts), {"alt": list(found.alt)})
    blocks.before("code", "common_block",
                  _common_block(blocks.__rules__[blocks.__find__("paragraph")].fn,
                                blocks.__rules__[blocks.__find__("heading")].fn))
    core = md.core.ruler
    core.at("normalize", _normalized(core.__rules__[core.__find__("normalize")].fn))
    core.at("text_join", _text_joined(core.__rules__[core.__find__("text_join")].fn))
    return md


# The block rules, in markdown-it's order, that _BLOCK_STARTS and _common_block account for.
_BLOCK_RULES = ["code", "fence", "blockquote", "hr", "list", "footnote_def", "reference",
                "site_tag", "html_block", "heading", "lheading", "paragraph"]
# The characters a line must start with (after its indent) for each block rule to match:
# every one of these rules returns False at once for any other first character.
_BLOCK_STARTS: dict[str, frozenset[str]] = {
    "fence": frozenset("`~"), "blockquote": frozenset(">"), "hr": frozenset("*-_"),
    "list": frozenset("*-+0123456789"), "footnote_def": frozenset("["),
    "reference": frozenset("["), "html_block": frozenset("<"), "heading": frozenset("#"),
}
# No block rule but lheading and paragraph can match a line starting with any other character
# (site_tag needs "{"; code needs an indent, tested apart); "=" could underline a heading.
_BLOCK_MARKERS = frozenset("".join("".join(s) for s in _BLOCK_STARTS.values()) + "{=")
# The characters at which an inline rule other than ``text`` can match (see the triggers in
# _build_parser, and emphasis, backticks, entity, autolink): text holding none of them
# is one text token.
_INLINE_TRIGGERS = re.compile(r"[\n\\`*_\[!<&{]")
# An image alone: its alt holding none of those characters nor a bracket, its src none of
# the characters that end, escape, nest or encode a link destination (nor ``{``, an
# attribute list).
_LONE_IMAGE = re.compile(r"!\[([^\n\\`*_\[\]!<&{]*)\]\(([^\s\\()<>&{}\x00-\x1f\x7f]+)\)")


def _guarded(rule: BlockRule, starts: frozenset[str]) -> BlockRule:
    """``rule``, called only when its line starts with one of ``starts``. markdown-it tries
    every block rule at the start of every block and every paragraph line: the test costs a
    fraction of the call it saves (each rule logs and measures the line first)."""
    def run(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        if pos < state.eMarks[start] and state.src[pos] not in starts:
            return False
        return rule(state, start, end, silent)
    return run


def _normalized(normalize: CoreRule) -> CoreRule:
    """markdown-it's ``normalize`` rule, which turns CR line ends into LF and NUL into U+FFFD:
    its regex rewrites every line end, so text holding neither CR nor NUL skips it."""
    def run(state: StateCore) -> None:
        if "\r" in state.src or "\0" in state.src:
            normalize(state)
    return run


# The env key by which _Inline records that its rules made tokens (see _text_joined).
_INLINE_RULES_RAN = "_provenance_inline_rules"


def _text_joined(text_join: CoreRule) -> CoreRule:
    """markdown-it's ``text_join`` rule, which turns escapes' ``text_special`` tokens into text
    and joins adjacent text tokens, in every inline token: the tokens _Inline makes without
    its rules (one text token, or one image of one text token) are already joined, so when
    no rules ran there is nothing to do."""
    def run(state: StateCore) -> None:
        if state.env.get(_INLINE_RULES_RAN):
            text_join(state)
    return run


def _common_block(paragraph: BlockRule, heading: BlockRule) -> BlockRule:
    """A rule tried first, for what most of an article is made of. A paragraph none of whose
    lines starts as another block could (lines of text) becomes the tokens markdown-it's
    paragraph rule would make of it, without first going through the ten rules that cannot
    match it (nor end it: the rules that end a paragraph are the same, each matching only
    its own first characters), lheading, which cannot find an underline in it, and the
    paragraph rule's own search for its end (one line without inline markup, outside any
    list, quote or footnote, becomes one :data:`PLAIN_PARAGRAPH` token). A line starting
    with ``#`` goes to the heading rule, the only one before it that could match it; when
    that fails (``#hashtag``), the other rules are tried as usual."""
    def run(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if state.is_code_block(start):
            return False
        src, b_marks, t_shift, e_marks = state.src, state.bMarks, state.tShift, state.eMarks
        first = b_marks[start] + t_shift[start]
        if first < e_marks[start] and src[first] == "#":
            return heading(state, start, end, silent)
        line = start
        while line < state.lineMax:
            pos = b_marks[line] + t_shift[line]
            if pos >= e_marks[line]:  # a blank line ends it
                break
            if src[pos] in _BLOCK_MARKERS:
                return False
            line += 1
        if silent or line == start:
            return paragraph(state, start, end, silent)
        # What the paragraph rule makes of these lines, none of which can end it.
        content = mdTrim(state.getLines(start, line, state.blkIndent, False))
        state.line = line
        if state.level == 0 and not _INLINE_TRIGGERS.search(content):
            token = state.push(PLAIN_PARAGRAPH, "p", 0)  # see plain_paragraph_tokens
            token.content, token.map = content, [start, line]
            return True
        state.push("paragraph_open", "p", 1).map = [start, line]
        token = state.push("inline", "", 0)
        token.content, token.map, token.children = content, [start, line], []
        state.push("paragraph_close", "p", -1)
        return True
    return run


# A paragraph of one line of text holding no inline markup, outside any list, quote or
# footnote: one token of this type stands for its paragraph_open, inline (with its one text
# token) and paragraph_close, which nothing but the walker reads.
PLAIN_PARAGRAPH = "provenance_plain_paragraph"


def plain_paragraph_tokens(token: Token) -> list[Token]:
    """The tokens markdown-it makes of a :data:`PLAIN_PARAGRAPH`."""
    text = Token("text", "", 0, content=token.content)
    return [Token("paragraph_open", "p", 1, map=token.map, block=True),
            Token("inline", "", 0, map=token.map, level=1, children=[text],
                  content=token.content, block=True),
            Token("paragraph_close", "p", -1, block=True)]


def _wrapped(rule: InlineRule, trigger: str, closes: bool, records: bool) -> InlineRule:
    """``rule``, run only at its ``trigger`` character; with ``closes``, only when a ``]``
    follows (else every bracket would scan to the end of the paragraph: a megabyte of
    ``![`` took 15 s); with ``records``, the tokens it pushes get ``meta["pos"]``, their
    offset in the inline source, from which the reader counts file lines (children of an
    inline token carry no map)."""
    def run(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if state.src[start] != trigger or closes and start >= _last_index(state, "]"):
            return False
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if records and not silent:
            for token in state.tokens[count:]:
                token.meta.setdefault("pos", start)
        return True
    return run


def _last_index(state: StateInline, char: str) -> int:
    """``state.src.rfind(char)``, once per inline source."""
    src = state.src
    cache: dict[tuple[int, str], tuple[str, int]] = state.env.setdefault("_provenance_last", {})
    hit = cache.get((id(src), char))
    if hit is None or hit[0] is not src:
        hit = cache[(id(src), char)] = (src, src.rfind(char))
    return hit[1]


def _find_after(env: Any, src: str, needle: str, start: int) -> int:
    """``src.find(needle, start)``, remembered per needle so that many openers without a
    closer cost one scan, not one each."""
    cache: dict[tuple[int, str], tuple[str, int, int]] = env.setdefault("_provenance_find", {})
    hit = cache.get((id(src), needle))
    if hit is None or hit[0] is not src or hit[1] > start or 0 <= hit[2] < start:
        hit = cache[(id(src), needle)] = (src, start, src.find(needle, start))
    return hit[2]


def _tag_at(src: str, pos: int) -> tuple[str, str] | None:
    """The opener and closer of a shortcode or Liquid tag starting at ``pos``, if any."""
    if not src.startswith("{", pos):
        return None
    for opener, closer in _TAG_OPENERS:
        if src.startswith(opener, pos):
            # {{</* figure */>}} is Hugo's way of printing a shortcode as text.
            return None if src.startswith("/*", pos + len(opener)) else (opener, closer)
    return None


def _tag_end(env: Any, src: str, pos: int, tag: tuple[str, str]) -> int:
    found = _find_after(env, src, tag[1], pos + len(tag[0]))
    stop = found + len(tag[1])
    return stop if found >= 0 and stop - pos <= _MAX_TAG_CHARS else -1


def _site_tag_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A shortcode or Liquid tag alone on its line(s): one ``site_tag`` token."""
    if state.is_code_block(start):
        return False
    pos = state.bMarks[start] + state.tShift[start]
    tag = _tag_at(state.src, pos)
    stop = -1 if tag is None else _tag_end(state.env, state.src, pos, tag)
    if stop < 0:
        return False
    last = start
    while last < end and state.eMarks[last] < stop - 1:
        last += 1
    if last >= end or state.src[stop:state.eMarks[last]].strip():
        return False
    if silent:
        return True
    content = state.src[pos:stop]
    if _tag_name(content) == "highlight":  # code: skipped to its closing tag
        closer = "endhighlight" if content.startswith("{%") else "/highlight"
        last = _line_holding(state, _find_after(state.env, state.src, closer, stop), last, end)
    token = state.push("site_tag", "", 0)
    token.content, token.map = content, [start, last + 1]
    state.line = last + 1
    return True


def _tag_name(tag: str) -> str:
    opener = next(o for o, _ in _TAG_OPENERS if tag.startswith(o))
    head = re.match(r"[\s-]*([^\s%>}]+)", tag[len(opener):])
    return head[1].lower() if head else ""


def _line_holding(state: StateBlock, pos: int, line: int, end: int) -> int:
    """The line holding ``pos`` (searched from ``line``), or ``line`` when ``pos`` < 0."""
    if pos < 0:
        return line
    while line + 1 < end and state.eMarks[line] < pos:
        line += 1
    return line


def _site_tag_inline(state: StateInline, silent: bool) -> bool:
    """A shortcode or Liquid tag inside a paragraph: one ``site_tag`` token, not text."""
    tag = _tag_at(state.src, state.pos)
    stop = -1 if tag is None else _tag_end(state.env, state.src, state.pos, tag)
    if stop < 0 or stop > state.posMax:
        return False
    if not silent:
        token = state.push("site_tag", "", 0)
        token.content, token.meta["pos"] = state.src[state.pos:stop], state.pos
    state.pos = stop
    return True


_MD = _build_parser()


# --- entry point ---------------------------------------------------------------------------


def read_markdown(text: str, rel: str, placement: PlacementSettings | None = None) -> Article:
    """Read a Markdown article (format ``markdown``)."""
    placement = placement or DEFAULT_PLACEMENT
    lines = text.split("\n")
    check_line_lengths(lines)
    fm = read_front_matter(text, lines)
    body = _body_source(lines, fm.body_start)
    walker = _Walker(placement, body)
    walker.walk(_MD.parse(body, {}))
    walker.finish()
    article = Article(path=rel, format="markdown", headline=walker.headline,
                      blocks=walker.blocks, images=walker.images,
                      suppressions=walker.suppressions)
    apply_front_matter(article, fm, placement, inline_text)
    _zone_header_and_boilerplate(article.blocks, article)
    check_block_sizes(article)
    return article


def _body_source(lines: list[str], start: int) -> str:
    """The body with the front matter blanked (markdown-it then counts file lines), Liquid
    URLs resolved, and a lone carriage return kept from starting a line."""
    body = "\n" * start + "\n".join(lines[start:])
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", " ")
    return normalise_liquid_urls(body)


def normalise_liquid_urls(text: str) -> str:
    """Each Liquid URL tag read as the site path it builds (``{{ site.baseurl }}/x.jpg`` ->
    ``/x.jpg``, ``{{ 'x.jpg' | relative_url }}`` -> ``/x.jpg``, see
    :func:`~provenance.articles.liquid.normalize_liquid_src`); never adds or removes a line."""
    if "{{" not in text:
        return text
    return _LIQUID_OUTPUT.sub(lambda m: normalize_liquid_src(m[0]), text)


def inline_text(text: str) -> str:
    """Markdown inline markup reduced to its text (links keep their words, images and
    shortcodes go)."""
    tokens = _MD.parseInline(text, {})
    return _joined(_read_lines(tokens[0], DEFAULT_PLACEMENT)) if tokens else ""


# --- shortcodes and includes -----------------------------------------------------------------


@dataclass(slots=True)
class _Placed:
    """The images a shortcode or include places, with its caption."""

    images: list[ImageRef]
    caption: str | None
    caption_line: int


@dataclass(slots=True)
class _Param:
    key: str | None  # None for a positional parameter
    value: str
    offset: int  # in the tag's text


def placed_images(tag: str, line: int, placement: PlacementSettings) -> _Placed | None:
    """The images of one shortcode or Liquid include (``tag`` with its braces; ``line`` is
    the file line it starts on), or ``None`` when it places none."""
    parsed = _parse_tag(tag)
    if parsed is None:
        return None
    kind, name, params = parsed
    if kind == "include":
        chosen = [p for p in params if p.key and names_image_file(p.value)]
    elif name in placement.shortcodes or name == "figure":
        chosen = [p for p in params if names_image_file(p.value)]
    else:
        chosen = [p for p in params if p.key == "src" and names_image_file(p.value)]
    if not chosen:
        return None
    caption, caption_at = _tag_caption(kind, params, chosen[0])
    alt = next((inline_text(p.value) or None for p in params if p.key == "alt"), None)
    images = [ImageRef(p.value, line + tag.count("\n", 0, p.offset), caption, alt,
                       placement=kind) for p in chosen]
    return _Placed(images, caption, line + tag.count("\n", 0, caption_at))


def _parse_tag(tag: str) -> tuple[str, str, list[_Param]] | None:
    """("shortcode" | "include", name, params) of a tag; None for a closing tag or a
    Liquid tag other than an include."""
    opener, closer = next((o, c) for o, c in _TAG_OPENERS if tag.startswith(o))
    inner_end = len(tag) - len(closer) if tag.endswith(closer) else len(tag)
    head = re.match(r"[\s-]*(\S+)", tag[len(opener):inner_end])
    if head is None or head[1].startswith("/"):
        return None
    name = head[1].lower()
    kind = "include" if opener == "{%" else "shortcode"
    if kind == "include" and name not in _INCLUDES:
        return None
    params = [_Param(m[1].lower() if m[1] else None, _unquote(m[2]), m.start(2))
              for m in _PARAM.finditer(tag, len(opener) + head.end(), inner_end)]
    return kind, name, [p for p in params if p.value not in ("-", "")]


def _unquote(raw: str) -> str:
    return raw[1:-1].strip() if raw[:1] in "\"'`" and len(raw) > 1 else raw.strip()


def _tag_caption(kind: str, params: list[_Param], src: _Param) -> tuple[str | None, int]:
    """The caption (with the ``attr`` credit after it) and its offset in the tag."""
    named = {p.key: p for p in reversed(params) if p.key}
    keys = ("caption", "title", "alt") if kind == "include" else ("caption", "title")
    chosen = next((named[k] for k in keys if k in named and inline_text(named[k].value)), None)
    if chosen is None and src.key is None:  # {{< img "/x.png" "A caption" >}}
        positional = [p for p in params if p.key is None]
        after = positional[positional.index(src) + 1:]
        chosen = next((p for p in after if not names_image_file(p.value)), None)
    texts = [inline_text(p.value) for p in (chosen, named.get("attr")) if p is not None]
    caption = " — ".join(t for t in texts if t) or None
    at = chosen.offset if chosen else named["attr"].offset if "attr" in named else 0
    return caption, at


def site_tags(text: str) -> list[tuple[int, int]]:
    """(start, end) of every shortcode and Liquid tag in ``text``, in order (linear time)."""
    found: list[tuple[int, int]] = []
    env: dict[str, Any] = {}
    pos = text.find("{")
    while pos >= 0:
        tag = _tag_at(text, pos)
        stop = -1 if tag is None else _tag_end(env, text, pos, tag)
        if stop > 0:
            found.append((pos, stop))
        pos = text.find("{", max(stop, pos + 1))
    return found


# --- the body -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Pending:
    """An image waiting for its caption; ``primary`` is False for a srcset's other files."""

    image: ImageRef
    title: str | None = None
    primary: bool = True


@dataclass(slots=True)
class _Line:
    """One line of a paragraph: its text (images and tags removed) and images."""

    number: int
    text: str
    images: list[_Pending] = field(default_factory=list)
    emphasised: bool = False  # every word of its text is inside *…* or _…_
    leading: bool = True  # its images come before any of its text


class _Walker:
    """Blocks, images and suppressions from markdown-it's token stream."""

    def __init__(self, placement: PlacementSettings, body: str) -> None:
        self.placement = placement
        self.body = body  # the body source (Liquid URLs resolved), for raw HTML
        self._lines: list[str] | None = None
        self.blocks: list[Block] = []
        self.images: list[ImageRef] = []
        self.suppressions: list[Suppression] = []
        self.waiting: list[Suppression] = []
        self.pending: list[_Pending] = []
        self.headline: str | None = None

    @property
    def lines(self) -> list[str]:
        """The body's lines, split when raw HTML first needs them (most articles have none)."""
        if self._lines is None:
            self._lines = self.body.split("\n")
        return self._lines

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            i = self._step(tokens, i)

    def finish(self) -> None:
        self._resolve()
        self.suppressions += self.waiting  # a directive with no block after it
        self.waiting = []

    def _step(self, tokens: list[Token], i: int) -> int:
        token = tokens[i]
        if token.type == PLAIN_PARAGRAPH:
            self._paragraph(plain_paragraph_tokens(token)[1] if self.pending else token)
            return i + 1
        if token.type == "paragraph_open":
            self._paragraph(tokens[i + 1])
            return i + 3
        if token.type == "heading_open":
            self._resolve()
            self._heading(int(token.tag[1:]), tokens[i + 1])
            return i + 3
        if token.type == "inline":
            self._paragraph(token)
        elif token.type == "html_block":
            return self._html_block(tokens, i)
        elif token.type == "site_tag":
            self._site_tag(token)
        elif token.type != "paragraph_close":
            self._resolve()  # code, a rule, a list or quote boundary: no caption follows
        return i + 1

    # paragraphs and headings

    def _paragraph(self, token: Token) -> None:
        children = token.children
        if not self.pending and (token.type == PLAIN_PARAGRAPH or children and len(children) == 1
                                 and children[0].type == "text"):
            # Plain text with no image waiting for a caption (most paragraphs): the one body
            # block that _read_paragraph makes of it.
            if text := _words(token.content if children is None else children[0].content):
                self._add_block(Block("body", text, token.map[0] + 1 if token.map else 1))
            return
        self._read_paragraph(token)

    def _read_paragraph(self, token: Token) -> None:
        lines = _read_lines(token, self.placement)
        if self.pending and _is_caption_paragraph(lines):
            self._caption(_joined(lines), lines[0].number)
            return
        self._resolve()
        if not any(line.images for line in lines):  # no image: all of it is one body block
            self._body(lines)
            return
        run: list[_Line] = []  # body lines
        under: list[_Line] = []  # lines right under images: their caption candidate
        for line in lines:
            if line.images and (not line.text or line.leading and line.emphasised):
                self._under_images(under)
                self._body(run)
                run, under = [], []
                self.pending += line.images
                if line.text:
                    self._under_images([replace(line, images=[])])
            elif self.pending:
                under.append(line)
            else:
                run.append(line)
        self._under_images(under)
        self._body(run)

    def _under_images(self, lines: list[_Line]) -> None:
        if not lines:
            return
        text = _joined(lines)
        if _caption_like(text) and not any(line.images for line in lines):
            self._caption(text, lines[0].number)
        else:
            self._resolve()
            self._body(lines)

    def _body(self, lines: list[_Line]) -> None:
        text = _joined(lines)
        position = len(self.blocks)
        if text:
            number = next(line.number for line in lines if line.text)
            self._add_block(Block("body", text, number))
        for line in lines:  # inline images live inside the block just added
            for item in line.images:
                item.image.position = position
                self.images.append(item.image)

    def _heading(self, level: int, token: Token) -> None:
        lines = _read_lines(token, self.placement)
        text = _joined(lines)
        if text and level == 1 and self.headline is None:
            self.headline = text
            position = len(self.blocks)
            self._add_block(Block("headline", text, lines[0].number))
            for item in (i for line in lines for i in line.images):
                item.image.position = position
                self.images.append(item.image)
        else:
            self._body(lines)

    def _add_block(self, block: Block) -> None:
        for sup in self.waiting:
            sup.block = len(self.blocks)
            self.suppressions.append(sup)
        self.waiting = []
        self.blocks.append(block)

    # captions

    def _caption(self, text: str, number: int) -> None:
        pending, self.pending = self.pending, []
        src = next(item.image.src for item in reversed(pending) if item.primary)
        self.blocks.append(Block("caption", text, number, src))
        for item in pending:
            item.image.caption = text
            item.image.position = len(self.blocks)
            self.images.append(item.image)

    def _resolve(self) -> None:
        """Images with no caption paragraph: their title, if any, is the caption."""
        pending, self.pending = self.pending, []
        for item in pending:
            if item.title:
                self.blocks.append(Block("caption", item.title, item.image.line,
                                         item.image.src))
            item.image.position = len(self.blocks)
            self.images.append(item.image)

    # shortcodes, includes, raw HTML, comments

    def _site_tag(self, token: Token) -> None:
        self._resolve()
        line = token.map[0] + 1 if token.map else 1
        placed = placed_images(token.content, line, self.placement)
        if placed is not None:
            self._place(placed)

    def _place(self, placed: _Placed) -> None:
        if placed.caption is None:  # a caption may follow, as for a Markdown image
            self.pending += [_Pending(image) for image in placed.images]
            return
        self.blocks.append(Block("caption", placed.caption, placed.caption_line,
                                 placed.images[0].src))
        for image in placed.images:
            image.position = len(self.blocks)
            self.images.append(image)

    def _html_block(self, tokens: list[Token], i: int) -> int:
        token = tokens[i]
        if token.content.lstrip().startswith("<!--"):
            self._comment(token)
            return i + 1
        self._resolve()
        j = _figure_end(tokens, i)
        first, last = (token.map or [0, 0])[0], (tokens[j].map or [0, 0])[1]
        source = self.lines[first:last]
        html, placed = self._tags_in_html("\n".join(source), first + 1)
        blocks, images = fragment_blocks(html)  # srcset and <picture> files included
        self._fragment(blocks, images, source, first + 1)
        for item in placed:
            self._place(item)
        return j + 1

    def _tags_in_html(self, html: str, first: int) -> tuple[str, list[_Placed]]:
        """Shortcodes inside raw HTML (Hugo expands them there too): their images, and the
        HTML without them."""
        spans = site_tags(html) if "{" in html else []
        placed = [p for start, stop in spans
                  if (p := placed_images(html[start:stop], first + html.count("\n", 0, start),
                                         self.placement)) is not None]
        for start, stop in reversed(spans):
            html = html[:start] + re.sub(r"[^\n]", " ", html[start:stop]) + html[stop:]
        return html, placed

    def _fragment(self, blocks: list[Block], images: list[ImageRef], source: list[str],
                  first: int) -> None:
        for image in images:
            image.line = _find_line(source, image.src, first)
            image.placement = "html"
        if not blocks:  # a bare <img> or <picture>: a caption may follow
            self.pending += [_Pending(image) for image in images]
            return
        offset = len(self.blocks)
        for block in blocks:
            line = _find_line(source, block.text, first)
            self._add_block(Block(block.zone, block.text, line, block.image))
        for image in images:
            image.position += offset
            self.images.append(image)

    def _comment(self, token: Token) -> None:
        """Directives in ``<!-- -->`` comments; text after the last one on its line is read
        as Markdown."""
        content, first = token.content, (token.map or [0, 0])[0] + 1
        rest = content.lstrip()
        while rest.startswith("<!--"):
            end = rest.find("-->")
            comment, rest = (rest, "") if end < 0 else (rest[:end + 3], rest[end + 3:])
            line = first + content.count("\n", 0, len(content) - len(rest) - len(comment))
            self._directive(" ".join(comment.split()), line)
            rest = rest.lstrip()
        if rest.strip():
            tokens = _MD.parse(rest.strip(), {})
            shift = first - 1 + content.rstrip("\n").count("\n")
            for tok in tokens:
                tok.map = [tok.map[0] + shift, tok.map[1] + shift] if tok.map else None
            self.walk(tokens)

    def _directive(self, comment: str, line: int) -> None:
        directive = parse_directive(comment)
        if directive is None:
            return
        scope: Literal["file", "block"] = "file" if directive.kind == "disable-file" else "block"
        for rule in directive.rules:
            sup = Suppression(rule, directive.reason, line, scope)
            (self.suppressions if scope == "file" else self.waiting).append(sup)


def _figure_end(tokens: list[Token], i: int) -> int:
    """A ``<figure>`` split by blank lines into several HTML blocks is read as one."""
    html = tokens[i].content.lower()
    if not html.lstrip().startswith("<figure") or "</figure>" in html:
        return i
    j = i
    while j + 1 < len(tokens) and tokens[j + 1].type == "html_block":
        j += 1
        if "</figure>" in tokens[j].content.lower():
            break
    return j


def _find_line(source: list[str], text: str, first: int) -> int:
    """The file line whose raw HTML holds the start of ``text`` (else the block's first)."""
    probe = text[:30]
    for offset, line in enumerate(source):
        if probe and probe in " ".join(line.split()):
            return first + offset
    return first


# --- inline tokens -> lines -------------------------------------------------------------------


def _read_lines(token: Token, placement: PlacementSettings) -> list[_Line]:
    """The lines of an inline token with text or images, each with its file line."""
    base = token.map[0] + 1 if token.map else 1
    children = token.children
    if children and len(children) == 1 and children[0].type == "text":
        # Plain text on one line (a break is a token of its own), as most paragraphs are:
        # the line the reader below would make, without it.
        text = _words(children[0].content)
        return [_Line(base, text)] if text else []
    content = token.content
    breaks = [m.start() for m in re.finditer("\n", content)] if "\n" in content else []
    reader = _LineReader(base, breaks, placement)
    lines: list[_Line] = []
    for child in children or ():
        if child.type in ("softbreak", "hardbreak"):
            lines.append(reader.line())
            reader.next_line(child)
        else:
            reader.feed(child)
    lines.append(reader.line())
    return [line for line in lines if line.text or line.images]


class _LineReader:
    """Reads the children of an inline token one line at a time."""

    def __init__(self, base: int, breaks: list[int], placement: PlacementSettings) -> None:
        self.base, self.breaks, self.placement = base, breaks, placement
        self.number = base
        self.pictures: PictureTags | None = None  # a <picture> may span lines
        self.depth = 0  # emphasis nesting
        self._start()

    def _start(self) -> None:
        self.parts: list[str] = []
        self.images: list[_Pending] = []
        self.plain = False  # text outside emphasis
        self.seen_text = False
        self.leading = True  # no image after text yet

    def line(self) -> _Line:
        """The line read so far; the reader moves on to a new one."""
        text = _words("".join(self.parts))
        line = _Line(self.number, text, self.images, bool(text) and not self.plain,
                     self.leading)
        self._start()
        return line

    def next_line(self, brk: Token) -> None:
        self.number = self._line_of(brk) + 1 if "pos" in brk.meta else self.number + 1

    def _line_of(self, token: Token) -> int:
        pos = token.meta.get("pos")
        return self.number if pos is None else self.base + bisect.bisect_left(self.breaks, pos)

    def feed(self, token: Token) -> None:
        kind = token.type
        if kind in ("text", "code_inline"):
            self._text(token.content)
        elif kind.endswith("_open") and kind[:-5] in ("em", "strong", "s"):
            self.depth += 1
        elif kind.endswith("_close") and kind[:-6] in ("em", "strong", "s"):
            self.depth -= 1
        elif kind == "image":
            self._markdown_image(token)
        elif kind == "html_inline":
            self._html(token)
        elif kind == "site_tag":
            self._site_tag(token)

    def _text(self, text: str) -> None:
        self.parts.append(text)
        if _without_ial(text).strip():
            self.seen_text = True
            self.plain = self.plain or self.depth <= 0

    def _add(self, item: _Pending) -> None:
        if self.seen_text:
            self.leading = False
        self.images.append(item)

    def _markdown_image(self, token: Token) -> None:
        src = str(token.attrs.get("src") or "")
        if not src:
            return
        title = str(token.attrs.get("title") or "") or None
        alt = " ".join(_plain(token.children or []).split()) or None
        self._add(_Pending(ImageRef(src, self._line_of(token), title, alt,
                                    placement="markdown"), title))

    def _html(self, token: Token) -> None:
        tag = token.content
        if (m := _EMPHASIS_TAG.match(tag)) is not None:
            self.depth += -1 if m[1] else 1
            return
        if _BREAK_TAG.match(tag):
            self.parts.append(" ")
        if self.pictures is None:
            self.pictures = PictureTags()
        found = self.pictures.feed(tag)
        if found is None:
            return
        attrs, files = found
        for index, url in enumerate(files):
            image = ImageRef(url, self._line_of(token), None, attrs.get("alt") or None,
                             placement="html" if index == 0 else "srcset")
            self._add(_Pending(image, None, index == 0))

    def _site_tag(self, token: Token) -> None:
        self.parts.append(" ")
        placed = placed_images(token.content, self._line_of(token), self.placement)
        for image in placed.images if placed is not None else ():
            self._add(_Pending(image, None))


def _without_ial(text: str) -> str:
    """``text`` without its kramdown attribute lists (``{: .center}``)."""
    return _IAL.sub("", text) if "{:" in text else text


def _words(text: str) -> str:
    """A line's text: attribute lists dropped, whitespace runs as one space."""
    return " ".join(_without_ial(text).split())


def _plain(tokens: list[Token]) -> str:
    return "".join(t.content if t.type in ("text", "code_inline") else
                   " " if t.type in ("softbreak", "hardbreak") else "" for t in tokens)


def _joined(lines: list[_Line]) -> str:
    if len(lines) == 1:  # most paragraphs
        return lines[0].text
    return " ".join(line.text for line in lines if line.text)


def _caption_like(text: str) -> bool:
    """Short, and not the article's own closing credit."""
    return bool(text) and len(text) <= CAPTION_MAX_CHARS and not _ATTRIBUTION.match(text)


def _is_caption_paragraph(lines: list[_Line]) -> bool:
    """A paragraph after a blank line is a caption only when emphasised or a photo credit."""
    text = _joined(lines)
    if not _caption_like(text) or any(line.images for line in lines):
        return False
    return all(line.emphasised for line in lines if line.text) or _photo_credit(text)


def _photo_credit(text: str) -> bool:
    """``_PHOTO_CREDIT.search(text)``, whose case-blind scan costs more than the rest of the
    paragraph's reading: ASCII text holding nothing that one of its branches needs (a colon;
    "photo"; "reuters/"; "getty"; "by" or "courtesy" with "picture", "image" or
    "illustration") cannot match. Other text is always scanned: under IGNORECASE a few
    non-ASCII letters match ASCII ones ("ſ" matches "s")."""
    if text.isascii() and ":" not in text:
        lower = text.lower()
        if not ("photo" in lower or "reuters/" in lower or "getty" in lower
                or ("by" in lower or "courtesy" in lower)
                and ("picture" in lower or "image" in lower or "illustration" in lower)):
            return False
    return bool(_PHOTO_CREDIT.search(text))


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
