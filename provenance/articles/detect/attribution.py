"""Attributions: where the article's text came from (``Attribution(text, source, line, zone)``).

Recognised, in every zone but ``caption`` (boilerplate ones are kept with zone
``boilerplate`` so ATR002 can tell "only in boilerplate"):

* **closing lines** at the end of a segment — ``(With inputs from agencies.)``,
  ``( With inputs from ANI )``, ``With inputs from PTI``, ``(With agency inputs)``,
  ``(Reporting by …; Editing by …)`` (Reuters house style -> ``Reuters``), ``Fonte: …``,
  ``Source: …``, ``(Con información de agencias)``, ``(Mit Material von dpa)``,
  ``(Avec AFP)``, ``Com informações da Reuters``, ``(एजेंसी इनपुट के साथ)``, an ``(AGENCY)``
  standing alone or after the last sentence, syndicated-feed notes;
* **dateline credits** at the start of a segment (:mod:`.datelines`);
* **agency bylines** — ``By ANI``, ``By AGENCY | Updated: …``, ``By Jane Doe, Reuters``,
  a byline that is only ``AP`` or ``· Bloomberg``, ``© Provided by The Canadian Press``;
* **syndication headline suffixes** — ``… – Reuters``, ``… | AFP`` (headline zone only);
* the reader's ``byline`` field and ``attribution_hints`` (ninjs ``copyrightholder``,
  JSON-LD ``sourceOrganization``…) when they name a **known** source not already credited
  outside boilerplate; ``line`` is then ``None`` and ``zone`` ``meta``. Unknown names are
  not taken from these fields: a JSON-LD ``publisher`` is usually the outlet itself, and
  crediting it would silence ATR001 on every page that has JSON-LD.

Not attributions: an agency named in prose (nothing is matched mid-sentence), a photo
credit (captions are skipped; an agency-only line next to an image is a photo credit), a
section label (``World News Summary`` is not an agency name), an acronym expansion
(``Andhra Pradesh (AP)``), anything inside a quotation.

Several agencies in one credit give **one Attribution per agency**, same text/line/zone.
``text`` is the credit as printed (the closing line, ``SEOUL (Reuters) -``, ``By ANI``, or
the whole headline for a suffix).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from provenance.articles.detect.datelines import find_credit
from provenance.articles.detect.lexicon import LazyPattern
from provenance.articles.detect.segments import (
    image_neighbours,
    inside,
    iter_segments,
    quoted_spans,
)
from provenance.articles.detect.settings import DetectSettings
from provenance.articles.detect.sources import (
    clean,
    could_name_source,
    normalise,
    split_sources,
)
from provenance.model import ZONES, Article, Attribution


@dataclass(frozen=True, slots=True)
class _Closing:
    """One closing-line form: an end-anchored regex with a ``src`` group or a fixed source."""

    pattern: LazyPattern  # most lines never reach most forms: compiled on first use
    source: str | None = None
    need_known: bool = False  # every name must be a known source (ambiguous forms)
    # What the credit itself must contain, matched against ``fold(text)``: a line without
    # it skips the costly pattern. ``None``: no pre-check (the user's phrases).
    hint: re.Pattern[str] | None = None
    where: str = "tail"  # a key of _LEADS: where the credit may start (see _find)


_SRC = r"(?P<src>[^()\n]{2,80}?)"
_END = r"\s*\.?\s*"
# Where a closing form may start: anywhere (``glued``: so distinctive it may end any text,
# even mid-sentence), after the last sentence of a paragraph (``tail``), or only as the
# whole line.
# What ends a sentence, before a "tail" form (see _tail_starts).
_SENTENCE_END = r"[.!?\"”’)\]]"
_LEADS = {"glued": r"", "tail": rf"(?:^[—–·•*-]*|(?<={_SENTENCE_END}))\s*",
          "line": r"^[\s—–·•*-]*"}
_MAX_CLOSING = 500  # closing credits are short: only the end of a long line is searched
# Every built-in closing form ends the line with a bracket or a dash and a few words, or
# contains one of the keywords below; lines with none skip the search. Each is tested on
# its own behind a cheaper necessary condition (a line without a bracket or dash never
# tries the end patterns, and the keywords are first looked for without their leading
# \b, which lets re skip to candidate letters); matched against ``fold(text)``, like the
# hints (so lower-case and no re.IGNORECASE). tests/detect/test_prechecks.py compares
# them with the single pattern they stand for.
_PAREN_END = re.compile(r"\)\W*$")
_DASH_END = re.compile(r"[—–-]\s*[\w ]{2,40}\W*$")
_KEYWORDS = (r"i(?:nputs?|nforma\w+)|r(?:eporting)|w(?:riting)|s(?:ources?|yndicated)|"
             r"f(?:ontes?|uentes?)|q(?:uellen?)|m(?:aterial)|a(?:gentur\w*|vec)|c(?:om)|"
             r"p(?:rovided)")
_KEYWORD_END = re.compile(rf"(?:{_KEYWORDS})\b")
_KEYWORD = re.compile(rf"\b(?:{_KEYWORDS})\b")
# re.IGNORECASE folds case character by character inside the engine, which made these
# pre-checks the detectors' hottest loop. They run without it on ``fold(text)``, where
# plain matching of their lower-case patterns is case-insensitive matching of ``text``:
# lower() maps each character as re does, but for three that re also reads as "i" or "s"
# (tests/detect/test_prechecks.py checks every code point).
_RE_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def fold(text: str) -> str:
    """``text`` lower-cased as re.IGNORECASE compares it, one character for one."""
    low = text.lower()
    # "İ".lower() is "i" and U+0307, two characters: mapped first, offsets hold.
    if "ı" in low or "ſ" in low or "\u0307" in low:
        return text.translate(_RE_FOLDS).lower()
    return low


def _c(hint: str, body: str, source: str | None = None, need_known: bool = False,
       where: str = "tail") -> _Closing:
    full = _LEADS[where] + "(?P<m>" + body + r")\s*\.?\s*$"
    pattern = re.compile(hint) if hint else None
    return _Closing(LazyPattern(full, re.IGNORECASE), source, need_known, pattern, where)


# Each form: the text it must contain (its cheap pre-check), then the pattern.
_CLOSINGS: tuple[_Closing, ...] = (
    _c("input", rf"\(\s*with\s+(?:additional\s+)?inputs?\s+from\s+{_SRC}{_END}\)",
       where="glued"),
    _c("input", rf"with\s+(?:additional\s+)?inputs?\s+from\s+{_SRC}"),
    _c("input", r"\(\s*with\s+(?:agency|agencies'?|wire)\s+inputs?\s*\.?\s*\)", "agencies",
       where="glued"),
    _c("input", r"with\s+(?:agency|agencies'?|wire)\s+inputs?", "agencies"),
    _c("input", rf"\(\s*inputs?\s*(?:from|:|-)\s*{_SRC}{_END}\)"),
    _c("input", rf"inputs?\s*(?:from|:|-)\s*{_SRC}", where="line"),
    _c("[—–-]", rf"[—–-]{{1,2}}\s*{_SRC}", need_known=True),  # "...next week. — AFP"
    _c("reporting|writing",
       r"\(\s*(?:additional\s+)?(?:reporting|writing)\s+by\b[^()]{2,400}\)", "Reuters",
       where="glued"),
    _c("reporting",
       r"(?:additional\s+)?reporting\s+by\b[^()]{2,300};\s*(?:writing|editing)\s+by\b[^()]*",
       "Reuters", where="line"),
    _c(":", rf"(?:sources?|fontes?|fuentes?|quellen?|स्रोत)\s*:\s*{_SRC}", where="line"),
    _c("informaci", rf"\(?\s*con\s+informaci[oó]n(?:es)?\s+de\s+{_SRC}{_END}\)?"),
    _c("agentur", r"\(?\s*mit\s+(?:agenturmaterial|agenturen)\s*\)?", "agencies"),
    _c("material", rf"\(?\s*mit\s+material\s+(?:von|der|des)\s+{_SRC}{_END}\)?"),
    _c("avec", rf"\(?\s*avec\s+{_SRC}{_END}\)?", need_known=True),
    _c("informa", rf"\(?\s*com\s+informa[cç][oõ]es\s+(?:d[aeo]s?\s+)?{_SRC}{_END}\)?"),
    _c("com", rf"\(?\s*com\s+{_SRC}{_END}\)?", need_known=True),
    _c("इनपुट", rf"\(?\s*इनपुट\s*[:\-–]\s*{_SRC}\s*\)?"),
    _c("इनपुट", r"\(?\s*(?P<src>[^()\n]{2,30}?)\s+(?:के\s+)?इनपुट\s+के\s+साथ\s*\)?"),
    _c("syndicated", r"\(?[^()\n]*?\bsyndicated\s+feed\b[^()\n]*\)?", "syndicated feed"),
    _c("provided", rf"(?:©\s*)?provided\s+by\s+{_SRC}", where="line"),
    _c(r"\)", rf"\(\s*{_SRC}\s*\)", need_known=True),
)
_DATE_TAIL = (r"(?:\s*[|·•–—-]\s*(?:updated|published|last\s+updated|posted|actualizado|"
              r"aktualisiert|publicado|atualizado|mis\s+à\s+jour|publié|अपडेटेड|\d).*)?")
_BY = re.compile(rf"^\s*(?:by|por|von|par|द्वारा)\s+(?P<name>[^|\n]{{2,80}}?){_DATE_TAIL}$",
                 re.IGNORECASE)
_BY_FIRST = frozenset("bBpPvVद")
_ALONE = re.compile(rf"^[\s·•|—–-]*(?!\()(?P<name>[^|\n·•]{{2,40}}?){_DATE_TAIL}$", re.IGNORECASE)
# Without one of these, _ALONE can only match a line of at most 40 characters (and a final
# line break) after its leading spaces: its date tail starts with one of them.
_SEPARATORS = re.compile(r"[|·•–—-]")
_NAME_TAIL = re.compile(r"(?:,|\||\s[-–—]\s|\sfor\s)\s*(?P<src>[^,|]{2,40}?)\s*$")
# "AP National Political Writer", "Reuters Staff": the agency with a job title after it.
_ROLE = re.compile(r"(?:\s+[A-Z][a-z]+)*\s+(?:Writer|Correspondent|Reporter|Staff|Editor)$")
_SUFFIX = re.compile(r"\s(?:[-–—|]|\\u201[34])\s*(?P<src>[^-–—|]{2,40}?)\s*$")


def find_attributions(article: Article, settings: DetectSettings) -> list[Attribution]:
    """Every attribution in ``article``, in reading order, then field-derived ones.

    Site boilerplate is read only when the article itself credits no source: its credits
    matter then (ATR002 reports them), and not otherwise; skipping it when they cannot
    matter halves the work on real web pages, whose sidebars and footers are most of
    their blocks.
    """
    near = image_neighbours(article)
    found = _scan(article, settings, near, ("caption", "boilerplate"))
    found.extend(_from_fields(article, settings, found))
    if not any(a.zone != "boilerplate" for a in found):
        others = tuple(z for z in ZONES if z != "boilerplate")
        found = _scan(article, settings, near, others) + found
    return _dedupe(found)


# A credit found in a line: (offset in the line, credit text, sources).
_Credit = tuple[int, str, tuple[str, ...]]
# Lines up to this long are remembered with their credits (see _credits_of).
_MAX_REMEMBERED = 300
_REMEMBERED = 20_000


def _scan(article: Article, settings: DetectSettings, near: dict[int, Any],
          skip: tuple[str, ...]) -> list[Attribution]:
    found: list[Attribution] = []
    memo = _memo(settings.known_sources, settings.extra_attribution_phrases)
    for seg in iter_segments(article, skip_zones=skip):
        text, zone = seg.text, seg.block.zone
        key = (text, zone == "headline", seg.index in near)
        credits = memo.get(key) if len(text) <= _MAX_REMEMBERED else None
        if credits is None:
            credits = _credits_of(text, key[1], key[2], settings)
            if len(text) <= _MAX_REMEMBERED:
                if len(memo) >= _REMEMBERED:
                    memo.clear()
                memo[key] = credits
        for offset, credit, sources in credits:
            line = seg.line_at(offset)
            found.extend(Attribution(credit, source, line, zone) for source in sources)
    return found


@lru_cache(maxsize=8)
def _memo(known: tuple[str, ...],
          extra: tuple[str, ...]) -> dict[tuple[str, bool, bool], tuple[_Credit, ...]]:
    """Credits of short lines already read, for one policy's sources and phrases.

    Menus, share bars and footers repeat the same short lines on every page of a site;
    what a line credits depends only on its text, on whether it is a headline and on
    whether it stands next to an image (see :func:`_credits_of`).
    """
    return {}


def _credits_of(text: str, headline: bool, by_image: bool,
                settings: DetectSettings) -> tuple[_Credit, ...]:
    """The credits in one line: a headline's suffix; else a dateline credit, an agency
    byline and a closing credit."""
    if headline:
        return ((0, text.strip(), tuple(_suffix(text, settings))),)
    known = settings.known_sources
    out: list[_Credit] = []
    credit = find_credit(text, known)
    if credit is not None:
        out.append((0, credit.text, credit.sources))
    byline = _byline(text, known, by_image)
    if byline is not None:
        out.append((0, byline[0], tuple(byline[1])))
    closing = _closing(text, settings)
    if closing is not None:
        out.append((closing[0], closing[1], tuple(closing[2])))
    return tuple(out)


def _closing(text: str, settings: DetectSettings) -> tuple[int, str, list[str]] | None:
    """``(offset, text, sources)`` of a closing credit ending ``text``."""
    # search(text, pos) keeps "^" at the real start of the line, unlike slicing.
    cut = max(0, len(text) - _MAX_CLOSING)
    extra = _extra_closings(settings.extra_attribution_phrases)
    folded = fold(text)
    forms = (*extra, *_CLOSINGS) if _maybe_closing(folded, cut) else extra
    seen: dict[re.Pattern[str], bool] = {}  # hint -> found, each looked for at most once
    starts: list[int] | None = None  # where a "tail" form may start, worked out on first need
    for form in forms:
        if form.hint is not None and not _has(seen, form.hint, folded, cut):
            continue
        if form.where == "tail" and starts is None:
            starts = _tail_starts(text, cut)
        match = _find(form, text, cut, starts or [])
        if match is None or inside(quoted_spans(text), match.start("m"), match.end("m")):
            continue
        sources = _sources(match, form, settings.known_sources)
        if sources:
            return match.start("m"), match.group("m").strip(), sources
    return None


def _find(form: _Closing, text: str, cut: int, starts: list[int]) -> re.Match[str] | None:
    """``form.pattern.search(text, cut)``, trying only the positions where it can start.

    A "line" form starts with ``^``, which matches at the real start of the text only; a
    "tail" form starts at the text's start or right after a sentence end (its lead's
    look-behind). Searching instead tries the pattern at every one of up to 500 positions.
    Trying the possible starts in order finds the same, leftmost, match
    (tests/detect/test_prechecks.py compares the two).
    """
    if form.where == "line":
        return form.pattern.match(text) if cut == 0 else None
    if form.where == "tail":
        for start in starts:
            match = form.pattern.match(text, start)
            if match is not None:
                return match
        return None
    return form.pattern.search(text, cut)


_SENTENCE_END_RE = re.compile(_SENTENCE_END)


def _tail_starts(text: str, cut: int) -> list[int]:
    """Every position at or after ``cut`` where a "tail" form's lead can match, in order."""
    starts = [0] if cut == 0 else []
    starts.extend(m.end() for m in _SENTENCE_END_RE.finditer(text, max(cut - 1, 0)))
    return starts


def _maybe_closing(folded: str, cut: int) -> bool:
    """Could a built-in closing form match ``folded`` (the folded line) after ``cut``?"""
    if folded.find(")", cut) >= 0 and _PAREN_END.search(folded, cut):
        return True
    if (folded.find("-", cut) >= 0 or folded.find("—", cut) >= 0
            or folded.find("–", cut) >= 0) and _DASH_END.search(folded, cut):
        return True
    if _KEYWORD_END.search(folded, cut) and _KEYWORD.search(folded, cut):
        return True
    return folded.find("इनपुट", cut) >= 0 or folded.find("स्रोत", cut) >= 0


def _has(seen: dict[re.Pattern[str], bool], hint: re.Pattern[str], text: str,
         cut: int) -> bool:
    # A hint lies inside the credit, which starts at or after ``cut``.
    if hint not in seen:
        seen[hint] = hint.search(text, cut) is not None
    return seen[hint]


@lru_cache(maxsize=32)
def _extra_closings(phrases: tuple[str, ...]) -> tuple[_Closing, ...]:
    return tuple(_c("", rf"\(?\s*{re.escape(p)}\s*:?\s*{_SRC}{_END}\)?", where="line")
                 for p in phrases)


def _sources(match: re.Match[str], form: _Closing, known: tuple[str, ...]) -> list[str]:
    if form.source is not None:
        return [form.source]
    names = split_sources(match.group("src"), known)
    if form.need_known and not all(n in known for n in names):
        return []
    return names


def _byline(text: str, known: tuple[str, ...], by_image: bool) -> tuple[str, list[str]] | None:
    """``(credit text, sources)`` for an agency byline segment."""
    if len(text) > 160:
        return None
    # _BY can only match a line whose first word starts with one of _BY_FIRST.
    by = _BY.match(text) if text.lstrip()[:1] in _BY_FIRST else None
    if by is not None:
        name = by.group("name")
        names = split_sources(name, known)
        if names and all(n in known for n in names):
            return clean(text[:by.end("name")]), names
        tail = _NAME_TAIL.search(name)
        agency = normalise(_ROLE.sub("", tail.group("src")), known) if tail else ""
        return (clean(text[:by.end("name")]), [agency]) if agency in known else None
    if by_image or not _may_stand_alone(text):  # next to an image: its photo credit
        return None
    alone = _ALONE.match(text)
    if alone is None:
        return None
    if not could_name_source(alone.group("name"), known):
        return None
    names = split_sources(alone.group("name"), known)
    if names and all(n in known for n in names):
        return clean(alone.group("name")), names
    return None


def _may_stand_alone(text: str) -> bool:
    """Cheap pre-check: could ``_ALONE`` match ``text``? (Its pattern costs far more.)"""
    return len(text.lstrip()) <= 41 or _SEPARATORS.search(text) is not None


def _suffix(headline: str, settings: DetectSettings) -> list[str]:
    match = _SUFFIX.search(headline)
    if match is None:
        return []
    names = split_sources(match.group("src"), settings.known_sources)
    return names if names and all(n in settings.known_sources for n in names) else []


def _from_fields(article: Article, settings: DetectSettings,
                 found: list[Attribution]) -> Iterator[Attribution]:
    """Credits from the headline/byline fields and structured hints not already in text."""
    # A credit only in the page furniture does not make the structured one redundant.
    seen = {a.source for a in found if a.zone != "boilerplate"}
    if article.headline and not any(b.zone == "headline" for b in article.blocks):
        for source in _suffix(article.headline, settings):
            seen.add(source)
            yield Attribution(article.headline, source, None, "headline")
    candidates = [article.byline] if article.byline else []
    for raw in [*candidates, *article.attribution_hints]:
        for source in _field_sources(raw, settings):
            if source not in seen:
                seen.add(source)
                yield Attribution(raw, source, None, "meta")


def _field_sources(raw: str, settings: DetectSettings) -> list[str]:
    byline = _byline(raw, settings.known_sources, by_image=False)
    if byline is not None:
        return byline[1]
    closing = _closing(raw, settings)
    return closing[2] if closing is not None else []


def _dedupe(items: list[Attribution]) -> list[Attribution]:
    seen: set[tuple[str, str, int | None, str]] = set()
    out: list[Attribution] = []
    for item in items:
        key = (item.text, item.source, item.line, item.zone)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
