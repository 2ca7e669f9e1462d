"""HTML reader: a full news page, or an HTML fragment inside another format.

:func:`read_html` parses a page with selectolax (lexbor; malformed markup is repaired the way
browsers repair it), flattens it into paragraph-like blocks in reading order
(:mod:`~provenance.articles.html_walk`), finds the main content with a readability-style
scorer (:mod:`~provenance.articles.html_score`) and gives every block a zone:

* ``headline`` — the page's ``<h1>`` (the one matching the declared headline);
* ``standfirst`` / ``meta`` — a summary, byline or date element near the headline;
* ``body`` — the main content, minus navigation, asides, footers, promo and link boxes;
* ``caption`` — ``<figcaption>`` and caption-class text, tied to its image;
* ``boilerplate`` — everything else (kept so a person can see it, never judged as body).

Metadata comes from schema.org JSON-LD, ``<meta>`` tags and ``<title>``
(:mod:`~provenance.articles.html_meta`); lines are found by searching the source
(:mod:`~provenance.articles.html_lines`). :func:`html_fragment` reads HTML embedded in
ninjs or Markdown, which has no page structure and no meaningful lines.

Images (``placement="html"``): every ``<img>`` the article shows, and every other file its
``srcset`` or ``<picture>`` sources offer, each an :class:`~provenance.model.ImageRef` with
the image's caption, alt and position — a reader may be served any of them. Whether a file
is a site generator's template rather than a page is decided before reading
(:func:`provenance.articles.liquid.template_reason`).
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager

from selectolax.lexbor import LexborHTMLParser, LexborNode

from provenance.model import Article, Block, ImageRef, Suppression

from .html_lines import LineMap
from .html_meta import PageMeta, parse_directive, read_meta
from .html_notices import notices
from .html_score import ContentScorer
from .html_walk import Container, RawImage, Segment, Walker, other_files

__all__ = ["html_fragment", "read_html"]

_META_RE = re.compile(
    r"(?<![a-z])(?:byline|by-line|author|authors|author-name|dateline|date|time|timestamp|"
    r"published|updated|pubdate|posted|meta|article-meta|credits?|contributors?)(?![a-z])")
_STANDFIRST_RE = re.compile(
    r"(?<![a-z])(?:standfirst|dek|deck|subtitle|sub-title|subheadline|sub-headline|subhead|"
    r"summary|lede|lead|intro|excerpt|description|strapline|teaser-text|abstract)(?![a-z])")
_META_ITEMPROPS = ("author", "datepublished", "datemodified", "datecreated", "creator")
_DIRECTIVE_SRC_RE = re.compile(r"<!--(\s*provenance:.*?)-->", re.S)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+$")
# The DOM body is "missing" below this share of a declared JSON-LD articleBody.
_FALLBACK_SHARE = 0.25
_FALLBACK_MIN_CHARS = 200
_MAX_META_CHARS = 200
_MAX_STANDFIRST_CHARS = 600
_STORY_CHARS = 80  # an <article> with less body text than this is not one of the items
# How far before an <img>'s src its <picture> sources are looked for.
_PICTURE_SPAN = 4_000


def read_html(text: str, path: str, *, nul_free: bool = False,
              utf8: bytes | None = None) -> Article:
    """Read one HTML page into an :class:`Article` (``format="html"``).

    Raises :class:`ValueError` only when the text cannot be parsed at all (the dispatcher
    turns that into INP001); malformed markup is repaired by the parser. NUL characters
    are dropped; ``nul_free=True`` says the caller knows there are none (the search for
    them is a full pass over the page). ``utf8``, when given, must be exactly
    ``text.encode("utf-8")`` (the file's bytes): the parser, which reads UTF-8, then
    takes them instead of encoding the page again.
    """
    if utf8 is None:
        # The parser reads UTF-8 and would encode the text itself; encoded here once, the
        # bytes also serve the searches of the source for ASCII words (up to three times
        # faster than in a str past U+00FF, and at the same places).
        utf8 = _utf8(text)
    if not nul_free and (b"\x00" in utf8 if utf8 is not None else _has_nul(text)):
        text = text.replace("\x00", "")
        utf8 = utf8.replace(b"\x00", b"") if utf8 is not None else None
    with _no_gc_pauses():
        return _read_html(text, path, utf8)


def _utf8(text: str) -> bytes | None:
    """``text`` in UTF-8, ``None`` when it holds a lone surrogate (which the parser, given
    the text, drops: that rare page keeps the text)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def _has_nul(text: str) -> bool:
    """``"\x00" in text``, at half the cost on text past U+00FF.

    The substring search looks for the NUL's low byte, which every ASCII character stored
    two bytes wide has; counting steps through the characters once instead.
    """
    return "\x00" in text if text.isascii() else text.count("\x00") > 0


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold the cyclic garbage collector off while one page is read.

    Reading allocates thousands of short-lived objects that are freed by reference
    counting; the collector's passes over them cost about a tenth of the reading time.
    It is switched back on afterwards, and left alone if someone else had switched it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# A browser runs scripts, so it reads a <noscript> element's content as raw text; the parser
# here does not, and an element left open inside one (``<noscript><div>``) would swallow the
# rest of the page. The content is blanked before parsing (newlines kept, so lines match).
_NOSCRIPT = re.compile(r"(<noscript\b[^>]{0,2000}>)(.*?)(</noscript\s*>)", re.I | re.S)


def _blank_noscript(text: str) -> str:
    return _NOSCRIPT.sub(lambda m: m[1] + _blank(m[2]) + m[3], text)


def _blank(content: str) -> str:
    """Every character but newlines as a space (one replacement per line, not per character)."""
    return "\n".join(" " * len(line) for line in content.split("\n"))


# The tag names _NOSCRIPT matches, in UTF-8 (under IGNORECASE its "s" also matches "\u017f"
# and its "i" "\u0130" and "\u0131"). _blank_noscript_utf8 finds them all in one search and
# applies the rest of the pattern itself.
_NOSCRIPT_NAME_UTF8 = re.compile(rb"</?no(?:s|\xc5\xbf)cr(?:i|\xc4[\xb0\xb1])pt", re.I)
# The ASCII characters \s matches in text (\x1c-\x1f among them), and those \w matches.
_SPACES_UTF8 = re.compile(rb"[\t\n\x0b\x0c\r\x1c-\x1f ]*")
_WORD_BYTES = frozenset(b"0123456789_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


class _NotAscii(Exception):
    """A character that decides a _NOSCRIPT match is not ASCII: the text decides."""


def _blank_noscript_utf8(utf8: bytes, text: str) -> bytes:
    r"""``_blank_noscript(text).encode("utf-8")`` (the parser's input), from the page's UTF-8.

    Blanking the bytes spares encoding the blanked text again. One search finds every tag
    name; each opening one is matched as _NOSCRIPT would (``\b[^>]{0,2000}>``, then the
    first closing tag after it), and the search resumes after a match. Matches start and
    end at an ASCII ``>`` or ``<``, so their content decodes on its own and is blanked
    character by character, as in the text. A page where a tag name or a character that
    decides a match is not ASCII is blanked as text.
    """
    names = [(m.start(), m.end(), m[0]) for m in _NOSCRIPT_NAME_UTF8.finditer(utf8)]
    # The test _read_html always made: a page never spelling "noscript" in one case is
    # parsed as it stands (the tag names mostly answer it).
    if not names or not (any(name[-8:] in (b"noscript", b"NOSCRIPT") for *_, name in names)
                         or b"noscript" in utf8 or b"NOSCRIPT" in utf8):
        return utf8
    parts: list[bytes] = []
    done = 0
    try:
        closes = _noscript_closes(utf8, names)
        close_starts = [start for start, _ in closes]
        for start, end, name in names:
            if name[1] == 0x2F or start < done:  # a closing tag, or one inside a match
                continue
            content = _noscript_open(utf8, end)
            if content is None:
                continue
            k = bisect_left(close_starts, content)
            if k == len(closes):
                break  # no closing tag after this one, so none after any later one either
            close, after = closes[k]
            blank = _blank(utf8[content:close].decode("utf-8")).encode("ascii")
            parts += (utf8[done:content], blank, utf8[close:after])
            done = after
    except _NotAscii:
        return _blank_noscript(text).encode("utf-8")
    parts.append(utf8[done:])
    return b"".join(parts)


def _noscript_open(utf8: bytes, end: int) -> int | None:
    r"""Where the content starts after an opening tag name ending at ``end``
    (``\b[^>]{0,2000}>``), ``None`` when that does not match there."""
    size = len(utf8)
    if end < size and utf8[end] >= 0x80:
        raise _NotAscii
    if end < size and utf8[end] in _WORD_BYTES:  # no word boundary after the name
        return None
    gt = utf8.find(b">", end, end + 2001)
    if gt < 0:
        # The limit counts characters: past non-ASCII ones it reaches further in bytes.
        if not utf8[end:end + 2001].isascii():
            raise _NotAscii
        return None
    return gt + 1


def _noscript_closes(utf8: bytes, names: list[tuple[int, int, bytes]]) -> list[tuple[int, int]]:
    r"""Start and end of every closing tag ``</noscript\s*>``, in order."""
    size = len(utf8)
    closes = []
    for start, end, name in names:
        closing = name[1] == 0x2F
        if end - start != (10 if closing else 9):
            raise _NotAscii  # a name spelled with "\u017f", "\u0130" or "\u0131"
        if closing:
            spaces = _SPACES_UTF8.match(utf8, end)
            after = spaces.end() if spaces is not None else end
            if after < size and utf8[after] == 0x3E:  # ">"
                closes.append((start, after + 1))
            elif after < size and utf8[after] >= 0x80:
                raise _NotAscii
    return closes


def _read_html(text: str, path: str, utf8: bytes | None) -> Article:
    # The parser's input, the page's UTF-8 with <noscript> content blanked; the text itself
    # when it holds a lone surrogate (see _utf8). ``page``: the page's bytes, for searches.
    source: str | bytes
    if utf8 is None:
        source = _blank_noscript(text) if "noscript" in text or "NOSCRIPT" in text else text
        page = text.encode("utf-8", "surrogatepass")
    else:
        page, source = utf8, _blank_noscript_utf8(utf8, text)
    try:
        tree = LexborHTMLParser(source)
    except Exception as exc:  # selectolax raises plain errors on input it cannot take
        raise ValueError(f"HTML cannot be parsed: {exc}") from exc
    meta = read_meta(tree, page)
    walker = Walker(collapse=True).run(tree.root, _strip(tree)) if tree.root is not None \
        else Walker()
    zones, places = assign_zones(walker.segments, walker.containers, meta)
    lines = LineMap(text, _body_start(text))
    offsets = [lines.locate(seg.text) for seg in walker.segments]
    # Images first: tying an image to the caption-class text after it marks that segment.
    images = _page_images(walker, zones, places, lines, offsets, meta)
    blocks = [Block(z, seg.text, lines.line_of_offset(off), seg.image)
              for z, seg, off in zip(zones, walker.segments, offsets, strict=True)]
    article = Article(path=path, format="html", blocks=blocks, images=images)
    _fill_meta(article, meta, blocks)
    # The common case, no directive at all, answered by a look at the page's comments.
    article.suppressions = _suppressions(text, walker.comments, lines, blocks) \
        if _may_hold_directive(page) else []
    layout = _layout(article, walker.segments, walker.containers)
    _jsonld_body_fallback(article, meta, text, lines)
    # The fallback puts the declared articleBody in place of what the page showed.
    article.layout = "article" if layout == "none" and any(
        b.zone == "body" for b in article.blocks) else layout
    return article


def _layout(article: Article, segs: list[Segment], conts: list[Container]) -> str:
    """``article`` (one story), ``items`` (the main text lies in two or more ``<article>``
    elements, each with a paragraph's worth of it: a blog's front page, a forum thread, a
    page of several stories) or ``none`` (no main text was found)."""
    chars: dict[int, int] = {}
    for block, seg in zip(article.blocks, segs, strict=True):
        if block.zone == "body":
            c = seg.cont
            while c > 0 and conts[c].tag != "article":
                c = conts[c].parent
            chars[c] = chars.get(c, 0) + len(seg.text)
    if not chars:
        return "none"
    stories = [c for c, n in chars.items() if c > 0 and n >= _STORY_CHARS]
    return "items" if len(stories) >= 2 else "article"


# Elements whose text is never shown, and the page's main headings.
_STRIP_OR_H1 = "script, style, noscript, template, svg, h1"


def _strip(tree: LexborHTMLParser) -> list[LexborNode]:
    """Take out every element whose text is never shown; return the ``<h1>`` elements.

    Script and style text inside a box read as one block (a ``<nav>``, a sidebar) must not
    become a block. One CSS pass finds both (strip_tags walks the page once per tag name,
    and looking for the headings was another walk). Elements are detached, not destroyed,
    so one inside another already taken out is safe to detach; an ``<h1>`` inside one
    protects only detached elements, which the walker never reaches.
    """
    headings = []
    for node in tree.css(_STRIP_OR_H1):
        if node.tag == "h1":
            headings.append(node)
        else:
            node.decompose(recursive=False)
    return headings


def _jsonld_body_fallback(article: Article, meta: PageMeta, text: str, lines: LineMap) -> None:
    """Add the JSON-LD ``articleBody`` as body blocks when the markup shows almost no body.

    Script-rendered pages often ship the story only in their JSON-LD. The paragraphs go
    after the headline area, on the line of the ``articleBody`` key, and what the markup
    showed as body (a "Loading..." placeholder, a teaser) becomes boilerplate; images and
    block suppressions after them move along.
    """
    declared = meta.article_body or ""
    shown = sum(len(b.text) for b in article.blocks if b.zone == "body")
    if len(declared) < _FALLBACK_MIN_CHARS or shown >= _FALLBACK_SHARE * len(declared):
        return
    line = lines.line_of_offset(max(text.find('"articleBody"'), 0))
    paragraphs = [p for p in (" ".join(part.split()) for part in meta.article_body_parts) if p]
    blocks = article.blocks
    at = next((i + 1 for i, b in enumerate(blocks) if b.zone == "headline"), 0)
    while at < len(blocks) and blocks[at].zone in ("standfirst", "meta"):
        at += 1
    for block in blocks:
        if block.zone == "body":  # a placeholder or teaser: the declared body replaces it
            block.zone = "boilerplate"
    blocks[at:at] = [Block("body", p, line) for p in paragraphs]
    for img in article.images:
        img.position += len(paragraphs) if img.position >= at else 0
    for sup in article.suppressions:
        if sup.block is not None and sup.block >= at:
            sup.block += len(paragraphs)


# "<body" in any case: spelled as classes, so the search skips from "<" to "<" (under
# IGNORECASE it tries every position, several times slower).
_BODY_TAG_RE = re.compile(r"<[bB][oO][dD][yY]")


def _body_start(text: str) -> int:
    r"""Offset of ``<body`` (0 when absent): text in ``<head>`` (the title) is not a block.

    The same as searching ``<body[\s>]`` case-insensitively (no other character folds to
    these letters), in one pass over the ``<head>``.
    """
    size = len(text)
    for match in _BODY_TAG_RE.finditer(text):
        end = match.end()
        if end < size and (text[end] == ">" or text[end].isspace()):
            return match.start()
    return 0


def html_fragment(fragment: str) -> tuple[list[Block], list[ImageRef]]:
    """Blocks (zone ``body``, or ``caption`` tied to its image) and images of an HTML fragment.

    Used for HTML inside ninjs strings and Markdown ``<figure>`` s: ``line`` is ``None``
    and no boilerplate is guessed, since a fragment is all content.
    """
    tree = LexborHTMLParser(f"<body>{fragment}</body>")
    walker = Walker().run(tree.body) if tree.body is not None else Walker()
    # Images first: an image followed by caption-class text claims it as its caption.
    images = _fragment_images(walker)
    blocks = [Block("caption" if seg.caption else "body", seg.text, None, seg.image)
              for seg in walker.segments]
    return blocks, images


def assign_zones(segs: list[Segment], conts: list[Container],
                 meta: PageMeta) -> tuple[list[str], list[str]]:
    """The zone of every segment (see the module docstring), and the place of every
    container: ``body`` (main content), ``boilerplate``, or ``other`` (neither)."""
    # Furniture by its words: scores nothing, never body.
    judged = [seg for seg in segs if not seg.boiler]
    for seg, notice in zip(judged, notices([seg.text for seg in judged]), strict=True):
        if notice:
            seg.boiler = True
    scorer = ContentScorer(segs, conts)
    main = scorer.main_containers()
    boiler = _boiler_flags(scorer, main)
    places = _places(conts, main, boiler)
    zones = [_base_zone(seg, places[seg.cont]) for seg in segs]
    first_body = next((i for i, z in enumerate(zones) if z == "body"), len(zones))
    headline = _headline_index(segs, conts, zones, meta, first_body)
    if headline is not None:
        zones[headline] = "headline"
    start = headline if headline is not None else max(first_body - 8, 0)
    for i in range(start, min(first_body + 3, len(segs))):
        if zones[i] in ("body", "boilerplate") and i != headline and not segs[i].boiler:
            zones[i] = _lead_zone(segs[i], conts, boiler, zones[i], i < first_body)
    return zones, places


def _places(conts: list[Container], main: set[int], boiler: list[bool]) -> list[str]:
    """Per container: ``boilerplate``, ``body`` (inside the main content) or ``other``."""
    inside = [0 in main] + [False] * (len(conts) - 1)
    places = ["body" if inside[0] else "other"] + [""] * (len(conts) - 1)
    for c in range(1, len(conts)):
        inside[c] = c in main or inside[conts[c].parent]
        places[c] = "boilerplate" if boiler[c] else "body" if inside[c] else "other"
    return places


def _boiler_flags(scorer: ContentScorer, main: set[int]) -> list[bool]:
    """Per container: is it, or anything above it, boilerplate (judged below the main content)?

    Above a main container nothing counts, so a page-wide wrapper with a class such as
    ``has-sidebar`` cannot turn the article into boilerplate.
    """
    conts = scorer.conts
    flags = [False] * len(conts)
    for c in range(1, len(conts)):
        if c not in main:
            flags[c] = flags[conts[c].parent] or scorer.boiler[c]
    return flags


def _base_zone(seg: Segment, place: str) -> str:
    """``body`` for text in the main content; captions stay captions outside boilerplate."""
    if place == "boilerplate" or seg.boiler:
        return "boilerplate"
    if seg.caption:
        return "caption"
    # A line that is mostly links (a "Read more" list, tag cloud) or a bare URL is not
    # article text.
    if place != "body" or seg.link_chars > 0.6 * len(seg.text) or _URL_RE.match(seg.text):
        return "boilerplate"
    return "body"


def _headline_index(segs: list[Segment], conts: list[Container], zones: list[str],
                    meta: PageMeta, first_body: int) -> int | None:
    """The headline block: the ``<h1>`` the page declares, else its last ``<h1>`` before the
    body, else (no ``<h1>`` at all) a short block near the body's start repeating the title."""
    declared = _declared_headline(segs, conts, meta)
    if declared is not None:
        return declared
    h1s = [i for i, seg in enumerate(segs) if conts[seg.cont].tag == "h1"]
    if h1s:
        before = [i for i in h1s if i < first_body and zones[i] != "boilerplate"]
        return before[-1] if before else h1s[0]
    wanted = _declared_titles(meta)
    for i in range(max(first_body - 5, 0), min(first_body + 2, len(segs))):
        folded = _fold(segs[i].text)
        if folded and any(folded in w and 2 * len(folded) >= len(w) for w in wanted):
            return i
    return None


def _declared_titles(meta: PageMeta) -> list[str]:
    return [f for f in (_fold(meta.headline or ""), _fold(meta.title or "")) if f]


def _declared_headline(segs: list[Segment], conts: list[Container],
                       meta: PageMeta) -> int | None:
    """The ``<h1>`` whose text matches the headline the page declares (JSON-LD, og, title)."""
    wanted = _declared_titles(meta)
    if not wanted:
        return None
    for i, seg in enumerate(segs):
        if conts[seg.cont].tag == "h1":
            folded = _fold(seg.text)
            if folded and any(folded in w or w in folded for w in wanted):
                return i
    return None


def _lead_zone(seg: Segment, conts: list[Container], boiler: list[bool], zone: str,
               before_body: bool) -> str:
    """Standfirst or meta for the short blocks around the headline; else keep ``zone``."""
    if boiler[seg.cont] and zone == "boilerplate" and not before_body:
        return zone
    # Body text is re-zoned only on its own element's words (a Drupal body field is named
    # "text-with-summary"); text outside the body may be named by its wrappers.
    body = zone == "body"
    words = _ancestor_words(conts, seg.cont, 2 if body else 3)
    if len(seg.text) <= _MAX_META_CHARS and (
            _META_RE.search(words) or any(p in words for p in _META_ITEMPROPS)):
        return "meta"
    if body:
        words = _ancestor_words(conts, seg.cont, 1)
    if len(seg.text) <= _MAX_STANDFIRST_CHARS and _STANDFIRST_RE.search(words):
        return "standfirst"
    return zone


def _ancestor_words(conts: list[Container], c: int, levels: int) -> str:
    parts = []
    while c > 0 and levels > 0:
        parts.append(conts[c].attrs)
        parts.append(conts[c].itemprop)
        c = conts[c].parent
        levels -= 1
    return " ".join(parts)


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _page_images(walker: Walker, zones: list[str], places: list[str], lines: LineMap,
                 offsets: list[int], meta: PageMeta) -> list[ImageRef]:
    """The images the article shows (see :func:`_image_shown`), else its declared lead image."""
    refs: list[ImageRef] = []
    for img in walker.images:
        if not _image_shown(img, zones, places):
            continue
        start = offsets[img.position - 1] if 0 < img.position <= len(offsets) else 0
        found = lines.find_raw(img.src.split("&")[0], start)
        if found < 0:  # the src as the parser gives it is not as written (an entity in it)
            found = start
        ref = _image_ref(img, walker.segments, lines.line_of_offset(found))
        refs.append(ref)
        # The image's other files stand in its tag or its <picture>, just around its src.
        near = max(found - _PICTURE_SPAN, 0)
        for url in other_files(img.src, img.srcsets) if img.srcsets else ():
            line = lines.line_of_offset(lines.find_raw(url.split("&")[0], near))
            refs.append(_alternate_ref(url, ref, line))
    if not refs and meta.images:
        # The lead image declared in JSON-LD / og:image: the page shows it but the markup
        # (a CSS background, a script-built gallery) does not.
        src = meta.images[0]
        line = lines.line_of_offset(max(lines.find_raw(src.split("&")[0], 0), 0))
        first_body = next((i for i, z in enumerate(zones) if z == "body"), 0)
        refs.append(ImageRef(src=src, line=line, position=first_body, placement="html"))
    return refs


def _image_shown(img: RawImage, zones: list[str], places: list[str]) -> bool:
    """In the main content; or, outside it and outside boilerplate, a captioned figure or
    an image next to the headline, standfirst or byline (the lead image of a header)."""
    place = places[img.cont]
    if place != "other":
        return place == "body"
    if img.in_figure and img.caption is not None:
        return True
    near = {zones[i] for i in (img.position - 1, img.position) if 0 <= i < len(zones)}
    return bool(near & {"headline", "standfirst", "meta"})


def _image_ref(img: RawImage, segs: list[Segment], line: int | None) -> ImageRef:
    caption, position = img.caption, img.position
    if caption is None and position < len(segs) and segs[position].caption \
            and segs[position].image is None:
        # An image followed directly by caption-class text: that text is its caption.
        segs[position].image = img.src
        caption = segs[position].text
        position += 1
    return ImageRef(src=img.src, line=line, caption=caption, alt=img.alt, position=position,
                    placement="html")


def _alternate_ref(src: str, image: ImageRef, line: int | None) -> ImageRef:
    """Another file the same ``<img>`` offers (srcset, ``<picture>``): the image's caption,
    alt and position are its own."""
    return ImageRef(src=src, line=line, caption=image.caption, alt=image.alt,
                    position=image.position, placement="srcset")


def _fragment_images(walker: Walker) -> list[ImageRef]:
    refs: list[ImageRef] = []
    for img in walker.images:
        ref = _image_ref(img, walker.segments, None)
        refs.append(ref)
        refs.extend(_alternate_ref(url, ref, None) for url in other_files(img.src, img.srcsets))
    return refs


def _fill_meta(article: Article, meta: PageMeta, blocks: list[Block]) -> None:
    heads = [b.text for b in blocks if b.zone == "headline"]
    article.headline = (heads[0] if heads else None) or meta.headline or meta.title
    article.byline = ", ".join(meta.authors) or None
    article.published_raw = meta.published
    article.updated_raw = meta.updated
    article.attribution_hints = list(meta.publishers)
    article.language = meta.language
    article.url = meta.url


# A Python step per "!" costs what a substring search spends on this many bytes.
_BANG_BYTES = 512
_BANG_SLACK = 16


def _may_hold_directive(page: bytes) -> bool:
    r"""False when the page's UTF-8 holds no ``<!--\s*provenance:`` (so no directive).

    Most pages write no directive, and the substring test ``b"provenance" in page`` steps
    through every byte, while comments are found at memory speed by jumping from one ``!``
    (a rare byte) to the next. A comment opening with a non-ASCII character (which may be
    a space) answers True: the directive search itself decides. Where ``!`` turns out to
    be frequent (more than one per ``_BANG_BYTES``), the rest of the page is left to a
    substring search: it holds the ``provenance:`` of any directive not yet looked at.
    """
    pos = page.find(b"!")
    steps = 0
    while pos >= 0:
        if steps * _BANG_BYTES > pos + _BANG_SLACK * _BANG_BYTES:
            return page.find(b"provenance:", pos) >= 0
        if pos > 0 and page.startswith(b"<!--", pos - 1):
            spaces = _SPACES_UTF8.match(page, pos + 3)
            after = spaces.end() if spaces is not None else pos + 3
            if page.startswith(b"provenance:", after) or (
                    after < len(page) and page[after] >= 0x80):
                return True
        pos = page.find(b"!", pos + 1)
        steps += 1
    return False


def _suppressions(text: str, comments: list[tuple[str, int]], lines: LineMap,
                  blocks: list[Block]) -> list[Suppression]:
    """Directives from comments, with their source line and the block they precede.

    The walker sees comments in the body with their block index; the source scan sees
    every comment with its line. A directive the walker did not see (in ``<head>``, or
    inside a box read as one block) precedes the first block that starts on or after it.
    """
    found: list[Suppression] = []
    seen = list(comments)
    for match in _DIRECTIVE_SRC_RE.finditer(text):
        body, line = match.group(1), lines.line_of_offset(match.start())
        block = next((i for i, b in enumerate(blocks) if (b.line or 0) >= line), len(blocks))
        for k, (walked, index) in enumerate(seen):
            if walked.strip() == body.strip():
                block = index
                del seen[k]
                break
        found.extend(parse_directive(body, line, block))
    return found
