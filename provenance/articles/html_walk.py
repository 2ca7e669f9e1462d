"""Flatten a parsed HTML tree into paragraph-like segments for the HTML reader.

One pass over the selectolax (lexbor) tree turns the page into:

* :class:`Segment` s — the text of one paragraph-like unit (a ``<p>``, a heading, a list
  item, the loose text of a ``<div>`` …) in document order, tied to the block element
  (:class:`Container`) that holds it;
* :class:`Container` s — every block-level element with its tag, class/id tokens and parent,
  so the content scorer can reason about ancestry without touching the tree again;
* :class:`RawImage` s — ``<img>`` elements with their figure caption, if any, and the
  ``srcset`` values of the image and its ``<picture>`` sources (every file they offer is
  an image too: a reader may be served any of them, and each may carry its own metadata);
* the text of every HTML comment with the segment index it precedes (inline suppressions).

On full pages (``collapse=True``) a ``<nav>``, ``<aside>`` or ``<footer>``, a hidden element
and a box whose class names only boilerplate (comments, sidebar, related, cookie notice …;
never one around an ``<h1>``) are read as one segment with ``boiler=True``: they are
boilerplate whatever they hold, and skipping their insides halves the work.

The walk is the only place that reads the tree, which keeps the reader fast: the scorer and
the zone logic work on these plain lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .html_classes import is_strong_boilerplate
from .liquid import normalize_liquid_src

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


def _tag_ids(names: frozenset[str]) -> dict[str, int]:
    """lexbor's number for each tag name: comparing ``node.tag_id`` costs less than
    building ``node.tag``, a new string, for every node of a page.

    Standard HTML tags have fixed numbers; they are read from small parsed samples (table
    parts and frames only exist in their own context) so that no number is written here.
    """
    samples = ("<table><caption></caption><thead><tr><th></th></tr></thead><tbody><tr><td>"
               "</td></tr></tbody><tfoot></tfoot></table>", "<frameset><frame></frameset>",
               "<!--c-->", *(f"<{name}></{name}>" for name in sorted(names)))
    found: dict[str, int] = {}
    for sample in samples:
        root = LexborHTMLParser(sample).root
        for node in root.traverse(include_text=True) if root is not None else ():
            if node.tag is not None:
                found.setdefault(node.tag, node.tag_id)
    missing = names - found.keys()
    if missing:  # a parser that no longer knows a standard tag: fail loudly, not silently
        raise RuntimeError(f"lexbor has no tag id for {sorted(missing)}")
    return {name: found[name] for name in names}


_SPECIAL = frozenset({"img", "br", "a", "source", "-text", "-comment"})
_ID = _tag_ids(SKIP_TAGS | BLOCK_TAGS | _SPECIAL)  # tag name -> lexbor tag id
_SKIP_IDS = frozenset(_ID[name] for name in SKIP_TAGS)
_BLOCK_NAMES = {_ID[name]: name for name in BLOCK_TAGS}  # block tag id -> name
_TEXT, _COMMENT, _IMG, _BR, _A = (_ID[n] for n in ("-text", "-comment", "img", "br", "a"))
_PICTURE, _SOURCE = _ID["picture"], _ID["source"]

_PAGE_TAGS = frozenset({"html", "body"})
_COLLAPSE_TAGS = frozenset({"nav", "aside", "footer"})
_STORY_TAGS = frozenset({"article", "main"})
# Class/id tokens that mark an element holding an image caption.
_CAPTION_RE = re.compile(r"(?<![a-z])(?:fig)?caption(?:s|-text)?(?![a-z])|wp-caption-text")
# Between a lower-case letter or digit and a capital: "relatedLinks" -> "related Links".
# A plain replacement at a lookaround position is far cheaper than a "\1 \2" template.
_CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")

# Past this depth a subtree is read as flat text: malformed pages can nest thousands of
# unclosed elements and Python recursion must not overflow.
_MAX_DEPTH = 250

_PIXEL_SIZES = frozenset({"0", "1", "0px", "1px"})
# Attributes that hold the real URL of a lazily loaded image.
_LAZY_SRC = ("data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src")
_SRCSET_ATTRS = ("srcset", "data-srcset")

# srcset, as the HTML standard parses it ("parse a srcset attribute"): separators are ASCII
# whitespace and commas; a URL is a run of non-whitespace (commas inside it stay, trailing
# ones end the candidate); descriptors run to the next comma outside parentheses. The
# separators are taken possessively and the descriptors have one way to match, so both
# patterns are linear on any input.
_SRCSET_URL_RE = re.compile(r"[ \t\n\r\f,]*+([^ \t\n\r\f,][^ \t\n\r\f]*)")
_SRCSET_DESCRIPTORS_RE = re.compile(r"[^,(]*(?:\([^)]*\)?[^,(]*)*")
# Candidates read per attribute: real pages offer a handful, hostile ones thousands.
_MAX_CANDIDATES = 16


@dataclass(slots=True)
class Container:
    """A block-level element: its tag, lower-cased class/id words and parent index."""

    tag: str
    attrs: str
    parent: int
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
    boiler: bool = False  # a whole boilerplate box read as one block: it scores nothing


@dataclass(slots=True)
class RawImage:
    """An ``<img>`` as found: ``position`` is the index of the first segment after it.

    ``srcsets``: the image's own ``srcset``/``data-srcset`` values, then its ``<picture>``
    sources'; :func:`other_files` reads the further files they offer only for the images
    the article shows (sidebars are full of responsive thumbnails).
    """

    src: str
    alt: str | None
    cont: int
    position: int
    in_figure: bool = False
    caption: str | None = None
    srcsets: tuple[str, ...] = ()


@dataclass(slots=True)
class _Figure:
    first_src: str | None = None
    caption_segs: list[int] = field(default_factory=list)
    images: list[int] = field(default_factory=list)


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace (incl. non-breaking spaces) into one space and trim."""
    return " ".join(text.split())


def class_words(attrs: dict[str, str | None]) -> str:
    """Class and id of an element as lower-case words ("relatedLinks" -> "related links")."""
    return _words(attrs.get("class"), attrs.get("id"))


def _words(cls: str | None, ident: str | None) -> str:
    if not cls and not ident:
        return ""
    raw = f"{cls} {ident}" if cls and ident else cls or ident or ""
    low = raw.lower()
    # Most class strings are lower case already: that answer costs less than a cache lookup.
    return low if low == raw else _split_camel(raw)


@lru_cache(maxsize=8192)
def _split_camel(raw: str) -> str:
    # Cached: pages repeat the same class strings hundreds of times.
    return _CAMEL_RE.sub(" ", raw).lower()


# (class, id) -> what _block asks of them; emptied when full.
_CLASS_INFO: dict[tuple[str | None, str | None], tuple[str, bool, bool]] = {}
_CLASS_INFO_SIZE = 8192


def _class_info(cls: str | None, ident: str | None) -> tuple[str, bool, bool]:
    """An element's class/id words (:func:`class_words`), whether they name only a
    boilerplate box (:func:`~provenance.articles.html_classes.is_strong_boilerplate`) and
    whether they name an image caption.

    Cached on the attribute values as written: a page repeats the same few hundred
    class and id pairs on thousands of elements, and one lookup answers all three.
    """
    key = (cls, ident)
    info = _CLASS_INFO.get(key)
    if info is None:
        words = _words(cls, ident)
        info = (words, bool(words) and is_strong_boilerplate(words),
                "caption" in words and _CAPTION_RE.search(words) is not None)
        if len(_CLASS_INFO) >= _CLASS_INFO_SIZE:
            _CLASS_INFO.clear()
        _CLASS_INFO[key] = info
    return info


def is_hidden(attrs: dict[str, str | None]) -> bool:
    """An element the reader never sees: ``hidden``, or ``display:none`` /
    ``visibility:hidden`` in its own style (schema.org copies, templates, ad slots)."""
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    if not style or ("none" not in style and "hidden" not in style):
        return False
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def image_src(attrs: dict[str, str | None], srcsets: tuple[str, ...] = (),
              own: int = 0) -> str | None:
    """The URL of the picture an ``<img>`` shows first: a lazy-load attribute, else ``src``,
    else the largest candidate of its own ``srcset`` values (the first ``own`` of
    ``srcsets``), else of its ``<picture>`` sources' (the rest), else a ``data:`` URL.
    Liquid references (``{{ site.baseurl }}/x.jpg``) are read as the site paths they stand for.

    ``None`` for no URL at all and for 1x1 tracking pixels, which show the reader nothing.
    """
    if attrs.get("width") in _PIXEL_SIZES or attrs.get("height") in _PIXEL_SIZES:
        return None
    # A lazy-load attribute holds the real picture; ``src`` is then a placeholder
    # (a data: URL or a blank.gif) until a script swaps them.
    for name in _LAZY_SRC:
        lazy = (attrs.get(name) or "").strip()
        if lazy and not lazy.startswith("data:"):
            return normalize_liquid_src(lazy)
    src = (attrs.get("src") or "").strip()
    if src and not src.startswith("data:"):
        return normalize_liquid_src(src)
    for group in (srcsets[:own], srcsets[own:]):
        candidates = [c for value in group for c in srcset_candidates(value)]
        if candidates:
            return max(candidates, key=lambda c: c[1])[0]
    return src or None


def image_urls(attrs: dict[str, str | None], sources: tuple[str, ...] = ()) -> list[str]:
    """Every file an ``<img>`` may show, the one it shows first (:func:`image_src`), then
    :func:`other_files` of its ``srcset``/``data-srcset`` and of ``sources`` (its
    ``<picture>``'s ``<source>`` srcset values); ``[]`` for none (or a tracking pixel)."""
    own = tuple(v for name in _SRCSET_ATTRS if (v := attrs.get(name)))
    srcset = own + sources
    src = image_src(attrs, srcset, len(own))
    return [src, *other_files(src, srcset)] if src else []


def other_files(src: str, srcsets: tuple[str, ...]) -> list[str]:
    """The candidates of ``srcsets`` naming another file than ``src`` and each other, in
    order: one per URL path, scheme, host, query and fragment ignored (``a.jpg?w=400`` and
    ``a.jpg?w=800`` are one file)."""
    found, seen = [], {_file_key(src)}
    for value in srcsets:
        for url, _ in srcset_candidates(value):
            key = _file_key(url)
            if key not in seen:
                seen.add(key)
                found.append(url)
    return found


def srcset_candidates(value: str) -> list[tuple[str, tuple[int, float]]]:
    """The (URL, size) candidates of a ``srcset`` value, at most ``_MAX_CANDIDATES``.

    ``size`` orders them: (width of a ``w`` descriptor, else 0; ``x`` density, 1 when
    absent), so width wins where given. ``data:`` URLs are left out: they hold no file.
    """
    if "{{" in value:
        value = normalize_liquid_src(value)
    found: list[tuple[str, tuple[int, float]]] = []
    pos = 0
    while len(found) < _MAX_CANDIDATES:
        match = _SRCSET_URL_RE.match(value, pos)
        if match is None:
            break
        url, pos = match.group(1), match.end()
        descriptors = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            tail = _SRCSET_DESCRIPTORS_RE.match(value, pos)
            if tail is not None:
                descriptors, pos = tail.group(), tail.end()
        if not url.startswith("data:"):
            found.append((url, _size(descriptors)))
    return found


def _size(descriptors: str) -> tuple[int, float]:
    width, density = 0, 1.0
    for token in descriptors.split(None, 3)[:3]:  # a valid candidate has one or two
        number, unit = token[:-1], token[-1:].lower()
        try:
            if unit == "w":
                width = int(number)
            elif unit == "x":
                density = float(number)
        except ValueError:  # a descriptor browsers would reject: read the URL all the same
            continue
    return width, density


def _file_key(url: str) -> str:
    """The URL's path, without scheme, host, query or fragment: one key per file."""
    cut = len(url)
    for mark in "?#":
        at = url.find(mark, 0, cut)
        if at >= 0:
            cut = at
    path = url[:cut]
    host = path.find("//")
    if host == 0 or (host > 0 and path[host - 1] == ":"):
        slash = path.find("/", host + 2)
        path = path[slash:] if slash >= 0 else "/"
    return path


class Walker:
    """Walk a tree once and collect segments, containers, images and comments."""

    def __init__(self, collapse: bool = False) -> None:
        # collapse: read each <nav>/<aside>/<footer>, and each box with an unmistakable
        # boilerplate class, as one block (on full pages; they hold half of a page's nodes).
        self._collapse = _COLLAPSE_TAGS if collapse else frozenset()
        self._collapse_classes = collapse
        self._protected: set[int] = set()
        self.segments: list[Segment] = []
        self.containers: list[Container] = [Container("#root", "", -1)]
        self.images: list[RawImage] = []
        self.comments: list[tuple[str, int]] = []
        self._buf: list[str] = []
        self._link_chars = 0
        self._in_link = 0
        self._figures: list[_Figure] = []
        self._caption_depth = 0

    def run(self, node: LexborNode, headings: list[LexborNode] | None = None) -> Walker:
        """Walk ``node``'s children (the ``<html>`` or ``<body>`` element) and return self.

        ``headings``: the page's ``<h1>`` elements when the caller has them already (else
        they are looked up).
        """
        if self._collapse_classes:
            self._protect_headings(node.css("h1") if headings is None else headings)
        self._walk(node, 0, 1)
        self._flush(0)
        return self

    def _protect_headings(self, headings: list[LexborNode]) -> None:
        """Elements around an ``<h1>`` hold the article whatever their class says.

        A wrapper named ``page has-sidebar`` or ``nav-open`` must not be read as one block.
        """
        for h1 in headings:
            node = h1.parent
            while node is not None and len(self._protected) < 10_000:
                self._protected.add(node.mem_id)
                node = node.parent

    def _walk(self, node: LexborNode, cont: int, depth: int) -> None:
        # The hot loop of the reader: tests ordered by frequency, text handled inline,
        # children followed by first_child/next and told apart by number (see _tag_ids).
        buf = self._buf
        child = node.first_child
        while child is not None:
            tag_id = child.tag_id
            if tag_id == _TEXT:
                text = child.text_content
                if text and text.isspace():
                    # Layout whitespace between elements: one space, and none at all at the
                    # start of a block, so empty blocks never reach _flush.
                    if buf:
                        buf.append(" ")
                elif text:
                    buf.append(text)
                    if self._in_link:
                        self._link_chars += len(text.strip())
            elif tag_id in _SKIP_IDS:
                pass
            elif depth > _MAX_DEPTH:
                buf.append(" " + child.text(deep=True, separator=" ") + " ")
            elif tag_id in _BLOCK_NAMES:
                tag = _BLOCK_NAMES[tag_id]
                # An <aside> around the <h1> is where the page put its article.
                if tag in self._collapse and not (
                        tag == "aside" and child.mem_id in self._protected):
                    self._collapsed(child, tag, cont)
                else:
                    self._block(child, tag, cont, depth)
            elif tag_id == _IMG:
                self._image(child, cont)
            elif tag_id == _BR:
                self._line_break(cont)
            elif tag_id == _COMMENT:
                self._comment(child)
            else:
                self._inline(child, tag_id == _A, cont, depth)
            child = child.next

    def _line_break(self, cont: int) -> None:
        # <br><br> separates paragraphs on pages that have no <p>: split the block there.
        buf = self._buf
        if buf and (buf[-1] == "\n" or (len(buf) > 1 and buf[-1] == " " and buf[-2] == "\n")):
            self._flush(cont)
        else:
            buf.append("\n")

    def _inline(self, node: LexborNode, link: bool, cont: int, depth: int) -> None:
        first = node.first_child
        if first is None:
            return
        if first.tag_id == _TEXT and first.next is None:
            # Most inline elements (<a>, <span>, <strong>) hold one text node: take it
            # without another generator and recursion.
            text = first.text_content
            if text and not text.isspace():
                self._buf.append(text)
                if link or self._in_link:
                    self._link_chars += len(text.strip())
            elif text and self._buf:
                self._buf.append(" ")
            return
        self._in_link += link
        self._walk(node, cont, depth + 1)
        self._in_link -= link

    def _comment(self, node: LexborNode) -> None:
        body = node.comment_content or ""
        if "provenance" not in body:
            return
        pending = 1 if "".join(self._buf).strip() else 0
        self.comments.append((body, len(self.segments) + pending))

    def _block(self, node: LexborNode, tag: str, cont: int, depth: int) -> None:
        if self._buf:
            self._flush(cont)
        if tag == "header" and self._collapse_classes and self._is_site_header(node, cont):
            self._collapsed(node, tag, cont)
            return
        # Classes on <html>/<body> describe the whole site (feature flags, themes), never a part.
        attrs = node.attributes if tag not in _PAGE_TAGS else None
        new = len(self.containers)
        if attrs:
            words, strong, is_caption = _class_info(attrs.get("class"), attrs.get("id"))
            if self._collapse_classes and (
                    (("hidden" in attrs or "style" in attrs) and is_hidden(attrs))
                    or (strong and node.mem_id not in self._protected)):
                self._collapsed(node, tag, cont)
                return
            itemprop, role = attrs.get("itemprop"), attrs.get("role")
            self.containers.append(Container(
                tag, words, cont, itemprop.lower() if itemprop else "",
                role.lower() if role else ""))
            is_caption = is_caption or tag == "figcaption"
        else:
            self.containers.append(Container(tag, "", cont))
            is_caption = tag == "figcaption"
        if tag == "figure":
            self._figures.append(_Figure())
        self._caption_depth += is_caption
        self._walk(node, new, depth + 1)
        if self._buf:
            self._flush(new)
        self._caption_depth -= is_caption
        if tag == "figure":
            self._close_figure(self._figures.pop())

    def _is_site_header(self, node: LexborNode, cont: int) -> bool:
        """A ``<header>`` outside any article or main element and around no ``<h1>``: the
        site's masthead and menus, not an article's title block."""
        if node.mem_id in self._protected:
            return False
        while cont > 0:
            if self.containers[cont].tag in _STORY_TAGS:
                return False
            cont = self.containers[cont].parent
        return True

    def _collapsed(self, node: LexborNode, tag: str, cont: int) -> None:
        if self._buf:
            self._flush(cont)
        attrs = node.attributes
        new = len(self.containers)
        self.containers.append(Container(tag, class_words(attrs) if attrs else "", cont))
        text = " ".join(node.text(deep=True, separator=" ").split())
        if text:
            self.segments.append(Segment(text, new, boiler=True))

    def _flush(self, cont: int) -> None:
        text = " ".join("".join(self._buf).split())
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
        own = tuple(filter(None, (attrs.get("srcset"), attrs.get("data-srcset"))))
        parent = node.parent
        srcsets = own + _picture_sources(parent) if parent is not None \
            and parent.tag_id == _PICTURE else own
        src = image_src(attrs, srcsets, len(own))
        if not src:
            return
        pending = 1 if "".join(self._buf).strip() else 0
        img = RawImage(src, attrs.get("alt"), cont, len(self.segments) + pending,
                       in_figure=bool(self._figures), srcsets=srcsets)
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


def _picture_sources(picture: LexborNode) -> tuple[str, ...]:
    """The srcset values of a ``<picture>``'s ``<source>`` elements, in document order."""
    found: list[str] = []
    child = picture.first_child
    while child is not None:
        if child.tag_id == _SOURCE:
            attrs = child.attributes
            found.extend(v for name in _SRCSET_ATTRS if (v := attrs.get(name)))
        child = child.next
    return tuple(found)
