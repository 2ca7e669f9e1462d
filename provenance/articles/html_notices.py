"""Paragraphs that are site furniture by their words, whatever element holds them.

Class names find most boilerplate (:mod:`~provenance.articles.html_classes`), but many pages
put their furniture in plain ``<div>`` s and ``<p>`` s: a copyright or reuse notice, a
cookie notice, a subscription or newsletter pitch, the author's biography. On a short
article such a paragraph outscores the story (it is long and full of commas) and becomes
the "main content". :func:`is_notice` recognises them by their wording, in the languages
the rest of the tool reads, so the scorer gives them no points and the zoner calls them
boilerplate.

Kept narrow on purpose: a notice must be short (a story quoting a paywall is long) and say
what only furniture says — "all rights reserved", "may not be reproduced without
permission", "we use cookies", "subscribe now", or open with "NAME is a reporter at/for".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Any

_MIN_CHARS = 40
_MAX_CHARS = 700

# Each needle is a cheap necessary condition (``in`` on the lower-cased text) for the
# patterns; most paragraphs contain none and cost a few substring scans.
_NEEDLES = ("right", "rechte", "droits", "derechos", "diritti", "direitos", "permission",
            "genehmigung", "autorisation", "cookie", "subscri", "abonn", "suscr", "assin",
            "newsletter", "journalism", "journalismus", "journalisme", "periodismo",
            "member")
_NOTICE = re.compile(
    r"all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+r[ée]serv[ée]s|"
    r"todos\s+los\s+derechos\s+reservados|tutti\s+i\s+diritti\s+riservati|"
    r"todos\s+os\s+direitos\s+reservados|"
    r"may\s+not\s+be\s+(?:\w+\s+){0,2}(?:copied|reproduced|republished|redistributed|"
    r"distributed|rewritten)|without\s+(?:the\s+)?(?:prior\s+)?(?:express\s+)?written\s+"
    r"permission|ohne\s+(?:\w+\s+){0,2}genehmigung|sans\s+(?:\w+\s+){0,2}autorisation|"
    r"(?:we|this\s+(?:web)?site)\s+uses?\s+cookies|cookie\s+(?:policy|settings|"
    r"richtlinie|einstellungen)|verwendet\s+cookies|utilise\s+des\s+cookies|"
    r"utiliza\s+cookies|"
    r"subscribe\s+(?:now|today|here)|sign\s+up\s+for\s+(?:our|the)\s+(?:\w+\s+){0,2}"
    r"newsletters?|get\s+(?:our|the)\s+(?:\w+\s+){0,2}newsletter|"
    r"support\s+(?:local|independent|our|quality)\s+journalism|become\s+a\s+(?:member|"
    r"subscriber|supporter)|jetzt\s+abonnieren|abonnez-vous|suscr[íi]bete|assine\s+j[áa]|"
    r"unterst[üu]tzen\s+sie\s+(?:unabh[äa]ngigen\s+)?journalismus|"
    r"soutenez\s+(?:le\s+)?journalisme|apoya\s+el\s+periodismo")
# "Jane Roe is a reporter at the Valley Courier…": a biography opens with the name.
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,3}(?:is|was|has\s+been)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}"
    r"(?:reporter|correspondent|journalist|writer|editor|columnist|photographer|"
    r"contributor)s?\b(?:\s+(?:at|for|with|on)\b|,)")
_BIO_ROLES = ("reporter", "correspondent", "journalist", "writer", "editor", "columnist",
              "photographer", "contributor")


def is_notice(text: str) -> bool:
    """Is this paragraph a copyright, cookie, subscription notice or the author's bio?"""
    if not _MIN_CHARS <= len(text) <= _MAX_CHARS:
        return False
    low = text.lower()
    if any(needle in low for needle in _NEEDLES) and _NOTICE.search(low):
        return True
    return any(role in low for role in _BIO_ROLES) and _BIO.match(text) is not None


def notices(texts: list[str]) -> list[bool]:
    """:func:`is_notice` of every paragraph of a page, with one search per word.

    Most paragraphs hold none of the words a notice needs, and asking each of them for
    each word costs more than the patterns: the paragraphs of notice length are
    lower-cased and searched as one text instead, joined by newlines (no word holds one,
    so a hit lies in one paragraph).
    """
    found = [False] * len(texts)
    picked = [i for i, text in enumerate(texts) if _MIN_CHARS <= len(text) <= _MAX_CHARS]
    if not picked:
        return found
    # Lower-casing may change a paragraph's length ("\u0130" becomes two characters): each
    # one's place is taken from the joined lower-cased text itself. A newline is neither
    # cased nor case-ignorable, so each paragraph is lower-cased as on its own (a Greek
    # final sigma is one at the end of a paragraph either way).
    lows = "\n".join(texts[i] for i in picked).lower().split("\n")
    if len(lows) != len(picked):  # a paragraph holding a newline (the walker leaves none)
        return [is_notice(text) for text in texts]
    joined = "\n".join(lows)
    held = _held_by_scans(joined)
    if held is not None:
        notice, bio = held
    else:
        starts = []
        at = 0
        for low in lows:
            starts.append(at)
            at += len(low) + 1
        notice = _holding(joined, starts, _SCANNED_NEEDLES)
        bio = _holding(joined, starts, _BIO_ROLES)
    for k in notice | bio:
        found[picked[k]] = (k in notice and _NOTICE.search(lows[k]) is not None) or (
            k in bio and _BIO.match(texts[picked[k]]) is not None)
    return found


# The needles that hold no other one: a paragraph holding "journalismus" holds "journalism".
_SCANNED_NEEDLES = tuple(n for n in _NEEDLES if not any(o != n and o in n for o in _NEEDLES))


def _holding(joined: str, starts: list[int], needles: tuple[str, ...]) -> set[int]:
    """Which of the joined paragraphs (beginning at ``starts``) hold one of ``needles``."""
    held: set[int] = set()
    for needle in needles:
        pos = joined.find(needle)
        while pos >= 0:
            k = bisect_right(starts, pos) - 1
            held.add(k)
            if k + 1 == len(starts):
                break
            pos = joined.find(needle, starts[k + 1])  # the next paragraph on
    return held


@cache
def _scans() -> tuple[Any, Any, Any] | None:
    """The needles and the biography roles as two RE2 patterns, each match running on to
    the end of its line, and the function that numbers the lines they match in
    (``None`` without google-re2). Loaded on the first page: the detectors' module."""
    from provenance.articles.detect import lexicon

    re2 = lexicon._re2()
    if re2 is None:
        return None
    notice, bio = (re2.compile("(?:" + "|".join(map(re2.escape, needles)) + r")[^\n]*")
                   for needles in (_SCANNED_NEEDLES, _BIO_ROLES))
    return notice, bio, lexicon.lines_matched


def _held_by_scans(joined: str) -> tuple[set[int], set[int]] | None:
    """:func:`_holding` of the needles and of the roles, each found in one RE2 pass over
    the joined paragraphs' UTF-8 (the two dozen substring searches cost three times as
    much): the first needle of a paragraph is found wherever it lies, and the paragraph
    is numbered by the line breaks before it. ``None`` without RE2, or for a text it
    cannot take (a lone surrogate)."""
    scans = _scans()
    if scans is None:
        return None
    try:
        data = joined.encode("utf-8")
    except UnicodeEncodeError:
        return None
    notice, bio, lines_matched = scans
    return lines_matched(notice, data), lines_matched(bio, data)
