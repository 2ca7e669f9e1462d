"""Dateline credits at the start of a story: ``SEOUL (Reuters) -``, ``New Delhi, Aug 6 (PTI)``.

The shape is ``PLACE[, DATE] (AGENCY)`` followed by an em dash, en dash, hyphen, colon,
``.-``, a JSON-escaped ``\\u2014``, or nothing. Because ``Andhra Pradesh (AP)`` and
``Pakistan Tehreek-e-Insaf (PTI)`` have the same shape, a match is refused when:

* the parenthesis just spells out the initials of the words before it (an acronym
  expansion, not a credit);
* a place word starts with a lower-case letter (other than connectors such as ``de``,
  ``do``, ``am``), i.e. the text is a clause, not a place;
* nothing follows the parenthesis and there is neither a date nor an all-caps place
  (``Andhra Pradesh (AP) government…`` is prose; ``MUMBAI (Reuters) The…`` is a dateline);
* the credited name is unknown and the place is not in capitals with punctuation after.

Also recognised: an agency credit with no place, ``(Reuters) -``, and — for the dateline
field only — a bare all-caps place ``MUMBAI:`` / ``WASHINGTON —``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance.articles.detect.dates import MONTHS
from provenance.articles.detect.sources import is_known, split_sources

# Python's \w leaves out Devanagari vowel signs, so words in Hindi need the block itself.
_LETTER = r"(?:[^\W\d_]|[\u0900-\u0963\u0971-\u097F])"
_WORD = rf"{_LETTER}(?:{_LETTER}|[\d.'’-])*"
_PLACE = rf"(?P<place>{_WORD}(?: {_WORD}){{0,3}})"
# A state or country after the city: "HAYWARD, Calif.", "COLUMBIA, S.C.", "HANOI, Vietnam".
_REGION = (r"(?P<region>,\s*(?:[A-Z][a-z]{1,5}\.|(?:[A-Z]\.){2,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?"
           r"|[A-Z]{2,}(?: [A-Z]{2,})?))?")
_DATE = (rf"(?P<date>{_LETTER}{{3,10}}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
         rf"|\d{{1,2}}\.?\s+(?:de\s+)?{_LETTER}{{3,10}}\.?(?:\s+(?:de\s+)?\d{{4}})?"
         r"|\d{1,2})")  # Europa Press prints the day alone: "MADRID, 3 (EUROPA PRESS)"
_PUNCT = r"(?P<punct>\s*(?:\.-|\.?\s*[-—–―]+|:|\\u20(?:13|14)))?"
_CREDIT = re.compile(
    rf"^\s*(?P<where>{_PLACE}{_REGION})(?:\s*,\s*{_DATE})?"
    rf"\s*\(\s*(?P<agency>[^()]{{2,60}}?)\s*\){_PUNCT}")
_BARE_CREDIT = re.compile(r"^\s*\(\s*(?P<agency>[^()]{2,40}?)\s*\)"
                          r"(?P<punct>\s*(?:\.-|[-—–―]+|:|\\u20(?:13|14)))")
_CAPS_PLACE = re.compile(rf"^\s*(?P<where>{_PLACE}{_REGION})(?:\s*,\s*{_DATE})?"
                         r"\s*(?::|\s[-—–]\s?)")
_PLACE_END = re.compile(r":|\s[-—–]")  # what _CAPS_PLACE must find after the place
# All-caps words that open a line with a colon or dash but are labels, not places.
_NOT_PLACES = frozenset((
    "published", "updated", "posted", "breaking", "breaking news", "watch", "read", "exclusive",
    "dear", "update", "note", "editor's note", "editors note", "attention", "atenção",
    "atencion", "atención", "achtung", "photos", "photo", "video", "live", "opinion",
    "analysis", "advertisement", "correction", "file", "source", "sources", "warning",
    "disclaimer", "also read", "read more", "related", "listen", "summary", "tags", "share",
))
_CONNECTORS = frozenset(("de", "da", "do", "dos", "das", "del", "la", "el", "le", "les",
                         "am", "an", "der", "upon", "on", "sur", "en", "di", "al", "of"))


@dataclass(frozen=True, slots=True)
class DatelineCredit:
    """A dateline credit: the place as printed, the sources, and where the match ends."""

    text: str
    place: str | None
    sources: tuple[str, ...]
    end: int


def _place_ok(place: str) -> bool:
    words = place.split(" ")
    if not words[0][0].isupper() and words[0][0].isalpha() and words[0][0].islower():
        return False
    return all(w.lower() in _CONNECTORS or not w[0].islower() for w in words)


def _is_expansion(place: str, agency: str) -> bool:
    """``Andhra Pradesh (AP)``: the bracket is the initials of the words before it."""
    parts = [p for p in re.split(r"[\s-]+", place) if p and p[0].isupper()]
    letters = re.sub(r"[^A-Za-z]", "", agency).upper()
    for size in range(2, len(parts) + 1):
        if "".join(p[0] for p in parts[-size:]).upper() == letters:
            return True
    return False


def _date_ok(date: str | None) -> bool:
    if date is None or (date.isdigit() and 1 <= int(date) <= 31):
        return True
    return any(w.strip(".").lower() in MONTHS for w in date.split())


def find_credit(text: str, known: tuple[str, ...]) -> DatelineCredit | None:
    """The dateline credit that opens ``text``, if any."""
    if "(" not in text:  # both shapes credit the agency in brackets
        return None
    bare = _BARE_CREDIT.match(text)
    if bare and is_known(bare.group("agency"), known):
        sources = tuple(split_sources(bare.group("agency"), known))
        return DatelineCredit(bare.group(0).strip(), None, sources, bare.end())
    match = _CREDIT.match(text)
    if match is None or not _accept(match, text, known):
        return None
    sources = tuple(split_sources(match.group("agency"), known))
    return DatelineCredit(match.group(0).strip(), match.group("where"), sources, match.end())


def _accept(match: re.Match[str], text: str, known: tuple[str, ...]) -> bool:
    place, agency = match.group("place"), match.group("agency")
    date, punct = match.group("date"), match.group("punct")
    caps = place.upper() == place and any(c.isalpha() for c in place)
    if not _place_ok(place) or not _date_ok(date) or _is_expansion(place, agency):
        return False
    names = split_sources(agency, known)
    all_known = bool(names) and all(n in known for n in names)
    if not all_known and not (caps and punct):
        return False
    if punct:
        return True
    following = text[match.end():].lstrip()
    starts_sentence = not following or not following[0].islower()
    return starts_sentence and (date is not None or caps)


def find_place(text: str, known: tuple[str, ...]) -> str | None:
    """The dateline place that opens ``text``: from a credit, or an all-caps ``PLACE:``."""
    credit = find_credit(text, known)
    if credit is not None:
        return credit.place
    # The place ends at a colon or a spaced dash: without one there is nothing to match,
    # and the pattern's many ways to split words make a failed match costly.
    if ":" not in text and not (("-" in text or "—" in text or "–" in text)
                                and _PLACE_END.search(text) is not None):
        return None
    match = _CAPS_PLACE.match(text)
    if match is None:
        return None
    place = match.group("place")
    letters = [c for c in place if c.isalpha()]
    following = text[match.end():].lstrip()
    if len(letters) < 3 or place.upper() != place or not _date_ok(match.group("date")):
        return None
    words = place.lower().split()
    if any(" ".join(words[:n]) in _NOT_PLACES for n in range(1, len(words) + 1)):
        return None
    if not following or following[0].isdigit() or following[0].islower():
        return None
    return match.group("where")
