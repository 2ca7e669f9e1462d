"""Byline, dateline and raw timestamps from the desk and meta lines.

Read forms:

* desk lines ``Desk | City | Updated: DD-MM-YYYY HH:MM TZ | Created: …`` (the seed): the
  first unlabelled part is the byline, the second (if it looks like a place) the dateline;
* ``By NAME`` (also ``Por``, ``Von``, ``Par``, ``द्वारा``), alone or before ``| Updated: …``;
  the byline is reported **without** the ``By`` (``By ANI`` -> ``ANI``);
* ``Published: … | Last Updated: …``, ``Updated: Mon DD, YYYY HH:MM IST`` and their
  Spanish, Portuguese, German, French and Hindi labels (``Created``/``Posted``/
  ``Publicado``/``Veröffentlicht``/``Publié``/``प्रकाशित`` count as published;
  ``Updated``/``Modified``/``Actualizado``/``Atualizado``/``Aktualisiert``/``Mis à jour``/
  ``अपडेट`` as updated);
* a meta line that is only an agency name (``AP``) as the byline;
* the dateline place from a dateline credit or an all-caps ``PLACE:`` opening the story
  (``MUMBAI`` from ``MUMBAI (Reuters) -``).

Meta-zone lines are read first, then lines in the first blocks of the other non-boilerplate
zones (readers without zoning put desk lines in ``body``). The scraper's own line
(`` date YYYY-MM-DD Left Menu``) has no label, so it is never taken for a timestamp.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from provenance.articles.detect.datelines import find_place
from provenance.articles.detect.dates import MONTHS
from provenance.articles.detect.segments import Layout, Segment
from provenance.articles.detect.sources import clean, known_sources_in
from provenance.model import Article

EARLY_BLOCKS = 12  # desk lines sit above the story; later blocks are body text
_PUBLISHED = (r"(?:first\s+)?published(?:\s+on)?|created(?:\s+on)?|posted(?:\s+on)?|"
              r"publicado(?:\s+(?:el|em|en))?|veröffentlicht(?:\s+am)?|erstellt(?:\s+am)?|"
              r"publié(?:\s+le)?|प्रकाशित(?:\s+तिथि)?|date\s+published")
_UPDATED = (r"(?:last\s+)?updated(?:\s+on)?|(?:last\s+)?modified(?:\s+on)?|"
            r"actualizado(?:\s+el)?|atualizado(?:\s+em)?|aktualisiert(?:\s+am)?|"
            r"mis\s+à\s+jour(?:\s+le)?|अपडेटेड|अपडेट(?:\s+किया\s+गया)?")
_KEYED = re.compile(rf"^(?:(?P<pub>{_PUBLISHED})|(?P<upd>{_UPDATED}))\s*(?:[:：]\s*|\s)"
                    r"(?P<value>.*\d.*)$", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:ago|hace|vor|il\s+y\s+a|há|atrás)\b|पहले", re.IGNORECASE)
_BY = re.compile(r"^(?:by|por|von|par|द्वारा)\s+(?P<name>.+)$", re.IGNORECASE)
# Compiled here, not in the functions: re's own cache costs a look-up on every call.
_NUMERIC_DATE = re.compile(r"\d{4}|\d{1,2}[-./]\d{1,2}")
_INITIAL_END = re.compile(r"(?:^|\s)[A-Z]\.$")
# The first letters of every label _KEYED and of every word _BY can open a line with,
# lower-cased: a line starting otherwise matches neither (re.IGNORECASE folds no other
# character to these; tests/detect/test_prechecks_round2.py checks every code point).
_LINE_FIRST = frozenset("fpcvedlumab\u092a\u0905\u0926")  # प अ द: प्रकाशित, अपडेट, द्वारा
_CONNECTORS = frozenset(("and", "y", "und", "et", "e", "de", "da", "do", "van", "von", "der",
                         "den", "bin", "al", "la", "le", "del", "dos", "das", "&", "and the"))


@dataclass(slots=True)
class MetaFacts:
    """What the desk and meta lines say (``None`` where they say nothing)."""

    byline: str | None = None
    dateline: str | None = None
    published_raw: str | None = None
    updated_raw: str | None = None


def read_meta(article: Article, known: tuple[str, ...],
              layout: Layout | None = None) -> MetaFacts:
    """Byline, dateline and raw timestamps printed in the article's meta lines
    (``layout``: the article's :class:`.segments.Layout`, when shared between detectors)."""
    facts = MetaFacts()
    layout = layout or Layout(article)
    near = layout.near
    for seg in _meta_segments(article, layout):
        # A bare agency name counts as a byline only among the meta lines and away from
        # images (next to an image it is the photo credit).
        bare = seg.block.zone == "meta" and seg.index not in near
        _read_line(seg.text, facts, known, _NAMES[seg.block.zone != "headline", bare])
    if facts.dateline is None:
        facts.dateline = _dateline_from_story(article, known, layout)
    return facts


def _meta_segments(article: Article, layout: Layout) -> Iterator[Segment]:
    for index, block in enumerate(article.blocks):
        if block.zone == "meta":
            yield from layout.segments(index)
    for index in _early(article, ("headline", "standfirst", "body")):
        yield from layout.segments(index)


def _early(article: Article, zones: tuple[str, ...]) -> list[int]:
    """Indexes of the first EARLY_BLOCKS blocks in ``zones`` (menus before them skipped).

    The walk stops at the last one: real pages have hundreds of blocks after it."""
    early: list[int] = []
    for i, block in enumerate(article.blocks):
        if block.zone in zones:
            early.append(i)
            if len(early) == EARLY_BLOCKS:
                break
    return early


@dataclass(frozen=True, slots=True)
class _Names:
    """Which names a line may give: any (not a headline), a bare agency name (meta only)."""

    any: bool
    bare_agency: bool


# The four of them, made once: building a frozen dataclass for every line cost more than
# reading most lines.
_NAMES = {(any_, bare): _Names(any_, bare) for any_ in (False, True) for bare in (False, True)}


def _read_line(text: str, facts: MetaFacts, known: tuple[str, ...], names: _Names) -> None:
    """Dates from any meta-like line; names as ``names`` allows."""
    if "|" in text:
        parts = [p for p in (part.strip() for part in text.split("|")) if p]
    else:  # most lines are not desk lines: one part, without building a generator
        part = text.strip()
        # A lone part gives something only when it opens with a date label (_KEYED) or
        # "By" (_BY), or is a bare agency name: most lines are none, and skip both.
        if not part or (not names.bare_agency and part[0].lower() not in _LINE_FIRST):
            return
        parts = [part]
    plain: list[str] = []
    keyed = False
    for part in parts:
        match = _KEYED.match(part)
        if match is None:
            plain.append(part)
            continue
        value = match.group("value").strip()
        if not _looks_like_date(value):  # "Posted: 3 comments" is not a timestamp
            plain.append(part)
            continue
        keyed = True
        if match.group("pub") and facts.published_raw is None:
            facts.published_raw = value
        elif match.group("upd") and facts.updated_raw is None:
            facts.updated_raw = value
    if plain and names.any:
        _read_names(plain, keyed, facts, known, names.bare_agency)


def _looks_like_date(value: str) -> bool:
    """A printed date, not a count or a relative time ("5 hours ago", "hace 2 horas")."""
    if _NUMERIC_DATE.search(value):
        return True
    if _RELATIVE.search(value):
        return False
    return any(w.strip(".,").lower() in MONTHS for w in value.split())


def _read_names(plain: list[str], keyed: bool, facts: MetaFacts, known: tuple[str, ...],
                bare_agency: bool) -> None:
    """Byline (and dateline) from the unlabelled parts of a meta line."""
    first = plain[0]
    by = _BY.match(first)
    name = by.group("name").strip() if by else None
    if name is None and bare_agency and len(plain) == 1 and _is_agency(first, known):
        name = clean(first)
    if name is None and keyed:
        name = first
    if name is None or not _name_like(name) or facts.byline is not None:
        return
    facts.byline = name
    if keyed and len(plain) > 1 and facts.dateline is None and _place_like(plain[1]):
        facts.dateline = plain[1]


def _is_agency(text: str, known: tuple[str, ...]) -> bool:
    return len(text) <= 40 and bool(known_sources_in(text, known))


def _name_like(name: str) -> bool:
    words = name.replace(",", " ").split()
    if not words or len(words) > 10 or len(name) > 80 or words[0][0].islower():
        return False
    if name.endswith((".", "?", "!")) and not _initial_end(name):
        return False
    return all(not w[0].islower() or w.lower() in _CONNECTORS for w in words)


def _initial_end(name: str) -> bool:
    """A name may end with an initial ("By Jane Q.") but not with a sentence."""
    return _INITIAL_END.search(name) is not None


def _place_like(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 4 or any(c.isdigit() for c in text) or ":" in text:
        return False
    return all(not w[0].islower() or w.lower() in _CONNECTORS for w in words)


def _dateline_from_story(article: Article, known: tuple[str, ...],
                         layout: Layout) -> str | None:
    for index in _early(article, ("standfirst", "meta", "body")):
        for seg in layout.segments(index):
            place = find_place(seg.text, known)
            if place:
                return place
    return None
