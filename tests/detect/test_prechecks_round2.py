"""The second round of detector shortcuts never changes an answer.

* :class:`.segments.Layout`: the segments and image neighbours the detectors share are
  those each would have made on its own, and :func:`annotate` (one layout for all) gives
  what the detectors give when each makes its own;
* ``byline._LINE_FIRST``: a meta line whose first letter is not in it is skipped, which is
  sound only if every label ``_KEYED`` and every word ``_BY`` can open with has its first
  letter there, under re.IGNORECASE's folding (checked over every code point);
* ``disclosure._remembered``: a candidate line's disclosure, remembered by its key, is the
  one :func:`_in_segment` reads, whatever was read before (the key's every part matters);
* ``dates._parse_iso``'s cache answers as the function itself;
* ``attribution._hints_in``: the closing forms' hints found in one RE2 pass are those
  ``re`` finds one by one, and a line is read the same either way; ``_scan`` asks
  ``_opens_credit`` only about lines with a "(", the only ones it can accept;
* ``lexicon.claim_candidates``: with the offsets worked out only when something was
  found, the candidates are still the lines that may claim.

The texts are this folder's tests' string literals and case-mangled copies of them, as in
test_screens.py.
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from provenance.articles.detect import DetectSettings, annotate, lexicon
from provenance.articles.detect import attribution as at
from provenance.articles.detect import byline as bl
from provenance.articles.detect import dates as dt
from provenance.articles.detect import disclosure as ds
from provenance.articles.detect.attribution import find_attributions
from provenance.articles.detect.segments import (
    Layout,
    Segment,
    image_neighbours,
    split_block,
)
from provenance.model import Article, Block
from tests.detect.texts import dealt_articles, mangled, suite_literals

SETTINGS = DetectSettings()


LITERALS = list(suite_literals())


# --- Layout -------------------------------------------------------------------------------

_ZONES = ("headline", "meta", "standfirst", "body", "body", "caption", "boilerplate", "meta")


ARTICLES = dealt_articles(LITERALS, _ZONES, captioned=True)


def test_a_layout_gives_each_blocks_segments_and_the_image_neighbours() -> None:
    for art in ARTICLES:
        layout = Layout(art)
        for index in reversed(range(len(art.blocks))):  # any order of first use
            assert layout.segments(index) == split_block(art.blocks[index], index)
            assert layout.segments(index) is layout.segments(index)  # split once
        assert layout.near == image_neighbours(art)


def _as_tuple(art: Article) -> tuple[Any, ...]:
    return (art.byline, art.dateline, art.published_raw, art.updated_raw, art.published,
            art.updated, [a.to_dict() for a in art.attributions],
            [d.to_dict() for d in art.disclaimers])


def test_annotate_with_one_layout_gives_what_each_detector_gives_alone() -> None:
    hits = 0
    for art in ARTICLES:
        shared = copy.deepcopy(art)
        annotate(shared, SETTINGS)
        alone = copy.deepcopy(art)
        alone.attributions = find_attributions(alone, SETTINGS)
        facts = bl.read_meta(alone, SETTINGS.known_sources)
        alone.byline = alone.byline or facts.byline
        alone.dateline = alone.dateline or facts.dateline
        alone.published_raw = alone.published_raw or facts.published_raw
        alone.updated_raw = alone.updated_raw or facts.updated_raw
        alone.published = (dt.parse_datetime(alone.published_raw, SETTINGS.tz_table)
                           if alone.published_raw else None)
        alone.updated = (dt.parse_datetime(alone.updated_raw, SETTINGS.tz_table)
                         if alone.updated_raw else None)
        alone.disclaimers = ds.find_disclosures(alone, SETTINGS)
        assert _as_tuple(shared) == _as_tuple(alone)
        hits += bool(alone.attributions) + bool(alone.disclaimers) + bool(alone.byline)
    assert hits > 30  # the articles reach the detectors' findings, not only their misses


# --- byline._LINE_FIRST --------------------------------------------------------------------


def _first_chars(items: Any) -> tuple[set[str], bool]:
    """The characters a parsed pattern's match can start with, and whether it can be empty
    (only the constructs _KEYED and _BY open with; anything else fails the test)."""
    from re import _constants as c  # type: ignore[attr-defined]

    first: set[str] = set()
    for op, av in items:
        if op is c.AT:
            continue
        if op is c.LITERAL:
            return first | {chr(av)}, False
        if op is c.SUBPATTERN:
            sub, empty = _first_chars(av[3])
        elif op is c.BRANCH:
            parts = [_first_chars(branch) for branch in av[1]]
            sub = set().union(*(p[0] for p in parts))
            empty = any(p[1] for p in parts)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            sub, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        else:
            raise AssertionError(f"unexpected {op} at the start of a pattern")
        first |= sub
        if not empty:
            return first, False
    return first, True


@pytest.mark.parametrize("name", ["_KEYED", "_BY"])
def test_every_label_opens_with_a_listed_letter(name: str) -> None:
    from re import _parser  # type: ignore[attr-defined]

    pattern = getattr(bl, name)
    first, empty = _first_chars(_parser.parse(pattern.pattern, pattern.flags))
    assert not empty
    assert {ch.lower() for ch in first} <= bl._LINE_FIRST


def test_no_other_character_folds_to_a_listed_letter() -> None:
    # re.IGNORECASE equates some characters lower() does not ("K" and "k"): any that re
    # reads as a listed letter must lower() to one.
    listed = re.compile("[" + "".join(sorted(bl._LINE_FIRST)) + "]", re.IGNORECASE)
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for ch in listed.findall(every):
        assert ch.lower() in bl._LINE_FIRST, repr(ch)


class _Everything:
    """A set that holds every letter: the plain path, with no line skipped."""

    def __contains__(self, item: object) -> bool:
        return True


def _read_all(lines: list[str]) -> list[bl.MetaFacts]:
    out = []
    for text in lines:
        for names in (bl._Names(True, False), bl._Names(False, False), bl._Names(True, True)):
            facts = bl.MetaFacts()
            bl._read_line(text, facts, SETTINGS.known_sources, names)
            out.append(facts)
    return out


def _meta_lines() -> list[str]:
    labels = ("Published: 3 May 2025", "Updated 2025-05-03", "By Jane Roe", "Por Ana Ruiz",
              "Veröffentlicht am 03.05.2025", "अपडेट: 3 मई 2025", "द्वारा राम",
              "Mis à jour le 3/5/2025",
              "Actualizado: 3 de mayo de 2025", "Atualizado em 03/05/2025", "Erstellt am 3.5.2025",
              "Last updated: May 3, 2025", "Modified 2025-05-03", "Created on 3 May 2025",
              "Date published: 2025-05-03", "First published 3 May 2025", "Posted: 3 May 2025",
              "प्रकाशित: 3 मई 2025", "Publié le 3 mai 2025", "Von Jan Roe", "Par Jean Roe")
    return [m for text in [*LITERALS, *labels] for m in mangled(text)]


def test_skipping_lines_by_their_first_letter_reads_them_as_the_plain_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _meta_lines()
    fast = _read_all(lines)
    monkeypatch.setattr(bl, "_LINE_FIRST", _Everything())
    plain = _read_all(lines)
    assert fast == plain
    assert sum(f != bl.MetaFacts() for f in plain) > 100


# --- disclosure._remembered -------------------------------------------------------------------

_HEADING = "About the images"


def _candidates() -> list[str]:
    # Case does not change the key (each variant is a text of its own): two spellings do.
    return sorted({m for text in LITERALS for m in (text, text.swapcase())
                   if lexicon.may_claim(m)})


def _variants(text: str) -> Iterator[tuple[Segment, bool, str]]:
    for zone in ("caption", "body"):
        for positional in (True, False):
            for previous in ("", _HEADING):
                yield Segment(text, Block(zone, text, 1, None), 0, 0), positional, previous


def test_a_remembered_disclosure_is_the_one_read() -> None:
    assert lexicon.HEADING_LINE.match(_HEADING) is not None
    ds._REMEMBERED.clear()
    texts = _candidates()
    differ = 0
    for text in texts:
        plain = [ds._in_segment(seg, SETTINGS, positional, previous, checked=True)
                 for seg, positional, previous in _variants(text)]
        for _ in range(2):  # first read, then remembered
            assert [ds._remembered(seg, SETTINGS, positional, previous)
                    for seg, positional, previous in _variants(text)] == plain, text
        # Which parts of the key change the answer for this line: caption, positional, heading.
        differ |= ((plain[0] != plain[4]) | (plain[0] != plain[2]) << 1
                   | (plain[0] != plain[1]) << 2 | (plain[4] != plain[6]) << 1)
    assert len(texts) > 200
    assert differ == 0b111  # every part of the key matters for some line
    ds._REMEMBERED.clear()


# --- dates._parse_iso -------------------------------------------------------------------------


def test_the_iso_cache_answers_as_the_function() -> None:
    stamps = ["2025-12-27T03:05:00+05:30", "2025-12-27T03:05:00Z", "2025-12-27t03:05z",
              "2025-12-27 03:05:00.123+0530", "2025-12-27", "2025-02-30", "2025-12-27T03:05+05",
              "2025-12-27T25:05:00Z", "2025-12-27T03:05:00+15:00", *LITERALS]
    for stamp in stamps * 2:
        assert dt._parse_iso(stamp) == dt._parse_iso.__wrapped__(stamp), stamp


# --- attribution: the hints found at once, and the bracket before _opens_credit -------------


def test_the_hints_found_at_once_are_those_found_one_by_one() -> None:
    hint_set = at._hint_set()
    assert hint_set is not None, "google-re2 is a dependency: the hint set must be live"
    hints = hint_set[1]
    found = 0
    for literal in LITERALS:
        for text in mangled(literal):
            folded = at.fold(text)
            for cut in {0, len(folded) // 2, max(0, len(folded) - at._MAX_CLOSING)}:
                want = {h: h.search(folded, cut) is not None for h in hints}
                assert at._hints_in(folded, cut) == want, (text, cut)
                found += sum(want.values())
    assert found > 1000


def test_a_closing_credit_is_the_same_with_the_hints_found_one_by_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [t for literal in LITERALS for t in (literal, literal.upper())]
    fast = [at._closing(t, SETTINGS, by_image) for t in texts for by_image in (False, True)]
    monkeypatch.setattr(at, "_hints_in", lambda folded, cut: {})
    plain = [at._closing(t, SETTINGS, by_image) for t in texts for by_image in (False, True)]
    assert fast == plain
    assert sum(c is not None for c in plain) > 100


def test_only_a_line_with_an_open_bracket_opens_a_wrapped_credit() -> None:
    # _scan calls _opens_credit only for lines with "(": sound if no other line opens one.
    opened = 0
    for literal in LITERALS:
        for text in mangled(literal):
            if at._opens_credit(text):
                assert "(" in text
                opened += 1
    wrapped = ("Shares rose. (Reporting by Jane Roe; Additional reporting by\n"
               "John Smith; Editing by Jim Poe)")
    art = Article(path="a.txt", format="text", blocks=[Block("body", wrapped, 1, None)])
    assert [a.source for a in find_attributions(art, SETTINGS)] == ["Reuters"]
    assert opened > 0


# --- lexicon.claim_candidates: no line offsets worked out when nothing was found ------------


def test_page_candidates_are_the_lines_that_may_claim() -> None:
    texts = [t for literal in LITERALS for t in (literal, literal.swapcase())]
    one_hit = 0
    for start in range(0, len(texts), 5):  # pages of five lines, many with a single hit
        page = texts[start:start + 5]
        want = {i for i, text in enumerate(page) if lexicon.may_claim(text)}
        assert lexicon.claim_candidates(page) == want, page
        one_hit += len(want) == 1
    assert one_hit > 20
