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

Also recognised: an agency credit with no place, ``(Reuters) -``; a syndicator's prefix
``(MENAFN- Example Times)`` (the known feed is credited); datelines in scripts without
case (Hindi, Urdu, Arabic, Bengali…), where the Arabic comma may follow the place and a
bracket after a dated dateline is the desk or agency even when it is not a known one
(``ঢাকা, ৫ আগস্ট (নিজস্ব প্রতিবেদক)``); the Chinese and Japanese wire forms
``新华社北京4月24日电`` and ``【6月18日 AFP】`` (known agencies only in the brackets, which
also hold staff bylines); an outlet's self-credit by web address after an all-caps place,
``JAKARTA, EXAMPLE.com -``; and — for the dateline field only — a bare all-caps place
``MUMBAI:`` / ``WASHINGTON —``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from provenance.articles.detect.dates import MONTHS
from provenance.articles.detect.sources import is_known, known_sources_in, split_sources

# Python's \w leaves out the vowel signs of Indic scripts (Devanagari to Malayalam: Hindi,
# Bengali, Gurmukhi, Gujarati, Tamil…) and Arabic's short vowels, so words in those
# scripts need the marks themselves (not the blocks' digits, at 0x66-0x6F of each).
_MARKS = r"[\u0900-\u0965\u0970-\u09E5\u09F0-\u0A65\u0A70-\u0AE5\u0AF0-\u0B65" \
         r"\u0B70-\u0BE5\u0BF0-\u0C65\u0C70-\u0CE5\u0CF0-\u0D65\u0D70-\u0D7F" \
         r"\u064B-\u065F\u0670\u06D6-\u06ED]"
_LETTER = rf"(?:[^\W\d_]|{_MARKS})"
_WORD = rf"{_LETTER}(?:{_LETTER}|[\d.'’-])*"
_PLACE = rf"(?P<place>{_WORD}(?: {_WORD}){{0,3}})"
# A state or country after the city: "HAYWARD, Calif.", "COLUMBIA, S.C.", "HANOI, Vietnam".
# "دمشق، سوريا": the Arabic comma, and a region in a script without capitals.
_CASELESS_WORD = rf"(?:(?![A-Za-z]){_LETTER})+"
_REGION = (r"(?P<region>[,،]\s*(?:[A-Z][a-z]{1,5}\.|(?:[A-Z]\.){2,3}"
           r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{2,}(?: [A-Z]{2,})?"
           rf"|{_CASELESS_WORD}(?: {_CASELESS_WORD})?))?")
_DATE = (rf"(?P<date>{_LETTER}{{3,10}}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
         rf"|\d{{1,2}}\.?\s+(?:de\s+)?{_LETTER}{{3,10}}\.?(?:\s+(?:de\s+)?\d{{4}})?"
         r"|\d{1,2})")  # Europa Press prints the day alone: "MADRID, 3 (EUROPA PRESS)"
_PUNCT = r"(?P<punct>\s*(?:\.-|\.?\s*[-—–―]+|:|\\u20(?:13|14)))?"
_CREDIT = re.compile(
    rf"^\s*(?P<where>{_PLACE}{_REGION})(?:\s*[,،]\s*{_DATE})?"
    rf"\s*\(\s*(?P<agency>[^()]{{2,60}}?)\s*\){_PUNCT}")
_BARE_CREDIT = re.compile(r"^\s*\(\s*(?P<agency>[^()]{2,40}?)\s*\)"
                          r"(?P<punct>\s*(?:\.-|[-—–―]+|:|\\u20(?:13|14)))")
# Wire credits in Chinese and Japanese, which put no space or bracket before the place:
# "新华社北京4月24日电" (agency, place, date, "wired") and "【6月18日 AFP】" (a date and the
# agency in lenticular brackets; a place and a name there, "【ソウル＝…】", is a staff byline).
_CJK_CREDIT = re.compile(
    r"^\s*(?:(?P<agency>[\u4e00-\u9fff]{1,4}社)(?P<place>[\u4e00-\u9fff]{1,8}?)"
    r"\d{1,2}月\d{1,2}日(?:电|電|讯|訊)"
    r"|【\s*(?:\d{1,2}月\d{1,2}日\s*)?(?P<wire>[^【】＝=\s]{2,10})\s*】)")
# A syndicator's prefix opening the body: "(MENAFN- Example Times)", the feed, a dash or
# colon, and the outlet it took the story from. The feed must be known.
_SYNDICATED = re.compile(r"^\s*\(\s*(?P<agency>[^()\-–—:]{2,30}?)\s*[-–—:]\s*"
                         r"(?P<outlet>[^()]{2,60}?)\s*\)")
# Datelines that put the known agency between slashes or after a dash, as Russian,
# Ukrainian and Romanian wires do: "МОСКВА, 3 декабря. /ТАСС/.", "BUCUREŞTI, 3 dec
# /Agerpres/ -", "КИЇВ, 3 грудня — Укрінформ.". The place is in capitals and a day is given.
_SLASH_CREDIT = re.compile(
    rf"^\s*(?P<where>{_PLACE}),\s*(?P<date>\d{{1,2}}\.?(?:\s+{_LETTER}{{3,10}}\.?)?"
    rf"(?:\s+\d{{4}})?)\.?\s*(?:/\s*(?P<agency>[^/\n]{{2,30}}?)\s*/\.?"
    rf"|[—–-]\s*(?P<dashed>[^.\n]{{2,30}}?)\.(?=\s|$)){_PUNCT}")
# "(서울=연합뉴스)": the place and the agency in one bracket (Korean wires).
_PLACE_EQUALS = re.compile(r"^\s*[(（]\s*(?P<place>[^()（）=＝]{1,15})[=＝]\s*"
                           r"(?P<agency>[^()（）]{2,20}?)\s*[)）]")
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


_WORD_BREAK = re.compile(r"[\s-]+")
_NOT_LATIN = re.compile(r"[^A-Za-z]")


def _is_expansion(place: str, agency: str) -> bool:
    """``Andhra Pradesh (AP)``: the bracket is the initials of the words before it."""
    parts = [p for p in _WORD_BREAK.split(place) if p and p[0].isupper()]
    letters = _NOT_LATIN.sub("", agency).upper()
    for size in range(2, len(parts) + 1):
        if "".join(p[0] for p in parts[-size:]).upper() == letters:
            return True
    return False


def _date_ok(date: str | None) -> bool:
    if date is None or (date.isdigit() and 1 <= int(date) <= 31):
        return True
    if _caseless(date):  # "৫ আগস্ট": month names in scripts MONTHS does not list
        return True
    return any(w.strip(".").lower() in MONTHS for w in date.split())


def _caseless(text: str) -> bool:
    """Whether ``text`` has letters and all of them are of a script without case."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(c.isupper() or c.islower() for c in letters)


def find_credit(text: str, known: tuple[str, ...]) -> DatelineCredit | None:
    """The dateline credit that opens ``text``, if any."""
    if "(" not in text:  # the Latin shapes but one credit the agency in brackets
        # Not kept: most lines have no bracket, and are read faster than looked up (the
        # cache's key holds every known source, hashed on each call).
        return _unbracketed(text, known)
    return _bracketed(text, known)


# The attribution detector and then the dateline field (:func:`find_place`) read the first
# lines of the same story: the few lines last read are kept, so the second reading of the
# dateline is a look-up (a small cache: the lines of one article, not of a whole site).
@lru_cache(maxsize=32)
def _bracketed(text: str, known: tuple[str, ...]) -> DatelineCredit | None:
    """:func:`find_credit` of a line with a bracket."""
    if "=" in text[:40] or "＝" in text[:40]:
        equals = _known_credit(_PLACE_EQUALS.match(text), known)
        if equals is not None:
            return equals
    bare = _BARE_CREDIT.match(text)
    if bare and is_known(bare.group("agency"), known):
        sources = tuple(split_sources(bare.group("agency"), known))
        return DatelineCredit(bare.group(0).strip(), None, sources, bare.end())
    syndicated = _SYNDICATED.match(text) if text.lstrip()[:1] == "(" else None
    if syndicated and is_known(syndicated.group("agency"), known):
        sources = tuple(split_sources(syndicated.group("agency"), known))
        return DatelineCredit(syndicated.group(0).strip(), None, sources, syndicated.end())
    match = _CREDIT.match(text)
    if match is None or not _accept(match, text, known):
        return _unbracketed(text, known)
    sources = tuple(split_sources(match.group("agency"), known))
    return DatelineCredit(match.group(0).strip(), match.group("where"), sources, match.end())


# An outlet crediting itself by its web address after an all-caps place:
# "SURABAYA, EXAMPLE.com -". The address ends in a dot and two to six letters.
_SITE_CREDIT = re.compile(r"^\s*(?P<place>[A-Z][A-Z .'’-]{2,30}),\s*"
                          r"(?P<agency>[A-Za-z0-9][\w-]{1,30}(?:\.[a-z]{2,6}){1,2})"
                          r"(?P<punct>\s*(?:[-—–―]+|:))\s")


def _unbracketed(text: str, known: tuple[str, ...]) -> DatelineCredit | None:
    """The credits without a bracket around the agency (CJK wire forms, web addresses)."""
    head = text[:60]
    if "日" in head or "【" in head:
        return _cjk_credit(text, known)
    if "," in head and ("/" in head or "—" in head or "–" in head or " -" in head):
        slashed = _slash_credit(text, known)
        if slashed is not None:
            return slashed
    return _site_credit(text) if "," in head and "." in head else None


def _slash_credit(text: str, known: tuple[str, ...]) -> DatelineCredit | None:
    match = _SLASH_CREDIT.match(text)
    if match is None or match.group("place").upper() != match.group("place"):
        return None
    return _known_credit(match, known, match.group("agency") or match.group("dashed"),
                         "where")


def _known_credit(match: re.Match[str] | None, known: tuple[str, ...],
                  agency: str | None = None, place: str = "place") -> DatelineCredit | None:
    """The credit ``match`` found, when the agency it names (its ``agency`` group unless
    given) is known; its place is the ``place`` group."""
    if match is None:
        return None
    names = known_sources_in(match.group("agency") if agency is None else agency, known)
    if not names:
        return None
    return DatelineCredit(match.group(0).strip(), match.group(place), tuple(names),
                          match.end())


def _site_credit(text: str) -> DatelineCredit | None:
    match = _SITE_CREDIT.match(text)
    if match is None:
        return None
    place = match.group("place").strip()
    return DatelineCredit(match.group(0).strip(), place, (match.group("agency"),),
                          match.end("punct"))


def _cjk_credit(text: str, known: tuple[str, ...]) -> DatelineCredit | None:
    match = _CJK_CREDIT.match(text)
    if match is None:
        return None
    wire = match.group("wire")
    if wire is not None:  # only a known agency: 【…】 also holds bylines
        names = known_sources_in(wire, known)
        place = None
        if not names:
            # "【ワシントン時事】": a place, then the agency's name in the local script.
            place, names = _place_then_agency(wire, known)
            if not names:
                return None
        return DatelineCredit(match.group(0).strip(), place, tuple(names), match.end())
    sources = tuple(split_sources(match.group("agency"), known))
    return DatelineCredit(match.group(0).strip(), match.group("place"), sources, match.end())


def _place_then_agency(wire: str, known: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """``ワシントン時事`` -> (``ワシントン``, ``["Jiji"]``): a known agency ending the text."""
    for cut in range(1, len(wire) - 1):
        if not "\u3040" <= wire[cut] <= "\u9fff":  # kana and CJK ideographs only
            continue
        names = known_sources_in(wire[cut:], known)
        if names:
            return wire[:cut], names
    return None, []


def _accept(match: re.Match[str], text: str, known: tuple[str, ...]) -> bool:
    place, agency = match.group("place"), match.group("agency")
    date, punct = match.group("date"), match.group("punct")
    caps = place.upper() == place and any(c.isalpha() for c in place)
    if not _place_ok(place) or not _date_ok(date) or _is_expansion(place, agency):
        return False
    names = split_sources(agency, known)
    all_known = bool(names) and all(n in known for n in names)
    # After a dated dateline in a script without case ("ঢাকা, ৫ আগস্ট (নিজস্ব প্রতিবেদক)")
    # the bracket is the desk or agency even with nothing after it.
    local = date is not None and _caseless(place)
    if not all_known and not (caps and punct) and not local:
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
