"""IPTC ninjs 1.x-3.x items (``.json``): one item or an array of items.

Read leniently: the schema is never a reason to fail, a field of the wrong type is ignored,
and both key spellings are accepted (1.x/2.x lower case, 3.x camelCase):

=====================  ===========================================================
Article field          ninjs source (first found wins)
=====================  ===========================================================
headline               ``headline`` (1.x), ``headlines[]`` (role ``main`` first)
byline                 ``byline`` (1.x), ``by``, ``bylines[]`` (joined with ``, ``)
dateline               ``located``, else ``place`` (a string or the first ``name``)
published_raw          ``firstcreated`` / ``firstCreated``
updated_raw            ``versioncreated`` / ``versionCreated``
attribution_hints      ``copyrightholder``/``copyrightHolder``, ``infosource(s)``/
                       ``infoSources`` names, ``provider``
language               ``language``
suppressions           top-level ``provenance: {disable: [{rule, reason}]}`` (file scope)
=====================  ===========================================================

Blocks (all with ``line=None``: the text lives inside JSON strings): the headline, the
byline (zone meta), the description (standfirst; for a picture item it is the caption),
then the body. One body is read, to avoid reading the same story twice: the first
``text/plain`` body (``body_text`` or ``bodies[]``), else the first HTML one
(``body_html``/``bodies[]`` whose content type or role says html), else NITF/XML. Plain
text splits into paragraphs at blank lines, or at every line break when it has none;
HTML and NITF go through the HTML reader's ``html_fragment``.

Images: ``associations`` (a dict in 1.x, a list in 2.x/3.x) whose ``type`` is ``picture``
or ``graphic`` — audio, video and text associations are not images. A picture or graphic
*item* is itself an image, read the same way from its own renditions. One rendition per
picture, a stable rule: among renditions with an ``href`` and an image (or no) content
type, the one with the largest width x height; ties and missing sizes go to the first in
document order. Without such a rendition, an ``http(s)`` association ``uri`` is used.
Caption: ``description_text``, ``descriptions[]`` (role caption, then text, then any other
except creditline/writer), else the headline; it becomes a caption block after the body.

Items without headline, body or uri raise :class:`~provenance.articles.NotAnArticle`.
Event, audio and video items have no headline or images: that is not an error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from provenance.articles import (
    ArticleError,
    NotAnArticle,
    ReadResult,
    RecordError,
    check_block_sizes,
    json_int,
)
from provenance.articles.fragments import fragment_blocks, suppressions_from
from provenance.model import Article, Block, ImageRef

_IMAGE_TYPES = ("picture", "graphic")
_NINJS_KEYS = ("headline", "headlines", "body_text", "body_html", "bodies", "uri")
_NON_CAPTION_ROLES = ("creditline", "writer", "credit", "byline")
_BLANK_LINE = re.compile(r"\n\s*\n")
_NITF_BODY = re.compile(r"<body\.content[^>]*>(.*?)</body\.content>", re.DOTALL | re.IGNORECASE)


def load_json(text: str) -> Any:
    """``json.loads`` with every failure turned into a clear :class:`ArticleError`."""
    try:
        return json.loads(text, parse_int=json_int)
    except json.JSONDecodeError as exc:
        raise ArticleError(
            f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise ArticleError("JSON nested too deeply to read (over the parser's depth limit)") \
            from None


def read_ninjs(text: str, rel: str) -> list[ReadResult]:
    """Read a ninjs file: one article, or one result per item of a top-level array."""
    data = load_json(text)
    if isinstance(data, dict):
        return [item_to_article(data, rel, "ninjs", None)]
    if not isinstance(data, list):
        raise NotAnArticle(f"the JSON document is a {type(data).__name__}, not a ninjs item")
    results = [_array_item(item, rel, number) for number, item in enumerate(data, start=1)]
    if not any(isinstance(r, Article) for r in results):
        raise NotAnArticle(f"none of the {len(data)} array items is ninjs-like")
    return results


def _array_item(item: Any, rel: str, number: int) -> ReadResult:
    if not isinstance(item, dict):
        return RecordError(number, f"item {number} is not a JSON object", kind="skipped")
    try:
        return item_to_article(item, rel, "ninjs", number)
    except NotAnArticle as exc:
        return RecordError(number, str(exc), kind="skipped")
    except ArticleError as exc:
        return RecordError(number, str(exc))


def is_ninjs_like(item: dict[str, Any]) -> bool:
    """Has a headline, a body or a uri (the product's test for "an article")."""
    return any(item.get(key) not in (None, "", [], {}) for key in _NINJS_KEYS)


def item_to_article(item: dict[str, Any], rel: str, fmt: str, index: int | None) -> Article:
    """Map one ninjs item to an Article (``line=None`` everywhere)."""
    if not is_ninjs_like(item):
        raise NotAnArticle("JSON without headline, body or uri is not a ninjs item")
    article = Article(path=rel, format=fmt, index=index)
    _fill_metadata(article, item)
    is_picture = _text(_get(item, "type")) in _IMAGE_TYPES
    _add_leading_blocks(article, item, is_picture)
    _add_body(article, item)
    if is_picture:
        _add_image(article, item)
    for association in _associations(item):
        if _text(association.get("type")) in _IMAGE_TYPES:
            _add_image(article, association)
    article.suppressions = suppressions_from(item.get("provenance"), None)
    check_block_sizes(article)
    return article


def _get(item: dict[str, Any], *names: str) -> Any:
    """The first present value among ``names`` and their camelCase/lowercase twins."""
    for name in names:
        for key in (name, name.lower()):
            if item.get(key) not in (None, "", [], {}):
                return item[key]
    return None


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _fill_metadata(article: Article, item: dict[str, Any]) -> None:
    article.headline = _headline(item)
    article.byline = _byline(item)
    article.dateline = _dateline(item)
    article.published_raw = _text(_get(item, "firstCreated"))
    article.updated_raw = _text(_get(item, "versionCreated"))
    article.language = _text(item.get("language"))
    article.attribution_hints = _hints(item)


def _headline(item: dict[str, Any]) -> str | None:
    single = _text(item.get("headline"))
    if single:
        return single
    return _by_role(item.get("headlines"), ("main",), ())


def _by_role(entries: Any, preferred: tuple[str, ...], excluded: tuple[str, ...]) -> str | None:
    """The ``value`` of a ``[{role, value}]`` list: preferred roles first, then any other."""
    if not isinstance(entries, list):
        return _text(entries)
    usable = [e for e in entries if isinstance(e, dict) and _text(e.get("value"))]
    for role in preferred:
        for entry in usable:
            if _text(entry.get("role")) == role:
                return _text(entry["value"])
    others = [e for e in usable if _text(e.get("role")) not in excluded]
    return _text(others[0]["value"]) if others else None


def _byline(item: dict[str, Any]) -> str | None:
    single = _text(item.get("byline")) or _text(item.get("by"))
    if single:
        return single
    names = [_name(entry, ("byline", "name", "value")) for entry in _as_list(item.get("bylines"))]
    joined = ", ".join(n for n in names if n)
    return joined or None


def _name(entry: Any, keys: tuple[str, ...]) -> str | None:
    if isinstance(entry, dict):
        return next((t for k in keys if (t := _text(entry.get(k)))), None)
    return _text(entry)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _dateline(item: dict[str, Any]) -> str | None:
    located = _text(item.get("located"))
    if located:
        return located
    places = _as_list(item.get("place"))
    return _name(places[0], ("name",)) if places else None


def _hints(item: dict[str, Any]) -> list[str]:
    found: list[str | None] = [_text(_get(item, "copyrightHolder"))]
    for key in ("infoSources", "infosources", "infosource", "infoSource", "provider"):
        if (value := item.get(key)) is not None:  # most items have none of them
            found += [_name(e, ("name", "literal")) for e in _as_list(value)]
    return list(dict.fromkeys(h for h in found if h))


def _description(item: dict[str, Any]) -> str | None:
    return _text(item.get("description_text")) or _by_role(
        item.get("descriptions"), ("caption", "text", "summary", "lead"), _NON_CAPTION_ROLES
    )


def _add_leading_blocks(article: Article, item: dict[str, Any], is_picture: bool) -> None:
    if article.headline:
        article.blocks.append(Block("headline", article.headline))
    if article.byline:
        article.blocks.append(Block("meta", article.byline))
    description = _description(item)
    if description and not is_picture:
        article.blocks += [Block("standfirst", p) for p in split_paragraphs(description)]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain-text body: blank-line separated, else one per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = _BLANK_LINE.split(text)
    if len(parts) == 1:  # no blank line: one paragraph a line
        parts = text.split("\n")
    return [" ".join(p.split()) for p in parts if p.strip()]


def _add_body(article: Article, item: dict[str, Any]) -> None:
    kind, value = _choose_body(item)
    if kind == "text":
        article.blocks += [Block("body", p) for p in split_paragraphs(value)]
    elif kind in ("html", "nitf"):
        if kind == "nitf":
            m = _NITF_BODY.search(value)
            value = m.group(1) if m else value
        _add_html(article, value)


def _choose_body(item: dict[str, Any]) -> tuple[str, str]:
    """("text"|"html"|"nitf"|"", value): plain text first, then HTML, then NITF/XML."""
    candidates: list[tuple[str, str]] = []
    for key, kind in (("body_text", "text"), ("body_html", "html"), ("body_xhtml", "html")):
        if value := _text(item.get(key)):
            candidates.append((kind, value))
    for body in _as_list(item.get("bodies")):
        if isinstance(body, dict) and (value := _text(body.get("value"))):
            candidates.append((_body_kind(body), value))
    for wanted in ("text", "html", "nitf"):
        for kind, value in candidates:
            if kind == wanted:
                return kind, value
    return "", ""


def _body_kind(body: dict[str, Any]) -> str:
    ctype = (_text(_get(body, "contentType")) or "").lower()
    role = (_text(body.get("role")) or "").lower()
    if "html" in ctype or "html" in role:
        return "html"
    if "xml" in ctype or "nitf" in ctype or "nitf" in role:
        return "nitf"
    return "text" if ctype in ("", "text/plain") else "other"


def _add_html(article: Article, html: str) -> None:
    """HTML inside a JSON string: blocks and inline figures, all without lines."""
    blocks, images = fragment_blocks(html)
    offset = len(article.blocks)
    article.blocks += [Block(b.zone, b.text, None, b.image) for b in blocks]
    for image in images:
        image.position += offset
        image.line = None
        article.images.append(image)


def _associations(item: dict[str, Any]) -> Iterable[dict[str, Any]]:
    value = item.get("associations")
    entries = value.values() if isinstance(value, dict) else _as_list(value)
    return [e for e in entries if isinstance(e, dict)]


def _add_image(article: Article, item: dict[str, Any]) -> None:
    src = pick_rendition(item.get("renditions"))
    if src is None:
        uri = _text(item.get("uri"))
        src = uri if uri and uri.lower().startswith(("http://", "https://")) else None
    if src is None:
        return
    caption = _description(item) or _headline(item)
    credit = _text(item.get("by")) or _by_role(item.get("descriptions"), ("creditline",), ())
    if caption:
        article.blocks.append(Block("caption", caption, None, src))
    article.images.append(ImageRef(src=src, caption=caption, position=len(article.blocks),
                                   credit=credit))


def pick_rendition(renditions: Any) -> str | None:
    """The href of the largest image rendition (first on ties or missing sizes)."""
    entries = renditions.values() if isinstance(renditions, dict) else _as_list(renditions)
    best: tuple[int, str] | None = None
    for entry in entries:
        if not isinstance(entry, dict) or not (href := _text(entry.get("href"))):
            continue
        ctype = (_text(_get(entry, "contentType")) or "image/").lower()
        if not ctype.startswith("image/"):
            continue
        area = _int(entry.get("width")) * _int(entry.get("height"))
        if best is None or area > best[0]:
            best = (area, href)
    return best[1] if best else None


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
