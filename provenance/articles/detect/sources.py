"""Normalising credited source names (``"Press Trust of India"`` -> ``PTI``).

Agencies are printed many ways: full names, acronyms, the Hindi service names
(``भाषा`` is PTI's Hindi wire, ``वार्ता`` UNI's), their names in other scripts (Urdu
``اے پی پی``, Arabic ``رويترز``, Bengali ``বাসস``, Chinese ``新华社``, Japanese ``ロイター``…),
and generic plurals in every language (``agencies``, ``agencias``, ``Agenturen``,
``وكالات``…), which all normalise to ``agencies``.

German and Swiss desks add their own code after the agency (``dpa/lby``, ``SDA/sep``):
where a credit names a known source, parts that are two to four lower-case letters and
no known name are desk codes and dropped. Short aliases printed in lower case
(``afp``, ``ats``) count first in a list or after a known name (``(dpa, afp)``), not after
a desk code (``(xyz/kna)`` is a writer's initials).

Several agencies in one credit (``(AFP/Reuters)``, ``With inputs from PTI and ANI``) are
split by :func:`split_sources`; the detectors then record **one Attribution per agency**
(same text, line and zone), so ATR003 can judge each name on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

# Lower-cased printed form -> canonical name. Canonical names match DEFAULT_KNOWN_SOURCES.
ALIASES: MappingProxyType[str, str] = MappingProxyType({
    **dict.fromkeys((
        "agencies", "agency", "agency inputs", "wire agencies", "news agencies", "wires",
        "agencias", "agencia", "agências", "agencias de noticias", "agence", "agences",
        "agenturen", "nachrichtenagenturen", "agenturmaterial", "agenzie", "एजेंसी",
        "एजेंसियां", "एजेंसियों", "एजेंसियाँ", "das agências", "agências de notícias",
    ), "agencies"),
    **dict.fromkeys(("وكالات", "ایجنسیاں", "ایجنسیز", "সংস্থা", "এজেন্সি"), "agencies"),
    **dict.fromkeys(("reuters", "thomson reuters", "reuters staff", "रॉयटर्स", "रायटर", "ロイター",
                     "路透社",
                     "رويترز", "روئٹرز", "رائٹرز", "রয়টার্স"), "Reuters"),
    **dict.fromkeys(("ap", "a.p.", "associated press", "the associated press", "एपी",
                     "أسوشيتد برس", "اے پی", "এপি"), "AP"),
    **dict.fromkeys(("afp", "agence france-presse", "agence france presse", "एएफपी",
                     "فرانس برس", "أ ف ب", "اے ایف پی", "এএফপি"), "AFP"),
    **dict.fromkeys(("pti", "press trust of india", "भाषा", "पीटीआई", "پی ٹی آئی",
                     "পিটিআই"), "PTI"),
    **dict.fromkeys(("ians", "indo-asian news service", "आईएएनएस", "আইএএনএস"), "IANS"),
    **dict.fromkeys(("ani", "asian news international", "एएनआई", "এএনআই"), "ANI"),
    **dict.fromkeys(("uni", "united news of india", "वार्ता", "यूनीवार्ता", "यूएनआई"), "UNI"),
    **dict.fromkeys(("efe", "agencia efe"), "EFE"),
    **dict.fromkeys(("europa press",), "Europa Press"),
    **dict.fromkeys(("dpa", "deutsche presse-agentur", "د ب أ"), "dpa"),
    **dict.fromkeys(("app", "associated press of pakistan", "اے پی پی"), "APP"),
    **dict.fromkeys(("bss", "bangladesh sangbad sangstha", "বাসস"), "BSS"),
    **dict.fromkeys(("unb", "united news of bangladesh", "ইউএনবি"), "UNB"),
    **dict.fromkeys(("sda", "ats", "sda/ats", "keystone-sda", "keystone-ats"), "Keystone-SDA"),
    **dict.fromkeys(("sid", "sport-informations-dienst"), "SID"),
    **dict.fromkeys(("wam", "وام"), "WAM"),
    **dict.fromkeys(("spa", "واس"), "SPA"),
    **dict.fromkeys(("kuna", "كونا"), "KUNA"),
    **dict.fromkeys(("menafn",), "MENAFN"),
    **dict.fromkeys(("bloomberg", "bloomberg news"), "Bloomberg"),
    **dict.fromkeys(("xinhua", "xinhua news agency", "شينخوا", "सिन्हुआ", "新华社", "新華社"),
                    "Xinhua"),
    **dict.fromkeys(("yonhap", "yonhap news agency", "聯合", "연합뉴스"), "Yonhap"),
    **dict.fromkeys(("kyodo", "kyodo news", "共同", "共同通信"), "Kyodo"),
    **dict.fromkeys(("aap", "australian associated press"), "AAP"),
    **dict.fromkeys(("the canadian press", "canadian press", "cp"), "The Canadian Press"),
    **dict.fromkeys(("pa", "pa media", "press association"), "PA Media"),
    **dict.fromkeys(("agência brasil", "agencia brasil"), "Agência Brasil"),
    **dict.fromkeys(("estadão conteúdo", "estadao conteudo"), "Estadão Conteúdo"),
    **dict.fromkeys(("anadolu", "anadolu agency", "aa", "الأناضول", "anadolu ajansı"),
                    "Anadolu"),
    **dict.fromkeys(("ntb", "norsk telegrambyrå"), "NTB"),
    **dict.fromkeys(("tt", "tt nyhetsbyrån"), "TT"),
    **dict.fromkeys(("ritzau", "ritzaus bureau"), "Ritzau"),
    **dict.fromkeys(("anp", "algemeen nederlands persbureau"), "ANP"),
    **dict.fromkeys(("jiji", "jiji press", "時事", "時事通信"), "Jiji"),
    **dict.fromkeys(("tass", "тасс", "итар-тасс", "itar-tass"), "TASS"),
    **dict.fromkeys(("ria novosti", "риа новости", "риа"), "RIA Novosti"),
    **dict.fromkeys(("interfax", "интерфакс", "інтерфакс-україна", "interfax-ukraine"),
                    "Interfax"),
    **dict.fromkeys(("ukrinform", "укрінформ", "укринформ"), "Ukrinform"),
    **dict.fromkeys(("unian", "уніан", "униан"), "UNIAN"),
    **dict.fromkeys(("vna", "ttxvn", "vietnam news agency"), "VNA"),
    **dict.fromkeys(("ana-mpa", "απε-μπε", "απε", "αμπε"), "ANA-MPA"),
    **dict.fromkeys(("ctk", "čtk", "česká tisková kancelář"), "CTK"),
    **dict.fromkeys(("agerpres",), "Agerpres"),
    **dict.fromkeys(("mti", "magyar távirati iroda"), "MTI"),
    **dict.fromkeys(("pap", "polska agencja prasowa"), "PAP"),
    **dict.fromkeys(("syndicated feed", "a syndicated feed"), "syndicated feed"),
})

_SPLIT = re.compile(r"\s*(?:[/,;&+]|(?<=\s)(?:and|y|und|et|e|और)(?=\s))\s*", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"\d|^(?:" + "|".join(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
) + r")[a-z]*\.?$", re.IGNORECASE)
_EDGE = re.compile(r"^[\s(\[«\"“'‘—–·•|-]+|[\s)\]»\"”'’.,;:—–·•|-]+$")
# _EDGE's two sets without \s: clean() strips them and whitespace by turns instead of
# running the pattern, whose end alternative was tried at every position of the text.
_LEAD_EDGE = "([«\"“'‘—–·•|-"
_TRAIL_EDGE = ")]»\"”'’.,;:—–·•|-"
_SPACES = re.compile(r"\s+")
_NAME_WORD = re.compile(r"[^\s/,;&+]+")


def clean(name: str) -> str:
    """Strip decoration around a printed name (brackets, quotes, dashes, final dot).

    The same as ``_EDGE.sub("", name).strip()`` (tests/detect/test_prechecks.py).
    """
    while True:
        stripped = name.lstrip(_LEAD_EDGE).lstrip()
        if stripped == name:
            break
        name = stripped
    while True:
        stripped = name.rstrip(_TRAIL_EDGE).rstrip()
        if stripped == name:
            return name
        name = stripped


@lru_cache(maxsize=64)
def _lookup(known: tuple[str, ...]) -> dict[str, str]:
    table = dict(ALIASES)
    table.update({k.lower(): k for k in known})
    return table


@lru_cache(maxsize=64)
def _first_words(known: tuple[str, ...]) -> frozenset[str]:
    names = [*ALIASES, *(k.lower() for k in known)]
    return frozenset(n.split()[0] for n in names if n.split())


def could_name_source(text: str, known: tuple[str, ...]) -> bool:
    """Cheap pre-check: does ``text`` start like a known source or alias does?"""
    # The first word of clean(text).lower() split at [\s/,;&+]+, or its second after "the".
    low = clean(text).lower()
    first = _NAME_WORD.search(low)
    if first is None:
        return False
    word = first.group()
    if word == "the":
        second = _NAME_WORD.search(low, first.end())
        word = second.group() if second is not None else word
    return word in _first_words(known)


# The first word of a line as could_name_source reads the first word of a name the line
# opens: the characters clean() strips at the start (and whitespace) skipped, then those
# _NAME_WORD splits on, then the word.
_OPENING_WORD = re.compile(r"[\s" + re.escape(_LEAD_EDGE) + r"]*[\s/,;&+]*([^\s/,;&+]+)")


def could_open_name(line: str, known: tuple[str, ...]) -> bool:
    """Cheap pre-check: could a name that opens ``line`` pass :func:`could_name_source`?

    "Opens": the name is ``line`` from its start, past any of clean()'s leading
    characters, to its end or to whitespace or a separator (``| · • – — -``), as the
    attribution detector's agency-only line reads it. Such a name's first word is the
    line's first word, or the start of it up to a character that clean() strips at the
    end of a name ("AFP" in "AFP.", "Keystone" in "Keystone-SDA"): one of them must be a
    known source's first word, or "the", whose next word is read instead ("the" is one,
    of "the associated press"). The line's first word is read once, where a name was
    otherwise matched and cleaned for every line a page prints
    (tests/detect/test_prechecks_round3.py compares the two).
    """
    match = _OPENING_WORD.match(line)
    if match is None:
        return False
    word = match.group(1)
    words = _first_words(known)
    lowered = word.lower()
    if lowered in words:
        return True
    if word.isalnum():  # no character inside the word where a name may end
        return False
    # Each cut lower-cased on its own: a final sigma lower-cases by what follows it.
    return any(word[:end].lower() in words for end, char in enumerate(word)
               if char in _TRAIL_EDGE)


def normalise(name: str, known: tuple[str, ...] = ()) -> str:
    """The canonical spelling of ``name``: an alias, a known source, or ``name`` cleaned.

    Short names only match in capitals or in their canonical spelling, so "App" (a
    download link) is not APP and "Uni" is not UNI.
    """
    cleaned = _SPACES.sub(" ", clean(name))
    table = _lookup(known)
    key = cleaned.lower()
    if key.startswith("the ") and key not in table:
        key = key[4:]
    canonical = table.get(key)
    if canonical is None:
        return cleaned
    if len(key) <= 4 and cleaned not in (cleaned.upper(), canonical):
        return cleaned
    return canonical


def is_known(name: str, known: tuple[str, ...]) -> bool:
    """Whether ``name`` normalises to one of the ``known`` sources."""
    return normalise(name, known) in known


def known_sources_in(text: str, known: tuple[str, ...]) -> list[str]:
    """The sources ``text`` names (:func:`split_sources`) when every one is known, else
    none: the test a credit whose shape alone proves nothing must pass."""
    names = split_sources(text, known)
    return names if names and all(n in known for n in names) else []


def split_sources(text: str, known: tuple[str, ...] = ()) -> list[str]:
    """Normalised names of every source in ``text``, in order, without duplicates.

    A name that is itself known whole (``Europa Press``, ``Agence France-Presse``) is not
    split; otherwise the text is split on ``/ , ; & and y und et e और``. Parts that are
    dates or numbers (``Source: Ministry, October 25, 2019``) are dropped.
    """
    return list(_split(text, known))


@lru_cache(maxsize=4096)  # menus and sidebars repeat the same short lines on every page
def _split(text: str, known: tuple[str, ...]) -> tuple[str, ...]:
    whole = normalise(text, known)
    if whole in known or clean(text).lower() in ALIASES:
        return (whole,)
    parts = [p for p in _SPLIT.split(clean(text)) if p]
    names: list[str] = []
    for i, part in enumerate(parts):
        # A lower-case short alias counts first in a list ("ats/nxp": agency, then desk)
        # or after a known name ("dpa, afp"), not after a desk code ("vyp/kna": a
        # writer's initials that happen to spell an agency).
        lower_ok = len(parts) > 1 and (i == 0 or any(n in known for n in names))
        names.append(_part_name(part, known, lower_ok))
    if any(n in known for n in names):  # "dpa/lby", "SDA/sep": the desk's initials go
        names = [n for n in names if n in known or not _DESK_CODE.match(n)]
    out: list[str] = []
    for name in names:
        if name and name not in out and not _NOT_A_NAME.search(name):
            out.append(name)
    return tuple(out)


# A desk or editor code after an agency: "lby" in "dpa/lby", "sep" in "SDA/sep".
_DESK_CODE = re.compile(r"^[a-z]{2,4}$")


def _part_name(part: str, known: tuple[str, ...], lower_ok: bool) -> str:
    """One part's name; where ``lower_ok``, a short alias in lower case counts too
    ("(dpa, afp)", "(ats/nxp)"), as German and Swiss desks print them."""
    name = normalise(part, known)
    if lower_ok and name not in known and _DESK_CODE.match(name):
        upper = normalise(name.upper(), known)
        if upper in known:
            return upper
    return name
