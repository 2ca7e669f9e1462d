"""Parsing printed timestamps into ISO 8601 (``2025-12-27T03:05:00+05:30``).

Accepted forms (English, Spanish, Portuguese, French, German and Hindi month names):

* ISO 8601 / RFC 3339 as in JSON-LD ``datePublished`` and ninjs ``firstcreated``:
  ``2025-12-27T03:05:00+05:30``, ``…Z``, ``…+0530``, fractions (dropped), date only.
* year first with a zone abbreviation or slashes: ``2025-12-27T03:05 IST``,
  ``2025/12/27 03:05``; RFC 2822 (RSS): ``Sat, 27 Dec 2025 03:05:00 +0530``.
* day first with a separator: ``27-12-2025 03:05 IST``, ``27.12.2025, 03:05 Uhr``,
  ``27/12/2025`` (``/`` is read month first only when the day-first reading is impossible,
  e.g. ``12/27/2025``).
* month names: ``Dec 27, 2025 03:05 IST``, ``Saturday, December 27, 2025, 3:05 AM EST``,
  ``27 Dec 2025 03:05 GMT``, ``27 de diciembre de 2025, 03h05``, ``27. Dezember 2025``.
* offsets written after the time: ``UTC+5:30``, ``GMT+05:30``, ``+0530``, or a zone
  abbreviation looked up in ``tz_table`` (``(IST)`` in brackets too).

Output is ``YYYY-MM-DDTHH:MM:SS±HH:MM`` with seconds. Two deliberate exceptions:

* a value with a time but **no zone at all** keeps no offset (``2025-12-27T03:05:00``):
  inventing one would be a lie, and MET002 compares such values as wall-clock times;
* a **date only** stays a date (``2025-12-27``).

A zone abbreviation missing from the table, an impossible date, or any other text gives
``None``; the caller keeps the raw text so MET002 can report it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

MONTHS: Mapping[str, int] = {
    **dict.fromkeys(("jan", "january", "janeiro", "enero", "ene", "janvier", "janv",
                     "januar", "jänner", "जनवरी"), 1),
    **dict.fromkeys(("feb", "february", "fev", "fevereiro", "febrero", "février", "févr",
                     "fevr", "februar", "फरवरी", "फ़रवरी"), 2),
    **dict.fromkeys(("mar", "march", "março", "marco", "marzo", "mars", "märz", "mär",
                     "मार्च"), 3),
    **dict.fromkeys(("apr", "april", "abr", "abril", "avril", "avr", "अप्रैल"), 4),
    **dict.fromkeys(("may", "mayo", "mai", "maio", "मई"), 5),
    **dict.fromkeys(("jun", "june", "junio", "junho", "juin", "juni", "जून"), 6),
    **dict.fromkeys(("jul", "july", "julio", "julho", "juillet", "juil", "juli", "जुलाई"),
                    7),
    **dict.fromkeys(("aug", "august", "agosto", "ago", "août", "aout", "अगस्त"), 8),
    **dict.fromkeys(("sep", "sept", "september", "septiembre", "setiembre", "set",
                     "setembro", "septembre", "सितंबर", "सितम्बर"), 9),
    **dict.fromkeys(("oct", "october", "octubre", "out", "outubro", "octobre", "okt",
                     "oktober", "अक्टूबर", "अक्तूबर"), 10),
    **dict.fromkeys(("nov", "november", "noviembre", "novembro", "novembre", "नवंबर",
                     "नवम्बर"), 11),
    **dict.fromkeys(("dec", "december", "diciembre", "dic", "dez", "dezembro", "décembre",
                     "déc", "dezember", "दिसंबर", "दिसम्बर"), 12),
}

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?$", re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,2})([-./])(\d{1,2})\2(\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})([-./])(\d{1,2})\2(\d{1,2})T?$")
_TIME = re.compile(
    r"(?<![\d:./-])(\d{1,2})(?:[:h.](\d{2}))(?::(\d{2}))?(?![.:/-]?\d)"
    r"\s*(a\.?\s?m\.?|p\.?\s?m\.?)?"
    r"|(?<![\d:])(\d{1,2})\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?!\w)", re.IGNORECASE)
_OFFSET = re.compile(r"(?:\b(?:UTC|GMT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?\b", re.IGNORECASE)
_GMT_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)
_FILLER = re.compile(
    r"\b(?:de|del|at|às|as|a\s+las|à|um|uhr|le|on|the|o|el|um|à|h(?=\s|$))\b|[,()\[\]|]",
    re.IGNORECASE)
_WEEKDAY = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\b\.?"
    r"|\b(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|segunda|terça|quarta"
    r"|quinta|sexta|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag"
    r"|mittwoch|donnerstag|freitag|samstag|sonntag)(?:-feira)?\b", re.IGNORECASE)


# Pages print a handful of offsets ("+05:30", "+00:00", "IST"), and building the same
# timezone object again for every timestamp cost more than reading the timestamp: both
# lookups are kept (a timezone is immutable, so one object serves every value).
@lru_cache(maxsize=256)
def _offset(sign: str, hours: str, minutes: str | None) -> timezone | None:
    h, m = int(hours), int(minutes or 0)
    if h > 14 or m > 59:
        return None
    delta = timedelta(hours=h, minutes=m)
    return timezone(-delta if sign == "-" else delta)


_TABLE_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")


@lru_cache(maxsize=256)
def _table_offset(value: str) -> timezone | None:
    match = _TABLE_OFFSET.fullmatch(value.strip())
    return _offset(*match.groups()) if match else None


def _emit(date: tuple[int, int, int], time: tuple[int, int, int] | None,
          tz: timezone | None) -> str | None:
    try:
        if time is None:
            return datetime(*date).date().isoformat()
        value = datetime(*date, *time, tzinfo=tz)
    except ValueError:
        return None
    return value.isoformat(timespec="seconds")


def parse_datetime(raw: str, tz_table: Mapping[str, str]) -> str | None:
    """ISO 8601 for a printed timestamp, or ``None`` if it cannot be read safely.

    See the module docstring for the forms read and the no-offset/date-only choices.
    """
    text = raw.strip().replace("\u202f", " ").replace("\u00a0", " ")
    if not text:
        return None
    iso = _parse_iso(text)
    if iso is not None:
        return iso
    return _parse_printed(text, tz_table)


# A feed gives its ISO timestamps twice as often as it gives distinct ones (ninjs
# ``firstcreated`` and ``versioncreated``, JSON-LD ``datePublished`` and ``dateModified``
# are mostly equal): the reading depends on the text alone, so the last few are kept.
@lru_cache(maxsize=256)
def _parse_iso(text: str) -> str | None:
    match = _ISO.match(text)
    if not match:
        return None
    y, mo, d, hh, mm, ss, zone = match.groups()
    date = (int(y), int(mo), int(d))
    if hh is None:
        return _emit(date, None, None) if zone is None else None
    tz: timezone | None = None
    if zone:
        if zone.upper() == "Z":
            tz = UTC
        else:
            tz = _table_offset(zone if len(zone) > 3 else zone + "00")
            if tz is None:
                return None
    return _emit(date, (int(hh), int(mm), int(ss or 0)), tz)


def _parse_printed(text: str, tz_table: Mapping[str, str]) -> str | None:
    rest, tz, zone_ok = _take_zone(text, tz_table)
    if not zone_ok:
        return None
    rest, time = _take_time(rest)
    if time == (-1, -1, -1):
        return None
    date = _read_date(rest)
    if date is None:
        return None
    if time is None and tz is not None:
        time = (0, 0, 0)  # "27 Dec 2025 IST" is unusual; midnight in that zone is honest
    return _emit(date, time, tz)


_ZONE_WORD = re.compile(r"\(?\b([A-Z]{2,5})\b\)?")
_TRAILING_OFFSET = re.compile(r"(?<=\d)\s*([+-])(\d{2}):?(\d{2})\s*$")


def _take_zone(text: str, tz_table: Mapping[str, str]) -> tuple[str, timezone | None, bool]:
    """Remove the zone from ``text``; ``ok`` is False for an unknown abbreviation."""
    match = _GMT_OFFSET.search(text)
    if match:
        tz = _offset(*match.groups())
        return text[:match.start()] + text[match.end():], tz, tz is not None
    table = {k.upper(): v for k, v in tz_table.items()}
    for word in _ZONE_WORD.finditer(text):
        name = word.group(1)
        if name in table:
            tz = _table_offset(table[name])
            return text[:word.start()] + text[word.end():], tz, tz is not None
        if name.lower() not in MONTHS and name not in ("AM", "PM"):
            return text, None, False
    match = _TRAILING_OFFSET.search(text)
    if match:
        tz = _offset(*match.groups())
        return text[:match.start()], tz, tz is not None
    return text, None, True


def _take_time(text: str) -> tuple[str, tuple[int, int, int] | None]:
    """Remove the time of day; ``(-1, -1, -1)`` marks an impossible one."""
    match = _TIME.search(text)
    if not match:
        return text, None
    hh_s, mm_s, ss_s, ampm_a, hh_b, ampm_b = match.groups()
    hour = int(hh_s or hh_b)
    minute, second = int(mm_s or 0), int(ss_s or 0)
    ampm = (ampm_a or ampm_b or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            return text, (-1, -1, -1)
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return text, (-1, -1, -1)
    return text[:match.start()] + " " + text[match.end():], (hour, minute, second)


def _read_date(text: str) -> tuple[int, int, int] | None:
    text = _WEEKDAY.sub(" ", text)
    text = " ".join(_FILLER.sub(" ", text).split()).strip(" .-")
    numeric = _NUMERIC.match(text)
    if numeric:
        return _numeric_date(*numeric.group(1, 2, 3, 4))
    year_first = _YEAR_FIRST.match(text)  # "2025-12-27T03:05 IST", "2025/12/27 03:05"
    if year_first:
        return int(year_first.group(1)), int(year_first.group(3)), int(year_first.group(4))
    words = [w.strip(".").lower() for w in text.split()]
    month = [MONTHS[w] for w in words if w in MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    if len(month) != 1 or len(numbers) != 2 or len(words) != 3:
        return None
    year = [n for n in numbers if n >= 1000]
    day = [n for n in numbers if n < 100]
    if len(year) != 1 or len(day) != 1:
        return None
    return year[0], month[0], day[0]


def _numeric_date(a: str, sep: str, b: str, year: str) -> tuple[int, int, int] | None:
    first, second = int(a), int(b)
    if sep == "/" and first <= 12 < second:
        first, second = second, first  # 12/27/2025 cannot be day-first
    if not 1 <= second <= 12:
        return None
    return int(year), second, first
