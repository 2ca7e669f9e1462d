"""Plain-text scrapes (``.txt``): zones and lines for every paragraph, no detection.

The shape this reader knows is the seed scrape's (``corpus/articles/devdiscourse-…txt``)::

     date 2025-12-27 Left Menu                  <- scraper line: boilerplate, not a timestamp
    Headline                                    <- headline (Article.headline)
    Standfirst paragraph(s)                     <- standfirst
    Desk | City | Updated: … | Created: …       <- meta: byline, dateline, *_raw dates
    Headline again / AI-image disclaimer /      <- meta: the lines standing with the desk
      • Country: facets                            line (its group of lines, when that group
                                                   is short and its lines are not paragraphs
                                                   of prose), and bullets right after it
    Body paragraphs … (With inputs from agencies.) <- body
    TRENDING / OPINION / BLOG / INTERVIEW / …   <- boilerplate from the first marker to the end

Text without those features still reads sensibly: the first non-empty line is the headline
(unless it is longer than :data:`HEADLINE_MAX`, when it is prose and the text has no
headline), a ``By …`` line (or any ``… | Updated: …`` line) near the top — above or below
the headline — is meta, the rest is body.
Paragraphs are runs of non-blank lines; a scrape puts one paragraph per line, so each line
is its own block unless the run looks hard-wrapped (similar lengths of 50-100 characters,
not every line ending a sentence), when the run is joined into one block. Every block keeps
the 1-based line where it starts. A scrape has no image files: ``images`` stays empty.

Boilerplate: from the first line that starts with a site marker (``TRENDING``, ``OPINION /
BLOG / INTERVIEW``, ``Related Stories``, ``Leia Mais``, ``Tags:``, ``Subscribe to our
Newsletter``, ``Connect us on``, ``Follow us on``, a ``©``/``Copyright 2025`` line) to the
end. A related-link teaser (``Also Read:``, ``Read more``, ``Leia também``…) is boilerplate
for its own line only, since such teasers sit between body paragraphs. A ``… | Updated: …``
line further down stays meta and fills dates still missing.

Suppressions: a line ``provenance: disable=ATR001[,AID003] reason="…"`` (optionally inside
``#``, ``//`` or ``<!-- -->``) suppresses those rules for the whole file and is not a
block; ``disable-file=`` is accepted as a synonym. :func:`parse_directive` is shared with
the Markdown reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance.articles import MAX_BLOCK_CHARS, ArticleError, check_block_sizes
from provenance.model import Article, Block, Suppression

_DIRECTIVE = re.compile(
    r"^\s*(?:#+|//|<!--)?\s*provenance:\s*(?P<kind>disable(?:-file)?)\s*=\s*"
    r"(?P<ids>[A-Za-z]{3}\d{3}(?:\s*,\s*[A-Za-z]{3}\d{3})*)"
    r"(?:\s+reason\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>.*?)))?"
    r"\s*(?:-->)?\s*$"
)
_SCRAPER_LINE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b|\bLeft Menu\s*$")
_DATE_SEGMENT = re.compile(
    r"^(?P<label>last\s+updated|first\s+published|updated|modified|created|published|posted)"
    r"(?:\s+on)?\s*:?\s*(?P<value>.*\d.*)$",
    re.IGNORECASE,
)
_PUBLISHED_LABELS = ("created", "published", "first published", "posted")
_BY_LINE = re.compile(r"^(?:By|BY|Von|Por|Par)\s+(?P<name>[A-Z\u00c0-\u024f][^.!?]{0,78})$")
_BULLET = re.compile(r"^[•·▪◦]\s*")
# From one of these lines to the end of the file everything is site furniture.
HARD_MARKER = re.compile(
    r"^(?:TRENDING(?:\s+NOW)?|OPINION\s*/\s*BLOG\s*/\s*INTERVIEW|Related\s+(?:Stories|News|Articles)"
    r"|Leia\s+Mais|Tags?\s*:|Subscribe\s+to\s+our\s+Newsletter|Connect\s+(?:with\s+)?us\s+on"
    r"|Follow\s+us\s+on|©|\(c\)\s*\d{4}|Copyright\s*(?:©|\(c\))?\s*\d{4})",
    re.IGNORECASE,
)
# Only this one line is furniture: related-link teasers sit between body paragraphs.
_SOFT_MARKER = re.compile(
    r"^(?:Also\s+Read|Read\s+(?:More|Also)|Leia\s+também|Lee\s+también|Left\s+Menu)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]»]$")
HEADLINE_MAX = 250  # a longer first line is prose: the text then has no headline
HEADER_WINDOW = 6  # how many paragraphs after the headline may hold the desk/byline line
META_GROUP_MAX = 6  # lines after the desk line in its group that can still be meta
META_LINE_MAX = 300  # a longer line in that group is a body paragraph, not a note


@dataclass(frozen=True, slots=True)
class Directive:
    """A parsed ``provenance: disable…`` directive."""

    kind: str  # "disable" or "disable-file"
    rules: tuple[str, ...]
    reason: str | None


@dataclass(slots=True)
class _Unit:
    line: int
    text: str
    group: int
    zone: str = "body"


@dataclass(frozen=True, slots=True)
class MetaLine:
    """What a desk/byline line says: raw strings, the detectors parse the dates."""

    byline: str | None
    dateline: str | None
    published_raw: str | None
    updated_raw: str | None


def parse_directive(text: str) -> Directive | None:
    """Parse ``provenance: disable=ID[,ID] reason="…"`` (also inside ``<!-- -->``)."""
    m = _DIRECTIVE.match(text)
    if m is None:
        return None
    rules = tuple(r.strip().upper() for r in m["ids"].split(","))
    reason = m["dq"] if m["dq"] is not None else m["sq"] if m["sq"] is not None else m["bare"]
    reason = reason.strip() if reason else None
    return Directive(m["kind"], rules, reason or None)


def parse_meta_line(text: str) -> MetaLine | None:
    """Split ``Desk | City | Updated: … | Created: …`` (or ``By X | Updated: …``)."""
    if len(text) > 300 or "|" not in text and not _DATE_SEGMENT.match(text.strip()):
        return None
    plain: list[str] = []
    dates: dict[str, str] = {}
    for segment in (s.strip() for s in text.split("|")):
        m = _DATE_SEGMENT.match(segment)
        if m:
            label = " ".join(m["label"].lower().split())
            key = "published" if label in _PUBLISHED_LABELS else "updated"
            dates.setdefault(key, m["value"].strip())
        elif segment:
            plain.append(segment)
    if not dates:
        return None
    byline = _strip_by(plain[0]) if plain else None
    return MetaLine(byline, plain[1] if len(plain) > 1 else None,
                    dates.get("published"), dates.get("updated"))


def _strip_by(text: str) -> str:
    m = _BY_LINE.match(text)
    return m["name"].strip() if m else text


def read_text(text: str, rel: str) -> Article:
    """Read a plain-text scrape into an :class:`Article` (format ``text``)."""
    lines = text.split("\n")
    check_line_lengths(lines)
    article = Article(path=rel, format="text")
    units = _units(lines, article)
    _assign_zones(units, article)
    article.blocks = [Block(u.zone, u.text, u.line) for u in units]
    check_block_sizes(article)
    return article


def check_line_lengths(lines: list[str]) -> None:
    if not lines or max(map(len, lines)) <= MAX_BLOCK_CHARS:  # the usual case, at C speed
        return
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_BLOCK_CHARS:
            raise ArticleError(
                f"line {number} is {len(line):,} characters long, over the "
                f"{MAX_BLOCK_CHARS:,} character limit for one line of an article"
            )


def _units(lines: list[str], article: Article) -> list[_Unit]:
    """Non-blank lines as units (directives removed), hard-wrapped runs joined."""
    runs: list[list[_Unit]] = [[]]
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        directive = parse_directive(stripped) if "provenance" in stripped else None
        if directive is not None:
            article.suppressions += [
                Suppression(rule, directive.reason, number, "file") for rule in directive.rules
            ]
        elif stripped:
            runs[-1].append(_Unit(number, stripped, len(runs)))
            continue
        if runs[-1]:
            runs.append([])
    units: list[_Unit] = []
    for run in runs:
        units += [_join(run)] if _hard_wrapped(run) else run
    return units


def _is_special(text: str) -> bool:
    return bool(
        _SCRAPER_LINE.search(text) or HARD_MARKER.match(text) or _SOFT_MARKER.match(text)
        or _BULLET.match(text) or _BY_LINE.match(text) or parse_meta_line(text)
    )


def _hard_wrapped(run: list[_Unit]) -> bool:
    """A run of lines cut at a fixed width (an e-mail or wire copy), not one-per-paragraph."""
    if len(run) < 2 or any(_is_special(u.text) for u in run):
        return False
    body = [len(u.text) for u in run[:-1]]
    return (
        min(body) >= 50 and max(body) <= 100 and max(body) - min(body) <= 30
        and any(not _SENTENCE_END.search(u.text) for u in run[:-1])
    )


def _join(run: list[_Unit]) -> _Unit:
    return _Unit(run[0].line, " ".join(u.text for u in run), run[0].group)


def _assign_zones(units: list[_Unit], article: Article) -> None:
    start = 0
    while start < len(units) and (
        _SCRAPER_LINE.search(units[start].text) or meta_of(units[start].text)
    ):
        # Scraper furniture above the headline is boilerplate; a byline/desk line printed
        # above it is still meta.
        if _SCRAPER_LINE.search(units[start].text):
            units[start].zone = "boilerplate"
        else:
            units[start].zone = "meta"
            fill_meta(article, units[start].text)
        start += 1
    if start == len(units):
        return
    if len(units[start].text) > HEADLINE_MAX:  # a paragraph of prose, not a title
        _body_and_boilerplate(units[start:], article)
        return
    units[start].zone = "headline"
    article.headline = units[start].text
    body_from = _header(units, start + 1, article)
    _body_and_boilerplate(units[body_from:], article)


def _header(units: list[_Unit], first: int, article: Article) -> int:
    """Zone the standfirst and meta lines after the headline; return where the body starts."""
    window = units[first:first + HEADER_WINDOW]
    desk = next((i for i, u in enumerate(window) if meta_of(u.text)), None)
    if desk is None:
        return first
    for unit in window[:desk]:
        unit.zone = "standfirst"
    desk_unit = window[desk]
    fill_meta(article, desk_unit.text)
    desk_at = first + desk
    units[desk_at].zone = "meta"
    end = desk_at + 1
    while end < len(units) and _stands_with_desk(units, desk_at, end):
        units[end].zone = "meta"
        end += 1
    return end


def _stands_with_desk(units: list[_Unit], desk_at: int, at: int) -> bool:
    """The short lines in the desk line's own group (repeated headline, image disclaimer,
    facets) and bullets after it. A group longer than :data:`META_GROUP_MAX` lines is a
    scrape without blank lines, whose body must not become meta."""
    unit, group = units[at], units[desk_at].group
    if _BULLET.match(unit.text):
        return True
    if unit.group != group or len(unit.text) > META_LINE_MAX:
        return False
    return sum(1 for u in units[desk_at + 1:] if u.group == group) <= META_GROUP_MAX


def meta_of(text: str) -> MetaLine | None:
    meta = parse_meta_line(text)
    if meta is None and _BY_LINE.match(text):
        meta = MetaLine(_strip_by(text), None, None, None)
    return meta


def fill_meta(article: Article, text: str) -> None:
    meta = meta_of(text)
    if meta is None:
        return
    article.byline = article.byline or meta.byline
    article.dateline = article.dateline or meta.dateline
    article.published_raw = article.published_raw or meta.published_raw
    article.updated_raw = article.updated_raw or meta.updated_raw


def _body_and_boilerplate(units: list[_Unit], article: Article) -> None:
    for index, unit in enumerate(units):
        if HARD_MARKER.match(unit.text):
            for rest in units[index:]:
                rest.zone = "boilerplate"
            return
        if _SOFT_MARKER.match(unit.text) or _SCRAPER_LINE.search(unit.text):
            unit.zone = "boilerplate"
        elif parse_meta_line(unit.text):
            unit.zone = "meta"  # a late "Updated: …" line: metadata, not prose
            fill_meta(article, unit.text)
        else:
            unit.zone = "body"
