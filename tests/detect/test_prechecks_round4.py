"""The fourth round of detector shortcuts never changes an answer.

* ``lexicon._claim_scan``: the one RE2 pass over a page's lines finds at least every line
  the ``re`` passes of :func:`.lexicon.claim_candidates` find, so the candidates are still
  exactly the lines :func:`.lexicon.may_claim` accepts. Sound only if RE2 reads as a hint's
  letter every character that lower() makes that letter, and if "İ" is the one character
  lower() turns into more than one (checked over every code point); pages RE2 cannot take
  (a lone surrogate), pages holding "İ" and lines holding a line break go the ``re`` way;
* ``byline._NAMES``: the four ``_Names`` made once read every meta line as a new one made
  for it did;
* ``attribution._scan`` works out the page's words (``_page_words``) only for the first
  line it has not read before: each line still reads as with the words of its own page,
  whatever was remembered;
* ``attribution.find_attributions`` reads no boilerplate scan for an article without
  boilerplate blocks (none can give a credit or frame the text): the same attributions
  as the full reading, with and without boilerplate.

The texts are this folder's tests' string literals, their sentences and case-mangled copies
of them, and the lines below, each written to reach one of the shortcut's edges.
"""

from __future__ import annotations

import copy
import sys
from typing import Any

import pytest

from provenance.articles.detect import DetectSettings, annotate
from provenance.articles.detect import attribution as at
from provenance.articles.detect import byline as bl
from provenance.articles.detect import lexicon as lx
from provenance.articles.detect.segments import Layout
from provenance.model import ZONES, Article, Attribution
from tests.detect.texts import dealt_articles, encodes, mangled, suite_literals

SETTINGS = DetectSettings()
KNOWN = SETTINGS.known_sources

re2 = pytest.importorskip("re2")

# Lines at the edges: "ai", "ki" and "ia" after and before letters that are and are not
# ASCII, at a line's start and end; hints in capitals, with the long s, the Kelvin sign
# and dotless i; the scripts' hints; cased hints that lower-casing would lose.
EDGES = (
    "ai", "KI", "Ia.", "The ai-made picture", "éai picture", "a picture aié", "_ai_",
    "2ai", "ai2", "(KI) Bild", "Bild: \u212aI erzeugt", "ſora made this", "ſtable diffuſion",
    "MIDJOURNEY render", "Made with ChatGPT", "GPT-4o drew it", "an ıa tool", "una IA",
    "I.A. generativa", "A.I tools", "MI által készített kép", "MI-vel készült", "ИИ создал",
    "нейросеть нарисовала", "ΤΝ εικόνα", "ΤΕΧΝΗΤΉ νοημοσύνη", "ذكاء اصطناعي", "人工智能生成",
    "人工知能", "인공지능 이미지", "ＡＩ画像", "एआई से बनी", "اے آئی تصویر", "TRÍ TUỆ NHÂN TẠO",
    "Kunstig intelligens", "KÜNSTLICHE INTELLIGENZ", "yapay ZEKA", "TEKOÄLY", "Tekoäly",
    "the main plain rain said again", "kiwi and naive pianist", "A quiet harbour town.",
)


LINES = sorted({m.replace("\n", " ") for text in [*suite_literals(sentences=True), *EDGES]
                for m in mangled(text) if encodes(m) and "\u0130" not in m})


def _pages(lines: list[str], size: int) -> list[list[str]]:
    return [lines[i:i + size] for i in range(0, len(lines), size)]


def _plain(page: list[str]) -> set[int]:
    return {i for i, line in enumerate(page) if lx.may_claim(line)}


def test_re2_reads_every_letter_lower_case_makes_a_hint_letter() -> None:
    hints = {*lx._TOOL_HINTS, *(h for hs in lx._LOWER.values() for h in hs), "ai", "ki", "ia"}
    letters = set("".join(hints))
    longer = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        low = char.lower()
        if len(low) != 1:
            longer.append(char)
        elif low in letters and low != char:
            assert re2.compile("(?i)" + re2.escape(low)).fullmatch(char), hex(code)
    assert longer == ["\u0130"]


@pytest.mark.parametrize("size", [1, 7, 40])
def test_one_pass_finds_the_lines_that_may_claim(size: int) -> None:
    assert lx._claim_scan() is not None
    found = 0
    for page in _pages(LINES, size):
        want = _plain(page)
        assert lx.claim_candidates(page) == want, page
        found += len(want)
    assert found > 200


def test_the_re_passes_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _pages(LINES, 40)
    with_re2 = [lx.claim_candidates(page) for page in pages]
    monkeypatch.setattr(lx, "_claim_scan", lambda: None)
    assert [lx.claim_candidates(page) for page in pages] == with_re2


def test_the_scan_runs_on_plain_pages_only(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    real = lx.lines_matched

    def counting(scan: Any, data: bytes) -> set[int]:
        calls.append(data)
        return real(scan, data)

    monkeypatch.setattr(lx, "lines_matched", counting)
    plain = ["A quiet harbour town.", "Image made with AI tools."]
    assert lx.claim_candidates(plain) == {1} and len(calls) == 1
    # "İ" (Kİ lower-cases to "ki" and a dot), a lone surrogate, a line with a line break.
    for page, want in ((["Bild: Kİ erzeugt", "A quiet harbour town."], {0}),
                       (["A lone " + chr(0xD800), "Bild: KI erzeugt"], {1}),
                       (["Bild: KI erzeugt, a lone " + chr(0xD800)], {0}),
                       (["A quiet\nharbour town.", "Bild: KI erzeugt"], {1})):
        assert lx.claim_candidates(page) == want == _plain(page)
    assert len(calls) == 1


# --- byline._NAMES ---------------------------------------------------------------------------

# Meta lines a bare agency name, a byline or a date label opens, beside the suite's.
META_LINES = ("Reuters", "AP", "Associated Press", "By Jane Roe", "By Jane Roe | Reuters",
              "Published: 3 May 2025", "Jane Roe | Updated 3 May 2025 | Lisbon", "AFP",
              "Updated: 4 May 2025 09:00", "Por Ana Ruiz, EFE", "dpa", "By ANI")


def _plain_read_meta(article: Article, layout: Layout) -> bl.MetaFacts:
    """read_meta as it was: a new _Names for every line."""
    facts = bl.MetaFacts()
    near = layout.near
    for seg in bl._meta_segments(article, layout):
        bare = seg.block.zone == "meta" and seg.index not in near
        bl._read_line(seg.text, facts, KNOWN, bl._Names(seg.block.zone != "headline", bare))
    if facts.dateline is None:
        facts.dateline = bl._dateline_from_story(article, KNOWN, layout)
    return facts


@pytest.mark.parametrize("zones", [("meta", "headline", "meta", "body", "meta"),
                                   ("headline", "meta", "meta", "standfirst", "meta", "body"),
                                   ("headline", "body", "standfirst")])
def test_meta_lines_read_as_with_names_made_for_each(zones: tuple[str, ...]) -> None:
    texts = [m for text in [*META_LINES, *suite_literals()] for m in mangled(text)][:4000]
    bylines = 0
    for article in dealt_articles(texts, zones):
        want = _plain_read_meta(article, Layout(article))
        assert bl.read_meta(article, KNOWN, Layout(article)) == want, article.blocks
        bylines += want.byline is not None
    assert bylines > 20


# --- attribution.find_attributions: no boilerplate, no boilerplate scan ------------------------


def _plain_attributions(article: Article) -> list[Attribution]:
    """find_attributions as it was: the boilerplate scan whenever nothing else credits."""
    layout = Layout(article)
    near = at._photo_credit_places(article, layout)
    found = at._scan(article, SETTINGS, near, ("caption", "boilerplate"), layout)
    found.extend(at._from_fields(article, SETTINGS, found))
    if not any(a.zone != "boilerplate" for a in found):
        others = tuple(z for z in ZONES if z != "boilerplate")
        frame = at._frame(article)
        found = at._scan(article, SETTINGS, near, others, layout, frame) + found
        found.extend(at._translated_from(article, frame))
    return at._dedupe(found)


@pytest.mark.parametrize("zones", [
    ("headline", "boilerplate", "body", "boilerplate", "body", "boilerplate", "boilerplate"),
    ("headline", "meta", "body", "standfirst", "body", "caption", "body"),
    ("boilerplate", "boilerplate", "boilerplate", "boilerplate")])
def test_attributions_are_the_full_readings(zones: tuple[str, ...]) -> None:
    texts = [m for text in [*META_LINES, *suite_literals()] for m in mangled(text)]
    credited = 0
    for article in dealt_articles(texts, zones):
        at._memo.cache_clear()
        want = _plain_attributions(article)
        assert at.find_attributions(article, SETTINGS) == want, article.blocks
        credited += bool(want)
    assert credited > 20


def test_annotate_reads_articles_as_before() -> None:
    texts = [m for text in [*META_LINES, *suite_literals()] for m in mangled(text)]
    for article in dealt_articles(texts, ("headline", "meta", "body", "boilerplate"))[:300]:
        art = copy.deepcopy(article)
        annotate(art, SETTINGS)
        assert art.attributions == _plain_attributions(article)


# --- attribution._scan: the page's words worked out on the first line not remembered ---------


def _read_all(articles: list[Article]) -> list[list[Attribution]]:
    at._memo.cache_clear()
    out = [at.find_attributions(article, SETTINGS) for article in articles]
    at._memo.cache_clear()
    return out


def test_lines_read_after_remembered_ones_keep_their_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [m for text in [*META_LINES, *suite_literals()] for m in mangled(text)]
    # Each text twice, in articles that mix lines read before with new ones.
    articles = dealt_articles([*texts, *texts[3::2], *texts[::3]],
                              ("body", "meta", "body", "boilerplate", "standfirst"))
    calls: list[int] = []
    page_words = at._page_words

    def counting(lines: list[str]) -> tuple[set[int], set[int]] | None:
        calls.append(len(lines))
        return page_words(lines)

    monkeypatch.setattr(at, "_page_words", counting)
    fast = _read_all(articles)
    assert 0 < len(calls) < 2 * len(articles)  # some articles had every line remembered
    monkeypatch.setattr(at, "_page_words", lambda lines: None)
    assert _read_all(articles) == fast
    assert sum(map(bool, fast)) > 100
