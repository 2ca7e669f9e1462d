"""The third round of detector shortcuts never changes an answer.

* ``attribution._page_words``: the lines a page's RE2 passes find words in are at least the
  lines whose keyword, Hindi-word, "mit" or wire-word pre-checks pass, so a line skipped
  for want of words (``keyword``/``wire`` False) would have failed them; the words are
  looked for in unfolded text (``_unfolded``), sound only if RE2 reads every character
  that fold() makes a letter of a word as that letter (checked over every code point);
  ``_closing`` and ``find_attributions`` give the same with and without the passes, and a
  page RE2 cannot take, or whose lines could not be numbered, is read line by line;
* ``attribution._closing``'s early answer (no words, bracket, dash or phrases: no credit)
  is the full reading's, with extra phrases too; trying only the forms whose hints a line
  holds (``_hinted_forms``) finds what trying each form in turn finds;
* ``datelines.find_credit`` keeps only the lines with a bracket: a line answers the same
  read the first time or again as read with nothing kept;
* ``sources.could_open_name``: a line whose opening word is no known source's first word is
  skipped before ``_ALONE``, sound only if every agency-only line ``_byline`` accepts passes
  it (and ``_byline`` reads every line as without it).

The texts are this folder's tests' string literals and case-mangled copies of them, as in
test_screens.py, and the lines below (each written to reach one of the shortcuts' edges).
"""

from __future__ import annotations

import copy
import re
import sys
from typing import Any

import pytest

from provenance.articles.detect import DetectSettings, annotate
from provenance.articles.detect import attribution as at
from provenance.articles.detect import datelines as dl
from provenance.articles.detect import sources as so
from provenance.model import Article
from tests.detect.texts import dealt_articles, encodes, mangled, suite_literals

SETTINGS = DetectSettings()
KNOWN = SETTINGS.known_sources

# Lines at the shortcuts' edges: a keyword after a non-ASCII letter or before one, "mit"
# near and far from the end, a wire word only in a long line's tail, dotted capitals that
# fold to keyword letters, names cut short by a dash or a final dot, "the" alone.
EDGES = (
    "Shares fell. (With inputs from PTI)", "Shares fell. (WİTH İNPUTS FROM PTI)",
    "Shares fell. With ınputs from ANI", "éinput from AFP", "inputé from AFP",
    "Source:AFP", "SOURCE: Reuters", "Quelle: dpa", "fuentes: EFE", "(Mit Material von dpa)",
    "Ein Bericht (FR mit dpa)", "mit dpa", "Ein Satz mit dpa, dann sehr viel mehr Text, der "
    "den Rest dieser Zeile füllt, bis er lang genug ist.", "Kommentar: mit", "x" * 480
    + " (With files from The Associated Press)", "y" * 300 + " This article first appeared "
    "in Example News", "Theo TTXVN", "theo TTXVN", "Nguồn: VNA", "NGUỒN: VNA", "ИСТОЧНИК: ТАСС",
    "Πηγή: ΑΠΕ", "ΠΗΓΉ: ΑΠΕ", "Źródło: PAP", "ŹRÓDŁO: PAP", "KÄLLA: TT", "LÄHDE: STT",
    "FORRÁS: MTI", "© dpa-infocom, dpa:250503-99-1", "© SZ/KNA/chrk - Rechte am Artikel",
    "（共同）", "Com informações da Reuters", "(Avec AFP)", "Provided by The Canadian Press",
    "Compiled by Jane Roe", "contributed to this report", "ſource: AFP", "\u212aNA",
    "AFP-Updated 3 May 2025", "AFP. - Updated 3 May 2025", "Keystone-SDA – Updated 3 May",
    "The Associated Press", "· Bloomberg", "— AP", "/ AFP", "[The AP]", "the", "The | Updated 3",
    "APP", "App", "a.p.", "AP.", "Reuters. Updated 2025", "ΑΣ.Β", "Reuters/AFP", "dpa, afp",
)


# The lines of a page: segments hold no line break (split_block joins soft wraps). Lines
# RE2 cannot take have a test of their own.
LINES = sorted({m.replace("\n", " ") for text in [*suite_literals(), *EDGES] for m in mangled(text)
                if encodes(m)})


# --- attribution._page_words -------------------------------------------------------------------


def _keyword_passes(folded: str, cut: int) -> bool:
    """The part of _maybe_closing that looks for words (the rest reads brackets and dashes)."""
    return bool((at._KEYWORD_END.search(folded, cut) and at._KEYWORD.search(folded, cut))
                or folded.find("इनपुट", cut) >= 0 or folded.find("स्रोत", cut) >= 0)


def test_every_line_whose_word_checks_pass_holds_a_word() -> None:
    assert at._word_scans() is not None, "google-re2 is a dependency: the passes must be live"
    passed = [0, 0]
    for start in range(0, len(LINES), 7):  # pages of seven lines
        page = LINES[start:start + 7]
        words = at._page_words(page)
        assert words is not None
        keyword, wire = words
        for number, text in enumerate(page):
            folded = at.fold(text)
            for cut in {0, max(0, len(text) - at._MAX_CLOSING)}:
                if _keyword_passes(folded, cut):
                    assert number in keyword, text
                    passed[0] += 1
                if at._maybe_wire(folded, cut):
                    assert number in wire, text
                    passed[1] += 1
    assert min(passed) > 200


def test_the_words_miss_most_lines() -> None:
    # The passes must rule lines out, or they only cost: most prose holds no word.
    words = at._page_words(LINES)
    assert words is not None
    assert len(words[0] | words[1]) < len(LINES) / 2


def test_re2_reads_every_character_fold_makes_a_letter_of_a_word_as_that_letter() -> None:
    re2 = pytest.importorskip("re2")
    words = (*at._KEYWORD_STEMS, *at._WIRE_WORD.pattern.split("|"), "mit")
    letters = {ch for word in words for ch in word if ch not in "?:"}
    checked = 0
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        folded = at.fold(ch)
        if folded in letters and folded != ch:
            assert re2.fullmatch("(?i)" + at._unfolded(folded), ch), (hex(code), folded)
            checked += 1
    assert checked > 40


def test_the_boundary_class_leaves_out_only_word_characters() -> None:
    # "[^0-9A-Za-z_]" under (?i) misses the characters RE2 folds into the class ("K", "ſ"
    # too): each must be a \w once folded, so that re finds no \b next to it either.
    re2 = pytest.importorskip("re2")
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    left_out = re2.compile("(?i)[0-9A-Za-z_]").findall(every)
    assert len(left_out) > 60
    for ch in left_out:
        assert re.fullmatch(r"\w", at.fold(ch)), repr(ch)


def test_a_closing_credit_is_the_same_with_the_words_found_per_page() -> None:
    extra = DetectSettings(extra_attribution_phrases=("Courtesy of",))
    found = 0
    for start in range(0, len(LINES), 7):
        page = LINES[start:start + 7]
        words = at._page_words(page)
        assert words is not None
        for number, text in enumerate(page):
            for settings in (SETTINGS, extra):
                for by_image in (False, True):
                    plain = at._closing(text, settings, by_image)
                    fast = at._closing(text, settings, by_image, number in words[0],
                                       number in words[1])
                    assert fast == plain, text
                    found += plain is not None
    assert found > 300


def test_a_closing_credit_is_the_same_trying_only_the_forms_hinted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [t for t in LINES if not t.isascii() or len(t) < 200]
    fast = [at._closing(t, SETTINGS, by_image) for t in texts for by_image in (False, True)]
    monkeypatch.setattr(at, "_hint_numbers", lambda folded, cut: None)  # each form, in turn
    plain = [at._closing(t, SETTINGS, by_image) for t in texts for by_image in (False, True)]
    assert fast == plain
    assert sum(c is not None for c in plain) > 300


def test_a_page_too_odd_for_re2_is_read_line_by_line() -> None:
    # Built here: as a literal, the other tests of this folder would read it too.
    assert at._page_words(["With inputs from PTI", "a lone " + chr(0xD800)]) is None
    # A line with a line break would number the lines after it wrong.
    assert at._page_words(["Shares fell.\n(With inputs from PTI)", "Prices rose."]) is None


_ZONES = ("headline", "meta", "standfirst", "body", "body", "caption", "boilerplate", "body")


def _annotated(articles: list[Article]) -> list[Any]:
    out = []
    for article in articles:
        art = copy.deepcopy(article)
        annotate(art, SETTINGS)
        out.append(([a.to_dict() for a in art.attributions], art.byline, art.dateline))
    return out


def test_articles_read_the_same_without_the_page_passes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    articles = dealt_articles(LINES, _ZONES)
    at._memo.cache_clear()
    fast = _annotated(articles)
    at._memo.cache_clear()
    monkeypatch.setattr(at, "_page_words", lambda texts: None)
    plain = _annotated(articles)
    at._memo.cache_clear()
    assert fast == plain
    assert sum(bool(attributions) for attributions, _, _ in plain) > 100


# --- datelines.find_credit -----------------------------------------------------------------------


def test_a_dateline_credit_is_the_same_kept_or_not() -> None:
    # The plain path: every line read as the one cached function did, nothing kept.
    plain = [dl._unbracketed(text, KNOWN) if "(" not in text
             else dl._bracketed.__wrapped__(text, KNOWN) for text in LINES]
    dl._bracketed.cache_clear()
    again = [[dl.find_credit(text, KNOWN) for _ in range(2)] for text in LINES]
    assert again == [[credit, credit] for credit in plain]
    assert sum(credit is not None for credit in plain) > 50


# --- sources.could_open_name ---------------------------------------------------------------------


KNOWN_MORE = (*KNOWN, "ΑΣ", "Example.Wire", "Tägliche Post")


@pytest.mark.parametrize("known", [KNOWN, KNOWN_MORE])
def test_every_agency_only_name_passes_the_opening_word_check(known: tuple[str, ...]) -> None:
    named = 0
    for text in [*LINES, "Example.Wire", "Example.Wire - Updated 3", "TÄGLICHE POST", "ΑΣ-1"]:
        alone = at._ALONE.match(text)
        if alone is not None and so.could_name_source(alone.group("name"), known):
            assert so.could_open_name(text, known), text
            named += 1
    assert named > 100


def test_the_is_a_first_word_whatever_the_known_sources() -> None:
    # could_open_name passes a line opening with "the" as a first word: read as one, it
    # makes could_name_source read the next word instead.
    assert "the" in so._first_words(())


def test_agency_bylines_are_read_the_same_without_the_opening_word_check(
        monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [at._byline(t, KNOWN, by_image) for t in LINES for by_image in (False, True)]
    monkeypatch.setattr(at, "could_open_name", lambda line, known: True)
    plain = [at._byline(t, KNOWN, by_image) for t in LINES for by_image in (False, True)]
    assert fast == plain
    assert sum(b is not None for b in plain) > 100


def test_the_opening_word_check_rules_most_lines_out() -> None:
    alone = [t for t in LINES if at._may_stand_alone(t)]
    assert sum(so.could_open_name(t, KNOWN) for t in alone) < len(alone) / 3
