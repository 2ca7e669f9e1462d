"""Structured metadata of an HTML page: schema.org JSON-LD, ``<meta>`` tags, ``<title>``.

Only the page's own declarations are read — nothing is fetched or inferred. Dates stay raw
strings (the detectors parse them). :func:`parse_directive` reads the inline suppression
comments (``<!-- provenance: disable=AID003 reason="…" -->``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from provenance.model import Suppression

from .html_walk import normalize_space

_ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
    "scholarlyarticle", "techarticle", "socialmediaposting", "report", "posting",
})


@dataclass(slots=True)
class PageMeta:
    """What the page declares about itself (all values as printed, unparsed)."""

    title: str | None = None
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    article_body: str | None = None
    article_body_parts: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    language: str | None = None
    url: str | None = None  # the page's own address: <link rel="canonical">, else og:url


def read_meta(tree: LexborHTMLParser, source: bytes) -> PageMeta:
    """Collect JSON-LD, ``<meta>`` and ``<title>`` facts; JSON-LD wins over meta tags.

    ``source`` is the page's UTF-8 (lone surrogates passed through): JSON-LD blocks are cut
    from it directly, and ``<meta>`` and ``<title>`` are read from ``<head>``'s children —
    each a fraction of the cost of a CSS query, which walks the whole page. The searches
    are for ASCII strings, which the bytes answer up to three times faster than a str past
    U+00FF, and at the same places.
    """
    meta = PageMeta()
    for obj in _jsonld_articles(source):
        _merge_jsonld(meta, obj)
    tags, title = _head_tags(tree)
    meta.headline = meta.headline or tags.get("og:title") or tags.get("twitter:title")
    if not meta.authors and tags.get("author"):
        meta.authors = [tags["author"]]
    meta.published = meta.published or tags.get("article:published_time") \
        or tags.get("datepublished")
    meta.updated = meta.updated or tags.get("article:modified_time") or tags.get("datemodified")
    meta.published = meta.published or _microdata_date(tree, source, "datePublished")
    meta.updated = meta.updated or _microdata_date(tree, source, "dateModified")
    if not meta.images and tags.get("og:image"):
        meta.images = [tags["og:image"]]
    meta.title = title
    meta.url = tags.get("link:canonical") or tags.get("og:url")
    html = tree.css_first("html")
    lang = html.attributes.get("lang") if html is not None else None
    meta.language = meta.language or (lang.strip() if lang and lang.strip() else None)
    return meta


def _microdata_date(tree: LexborHTMLParser, source: bytes, prop: str) -> str | None:
    """A date from schema.org microdata on any element (``<time itemprop=… datetime=…>``).

    The CSS query walks the whole page; a page whose source never spells ``prop`` (most
    pages) is answered by a substring search instead. (A value written with character
    references, ``itemprop="dat&#101;Published"``, is not looked for.)
    """
    needle = prop.encode("ascii")
    # Capitals are rare in markup: the jumps go from one "P" (or "M") to the next.
    capital = next((i for i, ch in enumerate(prop) if ch.isupper()), 0)
    if find_by_rare_byte(source, needle, capital) < 0:
        return None
    node = tree.css_first(f'[itemprop="{prop}"]')
    if node is None:
        return None
    attrs = node.attributes
    value = attrs.get("content") or attrs.get("datetime") or node.text()
    return normalize_space(value) or None


def _head_tags(tree: LexborHTMLParser) -> tuple[dict[str, str], str | None]:
    """``<meta>`` tags by lower-cased property/name/itemprop, and the ``<title>`` text."""
    head = tree.head
    found, title = _tags_of(head.iter() if head is not None else [])
    if title is None or not any(key.startswith("og:") for key in found):
        # A stray element closes <head> early and the parser puts the rest of it in
        # <body>: then every <meta> and <title> of the page is looked for.
        found, title = _tags_of(tree.css("title, meta, link"))
    return found, title


def _tags_of(nodes: Iterable[LexborNode]) -> tuple[dict[str, str], str | None]:
    found: dict[str, str] = {}
    title = None
    for node in nodes:
        tag = node.tag
        if tag == "title" and title is None:
            title = normalize_space(node.text()) or None
        elif tag == "link":
            attrs = node.attributes
            href = attrs.get("href")
            if (attrs.get("rel") or "").strip().lower() == "canonical" and href and href.strip():
                found.setdefault("link:canonical", href.strip())
        elif tag == "meta":
            attrs = node.attributes
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            value = attrs.get("content")
            if key and value and value.strip():
                found.setdefault(key.strip().lower(), normalize_space(value))
    return found, title


# A search for a needle longer than one byte steps through the page byte by byte, while
# one for a single byte runs at memory speed (memchr, some twenty times faster). A needle
# holding a byte that is rare in web pages is therefore found faster by jumping from one
# of that byte to the next and comparing the needle there, as long as the jumps are long:
# each costs a Python step, about what the plain search spends on half a kilobyte.
_JUMP_BYTES = 512
_JUMP_SLACK = 16


def find_by_rare_byte(source: bytes, needle: bytes, anchor: int, start: int = 0) -> int:
    """``source.find(needle, start)``, jumping between occurrences of ``needle[anchor]``.

    ``anchor`` indexes the needle's rarest byte (``+`` in ``ld+json``); ``start`` >= 0.
    Where that byte turns out to be frequent (more than one per ``_JUMP_BYTES`` once past
    the first ``_JUMP_SLACK``), the rest is left to the plain search, starting where the
    jumps stopped: a page full of that byte costs a few steps more than the plain search.
    """
    byte = needle[anchor]
    pos = start + anchor
    steps = 0
    while steps * _JUMP_BYTES <= pos - start + _JUMP_SLACK * _JUMP_BYTES:
        pos = source.find(byte, pos)
        if pos < 0:
            return -1
        if source.startswith(needle, pos - anchor):
            return pos - anchor
        pos += 1
        steps += 1
    # Every match starting before pos - anchor has its anchor byte before pos: checked.
    return source.find(needle, pos - anchor)


def _jsonld_articles(source: bytes) -> list[dict[str, Any]]:
    """Every JSON-LD object typed as an article, searched through lists and ``@graph``."""
    found: list[dict[str, Any]] = []
    for block in _jsonld_blocks(source):
        try:
            data = json.loads(block, strict=False)
        except (ValueError, RecursionError):
            # A broken JSON-LD block is common and simply ignored; so is a hostile one
            # nested deeper than the parser's recursion limit (found by the fuzz test).
            continue
        _collect_articles(data, found, 0)
    return found


def _jsonld_blocks(source: bytes) -> list[str]:
    """The text of each ``<script type="application/ld+json">``, cut from the source.

    Script text runs to the first ``</script`` whatever it holds (HTML's own rule), so the
    cut is exact; a mention of ld+json elsewhere yields text that fails to parse as JSON.
    A cut starts after ``>`` and ends before ``<``, so it decodes on its own (decoded here,
    not by ``json.loads``, which would also drop a byte-order mark the text keeps).
    """
    blocks: list[str] = []
    at = find_by_rare_byte(source, b"ld+json", 2)
    while at >= 0:
        start = source.find(b">", at)
        end = source.find(b"</script", start) if start >= 0 else -1
        if end < 0:
            end = source.find(b"</SCRIPT", start) if start >= 0 else -1
            if end < 0:
                break
        blocks.append(source[start + 1:end].decode("utf-8", "surrogatepass"))
        at = find_by_rare_byte(source, b"ld+json", 2, end)
    return blocks


def _collect_articles(data: Any, found: list[dict[str, Any]], depth: int) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            _collect_articles(item, found, depth + 1)
    elif isinstance(data, dict):
        types = data.get("@type")
        names = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in names):
            found.append(data)
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), list | dict):
                _collect_articles(data[key], found, depth + 1)


def _merge_jsonld(meta: PageMeta, obj: dict[str, Any]) -> None:
    meta.headline = meta.headline or _text(obj.get("headline")) or _text(obj.get("name"))
    meta.authors = meta.authors or _names(obj.get("author"))
    meta.published = meta.published or _text(obj.get("datePublished"))
    meta.updated = meta.updated or _text(obj.get("dateModified"))
    raw = obj.get("articleBody")
    body = _text(raw)
    if body and len(body) > len(meta.article_body or ""):
        meta.article_body = body
        # Paragraph breaks, where the publisher kept them, for the body fallback.
        meta.article_body_parts = str(raw if isinstance(raw, str) else body).split("\n")
    meta.images = meta.images or _image_urls(obj.get("image"))
    for key in ("publisher", "sourceOrganization"):
        for name in _names(obj.get(key)):
            if name not in meta.publishers:
                meta.publishers.append(name)
    meta.language = meta.language or _text(obj.get("inLanguage"))


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = normalize_space(str(value))
        return text or None
    return None


def _names(value: Any) -> list[str]:
    """Names from a schema.org Person/Organization, a string, or a list of either."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name and name not in names:
            names.append(name)
    return names


def _image_urls(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    urls: list[str] = []
    for item in items:
        url = _text(item.get("url") or item.get("contentUrl")) if isinstance(item, dict) \
            else _text(item)
        if url and url not in urls:
            urls.append(url)
    return urls


def parse_directive(comment: str, line: int | None, block: int) -> list[Suppression]:
    """Suppressions declared by one ``provenance: disable[-file]=IDS reason="…"`` comment.

    The grammar is the one every reader shares (:func:`provenance.articles.text.parse_directive`);
    a ``disable`` applies to ``block``, the block after the comment.
    """
    from provenance.articles.text import parse_directive as parse_shared

    directive = parse_shared(" ".join(comment.split()))
    if directive is None:
        return []
    if directive.kind == "disable-file":
        return [Suppression(r, directive.reason, line, "file", None) for r in directive.rules]
    return [Suppression(r, directive.reason, line, "block", block) for r in directive.rules]
