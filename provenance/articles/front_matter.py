"""Front matter of Markdown articles: YAML (``---``), TOML (``+++``) or JSON (``{ … }``).

Key roles (first present wins; dates stay raw strings for the detectors): ``title``/
``headline`` -> headline, ``author``/``authors``/``byline``/``by`` -> byline, ``date``/
``published``/… -> published, ``updated``/``lastmod``/… -> updated, ``dateline``/``located``,
``source``/``credit``/… -> attribution hints, ``lang``/``language``, ``description``/
``summary``/… -> a standfirst block, ``provenance: {disable: […]}`` -> file suppressions.

Front-matter image fields (:attr:`~provenance.articles.PlacementSettings.image_fields`:
``image``, ``images``, ``cover.image``, ``hero``…) are the page's hero images, placed under
the headline with their caption field (``cover.caption``, ``image_caption``…), so the
standfirst or first paragraph is the block next to them. Malformed front matter is INP001
(:class:`~provenance.articles.ArticleError`), unless it holds template syntax (a Hugo
archetype): then the file is a :class:`~provenance.articles.TemplateFile`.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NoReturn

import yaml

from provenance.articles import ArticleError, PlacementSettings, TemplateFile, json_int
from provenance.articles.fragments import suppressions_from
from provenance.model import Article, Block, ImageRef

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".avif",
                    ".heic", ".heif", ".svg")
# The C loader reads front matter ten times faster than the pure-Python one.
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _YamlLoader(_BASE_LOADER):  # type: ignore[misc]
    """The safe loader, except that a date or integer it cannot build stays text.

    PyYAML's timestamp constructor raises ``ValueError`` for ``2026-02-30``, ``0000-01-01``
    or an offset of ``+25:00``, and its int constructor for a literal over Python's 4,300
    digit limit: read as the text written, MET002 then says the date is unparseable.
    """


def _lenient(construct: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def build(loader: Any, node: Any) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            return str(node.value)
    return build


_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp",
                            _lenient(yaml.SafeLoader.construct_yaml_timestamp))
_YamlLoader.add_constructor("tag:yaml.org,2002:int", _lenient(yaml.SafeLoader.construct_yaml_int))
_YAML_LOADER = _YamlLoader

# The common front matter — ``key: value`` lines at the margin, each value a one-line plain
# scalar — is read without the YAML parser (which took a tenth of a short article's reading
# time): each key and value is resolved and built by the loader's own resolver and
# constructors, as the parser would. A value must start with a letter or digit and hold no
# ``#``, no ``: ``, no tab, control, line-break or byte-order-mark character, and not end
# with a blank or a colon: nothing YAML reads as syntax in a plain scalar there. Any other
# line (quoted, nested, continued, commented…) sends the whole front matter to the parser.
# A date or time in ISO form (``2026-03-01``, ``2026-03-01T09:00:00+00:00``) is what
# ``fromisoformat`` makes of it, without the resolver and YAML's timestamp constructor (which
# took two thirds of the front matter's reading time), unless that refuses it: then the
# constructor says what it is; and a value starting with a character that starts none of the
# resolver's patterns is text, as the str constructor would return it
# (``tests/test_speed_readers_front_matter.py``).
_SIMPLE_YAML_LINE = re.compile(
    r"([A-Za-z][A-Za-z0-9_]{0,63}):(?: +([A-Za-z0-9]"
    r"[\x20-\x22\x24-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    r"\U00010000-\U0010ffff]*))?")
_SIMPLE_YAML_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                              ("str", "int", "float", "bool", "null", "timestamp"))
_STR_TAG = "tag:yaml.org,2002:str"
_SCALARS: Any = _YamlLoader("")  # resolves and builds scalars only; never parses
# The first characters of the plain scalars the resolver may read as something other than
# text ("" for the empty value, a null): a value starting with any other is a string, which
# the str constructor returns as written.
_RESOLVED_STARTS = frozenset(_YAML_LOADER.yaml_implicit_resolvers)
if None in _RESOLVED_STARTS or _YAML_LOADER.yaml_path_resolvers:  # what _simple_yaml knows
    raise RuntimeError("unexpected YAML resolvers: a wildcard or path resolver")
_ISO_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?)?")
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
# Each role's keys as looked up: as written, then lower-cased (once: ``title`` is ``title``).
_LOOKUPS: dict[str, tuple[str, ...]] = {
    role: tuple(dict.fromkeys(k for key in keys for k in (key, key.lower())))
    for role, keys in _KEYS.items()
}
_JSON_START = re.compile(r"\{\s*[\"}]")
_WORD = re.compile(r"[A-Za-z0-9_]+")


# --- reading ------------------------------------------------------------------------


@dataclass(slots=True)
class FrontMatter:
    data: dict[str, Any]
    lines: list[str]  # the front matter's own lines, fences excluded
    first_line: int  # file line of lines[0]
    body_start: int  # 0-based index of the first body line
    # For simple YAML (every line a ``key: value`` at the margin, see _simple_yaml): the
    # index in ``lines`` of each key's first line, which is where _field_line finds it.
    key_lines: dict[str, int] | None = None


def read_front_matter(text: str, lines: list[str]) -> FrontMatter:
    fence = lines[0].strip() if lines else ""
    if fence in ("---", "+++"):
        closers = ("---", "...") if fence == "---" else ("+++",)
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in closers), None)
        if end is None:
            return FrontMatter({}, [], 1, 0)  # a lone rule, not front matter
        raw = lines[1:end]
        if fence == "+++":
            return FrontMatter(_load_toml("\n".join(raw)), raw, 2, end + 1)
        key_lines: dict[str, int] = {}
        data = _simple_yaml("\n".join(raw), key_lines)
        if data is None:
            return FrontMatter(_load_yaml("\n".join(raw)), raw, 2, end + 1)
        return FrontMatter(data, raw, 2, end + 1, key_lines)
    if _JSON_START.match(text):
        return _json_front_matter(text, lines)
    return FrontMatter({}, [], 1, 0)


def _json_front_matter(text: str, lines: list[str]) -> FrontMatter:
    try:
        data, end = json.JSONDecoder(parse_int=json_int).raw_decode(text)
    except json.JSONDecodeError as exc:
        line_end = text.find("\n", exc.pos)
        _template_or_error(text[:line_end if line_end >= 0 else len(text)],
                           f"malformed JSON front matter at line {exc.lineno} column "
                           f"{exc.colno}: {exc.msg}")
    except RecursionError:
        raise ArticleError("JSON front matter nested too deeply to read") from None
    last = text.count("\n", 0, end)
    return FrontMatter(data if isinstance(data, dict) else {}, lines[:last + 1], 1, last + 1)


def _load_yaml(source: str) -> dict[str, Any]:
    try:
        data = yaml.load(source, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        if "nesting depth" in problem:
            raise ArticleError("YAML front matter nested too deeply to read") from None
        mark = getattr(exc, "problem_mark", None)
        where = f" at front matter line {mark.line + 1}" if mark is not None else ""
        _template_or_error(source, f"malformed YAML front matter{where}: {problem}")
    except RecursionError:
        raise ArticleError("YAML front matter nested too deeply to read") from None
    return data if isinstance(data, dict) else {}


def _simple_yaml(source: str,
                 key_lines: dict[str, int] | None = None) -> dict[str, Any] | None:
    """What the YAML loader makes of ``key: value`` front matter (see ``_SIMPLE_YAML_LINE``),
    or ``None`` when a line is anything else. ``key_lines`` gets the index of each key's
    first line."""
    data: dict[str, Any] = {}
    resolve, constructors = _SCALARS.resolve, _YAML_LOADER.yaml_constructors
    for index, line in enumerate(source.split("\n")):
        if not line:
            continue
        m = _SIMPLE_YAML_LINE.fullmatch(line)
        if m is None:
            return None
        key, value = m[1], m[2] or ""
        if value.endswith((" ", ":")) or ": " in value or not _is_text_key(key):
            return None  # trailing blanks, a nested key; ``on:`` or ``null:``
        if key_lines is not None:
            key_lines.setdefault(key, index)
        if value[:1] not in _RESOLVED_STARTS:  # text, as written ("" is in it: a null)
            data[key] = value
            continue
        if _ISO_TIMESTAMP.fullmatch(value):
            try:
                data[key] = (_dt.date if len(value) == 10 else _dt.datetime).fromisoformat(value)
                continue
            except ValueError:
                pass  # the constructor's turn: it keeps an impossible date as text
        tag = resolve(yaml.ScalarNode, value, (True, False))
        if tag not in _SIMPLE_YAML_TAGS:
            return None
        try:
            data[key] = constructors[tag](_SCALARS, yaml.ScalarNode(tag, value))
        except Exception:  # noqa: BLE001 (the parser's path then reports it as it would)
            return None
    return data


@lru_cache(maxsize=512)
def _is_text_key(key: str) -> bool:
    """Does YAML read this plain key as a string (``on:`` or ``null:`` it does not)?"""
    return bool(_SCALARS.resolve(yaml.ScalarNode, key, (True, False)) == _STR_TAG)


def _load_toml(source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        _template_or_error(source, f"malformed TOML front matter: {exc}")
    except ValueError:
        # tomllib's int() of a literal over Python's 4,300 digit limit.
        raise ArticleError("TOML front matter holds an integer too long to read (over "
                           "4,300 digits)") from None
    except RecursionError:
        raise ArticleError("TOML front matter nested too deeply to read") from None


def _template_or_error(source: str, message: str) -> NoReturn:
    """Front matter that does not parse: a template when it holds ``{{ … }}`` or
    ``{% … %}`` (a Hugo archetype, a Jekyll layout), else the author's mistake."""
    if _holds_template(source):
        raise TemplateFile("a site generator template (Go template or Liquid syntax in the "
                           "front matter), not an article") from None
    raise ArticleError(message) from None


def _holds_template(source: str) -> bool:
    for line in source.split("\n"):
        for opener, closer in (("{{", "}}"), ("{%", "%}")):
            at = line.find(opener)
            if at >= 0 and line.find(closer, at + 2) >= 0:
                return True
    return False


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, _TIMES):
        return value.isoformat()
    if isinstance(value, _NUMBERS) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _scalar(value.get("name"))
    return None


# Tuples, not ``a | b`` unions: those are built anew at every call.
_TIMES = (_dt.datetime, _dt.date, _dt.time)
_NUMBERS = (int, float)


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [s for s in (_scalar(v) for v in items) if s]


def _lookup(fm: FrontMatter, role: str, line: bool = True) -> tuple[Any, int | None]:
    """The value for a role and the file line of its key (None when absent, or when
    ``line`` is false: finding a line scans the front matter's lines)."""
    data = fm.data
    for actual in _LOOKUPS[role]:
        if actual in data and data[actual] not in (None, "", []):
            return data[actual], _field_line(fm, actual) if line else None
    return None, None


def _field_line(fm: FrontMatter, dotted: str) -> int | None:
    """The file line of a (dotted) key: the top-level key with the least indentation,
    then each nested key after its parent; the deepest one found."""
    if fm.key_lines is not None and _WORD.fullmatch(dotted):
        # In simple YAML only the line of that very key opens it (its key is a word too).
        index = fm.key_lines.get(dotted)
        return None if index is None else fm.first_line + index
    line, start = None, 0
    for depth, key in enumerate(dotted.split(".")):
        pattern = _key_pattern(key)
        hits = [(len(m[1]), i) for i in range(start, len(fm.lines))
                if key in fm.lines[i] and (m := pattern.match(fm.lines[i]))]
        if not hits:
            break
        index = min(hits)[1] if depth == 0 else hits[0][1]
        line, start = fm.first_line + index, index + 1
    return line


@lru_cache(maxsize=512)
def _key_pattern(key: str) -> re.Pattern[str]:
    """A line that opens ``key`` in YAML, TOML or JSON front matter."""
    return re.compile(rf"^(\s*)\[?\s*[\"']?{re.escape(key)}[\"']?\s*[:=.\]]")


def _value_line(fm: FrontMatter, value: str, default: int | None) -> int | None:
    """The first front matter line at or after ``default`` holding ``value``."""
    probe = " ".join(value.split())[:30]
    start = (default - fm.first_line) if default is not None else 0
    for index in range(max(start, 0), len(fm.lines)):
        if probe and probe in " ".join(fm.lines[index].split()):
            return fm.first_line + index
    return default


def apply_front_matter(article: Article, fm: FrontMatter, placement: PlacementSettings,
                       clean: Callable[[str], str]) -> None:
    """Fill the article from its front matter (``clean`` reduces a caption's inline markup
    to its text, as the body's captions are)."""
    if not fm.data:
        return
    title, title_line = _lookup(fm, "headline")
    byline, _ = _lookup(fm, "byline", line=False)
    article.byline = ", ".join(_names(byline)) or None
    published, published_line = _lookup(fm, "published")
    updated, updated_line = _lookup(fm, "updated")
    article.published_raw, article.updated_raw = _scalar(published), _scalar(updated)
    article.dateline = _scalar(_lookup(fm, "dateline", line=False)[0])
    article.language = _scalar(_lookup(fm, "language", line=False)[0])
    article.attribution_hints = list(dict.fromkeys(_names(_lookup(fm, "hints", line=False)[0])))
    standfirst, standfirst_line = _lookup(fm, "standfirst")
    if (text := _scalar(standfirst)) is not None:
        at = 1 if article.blocks and article.blocks[0].zone == "headline" else 0
        _insert_block(article, at, Block("standfirst", text, standfirst_line))
    if article.headline is None and (text := _scalar(title)) is not None:
        article.headline = text
        _insert_block(article, 0, Block("headline", text, title_line))
    directives = fm.data.get("provenance")
    if directives is not None:
        line = _field_line(fm, "provenance")
        article.suppressions = suppressions_from(directives, line) + article.suppressions
    _add_front_matter_images(article, fm, placement, clean)
    _add_date_blocks(article, ((article.published_raw, published_line),
                               (article.updated_raw, updated_line)))


def _add_date_blocks(article: Article,
                     dates: tuple[tuple[str | None, int | None], ...]) -> None:
    """The front matter's dates as meta blocks (as a desk line prints them), so that a
    finding about a date points at its line: MET002 reports the line of the block that
    prints the date. They go first (the front matter opens the file): next to no image,
    and outside the window under the headline where the body's desk line is looked for."""
    given = sorted(((r, n) for r, n in dates if r is not None and n is not None),
                   key=lambda d: d[1])
    for at, (raw, line) in enumerate(given):
        _insert_block(article, at, Block("meta", raw, line))


def _insert_block(article: Article, at: int, block: Block) -> None:
    """Insert a block and keep image positions and block suppressions pointing right."""
    article.blocks.insert(at, block)
    for image in article.images:
        if image.position >= at:
            image.position += 1
    for sup in article.suppressions:
        if sup.block is not None and sup.block >= at:
            sup.block += 1


# --- front-matter images -----------------------------------------------------------------------


@dataclass(slots=True)
class _Hero:
    image: ImageRef
    caption_line: int | None


def _add_front_matter_images(article: Article, fm: FrontMatter, placement: PlacementSettings,
                             clean: Callable[[str], str]) -> None:
    """Heroes first in ``images``, their captions right under the headline, and the first
    block after those as their position."""
    # A file the body places too is judged there, where the reader sees it with its
    # caption: the same picture is not reported twice.
    placed = {image.src for image in article.images}
    heroes = [hero for hero in _heroes(fm, placement) if hero.image.src not in placed]
    for hero in heroes:
        if hero.image.caption is not None:
            hero.image.caption = clean(hero.image.caption) or None
    at = next((i + 1 for i, b in enumerate(article.blocks) if b.zone == "headline"), 0)
    for hero in heroes:
        if hero.image.caption is not None:
            _insert_block(article, at, Block("caption", hero.image.caption, hero.caption_line,
                                             hero.image.src))
            at += 1
    for hero in heroes:
        hero.image.position = at
    article.images = [hero.image for hero in heroes] + article.images


def _heroes(fm: FrontMatter, placement: PlacementSettings) -> list[_Hero]:
    """One hero per file; a file named twice (``image`` and ``images``) takes the caption
    from whichever field has one."""
    found: dict[str, _Hero] = {}
    if _top_keys(tuple(placement.image_fields)).isdisjoint(fm.data):  # most pages: no hero
        return []
    for name in placement.image_fields:
        if name.partition(".")[0] not in fm.data:  # names nothing (most fields)
            continue
        value, parent = _dig(fm.data, name)
        key_line = _field_line(fm, name) if value is not None else None
        for src, table in _field_sources(value):
            if not (names_image_file(src) or src.startswith(("http", "/"))):
                continue
            hero = _hero(fm, name, src, (table, parent), key_line)
            first = found.setdefault(src, hero)
            if first.image.caption is None and hero.image.caption is not None:
                first.image.caption, first.caption_line = hero.image.caption, hero.caption_line
            first.image.alt = first.image.alt or hero.image.alt
    return list(found.values())


@lru_cache(maxsize=64)
def _top_keys(fields: tuple[str, ...]) -> frozenset[str]:
    """The top-level keys the image fields live under (``cover`` for ``cover.image``)."""
    return frozenset(name.partition(".")[0] for name in fields)


def _hero(fm: FrontMatter, name: str, src: str,
          tables: tuple[dict[str, Any] | None, dict[str, Any] | None],
          key_line: int | None) -> _Hero:
    (caption, caption_key), (alt, _) = _hero_texts(fm.data, name, *tables)
    image = ImageRef(src, _value_line(fm, src, key_line), caption, alt,
                     placement="front-matter")
    if caption is None:
        return _Hero(image, None)
    line = _field_line(fm, caption_key) if caption_key else None
    return _Hero(image, line or _value_line(fm, caption, key_line))


def _hero_texts(data: dict[str, Any], name: str, table: dict[str, Any] | None,
                parent: dict[str, Any] | None) -> tuple[tuple[str | None, str | None], ...]:
    """(caption, its dotted key) and (alt, key) for one front-matter image."""
    if table is not None:  # images: [{src, caption}] or cover: {image, caption}
        return _first(table, ("caption", "title", "image_description"), None), \
            _first(table, ("alt",), None)
    if "." in name and parent is not None:  # cover.image -> cover.caption
        prefix = name.rsplit(".", 1)[0]
        return _first(parent, ("caption", "image_description"), prefix), \
            _first(parent, ("alt",), prefix)
    return _first(data, (f"{name}_caption", "image_caption", "caption"), ""), \
        _first(data, (f"{name}_alt", "alt"), "")


def _first(table: dict[str, Any], keys: tuple[str, ...],
           prefix: str | None) -> tuple[str | None, str | None]:
    """The first of ``keys`` with text, and its dotted path (None for a table in a list)."""
    for key in keys:
        if (text := _scalar(table.get(key))) is not None:
            if prefix is None:
                return text, None
            return text, f"{prefix}.{key}" if prefix else key
    return None, None


def _dig(data: dict[str, Any], dotted: str) -> tuple[Any, dict[str, Any] | None]:
    value: Any = data
    parent: dict[str, Any] | None = None
    for key in dotted.split("."):
        if not isinstance(value, dict):
            return None, None
        parent, value = value, value.get(key)
    return value, parent


def _field_sources(value: Any) -> list[tuple[str, dict[str, Any] | None]]:
    """The srcs a field names: a string, a list of them, or tables with src/image/url/path."""
    found: list[tuple[str, dict[str, Any] | None]] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.strip():
            found.append((item.strip(), None))
        elif isinstance(item, dict):
            src = next((v.strip() for k in ("src", "image", "url", "path")
                        if isinstance(v := item.get(k), str) and v.strip()), None)
            if src is not None:
                found.append((src, item))
    return found


def names_image_file(value: str) -> bool:
    """Does ``value`` name an image file (by extension, query or fragment allowed)?"""
    path = value.strip().split("#", 1)[0].split("?", 1)[0]
    return path.lower().endswith(IMAGE_EXTENSIONS)
