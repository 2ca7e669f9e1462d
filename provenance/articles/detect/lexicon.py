"""Multilingual word lists for AI-image disclosures.

Languages: en, de, es, fr, it, pt, nl, the Scandinavian ones (``sc``: da, no, sv), hi, ur,
pl, cs, ru, uk, tr, id, ro, hu, el, vi, fi, ar, ja, zh, ko.

Kept apart from the decision logic in :mod:`.disclosure` so a reviewer can read and
extend the vocabulary in one place. Every claim and context pattern is compiled
case-insensitively, and only when first used (:class:`LazyPattern`); the verb gates
(:data:`CLAIM_VERBS`) are searched in folded text instead. Python's ``\\b``
does not work inside Devanagari words (vowel signs are not ``\\w``), so Hindi patterns
rely on spaces instead; Chinese and Japanese have no spaces at all, and Korean particles
join their noun, so CJK patterns use neither ``\\b`` nor a trailing ``(?!\\w)``.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Sequence
from functools import cache
from itertools import accumulate, count
from operator import add
from typing import Any

_F = re.IGNORECASE

# Generators named in captions and credits (product brief, "Known generators"). Bare
# "Imagen" is left out: it is the Spanish word for "image".
TOOLS = (r"(?:Midjourney|DALL[-·‧.\s]?E(?:\s?\d)?|Adobe\s+Firefly|Firefly|Stable\s+Diffusion"
         r"|ChatGPT|GPT-4o|gpt-image-\d|Google\s+Imagen|Gemini|Grok|Microsoft\s+Designer"
         r"|Bing\s+Image\s+Creator|Image\s+Creator|Copilot|Leonardo(?:\.ai)?|Ideogram|FLUX"
         r"|Meta\s+AI|Nano\s+Banana|Sora|Runway|NightCafe|Craiyon|NovelAI|Fooocus)")
_W = r"[\w'’.-]+\s+"  # one filler word
AI_EN = (r"(?:generative\s+)?(?:AI|A\.I\.|artificial[\s-]+intelligence)(?![\w])"
         r"(?:\s+(?:tools?|models?|software|image\s+generators?|generators?|programs?))?")
AI_DE = r"(?:generative[rn]?\s+)?(?:KI|künstliche[rnm]?\s+Intelligenz)(?:-?\w+)?"
AI_ES = r"(?:IA|I\.A\.|inteligencia\s+artificial(?:\s+generativa)?)(?![\w])"
AI_FR = r"(?:l['’]\s*)?(?:IA|I\.A\.|intelligence\s+artificielle(?:\s+générative)?)(?![\w])"
AI_PT = r"(?:IA|I\.A\.|intelig[êe]ncia\s+artificial(?:\s+generativa)?)(?![\w])"
# Italian writes both "IA" and "AI", usually with the article: "l'IA", "dall'AI".
AI_NL = r"(?:AI|A\.I\.|kunstmatige\s+intelligentie)(?![\w])"
AI_SC = r"(?:AI|KI|kunstig\s+intelligens|artificiell\s+intelligens)(?![\w])"
AI_IT = (r"(?:l['’]\s*|la\s+)?(?:IA|AI|I\.A\.|A\.I\.|intelligenza\s+artificiale"
         r"(?:\s+generativa)?)(?![\w])")
AI_UR = r"(?:اے\s?آئی|AI|مصنوعی\s+ذہانت)"
AI_HI = r"(?:एआई|AI|ए\.आई\.|आर्टिफिशियल\s+इंटेलिजेंस|कृत्रिम\s+बुद्धि(?:मत्ता)?)"
# Languages added for the world's news. "Neural network" is how Russian and Ukrainian
# outlets name image generators (нейросеть, нейромережа); Hungarian "MI" and Romanian
# "AI"/"IA" are matched in capitals only ("mi" is "we", "ai" is "you have"); bare "MI" is
# too common in capitals to wake Hungarian ("MINISTER"): "MI-vel", "MI által" do.
AI_PL = r"(?:AI|A\.I\.|sztuczn\w+\s+inteligencj\w+|sieci?\s+neuronow\w+|sieć\s+neuronow\w+)"
AI_CS = r"(?:AI|uměl\w+\s+inteligenc\w+|neuronov\w+\s+sí\w+)"
AI_RU = r"(?:ИИ|AI|искусственн\w+\s+интеллект\w*|нейросет\w+|нейронн\w+\s+сет\w+)"
AI_UK = r"(?:ШІ|AI|штучн\w+\s+інтелект\w*|нейромереж\w+|нейронн\w+\s+мереж\w+)"
AI_TR = r"(?:yapay\s+zek[aâ]\w*|AI(?:['’]\w+)?)"
AI_ID = r"(?:AI|A\.I\.|kecerdasan\s+buatan(?:\s*\(AI\))?)"
AI_RO = r"(?:inteligen[țţt]\w*\s+artificial\w*|(?-i:AI|IA))"
AI_HU = r"(?:mesterséges\s+intelligenci\w*|(?-i:MI|AI))"
AI_EL = r"(?:τεχνητ\w+\s+νοημοσ[ύυ]ν\w+|AI|(?-i:ΤΝ))"
AI_VI = r"(?:AI|trí\s+tuệ\s+nhân\s+tạo)"
AI_FI = r"(?:tekoäly\w*|AI)"
AI_AR = r"(?:[بلو]?(?:ال)?ذكاء\s+(?:ال)?[اإ]صطناعي\w*|AI)"
AI_JA = r"(?:画像生成AI|生成AI|AI|ＡＩ|人工知能|ミッドジャーニー|チャットGPT)"
AI_ZH = r"(?:生成式\s*AI|AI|ＡＩ|人工智能|人工智慧)"
AI_KO = r"(?:생성형\s*AI|AI|인공지능|챗GPT|미드저니|제미나이|코파일럿|스테이블\s*디퓨전)"

# Every claim contains an AI term of its language or a tool name; a sentence is only run
# through the claim patterns of the languages whose term it contains. Plain substring tests
# are an order of magnitude faster than the patterns themselves.
_TOOL_HINTS = ("midjourney", "dall", "firefly", "stable diffusion", "chatgpt", "gpt-",
               "imagen", "gemini", "grok", "designer", "image creator", "copilot", "leonardo",
               "ideogram", "flux", "nano banana", "sora", "runway", "nightcafe", "craiyon",
               "novelai", "fooocus")
_CASED = {"en": ("AI", "A.I"), "de": ("KI",), "es": ("IA", "I.A"), "fr": ("IA", "I.A"),
          "it": ("IA", "I.A", "AI", "A.I"), "pt": ("IA", "I.A"), "nl": ("AI", "A.I"),
          "sc": ("AI", "KI"), "hi": ("AI", "एआई"),
          "ur": ("AI", "اے آئی"), "pl": ("AI", "A.I"), "cs": ("AI",), "ru": ("AI", "ИИ"),
          "uk": ("AI", "ШІ"), "tr": ("AI",), "id": ("AI", "A.I"), "ro": ("AI", "IA"),
          "hu": ("AI", "MI-", "MI által", "MI segítség", "MI készítette", "MI generálta"),
          "el": ("AI", "ΤΝ"), "vi": ("AI",), "fi": ("AI",), "ar": ("AI",),
          "ja": ("AI", "ＡＩ"), "zh": ("AI", "ＡＩ"), "ko": ("AI",)}
_LOWER = {"en": ("artificial",), "de": ("künstlich",), "es": ("intelig",),
          "fr": ("intelligence",), "it": ("intelligenza",), "pt": ("intelig",),
          "nl": ("kunstmatig",), "sc": ("kunstig", "artificiell"),
          "hi": ("आर्टिफिशियल", "कृत्रिम"), "ur": ("مصنوعی",),
          # Hints start on a letter that is rare in English text where they can, or
          # share a hint already listed: the one-pass test stops at every letter some hint
          # starts with ("ztuczn", not "sztuczn"; "uronow" for "neuronowa"; "koäl" for
          # "tekoäly"; "í tuệ" for "trí tuệ"; "zek" for "yapay zeka"; "intelig", as
          # Spanish, for "inteligence" and "inteligență").
          "pl": ("ztuczn", "uronow"), "cs": ("intelig", "uronov"),
          "ru": ("искусствен", "нейросет", "нейронн"), "uk": ("штучн", "нейромереж", "нейронн"),
          "tr": ("zek",), "id": ("kecerdasan",), "ro": ("intelig",),
          "hu": ("mesterséges",), "el": ("τεχνητ",), "vi": ("í tuệ",), "fi": ("koäl",),
          "ar": ("ذكاء",), "ja": ("人工知能", "ミッドジャーニー", "チャットgpt"),
          "zh": ("人工智能", "人工智慧"), "ko": ("인공지능", "챗gpt", "미드저니", "제미나이",
                                           "코파일럿", "스테이블")}
# \b(?:ai|ki|ia)\b, written with the letters first so the search can skip ahead to them.
_LOWER_AI = re.compile(r"(?:ai|ki|ia)(?<!\w..)(?!\w)")


def any_literal(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of ``words`` as written (no flags): a substring test.

    The words are grouped under their first character: re tries every branch of a flat
    alternation at each position that starts one, which for common letters was twice
    as slow as one branch per first character.
    """
    groups: dict[str, list[str]] = {}
    for word in dict.fromkeys(words):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})"
                               for first, rests in groups.items()))


# One pass each over the text and its lower case answers "no language at all", which is
# the case for nearly every sentence of an article; literal alternations, no flags, so
# they are plain substring tests, the same as the per-language ``in`` tests below.
_ANY_CASED = any_literal(tuple(h for hints in _CASED.values() for h in hints))
# The hints of the languages written in Cyrillic, Greek, Arabic, CJK and Hangul are kept
# out of the main alternation: mixed in, they made its scan of a Latin page half again as
# slow (timed on html-aeb). They are looked for only where one of their first letters
# occurs (one character class, a fast scan).
_SCRIPT_LANGS = ("ru", "uk", "el", "ar", "ja", "zh", "ko")
_ANY_LOWER = any_literal((*_TOOL_HINTS, *(h for lang, hs in _LOWER.items() for h in hs
                                          if lang not in _SCRIPT_LANGS)))
_SCRIPT_HINTS = tuple(h for lang in _SCRIPT_LANGS for h in _LOWER[lang])
_SCRIPT_FIRST = re.compile("[" + re.escape("".join(sorted({h[0] for h in _SCRIPT_HINTS}))) + "]")


@cache
def _any_script() -> re.Pattern[str]:
    """The alternation of :data:`_SCRIPT_HINTS`, compiled on the first page that needs it."""
    return any_literal(_SCRIPT_HINTS)


def _script_hint(low: str) -> bool:
    """Whether ``low`` holds a lower-case hint written in a script other than Latin."""
    return _SCRIPT_FIRST.search(low) is not None and _any_script().search(low) is not None


def _by_hint(hints: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Hint -> the languages that list it ("AI" is a hint of most)."""
    langs: dict[str, set[str]] = {}
    for lang, words in hints.items():
        for word in words:
            langs.setdefault(word, set()).add(lang)
    return {word: frozenset(found) for word, found in langs.items()}


_CASED_LANGS = _by_hint(_CASED)
_LOWER_LANGS = _by_hint(_LOWER)
_ALL = frozenset(_CASED)


def claim_languages(text: str) -> frozenset[str]:
    """Languages whose claim patterns could match ``text`` (empty: skip it).

    Each distinct hint is looked for once (not once per language that lists it), and
    the lower-case or cased hints not at all when the one-pass test found none of them.
    """
    low = text.lower()
    cased = _ANY_CASED.search(text) is not None
    lower = _ANY_LOWER.search(low) is not None or _script_hint(low)
    if not cased and not lower and _LOWER_AI.search(low) is None:
        return frozenset()
    if (lower and any(h in low for h in _TOOL_HINTS)) or _LOWER_AI.search(low):
        return _ALL
    found: set[str] = set()
    for hints, target, present in ((_CASED_LANGS, text, cased), (_LOWER_LANGS, low, lower)):
        if present:
            for hint, langs in hints.items():
                if hint in target:
                    found |= langs
    return frozenset(found)


def may_claim(text: str) -> bool:
    """Cheap pre-check: could ``text`` contain an AI-made claim at all?"""
    return bool(claim_languages(text))


@cache
def _re2() -> Any:
    """The ``re2`` module (google-re2), or ``None`` where it is not installed."""
    try:
        return importlib.import_module("re2")
    except ImportError:
        return None


def search_set(re2: Any, patterns: Sequence[str], max_mem: int) -> Any:
    """An RE2 set of ``patterns``, compiled, whose ``Match`` gives the numbers (in the
    order given) of all that occur in a text, in one pass. ``max_mem`` must be well above
    what the automaton takes: a set that runs out of memory reports nothing, not an
    error."""
    options = re2.Options()
    options.max_mem = max_mem
    matcher = re2.Set.SearchSet(options)
    for pattern in patterns:  # numbered in order of insertion
        matcher.Add(pattern)
    if patterns:
        matcher.Compile()
    return matcher


@cache
def _whole_text_scan(pattern: re.Pattern[str]) -> Any:
    """``pattern`` (a literal alternation, :func:`any_literal`) compiled by RE2, which
    scans a whole page's text with an automaton, six times as fast as ``re`` tries the
    alternation at every position; the ``re`` pattern itself without RE2. For literals
    the two find the same strings."""
    re2 = _re2()
    return pattern if re2 is None else re2.compile(pattern.pattern)


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    """Where :func:`_whole_text_scan` finds ``pattern`` in ``text`` (RE2 takes UTF-8 only:
    a text that cannot be encoded, with a lone surrogate, is scanned by ``re``)."""
    try:
        return [match.start() for match in _whole_text_scan(pattern).finditer(text)]
    except UnicodeEncodeError:
        return [match.start() for match in pattern.finditer(text)]


def claim_candidates(texts: Sequence[str]) -> set[int]:
    """The indexes ``i`` for which ``may_claim(texts[i])``, found in one pass over them all.

    Most articles never mention AI: their lines are joined and the pre-check patterns
    run once over the whole, instead of a few calls per line. No pattern can
    match across the joining line break, so every line that matches on its own has a
    match inside its stretch of the whole; those lines are then checked one by one.
    With RE2, one pass of :func:`_claim_scan` finds at least those lines.
    """
    joined = "\n".join(texts)
    scan = _claim_scan()
    # "İ" lower-cases to "i" and a dot, which RE2 does not read as "i" (see _claim_scan).
    if scan is not None and "\u0130" not in joined:
        try:
            data: bytes | None = joined.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: RE2 takes UTF-8 only
            data = None
        if data is not None and data.count(b"\n") == len(texts) - 1:  # no line break in a line
            return {i for i in lines_matched(scan, data) if may_claim(texts[i])}
    low = joined.lower()
    if len(low) != len(joined):  # "İ" lower-cases to two characters: offsets would shift
        return {i for i, text in enumerate(texts) if may_claim(text)}
    found = [*(m.start() for m in _ANY_CASED.finditer(joined)), *_starts(_ANY_LOWER, low),
             *(m.start() for m in _LOWER_AI.finditer(low))]
    if _SCRIPT_FIRST.search(low) is not None:
        found.extend(_starts(_any_script(), low))
    if not found:  # most pages: no line to map back, so no line offsets to work out
        return set()
    # Where each line starts in the whole: its length and line break added up, by
    # iterators that run in C (a generator cost a resumption per line of the page).
    starts = list(map(add, accumulate(map(len, texts[:-1]), initial=0), count()))
    hits = {bisect_right(starts, start) - 1 for start in found}
    return {i for i in hits if may_claim(texts[i])}


@cache
def _claim_scan() -> Any:
    """The hints :func:`claim_candidates` looks for, as one RE2 pattern for a page's lines
    joined by line breaks in UTF-8 (``None`` without google-re2), read by
    :func:`lines_matched`: three ``re`` passes over the text and its lower case (and a
    fourth for the scripts) cost four times as much.

    It finds at least the lines those passes find, which may_claim then judges: the cased
    hints as written; the lower-case ones case-insensitively, where RE2 reads as a hint's
    letter every character that lower() makes that letter (but "İ", which the caller
    leaves to the passes); "ai", "ki" and "ia" between two characters that are not ASCII
    letters, digits or "_" (a superset of ``\\b`` on either side, whatever ``\\w`` means)
    (tests/detect/test_prechecks_round4.py checks every code point).
    """
    re2 = _re2()
    if re2 is None:
        return None
    cased = dict.fromkeys(h for hints in _CASED.values() for h in hints)
    lower = dict.fromkeys((*_TOOL_HINTS, *(h for hints in _LOWER.values() for h in hints)))
    options = re2.Options()
    options.max_mem = 64 << 20  # far above what the automaton takes
    return re2.compile("(?m)(?:" + "|".join(map(re2.escape, cased))
                       + "|(?i:" + "|".join(map(re2.escape, lower)) + ")"
                       + r"|(?:^|[^0-9A-Za-z_\n])(?i:ai|ki|ia)(?:[^0-9A-Za-z_\n]|$))[^\n]*",
                       options)


def lines_matched(scan: Any, data: bytes) -> set[int]:
    """The numbers of the lines of ``data`` (joined by line breaks) in which ``scan`` (an
    RE2 pattern whose matches run on to the end of their line) finds something."""
    found: set[int] = set()
    line = last = 0
    for match in scan.finditer(data):
        end = match.end()
        line += data.count(b"\n", last, end)
        last = end
        found.add(line)
    return found


class LazyPattern:
    """A pattern compiled on its first use, with the ``search``/``match`` the detectors use.

    Most patterns below only ever run on the rare sentence that mentions AI, and compiling
    them all made importing the detectors (so every ``provenance`` command) slow.

    ``screened``: the pattern is a long case-insensitive alternation (hundreds of words),
    which ``re`` tries branch by branch at every position of the text: tens of
    microseconds a sentence. Such a pattern first asks its :class:`_Screen` whether the
    literals every match must contain are in the text at all, and answers ``None`` at once
    when they are not; otherwise it runs as written, so a result never changes.
    """

    __slots__ = ("_compiled", "_flags", "_screen", "_screened", "_source")

    def __init__(self, source: str, flags: int = 0, screened: bool = False) -> None:
        self._source = source
        self._flags = flags
        self._screened = screened
        self._compiled: re.Pattern[str] | None = None
        self._screen: _Screen | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it has not been yet)."""
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
            if self._screened:
                screen = _Screen.build([self._compiled])
                self._screen = screen if screen is not None and screen.narrows() else None
        return self._compiled

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """:meth:`re.Pattern.search`."""
        compiled = self.compiled
        if self._screen is not None and not self._screen.possible(text):
            return None
        return compiled.search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """:meth:`re.Pattern.match`."""
        compiled = self.compiled
        if self._screen is not None and not self._screen.possible(text):
            return None
        return compiled.match(text, pos)


# --- Screens: the literals a pattern's matches must contain -------------------------------
#
# A screen reads the pattern as ``re`` parses it (``re._parser``) and writes it as options,
# each a list of needs, each need a set of literal strings: every match meets all the needs
# of one of the options, i.e. contains a string of each ("this image": an option needing a
# demonstrative and an image noun; "said|viral|según": an option needing one of the words).
# Only literal text makes needs (a character class of a few letters is spelled out; "\w+",
# look-arounds and optional parts make none), and an alternation multiplies the options it
# is part of. A text can match only when it meets every need of some option.
#
# Strings and text are compared case-folded as re.IGNORECASE compares characters
# (:func:`case_fold`), so the test holds with and without that flag. The strings of all
# needs are looked for in one pass with RE2's set of patterns (google-re2), which reports
# every string found, overlapping ones too: ``re``, given the few hundred words as one
# alternation, was barely faster than the pattern itself, and finds no overlaps. Without
# RE2 (or on a Python whose ``re`` internals differ) there is no screen and every pattern
# simply runs: slower, never different.

_MAX_STRINGS = 256  # a literal run with more spellings than this ends (its class is too wide)
_MAX_CLASS = 16  # a character class with more characters than this is not spelled out
_SET_MEMORY = 256 << 20  # bytes RE2 may take for a screen's automaton (it takes a few MB)


@cache
def _case_classes() -> dict[str, str] | None:
    """Character -> the representative of the characters re.IGNORECASE also equates with
    it beyond lower case ("ſ" and "s", "ς" and "σ", "ı" and "i"…); ``None`` if unknown."""
    try:
        extra = importlib.import_module("re._casefix")._EXTRA_CASES
    except (ImportError, AttributeError):
        return None
    table: dict[str, str] = {}
    for code, others in extra.items():
        members = {code, *others}
        first = chr(min(members))
        table.update({chr(m): first for m in members if chr(m) != first})
    return table


def case_fold(text: str) -> str:
    """``text`` with each character replaced by the one representative of the characters
    re.IGNORECASE matches with it: two characters match ignoring case exactly when their
    folds are equal. One character for one (``"İ"`` is read as ``"i"``, as ``re`` does)."""
    low = (text.replace("İ", "i") if "İ" in text else text).lower()
    # Every ASCII letter is its class's representative: ASCII text is folded already.
    return low if low.isascii() else low.translate(_fold_table())


@cache
def _fold_table() -> dict[int, str]:
    return str.maketrans(_case_classes() or {})


class _Screen:
    """The literal needs of one or more patterns' options (see the notes above), and an
    RE2 set that finds all their strings in one pass."""

    __slots__ = ("_anchored", "_needs_of", "_open", "_strings")

    def __init__(self, options: list[tuple[int, list[frozenset[str]]]], open_: set[int],
                 re2: Any) -> None:
        self._open = frozenset(open_)  # patterns some of whose matches need no literal
        strings: dict[str, int] = {}
        needs: dict[frozenset[str], int] = {}
        numbered = [(pattern, frozenset(needs.setdefault(need, len(needs)) for need in option))
                    for pattern, option in options]
        # String (its number in the set of strings) -> the needs it meets.
        needs_of: dict[int, list[int]] = {}
        for need, number in needs.items():
            for string in need:
                needs_of.setdefault(strings.setdefault(string, len(strings)), []).append(number)
        self._needs_of = needs_of
        # RE2's set of patterns tells which strings occur, overlapping ones too, in one pass.
        # Its automaton has at most one state per prefix of a string (a few thousand): the
        # memory allowed is set well above what they can take, since a set that ran out of
        # it would report no string at all rather than fail.
        self._strings = search_set(re2, [re2.escape(string) for string in strings],
                                   _SET_MEMORY)
        # Each option is checked only when its anchor is met: its need shared by the fewest
        # options (an image noun is a need of most options of DEIXIS, a demonstrative not).
        shared = Counter(need for _, option in numbered for need in option)
        anchored: dict[int, list[tuple[int, frozenset[int]]]] = {}
        for pattern, option in numbered:
            anchor = min(option, key=shared.__getitem__)
            anchored.setdefault(anchor, []).append((pattern, option))
        self._anchored = anchored

    @classmethod
    def build(cls, patterns: Sequence[re.Pattern[str]]) -> _Screen | None:
        """The screen of ``patterns`` (numbered in order), or ``None`` where it cannot be
        made (no RE2, other ``re`` internals)."""
        try:
            parser = importlib.import_module("re._parser")
            constants = importlib.import_module("re._constants")
        except ImportError:
            return None
        re2 = _re2()
        if re2 is None:
            return None
        classes = _case_classes()
        if classes is None:
            return None
        reader = _Literals(constants, classes)
        options: list[tuple[int, list[frozenset[str]]]] = []
        open_: set[int] = set()
        minimal: dict[frozenset[str], frozenset[str]] = {}  # each distinct need, trimmed once
        for number, pattern in enumerate(patterns):
            read = reader.needs(list(parser.parse(pattern.pattern, pattern.flags)))
            if any(not option for option in read):
                open_.add(number)
                continue
            for option in read:
                trimmed = []
                for need in map(frozenset, option):
                    if need not in minimal:
                        minimal[need] = _minimal(need)
                    trimmed.append(minimal[need])
                options.append((number, trimmed))
        return cls(options, open_, re2)

    def narrows(self) -> bool:
        """Whether the screen can ever rule a text out (no pattern matches without a
        literal)."""
        return not self._open

    def _met(self, text: str) -> set[int]:
        met: set[int] = set()
        needs_of = self._needs_of
        if needs_of:
            try:
                found = self._strings.Match(case_fold(text)) or ()
            except UnicodeEncodeError:  # a lone surrogate: RE2 reads UTF-8 only
                return set().union(*needs_of.values())
            for string in found:
                met.update(needs_of[string])
        return met

    def possible(self, text: str) -> bool:
        """Whether one of the patterns may match ``text`` (a string of every need of some
        option is in it)."""
        if self._open:
            return True
        met = self._met(text)
        anchored = self._anchored
        return any(option <= met for need in met for _, option in anchored.get(need, ()))

    def which(self, text: str) -> set[int]:
        """The numbers of the patterns that may match ``text``."""
        found = set(self._open)
        met = self._met(text)
        anchored = self._anchored
        for need in met:
            for pattern, option in anchored.get(need, ()):
                if pattern not in found and option <= met:
                    found.add(pattern)
        return found


# A need is a set of strings a match holds one of; an option, needs a match meets all of;
# a pattern's options, one of which each match meets ("this|these … image|photo" is one
# option of two needs, "said|viral|según" one option of one need).
_Need = set[str]
_Option = list[_Need]
_MAX_OPTIONS = 256  # alternatives inside alternatives multiply; past this they are merged


class _Literals:
    """Reads a parsed pattern (``re._parser``) for the literal strings its matches need."""

    def __init__(self, constants: Any, classes: dict[str, str]) -> None:
        self.c = constants
        self.classes = classes

    def fold(self, code: int) -> str:
        """One pattern character as :func:`case_fold` folds text."""
        char = "i" if code == 0x130 else chr(code).lower()
        return self.classes.get(char, char)

    def exact(self, items: list[Any]) -> set[str] | None:
        """Every string a sequence can match, when it is only literals (else ``None``)."""
        out = {""}
        for op, av in items:
            spelled = self.exact_item(op, av)
            if spelled is None:
                return None
            out = {a + b for a in out for b in spelled}
            if len(out) > _MAX_STRINGS:
                return None
        return out

    def exact_item(self, op: Any, av: Any) -> set[str] | None:
        """Every string one item can match, when it is only literals (else ``None``)."""
        c = self.c
        if op is c.LITERAL:
            return {self.fold(av)}
        if op is c.IN:
            if len(av) > _MAX_CLASS or any(o is not c.LITERAL for o, _ in av):
                return None
            return {self.fold(a) for _, a in av}
        if op is c.SUBPATTERN:
            return self.exact(list(av[3]))
        if op is c.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                spelled = self.exact(list(branch))
                if spelled is None:
                    return None
                out |= spelled
            return out
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            spelled = self.exact(list(av[2]))
            return None if spelled is None else spelled | {""}
        return None

    def needs(self, items: list[Any]) -> list[_Option]:
        """The options of a sequence: literal runs are needs of every option, and an
        alternation inside multiplies the options (up to :data:`_MAX_OPTIONS`)."""
        c = self.c
        options: list[_Option] = [[]]
        run = {""}  # the spellings of the literal run being read
        for op, av in items:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero width: the literals on both sides are adjacent
            spelled = self.exact_item(op, av)
            if spelled is not None:
                longer = {a + b for a in run for b in spelled}
                if len(longer) <= _MAX_STRINGS:
                    run = longer
                    continue
            options = _with_need(options, run)
            run = {""}
            inner = self.needs_item(op, av)
            if len(options) * len(inner) > _MAX_OPTIONS:
                inner = _merged(inner)
            options = _unique([[*a, *b] for a in options for b in inner])
        return _with_need(options, run)

    def needs_item(self, op: Any, av: Any) -> list[_Option]:
        """The options of one item that is not only literals."""
        c = self.c
        if op is c.SUBPATTERN:
            return self.needs(list(av[3]))
        if op is c.BRANCH:
            out: list[_Option] = []
            for branch in av[1]:
                out.extend(self.needs(list(branch)))
            out = _unique(out)
            return out if len(out) <= _MAX_OPTIONS else _merged(out)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            return self.needs(list(av[2]))
        return [[]]


def _with_need(options: list[_Option], run: set[str]) -> list[_Option]:
    """Every option, with a finished literal run as one more need (unless it may be empty)."""
    return options if "" in run else [[*option, run] for option in options]


def _unique(options: list[_Option]) -> list[_Option]:
    """``options`` without repeats ("(?:^|\\s)" gives two options that need nothing), and
    the options of one need each joined into one: needing "said" or needing "viral" is
    needing one of {"said", "viral"}."""
    single: set[str] = set()
    seen: dict[frozenset[frozenset[str]], _Option] = {}
    for option in options:
        if len(option) == 1:
            single |= option[0]
        else:
            seen.setdefault(frozenset(frozenset(need) for need in option), option)
    return [*seen.values(), [single]] if single else list(seen.values())


def _merged(options: list[_Option]) -> list[_Option]:
    """One option standing for several: the union of each one's most telling need (the
    longest shortest string, then the fewest); none if one of them needs nothing."""
    union: set[str] = set()
    for option in options:
        if not option:
            return [[]]
        union |= max(option, key=lambda need: (min(map(len, need)), -len(need)))
    return [[union]]


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """``strings`` without those holding a shorter one (which is then found anyway)."""
    kept: list[str] = []
    for string in sorted(strings, key=len):
        if not any(k in string for k in kept):
            kept.append(string)
    return frozenset(kept)


_EN_VERBS = (r"(?:generated|created|made|produced|rendered|edited|enhanced|altered|"
             r"manipulated|modified|designed|drawn|illustrated|composed|generate|create|"
             r"make|produce|edit|render|design)")
_EN_USE = r"(?:create|generate|make|produce|edit|alter|render|design|illustrate)"



def _verb_first(verbs: str, links: str, ai: str, near: str = "") -> str:
    """A made-verb, then a "with/by/using" link and the AI term: "wygenerowane przy użyciu
    AI". At most two words before the link and one after it ("za pomocą narzędzia AI");
    the AI term may also follow the verb at once (instrumental case: "нейросетью") or
    after a ``near`` link ("в Midjourney")."""
    via = [rf"(?:{_W}){{0,2}}?(?:{links})\s+(?:{_W}){{0,1}}?"] if links else []
    via += [rf"(?:{near})\s+"] if near else []
    optional = f"(?:{'|'.join(via)})?" if via else ""
    return rf"(?<!\w)(?:{verbs})\w*\s+{optional}(?:{ai}|{TOOLS})(?!\w)"


def _ai_first(ai: str, links: str, verbs: str, suffix: str = "") -> str:
    """The AI term, then an optional link and a made-verb in a past or passive form: "ИИ-
    сгенерированное", "yapay zeka ile oluşturulmuştur", "tekoälyn luoma". ``suffix``: a case
    ending the term may take ("Midjourney'de", "AI:n", "Midjourneyn")."""
    ending = f"(?:{suffix})?" if suffix else ""
    return rf"(?<!\w)(?:{ai}|{TOOLS}){ending}(?:[\s-]*(?:{links}))?[\s-]*(?:{verbs})"


# Made-verbs of the added languages: perfective past forms and participles (every gender
# and number follows the stem), never the present ("AI creates jobs" claims nothing).
_PL_VERBS = (r"wygenerowa|generowan|stworzon|stworzył|utworzon|wykonan|zrobion|przygotowan|"
             r"zmodyfikowan|przerobion|edytowan|powstał|narysowan|opracowan|zaprojektowan")
_PL_LINKS = (r"przez|za\s+pomocą|przy\s+użyciu|z\s+użyciem|z\s+pomocą|przy\s+pomocy|dzięki|"
             r"z\s+wykorzystaniem|narzędziem|programem")
_CS_VERBS = (r"vygenerov|generov|vytvořen|vytvořil|vznikl|upraven|upravil|nakreslen|"
             r"nakreslil|vyroben|zhotoven")
_CS_LINKS = (r"pomocí|s\s+pomocí|za\s+pomoci|s\s+využitím|využitím|s\s+použitím|použitím|"
             r"prostřednictvím|přes|díky|nástrojem|programem")
_RU_VERBS = (r"сгенериров|генерирован|создан|создал|сделан|сделал|нарисова|отредактирова|"
             r"обработан|изготовлен")
_RU_LINKS = (r"с\s+помощью|при\s+помощи|с\s+использованием|посредством|через|силами|"
             r"благодаря")
_UK_VERBS = (r"згенеров|згенерува|генерован|створен|створив|створил|зроблен|зробив|зробил|"
             r"намальова|намалюва|відредагова|оброблен|виготовлен")
_UK_LINKS = (r"за\s+допомогою|з\s+допомогою|з\s+використанням|із\s+використанням|"
             r"засобами|через|завдяки")
# Turkish: a made-stem (active or passive) and a positive past or participle ending, so the
# negative "oluşturulmamıştır" / "üretilmedi" never match.
_TR_VERBS = (r"(?:oluştur(?:ul)?|üret(?:il)?|hazırla(?:n)?|tasarla(?:n)?|yap(?:ıl)?|çiz(?:il)?|"
             r"düzenle(?:n)?|yarat(?:ıl)?|tasarla(?:n)?)(?:d[ıiuü]|t[ıiuü]|m[ıiuü]ş|[ae]n)\w*"
             r"|destekli\b")
_TR_LINKS = (r"ile|ıle|tarafından|kullanılarak|yardımıyla|desteğiyle|aracılığıyla|"
             r"sayesinde|araçlarıyla|aracıyla|araçları\s+ile|aracı\s+ile|programıyla|"
             r"uygulamasıyla|modeliyle")
_ID_VERBS = (r"dibuat|dihasilkan|diciptakan|digenerate|digenerasi|dirancang|diedit|direkayasa|"
             r"dimodifikasi|diolah|diproduksi|dikreasikan|hasil(?:\s+(?:rekayasa|olahan|buatan))?")
_ID_LINKS = (r"dengan|menggunakan|memakai|oleh|lewat|melalui|pakai|via|berkat|"
             r"dengan\s+bantuan|berbantuan|bantuan")
_RO_VERBS = (r"generat|generaț|generaţ|creat|realizat|făcut|produs|editat|modificat|desenat|"
             r"conceput|obținut|obţinut")
_RO_LINKS = (r"cu|de|de\s+către|prin|cu\s+ajutorul|folosind|utilizând|prin\s+intermediul|"
             r"cu\s+instrumentul")
_HU_VERBS = (r"(?:generált|generálta|generálták|készítette|készített|készítették|készült|"
             r"alkotta|alkotott|hozta\s+létre|hozott\s+létre|létrehozott|létrehozta|"
             r"szerkesztett|rajzolta|rajzolt|módosított|előállított|előállította)\w*")
_HU_LINKS = (r"által|segítségével|használatával|alkalmazásával|révén|val|vel|jal|jel|al|el|"
             r"eszközzel|programmal")
_EL_VERBS = (r"δημιουργήθηκ|δημιουργημέν|δημιο[υύ]ργησ|παρ[αά]χθηκ|παρήχθη|παραγμέν|"
             r"παρήγαγ|φτιάχτηκ|φτιαγμέν|φτιαχτ|έφτιαξ|κατασκευάστηκ|κατασκευασμέν|"
             r"επεξεργάστηκ|επεξεργασμέν|σχεδιάστηκ|σχεδιασμέν|ζωγραφίστηκ")
_EL_LINKS = (r"με|από|μέσω|με\s+τη\s+βοήθεια|με\s+τη\s+χρήση|με\s+χρήση|"
             r"χρησιμοποιώντας")
_VI_VERBS = (r"tạo(?:\s+ra)?|vẽ|thiết\s+kế|sản\s+xuất|thực\s+hiện|chỉnh\s+sửa|sinh\s+ra|"
             r"tổng\s+hợp|dựng")
_FI_VERBS = (r"(?:luoma|luomat|luomia|luotu|luotuja|luonut|loi|tekemä|tekemät|tekemiä|tehty|"
             r"tehtyjä|tuottama|tuottamat|tuotettu|generoima|generoimat|generoitu|generoituja|"
             r"piirtämä|piirretty|muokkaama|muokattu|laatima|laadittu|avusteinen|"
             r"avusteisesti)(?!\w)")
_FI_LINKS = r"avulla|avustuksella|ohjelmalla|työkalulla|sovelluksella|kuvageneraattorilla"
_AR_VERBS = (r"مولد|مولّد|مُولّد|مُولد|تم\s+توليد|توليد|ولّد|ولد|أنشئ|أُنشئ|انشئ|تم\s+إنشا|"
             r"إنشا|مُنشأ|منشأ|مصنوع|صنع|صُنع|تم\s+صنع|مصمم|صمم|صُمم|تم\s+تصميم|معدل|"
             r"عُدّل|منتج|أنتج|أُنتج|من\s+إنتاج|تم\s+إنتاج|رسم|مرسوم")
_AR_LINKS = r"بواسطة|باستخدام|عبر|من\s+خلال|عن\s+طريق|بمساعدة|بأداة|بتقنية|بتقنيات"
_JA_VERBS = r"生成|作成|制作|作[らりっ成]|描[いかき]|加工|編集"
_ZH_VERBS = (r"生成|制作|製作|创作|創作|绘制|繪製|合成|产生|產生|创建|創建|画|畫|"
             r"制图|製圖|绘图|繪圖|作图|作圖")
_KO_VERBS = r"생성|제작|만들|만든|만드|그린|그려|그렸|편집|합성"

# Each claim says something was made or edited by AI; ``lang`` selects the negations.
CLAIMS: tuple[tuple[str, LazyPattern], ...] = (
    ("en", LazyPattern(rf"\b(?:AI|A\.I\.|gen(?:erative)?[\s-]?AI|{TOOLS})[\s-]*(?:generated|"
                      r"created|made|produced|rendered|edited|enhanced|altered|manipulated|"
                      r"modified|assisted)\b", _F)),
    ("en", LazyPattern(rf"\b{_EN_VERBS}\s+(?:{_W}){{0,6}}?(?:with|by|using|via|through|in|on|"
                      rf"from)\s+(?:{_W}){{0,3}}?(?:{AI_EN}|{TOOLS})", _F)),
    ("en", LazyPattern(rf"\b(?:{AI_EN}|{TOOLS})\s+(?:was|were|has\s+been|had\s+been|is)\s+"
                      rf"used\s+(?:to|in)\s+{_EN_USE}", _F)),
    ("en", LazyPattern(rf"\bused\s+(?:{_W}){{0,2}}?(?:{AI_EN}|{TOOLS})\s+to\s+{_EN_USE}", _F)),
    ("de", LazyPattern(r"\bKI[\s-]*(?:generiert|erzeugt|erstellt|bearbeitet|gestützt)\w*", _F)),
    ("de", LazyPattern(rf"\b(?:mit(?:hilfe)?|mit\s+Hilfe|durch|von|per|mittels)\s+(?:{_W}){{0,2}}?"
                      rf"(?:{AI_DE}|{TOOLS})\s+(?:{_W}){{0,2}}?(?:generiert|erzeugt|erstellt|"
                      r"bearbeitet|gestaltet|geschaffen|produziert|verändert|hergestellt)\w*", _F)),
    ("de", LazyPattern(rf"\b(?:generiert|erzeugt|erstellt|bearbeitet)\s+(?:mit|durch|von|mittels)"
                      rf"\s+(?:{_W}){{0,2}}?(?:{AI_DE}|{TOOLS})", _F)),
    ("es", LazyPattern(r"\b(?:(?:generad|cread|hech|elaborad|producid|editad|modificad|"
                      r"manipulad|realizad|diseñad|retocad|alterad)[oa]s?|generamos|creamos|"
                      rf"hicimos|elaboramos|editamos)\s+(?:{_W}){{0,3}}?(?:con|por|mediante|"
                      r"usando|utilizando|a\s+través\s+de|gracias\s+a)\s+"
                      rf"(?:{_W}){{0,3}}?(?:{AI_ES}|{TOOLS})", _F)),
    ("fr", LazyPattern(r"\b(?:(?:g[ée]n[ée]r[ée]|cr[ée][ée]|r[ée]alis[ée]|produit|fabriqu[ée]|"
                      r"retouch[ée]|modifi[ée]|con[çc]u|illustr[ée])e?s?)\s+(?:[\w'’.-]+\s+)"
                      r"{0,3}?(?:par|avec|à\s+l['’]aide\s+d[e'’u]|grâce\s+à|au\s+moyen\s+d[e'’u]"
                      rf"|via|en\s+utilisant)\s*(?:{_W}){{0,3}}?(?:{AI_FR}|{TOOLS})", _F)),
    ("pt", LazyPattern(r"\b(?:(?:gerad|criad|feit|produzid|editad|modificad|manipulad|elaborad|"
                      r"desenvolvid|alterad)[oa]s?|geramos|criamos|fizemos)\s+"
                      rf"(?:{_W}){{0,3}}?(?:por|com|pela|pelo|usando|utilizando|atrav[ée]s\s+"
                      r"d[aeo]|com\s+o\s+uso\s+d[ae]|por\s+meio\s+d[ae]|com\s+ajuda\s+d[ae])\s+"
                      rf"(?:{_W}){{0,3}}?(?:{AI_PT}|{TOOLS})", _F)),
    ("it", LazyPattern(r"\b(?:(?:generat|creat|realizzat|prodott|elaborat|modificat|ritoccat|"
                      r"alterat|manipolat|fatt|disegnat)[oaie])\s+(?:[\w'’.-]+\s+){0,3}?"
                      r"(?:con|da|dall['’]|dalla|tramite|mediante|usando|utilizzando|attraverso|"
                      r"grazie\s+(?:a|all['’])|con\s+l['’]aiuto\s+d\w*|per\s+mezzo\s+d\w*)\s*"
                      rf"(?:{_W}){{0,3}}?(?:{AI_IT}|{TOOLS})", _F)),
    ("nl", LazyPattern(r"\bAI[\s-]*gegenereerd\w*", _F)),
    ("nl", LazyPattern(r"\b(?:gegenereerd|gemaakt|gecre[ëe]erd|bewerkt)\s+(?:[\w'’.-]+\s+){0,3}?"
                      rf"(?:met|door|via|met\s+behulp\s+van)\s+(?:{_W}){{0,3}}?(?:{AI_NL}|{TOOLS})",
                      _F)),
    ("sc", LazyPattern(r"\b(?:AI|KI)[\s-]*(?:generer(?:t|et|ad|ade|ede|te|at|ats)|skap(?:t|et|ad|"
                      r"ade|at))\w*", _F)),
    ("sc", LazyPattern(r"\b(?:generer(?:t|et|ad|ade|ede|at|ats|ts)|laget|lavet|lagd"
                      r"|skapa(?:d|de|t|ts)"
                      r"|skapt|skabte?|framställ(?:d|da|t|des)|fremstil(?:let|te)|produsert|produceret"
                      r"|redigert|redigerad|redigeret|bearbetad)\s+"
                      r"(?:[\w'’.-]+\s+){0,3}?(?:med|av|af|ved\s+hjelp\s+av|med\s+hjälp\s+av|"
                      rf"ved\s+hjælp\s+af)\s+(?:{_W}){{0,3}}?(?:{AI_SC}|{TOOLS})", _F)),
    ("hi", LazyPattern(rf"{AI_HI}\s*(?:की\s+मदद\s+से|के\s+ज़?जरिए|के\s+जरिये|के\s+द्वारा|द्वारा|से|"
                      r"का\s+(?:इस्तेमाल|उपयोग|प्रयोग)\s+(?:करके|कर\s+के|कर))\s+(?:\S+\s+){0,2}?"
                      r"(?:बनाई|बनाया|बनाए|बनी|बना|तैयार|जनरेट|निर्मित|जनित)", _F)),
    ("hi", LazyPattern(rf"{AI_HI}[\s-]*(?:जनरेटेड|जनित|निर्मित)", _F)),
    ("ur", LazyPattern(rf"{AI_UR}\s*(?:کی\s+مدد\s+سے|کے\s+ذریعے|سے)\s+(?:\S+\s+){{0,2}}?"
                      r"(?:بنائی|بنایا|بنائے|بنی|تیار|تخلیق)", _F)),
    ("pl", LazyPattern(_verb_first(_PL_VERBS, _PL_LINKS, AI_PL), _F)),
    ("pl", LazyPattern(_ai_first(AI_PL, "", r"wygenerowa\w*"), _F)),
    ("cs", LazyPattern(_verb_first(_CS_VERBS, _CS_LINKS, AI_CS), _F)),
    ("cs", LazyPattern(_ai_first(AI_CS, "", r"vygenerova\w*|generovan\w*|vytvořil\w*"), _F)),
    ("ru", LazyPattern(_verb_first(_RU_VERBS, _RU_LINKS, AI_RU, near="в|на"), _F)),
    ("ru", LazyPattern(_ai_first(AI_RU, "", r"сгенериров\w*|генерирован\w*|создан\w*|создал\w*|"
                                         r"сделан\w*|сделал\w*|нарисова\w*"), _F)),
    ("uk", LazyPattern(_verb_first(_UK_VERBS, _UK_LINKS, AI_UK, near="в|у|на"), _F)),
    ("uk", LazyPattern(_ai_first(AI_UK, "", r"згенеров\w*|згенерува\w*|генерован\w*|створен\w*|"
                                         r"створив\w*|створил\w*|зроблен\w*|намал\w*"), _F)),
    ("tr", LazyPattern(_ai_first(AI_TR, _TR_LINKS, _TR_VERBS, suffix=r"['’]\w+"), _F)),
    ("id", LazyPattern(_verb_first(_ID_VERBS, _ID_LINKS, AI_ID), _F)),
    ("ro", LazyPattern(_verb_first(_RO_VERBS, _RO_LINKS, AI_RO), _F)),
    ("hu", LazyPattern(_ai_first(AI_HU, _HU_LINKS, _HU_VERBS), _F)),
    ("hu", LazyPattern(_verb_first(r"generálta|készítette|alkotta|hozta\s+létre", "", AI_HU,
                                   near="az?"), _F)),
    ("el", LazyPattern(_verb_first(_EL_VERBS, _EL_LINKS, AI_EL), _F)),
    ("vi", LazyPattern(rf"(?<!\w)(?:{_VI_VERBS})\s+(?:bằng|bởi|từ|với|qua|nhờ|sử\s+dụng|dùng)\s+"
                      rf"(?:(?:công\s+cụ|phần\s+mềm|ứng\s+dụng|mô\s+hình)\s+)?(?:{AI_VI}|{TOOLS})"
                      r"(?!\w)", _F)),
    ("vi", LazyPattern(rf"(?<!\w)(?:do|bởi|bằng)\s+(?:{AI_VI}|{TOOLS})\s+(?:{_VI_VERBS})(?!\w)",
                       _F)),
    ("fi", LazyPattern(_ai_first(AI_FI, _FI_LINKS, _FI_VERBS, suffix=r":?(?:n|lla|llä|in)"), _F)),
    ("fi", LazyPattern(_verb_first(r"luotu|tehty|tuotettu|generoitu|piirretty|muokattu|laadittu",
                                   "", AI_FI), _F)),
    ("ar", LazyPattern(rf"(?<!\w)(?:{_AR_VERBS})\w*\s+(?:(?:{_W}){{0,2}}?(?:{_AR_LINKS})\s+)?"
                      rf"(?:{AI_AR}|{TOOLS})", _F)),
    # CJK: the AI term, a particle or "using", and the verb, with no spaces needed.
    ("ja", LazyPattern(rf"(?:{AI_JA}|{TOOLS})\s*(?:ツール|ソフト|モデル)?\s*(?:で|により|によって|"
                      r"による|を(?:使(?:って|い|用して|用し|用した)|利用して|利用し|利用した|"
                      r"活用して|活用し|活用した|用いて|用いた)|が|の|に)?\s*"
                      rf"(?:{_JA_VERBS})", _F)),
    ("zh", LazyPattern(rf"(?:由|用|使用|通过|通過|利用|借助|经由|經由|以|采用|採用)?\s*"
                      rf"(?:{AI_ZH}|{TOOLS})\s*(?:工具|软件|軟體|软体|技术|技術|模型|程序|程式)?\s*"
                      rf"(?:辅助|輔助|自动|自動)?\s*(?:{_ZH_VERBS})|AIGC", _F)),
    ("ko", LazyPattern(rf"(?:{AI_KO}|{TOOLS})\s*(?:기술|도구|툴|프로그램|모델)?\s*(?:로|으로|"
                      r"를\s*(?:이용|활용|사용|통)해|을\s*(?:이용|활용|사용|통)해|가|이|에\s*의해|의|"
                      rf"기반으로|기반)?\s*(?:{_KO_VERBS})", _F)),
)


def fold_for_gates(text: str) -> str:
    """``text`` case-folded for :data:`CLAIM_VERBS`, with Turkish "İ" read as "i" (its own
    folding, "i̇", puts a dot between the letters the gates spell)."""
    return (text.replace("İ", "i") if "İ" in text else text).casefold()


# Every claim pattern of a language holds one of these verbs (or "used"): a sentence
# without any skips that language's patterns, which are costly to compile and run (a
# name like "Gemini" or the word "AI" alone makes a sentence a candidate in every
# language). tests/detect/test_prechecks.py checks that each claim needs its verbs.
# The gates are searched in the sentence as :func:`fold_for_gates` folds it: written in
# lower case and compiled without IGNORECASE. One gate per language runs on every
# sentence naming "AI", and case-insensitive gates were three times slower (Cyrillic and
# Greek letters most).
CLAIM_VERBS: dict[str, LazyPattern] = {
    "en": LazyPattern(r"generat|creat|made|make|produc|render|edit|enhanc|alter|manipulat|"
                      r"modif|assist|design|drawn|illustrat|compos|used"),
    "de": LazyPattern(r"generiert|erzeugt|erstellt|bearbeitet|gestützt|gestaltet|geschaffen|"
                      r"produziert|verändert|hergestellt"),
    "es": LazyPattern(r"generad|cread|hech|elaborad|producid|editad|modificad|manipulad|"
                      r"realizad|diseñad|retocad|alterad|generamos|creamos|hicimos|"
                      r"elaboramos|editamos"),
    "fr": LazyPattern(r"g[ée]n[ée]r[ée]|cr[ée][ée]|r[ée]alis[ée]|produit|fabriqu[ée]|"
                      r"retouch[ée]|modifi[ée]|con[çc]u|illustr[ée]"),
    "pt": LazyPattern(r"gerad|criad|feit|produzid|editad|modificad|manipulad|elaborad|"
                      r"desenvolvid|alterad|geramos|criamos|fizemos"),
    # The ending is part of the gate: English "generated"/"created" must not wake Italian.
    "it": LazyPattern(r"(?:generat|creat|realizzat|prodott|elaborat|modificat|ritoccat|alterat|"
                      r"manipolat|fatt|disegnat)[oaie](?!\w)"),
    "nl": LazyPattern(r"gegenereerd|gemaakt|gecre[ëe]erd|bewerkt"),
    "sc": LazyPattern(r"generer|skap|laget|lavet|lagd|skabt|framställ|fremstil|produ|rediger|"
                      r"bearbet"),
    "hi": LazyPattern(r"बना|बनी|तैयार|जनरेट|निर्मित|जनित"),
    "ur": LazyPattern(r"بنائی|بنایا|بنائے|بنی|تیار|تخلیق"),
    "pl": LazyPattern(_PL_VERBS),
    "cs": LazyPattern(_CS_VERBS + r"|generova|vytvoř"),
    "ru": LazyPattern(_RU_VERBS),
    "uk": LazyPattern(_UK_VERBS + r"|намал"),
    # "ı" and "i" both: "YAPILDI" folds to "yapildi".
    "tr": LazyPattern(r"oluştur|üret|haz[ıi]rla|tasarla|yap[ıi]l|yapt|yapm|yapan|çizil|çizd|"
                      r"çizm|çizen|düzenle|yarat|destekli"),
    "id": LazyPattern(r"dibuat|dihasilkan|diciptakan|digenera|dirancang|diedit|direkayasa|"
                      r"dimodifikasi|diolah|diproduksi|dikreasikan|hasil"),
    "ro": LazyPattern(_RO_VERBS),
    "hu": LazyPattern(r"generál|készít|készül|alkot|létre|szerkeszt|rajzol|módosít|előállít"),
    "el": LazyPattern(_EL_VERBS),
    "vi": LazyPattern(r"tạo|vẽ|thiết\s+kế|sản\s+xuất|thực\s+hiện|chỉnh\s+sửa|sinh\s+ra|"
                      r"tổng\s+hợp|dựng"),
    "fi": LazyPattern(r"luoma|luomi|luotu|luonut|loi|tekemä|tekemi|tehty|tuottama|tuotettu|"
                      r"generoi|piirtämä|piirretty|muokkaama|muokattu|laatima|laadittu|avustei"),
    "ar": LazyPattern(r"مولد|مولّد|مُولّد|مُولد|توليد|ولّد|ولد|أنشئ|أُنشئ|انشئ|إنشا|منشأ|مُنشأ|"
                      r"مصنوع|صنع|صُنع|مصمم|صمم|صُمم|تصميم|معدل|عُدّل|منتج|أنتج|أُنتج|إنتاج|رسم|"
                      r"مرسوم"),
    "ja": LazyPattern(_JA_VERBS),
    "zh": LazyPattern(_ZH_VERBS + r"|aigc"),
    "ko": LazyPattern(_KO_VERBS),
}

_GATE_LANGUAGES = tuple(CLAIM_VERBS)
_SCREENED_GATES = 4  # from this many languages on, one screen beats running each gate


@cache
def _gate_screen() -> _Screen | None:
    """One screen for every verb gate: which languages' verbs the sentence may hold."""
    return _Screen.build([CLAIM_VERBS[lang].compiled for lang in _GATE_LANGUAGES])


def claim_verbs(folded: str, languages: Collection[str]) -> set[str]:
    """The ``languages`` whose verb gate (:data:`CLAIM_VERBS`) is in ``folded``
    (:func:`fold_for_gates`).

    A sentence naming "AI" or a tool is a candidate in every language, and running all
    their gates cost more than the claim patterns they spare; past a few languages, the
    gates' screen rules most of them out in one pass first.
    """
    screen = _gate_screen() if len(languages) >= _SCREENED_GATES else None
    if screen is not None:
        possible = screen.which(folded)
        languages = [lang for n, lang in enumerate(_GATE_LANGUAGES)
                     if n in possible and lang in languages]
    return {lang for lang in languages if CLAIM_VERBS[lang].search(folded)}


# Image nouns of the added languages, each kept apart for its own demonstratives (Polish
# "to", Turkish "bu" must not make English "to images" deictic).
_PL_N = (r"(?:zdjęci[eaau]|zdjęć|ilustracj[aięe]|obraz(?:ek|ka|ku|y|u)?|grafik[aięeiu]|"
         r"fotografi[aięe]|rysun(?:ek|ki|ku)|fotomontaż|kolaż|wizualizacj[aię])")
_CS_N = (r"(?:obrázek|obrázku|obrázky|obrázků|snímek|snímku|snímky|ilustrace|ilustraci|"
         r"kresb[auy]|koláž|vizualizace|fotografie|fotografii)")
_RU_N = (r"(?:изображени[еяю]|картинк[аиу]|фото(?:графи[яиюей])?|иллюстраци[яиюей]|снимок|"
         r"снимк[иа]|рисун(?:ок|ки|ка)|коллаж|обложк[аи])")
_UK_N = (r"(?:зображення|фото(?:графі[яїю])?|світлин[аиу]|ілюстраці[яїю]|малюн(?:ок|ки|ка)|"
         r"колаж|картинк[аиу])")
_TR_N = (r"(?:görsel(?:ler)?(?:i|in|de|deki)?|fotoğraf(?:lar)?(?:ı|ın|ta|taki)?|resim|"
         r"illüstrasyon(?:u|lar)?|çizim|kolaj)")
_ID_N = r"(?:gambar|foto|ilustrasi|citra|grafis)"
_SC_N = (r"(?:bilden|bilderna|bildet|bildene|billedet|billederne|fotot|fotoet|fotografiet|"
         r"illustrasjonen|grafiken|grafikken|teckningen|tegningen)")
# Romanian bare "imagine" is English "imagine": read only after a demonstrative, or as a
# caption's one noun before its participle (``_PARTICIPLES`` in :mod:`.disclosure`).
_RO_N = (r"(?:imaginea|imagini|imaginile|fotografia|ilustrați[ae]|ilustraţi[ae]|"
         r"poz[aăe]|pozele)")
_HU_N = (r"(?:kép|képet|képen|képek|képeket|fénykép|fényképet|fotó|fotót|illusztráció|"
         r"illusztrációt)")
_EL_N = r"(?:εικόν[αεςω]\w*|φωτογραφί\w*|εικονογράφηση|σκίτσο)"
_VI_N = (r"(?:ảnh(?:\s+minh\s+h(?:ọa|oạ))?|hình(?:\s+ảnh)?|bức\s+(?:ảnh|tranh)|"
         r"minh\s+h(?:ọa|oạ))")
_FI_N = (r"(?:kuva|kuvan|kuvat|kuvia|kuvitus|kuvituskuva|valokuva|piirros|grafiikka)")
_AR_N = r"(?:صورة|الصورة|صور|الصور|رسم|رسمة|الرسم|الرسوم)"

IMAGE_NOUNS = (r"(?:images?|pictures?|photos?|photographs?|illustrations?|graphics?|artwork|"
               r"visuals?|pics?|thumbnail|rendering|collage|cartoon|Bild|Bilder|Fotos?|"
               r"Illustrationen|Grafik(?:en)?|Symbolbild|Titelbild|Aufmacherbild|Abbildung|"
               r"imagen|imágenes|fotografías?|ilustración|ilustraciones|gráfic[oa]|montaje|"
               r"photographie|visuels?|montage|imagem|imagens|fotografia|ilustraç(?:ão|ões)|"
               r"montagem|retratos?|dibujos?|fotomontajes?|desenhos?|fotomontage(?:m|ns)|"
               r"dessins?|portraits?|photomontages?|drawings?|Zeichnung(?:en)?|immagin[ei]|"
               r"illustrazion[ei]|fotografie|disegn[oi]|ritratt[oi]|fotomontagg(?:io|i)|"
               r"afbeelding(?:en)?|illustraties?|foto['’]s|bilde[tr]?|billede[tr]?|"
               r"illustrasjon(?:en|er)?|illustrationen|"
               r"तस्वीर|तस्वीरें|तस्वीरों|छवि|फोटो|फ़ोटो|चित्र|इमेज|تصویر|تصاویر|"
               rf"{_PL_N}|{_CS_N}|{_RU_N}|{_UK_N}|{_TR_N}|{_ID_N}|{_SC_N}|{_RO_N}|{_HU_N}|"
               rf"{_EL_N}|{_VI_N}|{_FI_N}|{_AR_N})")
# Image nouns of scripts without spaces (or with particles joined to the noun): matched
# without a word boundary after them.
CJK_NOUNS = (r"(?:画像|写真|イラスト|イメージ|図|图片|圖片|图像|圖像|照片|插图|插圖|配图|配圖|"
             r"示意图|示意圖|이미지|사진|그림|일러스트|삽화|그래픽)")
# Nouns that stand as a caption's subject with no article: languages without articles, and
# definite forms ("bilden", "imaginea", "الصورة"). "Foto", shared with German, is left out.
BARE_SUBJECT = LazyPattern(
    r"^[\s(\[«\"“„※*]*(?:zdjęci[ea]|ilustracj[ae]|obraz(?:ek|y)?|grafik[ai]|fotografi[ae]|"
    r"rysunek|wizualizacja|kolaż|fotomontaż|obrázek|obrázky|fotografie|snímek|snímky|ilustrace|"
    r"kresba|koláž|vizualizace|изображени[ея]|картинк[аи]|фото(?:графи[яи])?|иллюстраци[яи]|"
    r"снимок|снимки|рисунок|коллаж|обложка|зображення|фотографія|світлина|ілюстрація|"
    r"ілюстрації|картинка|малюнок|колаж|görsel(?:ler)?|fotoğraf(?:lar)?|resim|illüstrasyon|"
    r"çizim|gambar|ilustrasi|citra|grafis|bilden|bilderna|bildet|bildene|billedet|billederne|"
    r"fotot|fotoet|fotografiet|illustrationen|illustrasjonen|grafiken|grafikken|teckningen|"
    r"tegningen|imaginea|imaginile|fotografia|fotografiile|ilustrați[ae]|ilustraţi[ae]|"
    r"poza|pozele|grafica|ảnh|hình|hình\s+ảnh|bức\s+ảnh|kuva|kuvat|kuvitus|kuvituskuva|"
    r"valokuva|piirros|grafiikka|الصورة|الصور|الرسم|الرسمة|الرسوم|صورة)(?!\w)"
    rf"|^[\s(（\[「※*＊]*{CJK_NOUNS}", _F)

# "This image", "the image above", "Symbolbild", "esta imagen", "cette illustration"...
DEIXIS = LazyPattern(
    rf"\b(?:this|these|our|dieses?|diese[rnm]?|obige[snm]?|unser(?:e[snm]?)?|esta|estas|este"
    rf"|ceci|c['’]est"
    rf"|estos|estes|essa|essas|nuestr[ao]s?|cette|ces|cet|notre|nos|nossa|nossas|nosso"
    rf"|quest[aeio]|nostr[aeio]|deze|dit|onze|denne|dette|disse|denna|detta|dessa)\s+"
    rf"(?:{_W}){{0,2}}?{IMAGE_NOUNS}(?![\w])"
    rf"|(?:^|\s)(?:यह|ये|इस|इन)\s+(?:\S+\s+){{0,2}}?(?:तस्वीर|छवि|फोटो|फ़ोटो|चित्र|इमेज)"
    rf"|(?:^|\s)(?:یہ|اس|ان)\s+(?:\S+\s+){{0,2}}?(?:تصویر|تصاویر)"
    # "the illustration [of the boats] in this article": up to three words may qualify it.
    rf"|{IMAGE_NOUNS}(?:\s+(?:of|showing|with|from)(?:\s+[\w'’-]+){{1,3}}?)?"
    rf"\s+(?:above|below|at\s+the\s+top|on\s+this\s+page|(?:in|of|for|on|"
    rf"accompanying|used\s+(?:in|for|with)|with)\s+this\s+(?:article|story|post|report|piece|"
    rf"page|series|feature|special|investigation|project)|oben|unten|(?:in|zu)\s+diese[mr]\s+"
    rf"(?:Artikel|Beitrag|Text|Serie|Geschichte|Recherche)|de\s+(?:arriba|portada)|superior"
    rf"|que\s+acompaña|de\s+(?:esta|este)\s+(?:nota|noticia|artículo|reportaje|serie|especial"
    rf"|información)|ci-dessus|ci-dessous|(?:de|dans)\s+cet(?:te)?\s+(?:article|série|reportage"
    rf"|enquête)|qui\s+illustre|acima|abaixo|de\s+capa|dest[ae]\s+(?:matéria|reportagem|notícia"
    rf"|artigo|série|especial)|que\s+ilustra|(?:di|in|per)\s+quest[oa]\s+(?:articolo|servizio"
    rf"|serie|pezzo|inchiesta|pagina)|(?:qui\s+)?(?:sopra|sotto)|in\s+alto|che\s+illustra)"
    rf"|\b(?:above|accompanying|featured|header|cover|lead)\s+{IMAGE_NOUNS}"
    rf"|\b(?:Symbolbild|Titelbild|Aufmacherbild|Beitragsbild)\b"
    # Demonstratives of the added languages, each with image nouns (shared by all) after it.
    rf"|(?<!\w)(?:to|ta|te|ten|tym|tej|tego|powyższ\w+|poniższ\w+|nasz[aey]?)\s+{_PL_N}(?!\w)"
    rf"|(?<!\w)(?:tento|tato|toto|tyto|tuto|tohoto|této|výše\s+uveden\w+)\s+{_CS_N}(?!\w)"
    rf"|(?<!\w)(?:это|эта|этот|эти|эту|этого|данн\w+|наш[аие]?)\s+{_RU_N}(?!\w)"
    rf"|(?<!\w)(?:ця|цей|це|ці|цю|цього|наш[аеі]?)\s+{_UK_N}(?!\w)"
    rf"|(?<!\w)(?:bu|şu|yukarıdaki|aşağıdaki|haberdeki)\s+{_TR_N}(?!\w)"
    rf"|(?<!\w)(?:această|acest|aceste|aceasta)\s+(?:imagine|{_RO_N})(?!\w)"
    rf"|(?<!\w)(?:ez|ezt|ezen|ezek|ezeket)\s+az?\s+{_HU_N}(?!\w)|\ba\s+(?:fenti|lenti)\s+{_HU_N}"
    rf"|(?<!\w)(?:αυτ[ήόέ]ς?\s+(?:η|το|οι|τα|την)|η\s+παραπάνω|οι\s+παραπάνω)\s+{_EL_N}"
    rf"|(?<!\w)(?:tämä|tämän|nämä|näiden|yllä\s+oleva|jutun)\s+{_FI_N}(?!\w)"
    rf"|(?<!\w)(?:هذه|هذا)\s+{_AR_N}(?!\w)"
    # Nouns before their demonstrative: "gambar ini", "ảnh này", "imaginea de mai sus".
    rf"|(?<!\w)(?:gambar|foto|ilustrasi|citra|grafis|ảnh|hình|hình\s+ảnh|bức\s+ảnh|tranh"
    rf"|ảnh\s+minh\s+h(?:ọa|oạ)|imaginea|fotografia|ilustrați[ae]|ilustraţi[ae]|poza"
    rf"|الصورة|الصور)\s+(?:ini|di\s+atas|di\s+bawah|dalam\s+artikel\s+ini|này|trên|dưới"
    rf"|bên\s+trên|bên\s+dưới|trong\s+bài|aceasta|de\s+mai\s+sus|de\s+mai\s+jos|أعلاه|أدناه"
    rf"|المرفقة)(?![\w])"
    rf"|(?:このページの|本記事の|記事の|この|上の|下の|(?<!日)本)\s*(?:画像|写真|イラスト|イメージ|図)"
    rf"|(?:本文|文中|本篇|(?<![网網线線路])[上下]|(?<!\w)此|这张|這張|这幅|這幅|该|該|(?<![日资資根])本)"
    rf"\s*(?:图片|圖片|图像|圖像|照片|插图|插圖|配图|配圖|图|圖)"
    rf"|(?:^|\s)(?:이|본|위|아래|해당|기사\s*속)\s+(?:이미지|사진|그림|일러스트|삽화|그래픽)", _F,
    screened=True)

# "This is an AI-generated image", "Dies ist ein KI-generiertes Bild": a demonstrative and a
# copula before the claim, an image noun right after it.
COPULA_BEFORE = LazyPattern(
    r"(?:^|\s)(?:this|it|dies|das|ceci|c['’]est|esta|este|isto|isso|questa|questo|यह|یہ)\s+"
    r"(?:(?:is|was|ist|war|est|es|é|è|era|fue|foi)\s+)?"
    r"(?:(?:an?|ein(?:e|es)?|une?|una?|uma?|um|uno)\s+|un['’])?$", _F)
NOUN_AFTER = LazyPattern(rf"^\W*(?:\S+\s+)?{IMAGE_NOUNS}(?![\w])", _F)

# Right after a claim: "…generated with AI for this article", "…con IA para esta nota".
FOR_THIS = LazyPattern(
    r"\s*(?:\([^)]{0,30}\)\s*)?(?:for|in|of|accompanying|für|zu|para|en|pour|de|dans|em|n[ao]"
    r"|per|di)\s+(?:this|these|diese[nmrs]?|esta|este|cette|cet|ce|essa|esse|quest[oa])\s+"
    r"(?:article|story|report|post|piece|page|series|feature|Artikel|Beitrag|Text|Serie|nota"
    r"|noticia|artículo|información|reportaje|reportagem|matéria|notícia|reportage|articolo"
    r"|servizio|serie)\b", _F)

# The sentence is an image label: "AI-generated image", "Imagen generada con IA"...
LABEL_PREFIX = LazyPattern(
    rf"^[\s(\[«\"“•·*-]*(?:{IMAGE_NOUNS}|credits?|crédito|crédit|quelle|fonte|fuente|note"
    rf"|źródło|zdroj|источник|джерело|kaynak|sumber|sursa|forrás|πηγή|nguồn|lähde|المصدر)"
    r"\s*[:/|—–=-]\s*"
    rf"|^[\s(（\[「※*]*(?:{CJK_NOUNS}|图|圖|출처|来源|來源|出典)\s*[:/|=：／]\s*", _F)
LABEL_LEAD = LazyPattern(
    rf"^(?:[\s'’]*(?:{IMAGE_NOUNS}|an?|un|una|une|um|uma|uno|ein|eine|representational|representative"
    r"|symbolic|illustrative|file|simbólica|ilustrativa|प्रतीकात्मक|ilustracyjn\w+|poglądow\w+"
    r"|ilustrační|ilustrativní|иллюстративн\w+|ілюстративн\w+|temsili|ilustratif|ilustrativă"
    r"|ενδεικτική|minh\s+h(?:ọa|oạ)|تعبيرية|توضيحية|kuvituskuva|illusztráció|az?|η|οι|το|τα"
    r"|που"
    rf")\b)*\W*$|^\W*{CJK_NOUNS}\W*$", _F)
ONE_WORD = LazyPattern(r"^[\s(\[«\"“•·*-]*[^\W\d_][\w'’-]*\s+$", _F)  # "Retrato "
CREDIT_TOOL = LazyPattern(
    rf"^[\s(\[«\"“•·*-]*(?:{IMAGE_NOUNS}|credits?|crédito|crédit|quelle|fonte|fuente|źródło"
    rf"|zdroj|источник|джерело|kaynak|sumber|sursa|forrás|πηγή|nguồn|lähde|المصدر)\s*"
    rf"[:/|=]\s*(?:[\w.&-]+\s*/\s*)?(?:{TOOLS}|AI|KI|IA|एआई|ИИ|ШІ|(?-i:MI)|нейросеть|нейромережа"
    r"|yapay\s+zek[aâ]|kecerdasan\s+buatan|tekoäly|sztuczna\s+inteligencja"
    r"|umělá\s+inteligence|inteligen[țţ][aă]\s+artificial[aă]|mesterséges\s+intelligencia"
    r"|τεχνητή\s+νοημοσύνη|الذكاء\s+الاصطناعي|trí\s+tuệ\s+nhân\s+tạo)(?![\w])"
    # then nothing but a second credit, a bracket or one name ("нейросеть Kandinsky"):
    # "Фото: ИИ создаёт рабочие места" is a headline, not a credit.
    r"(?=\s*(?:$|[/|,;.()\[\]–—-]|[\w.-]+\s*(?:$|[/|,;.()\[\]–—-])))"
    rf"|^[\s(（\[「※*]*(?:{CJK_NOUNS}|图|圖)\s*[:/|=：／]\s*(?:{TOOLS}|AI|ＡＩ|人工智能|人工智慧"
    r"|人工知能|인공지능|미드저니|챗GPT)(?![A-Za-z])", _F)
# A caption closing on a generator credit after a dash, bar or slash, as a photo credit
# would: "Boats at dusk – Midjourney", "… | Stable Diffusion / Desk", optionally followed by
# the prompt in brackets or quotes ("– Midjourney („a harbour at dusk“)"). Only image
# generators: a chatbot credited so ("… – ChatGPT") is more often a screenshot of it.
_IMAGE_TOOLS = (r"(?:Midjourney|DALL[-·‧.\s]?E(?:\s?\d)?|Adobe\s+Firefly|Firefly|Stable\s+"
                r"Diffusion|Google\s+Imagen|Bing\s+Image\s+Creator|Image\s+Creator|Leonardo\.ai"
                r"|Ideogram|FLUX|NightCafe|Craiyon|NovelAI|Fooocus)")
CREDIT_TAIL = LazyPattern(
    rf"(?:\s[—–|/-]|[—–|])\s*{_IMAGE_TOOLS}(?:\s*/\s*[\w .&-]{{1,40}}?)?\s*"
    r"(?:\([^()]*\)|„[^“”]*[“”]|“[^”]*”|\"[^\"]*\"|«[^»]*»)?[\s.]*$", _F)
# A claim holding an active finite verb ("MI készítette", "ИИ создал", "Rząd wygenerował …
# przy użyciu AI") is a sentence with a subject of its own, never a label: "ИИ создал
# новую профессию" says nothing about an image. (Its image subject, "A képet …", is read
# by DEFINITE_SUBJECT or BARE_SUBJECT instead.)
FINITE_CLAIM = LazyPattern(
    r"(?<!\w)(?:wygenerował\w*|stworzył\w*|utworzył\w*|wykonał\w*|zrobił\w*|powstał\w*|"
    r"vygeneroval\w*|vytvořil\w*|vznikl\w*|upravil\w*|nakreslil\w*|сгенерировал[аио]?|"
    r"создал[аио]?|сделал[аио]?|нарисовал[аио]?|згенерува(?:в|ла|ло|ли)|створи(?:в|ла|ло|ли)|"
    r"зроби(?:в|ла|ло|ли)|намалюва(?:в|ла|ло|ли)|készítette|generálta|alkotta|hozta\s+létre|"
    r"loi|luonut|δημιο[υύ]ργησε|έφτιαξε|παρήγαγε|üretti|oluşturdu|yaptı|çizdi)(?!\w)", _F)
# What may follow a Chinese, Japanese or Korean label's claim: an image noun at most
# ("AI生成图片", "AI 생성 이미지", "（AI生成）"), never a predicate ("…内容正在改变新闻业").
CJK_LABEL_TAIL = LazyPattern(
    rf"^[^\w]*(?:的|の|した|された|による|된|한|된\s*)?\s*(?:{CJK_NOUNS})?\s*(?:です|である|だ|"
    r"입니다|이다|임)?[^\w]*$", _F)
TAIL_VERB = LazyPattern(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|flood\w*|spread\w*|"
    r"went|goes|shows?|showed|appear\w*|became|become|fool\w*|trick\w*|sparked?|caus\w*|"
    r"drew|raise[sd]?|es|son|fue|fueron|ha|han|ist|sind|war|wurde|wurden|hat|haben|est|sont|"
    r"ont|été|são|foi|foram|tem|têm|è|sono|erano|stat[aoie]|hanno|zijn|werd|werden|heeft|"
    r"hebben|är|ble|blev|blir|hadde|hade|"
    # pl, cs, ru, uk, id, ro, hu, el, fi, ar: copulas and "published/spread/showed"
    r"jest|są|był[aoy]?|został[aoy]?|zostały|opublikował\w*|pokazuje|zalał\w*|wywołał\w*|"
    r"trafił\w*|obiegł\w*|pojawił\w*|zdobył\w*|"
    r"jsou|byl[aoy]?|ukazuje|zveřejnil\w*|objevil\w*|obletěl\w*|vyvolal\w*|zaplavil\w*|"
    r"является|был[аио]?|стал[аио]?|показыва\w+|вызвал\w*|опубликовал\w*|появил\w*|"
    r"облетел\w*|набрал\w*|разлетел\w*|є|був|була|було|були|показу\w+|викликал\w*|"
    r"опублікува\w*|з['’]явил\w*|облетіл\w*|набрал\w*|adalah|merupakan|menjadi|memicu|menunjukkan|sunt|a\s+fost|"
    r"au\s+fost|arată|a\s+devenit|lett|mutatja|είναι|ήταν|έγινε|δείχνει|προκάλεσε|"
    r"levisi|näyttää|keräsi|herätti|aiheutti|sai|aldı|oldu|çekti|topladı|yarattı|"
    r"bejárta|kapott|terjedt\w*|vált|okozott|keltett|gây|khiến|thu\s+hút|nhận\s+được|"
    r"كانت|أثارت|انتشرت|تظهر)\b"
    r"|(?:^|\s)(?:है|हैं|था|थी|थे|ہے|ہیں|تھا|تھی|تھے)(?:\s|$|।|۔)", _F)
DEFINITE_SUBJECT = LazyPattern(
    rf"^[\s(\[«\"“]*(?:the|das|die|la|el|las|los|les|le|il|gli|lo|l['’]|a|az|o|as|os|यह|η|οι|"
    rf"το|τα)\s*{IMAGE_NOUNS}(?![\w])", _F)

_HEADING_WORDS = (
    r"(?:about\s+(?:the|these|this|our)\s+(?:images?|illustrations?|photos?|pictures?|"
    r"graphics?)|(?:a\s+)?note\s+(?:on|about)\s+(?:the\s+|our\s+)?(?:images?|illustrations?)|"
    r"(?:ai\s+)?image\s+disclosure|ai\s+disclosure|sobre\s+(?:las?|estas?|as|essas?|esta)\s+"
    r"(?:imágenes|imagen|imagens?|ilustraç(?:ão|ões)|ilustraci(?:ón|ones))|zu\s+(?:den|diesen)"
    r"\s+(?:Bildern|Illustrationen)|hinweis\s+zu(?:m|den)\s+(?:Bild(?:ern)?)|(?:à\s+propos|au"
    r"\s+sujet)\s+des?\s+(?:images?|illustrations?)|(?:nota\s+)?sulle\s+immagini|a\s+proposito\s+"
    r"delle\s+immagini|über\s+(?:die|diese|unsere)\s+Bilder|how\s+we\s+(?:made|created|"
    r"produced)\s+(?:the|these|this|our)\s+(?:images?|illustrations?|pictures?)|nota\s+sobre\s+"
    r"(?:las|as)\s+(?:imágenes|imagens|ilustraciones|ilustrações)|तस्वीरों\s+के\s+बारे\s+में)")
# "ABOUT THE IMAGES: …" opening a block, or standing alone as the line before the notice.
HEADING = LazyPattern(rf"^\W*{_HEADING_WORDS}\s*[:—–-]", _F)
HEADING_LINE = LazyPattern(rf"^\W*{_HEADING_WORDS}\s*[:.]?\s*$", _F)

FIRST_PERSON = LazyPattern(
    r"(?:^|[^\w])(?:we|we['’]ve|our\s+(?:team|staff|editors|newsroom|art\s+desk|graphics\s+"
    r"desk|designers?)|wir|hemos|nosotros|nous|nós|hicimos|generamos|creamos|usamos|"
    r"utilizamos|geramos|criamos|fizemos|usamos|abbiamo|noi|हमने)(?![\w])", _F)

NEGATIONS: dict[str, LazyPattern] = {
    "en": LazyPattern(r"\b(?:not|no|never|neither|nor|without)\b|n['’]t\b", _F),
    "de": LazyPattern(r"\b(?:nicht|kein\w*|nie|niemals|ohne)\b", _F),
    "es": LazyPattern(r"\b(?:no|nunca|ni|tampoco|ning[uú]n\w*|sin)\b", _F),
    "fr": LazyPattern(r"\b(?:ne|pas|jamais|aucun\w*|sans)\b|\bn['’]", _F),
    "pt": LazyPattern(r"\b(?:não|nao|nunca|nem|nenhum\w*|sem)\b", _F),
    "it": LazyPattern(r"\b(?:non|mai|né|nessun\w*|senza)\b", _F),
    "nl": LazyPattern(r"\b(?:niet|geen|nooit|zonder)\b", _F),
    "sc": LazyPattern(r"\b(?:ikke|inte|ej|aldri|aldrig|ingen|inget|uten|utan|uden)\b", _F),
    "hi": LazyPattern(r"(?:^|\s)(?:नहीं|न|ना)(?:\s|$|।|,)", _F),
    "ur": LazyPattern(r"(?:^|\s)(?:نہیں|نہ)(?:\s|$|۔|،)", _F),
    "pl": LazyPattern(r"\b(?:nie|nigdy|bez|żadn\w*|ani)\b", _F),
    "cs": LazyPattern(r"\b(?:ne|nebyl\w*|není|nejsou|nikdy|bez|žádn\w*|ani)\b", _F),
    "ru": LazyPattern(r"\b(?:не|ни|нет|без|никогда|никак\w*)\b", _F),
    "uk": LazyPattern(r"\b(?:не|ні|немає|без|ніколи|жодн\w*)\b", _F),
    # Turkish negates in the verb ("oluşturulmamıştır" is no claim) or after it ("değildir").
    "tr": LazyPattern(r"\b(?:değil\w*|olmayan|olmadığ\w*|hiçbir|asla)\b", _F),
    "id": LazyPattern(r"\b(?:tidak|bukan|tak|belum|tanpa)\b", _F),
    "ro": LazyPattern(r"\b(?:nu|nici|niciodată|fără)\b", _F),
    "hu": LazyPattern(r"\b(?:nem|sem|nélkül|soha|nincs)\b", _F),
    "el": LazyPattern(r"(?<!\w)(?:δεν|όχι|μη|μην|χωρίς|ούτε|ουδέποτε)(?!\w)", _F),
    "vi": LazyPattern(r"\b(?:không|chưa|chẳng|chả)\b", _F),
    "fi": LazyPattern(r"\b(?:ei|eivät|eikä|emme|ilman)\b", _F),
    "ar": LazyPattern(r"(?<!\w)(?:ليست|ليس|لم|لا|غير|بدون|دون|لن)(?!\w)", _F),
    # Chinese and Japanese share characters: each reads both lists. Japanese and Korean
    # negate after the verb (see NEGATION_AFTER).
    "ja": LazyPattern(r"ではない|ではありません|じゃない|ていない|ていません|されていない|"
                      r"されていません|"
                      r"ません|ない|非|不是|并非|並非|没有|沒有|未", _F),
    "zh": LazyPattern(r"不是|并非|並非|非|没有|沒有|未|不|无|無|ではない|ではありません", _F),
    "ko": LazyPattern(r"아니|아닌|아닙|아님|않|없|(?:^|\s)안\s|미사용", _F),
}
# Languages that negate after the verb: how many characters after the claim, in its own
# clause, are read for a negation ("AIで生成したものではありません", "oluşturulmuş değildir").
NEGATION_AFTER = {"ja": 16, "ko": 16, "tr": 16}

# Reporting about other people's images: speech, fact-check and virality vocabulary.
REPORTING = LazyPattern(
    r"\b(?:said|says|say|saying|told|according\s+to|claim(?:s|ed)?|allegedly|purport\w*|"
    r"viral\w*|circulat\w*|shared\s+(?:on|online|widely|by|across)|widely\s+shared|social\s+"
    r"media|fact[\s-]?check\w*|debunk\w*|fakes?|false(?:ly)?|misleading|hoax|experts?|"
    r"analys[ie]s|analy[sz]ed|detect(?:ed|ion|ors?)?|(?:we|they|researchers|analysts|it)\s+found|found\s+that|concluded|determined|verified|"
    r"watermark\w*|label(?:l)?ed\s+as|controvers\w*|backlash|outrage|deepfakes?|scam|rumou?rs?|"
    r"posted|tweeted|likely|seems?|appears?\s+to|suggest\w*|reverse\s+image|laut|sagte|sagt|"
    r"angeblich|kursier\w*|faktencheck\w*|gefälscht\w*|fälschung\w*|experten|verbreitet\w*|"
    r"vermutlich|offenbar|mutmaßlich|wasserzeichen|según|dijo|dice|afirm\w*|circula\w*|"
    r"verificaci[oó]n|verificad\w*|falso|falsa|bulo|expertos|difundid\w*|compartid\w*|"
    r"supuestamente|presuntamente|redes\s+sociales|desmient\w*|selon|déclaré|vérifi\w*|faux|"
    r"fausse|partagée?s?|diffusée?s?|prétendu\w*|réseaux\s+sociaux|filigrane|intox|segundo|"
    r"de\s+acordo\s+com|disse|diz|checagem|verifica\w*|especialistas|compartilhad\w*|"
    r"divulgad\w*|supostamente|redes\s+sociais|boato|secondo|dichiarat\w*|virale|circola\w*|"
    r"condivis\w*|fals[aeio]|esperti|sui\s+social|presunt\w*|bufala|smentit\w*|volgens|"
    r"zegt|zei|nep|ifølge|enligt|sier|sagde|falske?|falska|sosiale\s+medier|sociala\s+medier|"
    r"sociale\s+medi[ae]r?|"
    # pl
    r"powiedział\w*|twierdzi\w*|rzekomo|według|wiraln\w*|fałszyw\w*|sfałszowan\w*|"
    r"weryfikacj\w*|zweryfikowa\w*|eksper(?:t|ci|tów|ta)\w*|mediach\s+społecznościowych|"
    r"media\s+społecznościowe|sieci\s+społecznościow\w*|krąż\w*|rozpowszechni\w*|"
    r"udostępni\w*|opublikowa\w*|oświadczy\w*|zdaniem|prawdopodobnie|"
    # cs
    r"řekl\w*|uvedl\w*|tvrd[íi]\w*|údajně|podle|virální\w*|falešn\w*|podvrh\w*|ověřen\w*|"
    r"ověřov\w*|expert\w*|odborní\w*|sociální\w*\s+sít\w*|sociálních\s+sítích|šíř\w*|"
    r"sdílen\w*|koluj\w*|pravděpodobně|zveřejnil\w*|"
    # ru
    r"сообщил\w*|заявил\w*|по\s+данным|по\s+словам|якобы|вирусн\w*|фейк\w*|фальшив\w*|"
    r"поддельн\w*|фактчек\w*|проверк\w*|эксперт\w*|соцсет\w*|социальн\w+\s+сет\w*|"
    r"распростран\w*|утвержда\w*|выдава\w*|опроверг\w*|сказал\w*|опубликова\w*|"
    r"предположительно|вероятно|дипфейк\w*|"
    # uk
    r"повідомил\w*|повідомив|заявив|заявил\w*|за\s+словами|за\s+даними|нібито|вірусн\w*|"
    r"фейков\w*|підробк\w*|підроблен\w*|фактчек\w*|перевірк\w*|експерт\w*|соцмереж\w*|"
    r"соціальн\w+\s+мереж\w*|поширю\w*|поширил\w*|стверджу\w*|сказав\w*|"
    r"опублікува\w*|ймовірно|діпфейк\w*|"
    # tr
    r"iddia\w*|dedi|söyledi|açıkladı|belirtti|göre|sahte\w*|yalan|doğrulama\w*|teyit\w*|"
    r"uzman\w*|sosyal\s+medya\w*|yayıl\w*|paylaş\w*|dolaş\w*|öne\s+sür\w*|asılsız|"
    r"dezenformasyon\w*|"
    # id
    r"kata|mengatakan|menurut|mengklaim|diklaim|klaim|beredar|hoaks|palsu|cek\s+fakta|"
    r"disebut|diduga|media\s+sosial|medsos|pakar|ahli|tersebar|disinformasi|"
    # ro
    r"a\s+declarat|a\s+spus|potrivit|conform|susțin\w*|susţin\w*|pretins\w*|presupus\w*|"
    r"fals[aăe]?|falsă|verificar\w*|experț\w*|experţ\w*|rețel\w+\s+sociale|reţel\w+\s+sociale|"
    r"circulă|circulat|dezinformar\w*|"
    # hu
    r"szerint|állította|állítólag|közölte|mondta|virális|hamis\w*|álhír\w*|tényellenőr\w*|"
    r"szakértő\w*|közösségi\s+médi\w*|terjed\w*|megosztott\w*|"
    # el
    r"είπε|δήλωσε|σύμφωνα|φέρεται|υποτίθεται|ισχυρίζ\w*|ισχυρισμ\w*|ψεύτικ\w*|ψευδ\w*|"
    r"παραπλανητικ\w*|διαψε\w*|ειδικοί|ειδικών|κοινωνικ\w*\s+δίκτυ\w*|διακινε\w*|"
    r"κυκλοφορ\w*|κυκλοφόρ\w*|αναρτ\w*|κοινοποι\w*|κοινοποί\w*|"
    # vi
    r"cho\s+biết|tuyên\s+bố|khẳng\s+định|được\s+cho\s+là|bị\s+cho\s+là|lan\s+truyền|"
    r"tin\s+giả|giả\s+mạo|làm\s+giả|ảnh\s+giả|kiểm\s+chứng|xác\s+minh|chuyên\s+gia|"
    r"mạng\s+xã\s+hội|nói\s+rằng|cư\s+dân\s+mạng|dân\s+mạng|gây\s+sốt|tranh\s+cãi|"
    r"theo\s+(?:ông|bà|anh|chị|các|chuyên|nguồn)|"
    # fi
    r"sanoi|kertoi|mukaan|väitti|väitetään|väitetty|väite\w*|levisi|levinnyt|leviää|"
    r"väärennö\w*|väärennetty|valeuuti\w*|faktantarkist\w*|tarkist\w*|asiantuntij\w*|"
    r"sosiaalise\w*\s+media\w*|somessa|huijaus\w*|"
    # ar
    r"قال|قالت|وفق|وفقا|وفقاً|بحسب|حسب|زعم|مزعوم\w*|يزعم|ادعى|ادعاء|ادعاءات|انتشر|انتشرت|"
    r"منتشرة|متداول\w*|تداول\w*|مزيف\w*|مفبرك\w*|زائف\w*|التحقق|تحقق|خبراء|"
    r"مواقع\s+التواصل|وسائل\s+التواصل|مضلل\w*)\b"
    # ja, zh, ko: no word boundaries
    r"|とされ|と主張|主張し|拡散|フェイク|偽画像|偽の|偽物|ファクトチェック|専門家|によると|と話し|"
    r"と述べ|出回|疑い|疑惑|捏造|デマ|ソーシャルメディア|据称|據稱|据报|據報|据悉|據悉|声称|聲稱|宣称|"
    r"宣稱|网传|網傳|疯传|瘋傳|流传|流傳|谣言|謠言|辟谣|闢謠|虚假|虛假|假图|假圖|假照片|造假|"
    r"事实核查|事實查核|查核|核查|专家|專家|社交媒体|社群媒體|社交平台|网友|網友|被指|疑似|疑为|"
    r"疑為|表示|指出|주장|알려진|알려졌|논란|가짜|허위|팩트체크|사실\s*확인|확산|퍼진|퍼지|퍼졌|"
    r"전문가|따르면|밝혔|말했|소셜\s*미디어|온라인에서|의혹|딥페이크|조작된|유포"
    r"|(?:वायरल|फर्जी|फ़र्ज़ी|दावा|दावे|फैक्ट\s*चेक|विशेषज्ञ|के\s+मुताबिक|के\s+अनुसार|कहा|सोशल\s+मीडिया|وائرل|جعلی|دعوی|ماہرین|کے\s+مطابق|کہا|سوشل\s+میڈیا)",
    _F, screened=True)

# A note's later sentence referring back to the images its first sentence named: "They
# were generated with…", "Sie wurden mit … erstellt", "Fueron generadas con…".
ANAPHORA = LazyPattern(
    r"[\s\"“]*(?:they|these|those|all\s+of\s+them|each\s+of\s+them|both|sie|alle|ellas|ellos"
    r"|todas|todos|fueron|elles|ils|toutes|tous|elas|eles|foram|esse|queste|questi|sono\s+"
    r"stat[ei]|furono)\b", _F)

BELOW = LazyPattern(r"\b(?:below|following|unten|abajo|ci-dessous|abaixo)\b|नीचे", _F)
