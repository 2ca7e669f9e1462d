"""The detectors' screens never change an answer (lexicon.py, "Screens").

A screen rules a text out before a long alternation runs, from the literals every match
must contain; RE2 scans whole pages for the AI hints. Both are only faster: here every
screened pattern gives exactly the plain pattern's match, every verb screen the plain
gates' languages, and the page scan the same candidate lines with and without RE2, over
the sentences of this suite's detector tests, case-mangled copies of them (re.IGNORECASE
equates "ſ" with "s", "K" with "k", "ς" with "σ") and text generated from the patterns.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.articles.detect import lexicon as lx
from tests.detect.texts import mangled, suite_literals

SCREENED = {"DEIXIS": lx.DEIXIS, "REPORTING": lx.REPORTING}


SENTENCES = suite_literals(sentences=True)


def test_the_suite_has_sentences_to_check() -> None:
    assert len(SENTENCES) > 1000
    assert lx._re2() is not None, "google-re2 is a dependency: the screens must be live"


@pytest.mark.parametrize("name", sorted(SCREENED))
def test_a_screened_pattern_matches_as_the_plain_one(name: str) -> None:
    lazy = SCREENED[name]
    plain = re.compile(lazy.compiled.pattern, lazy.compiled.flags)
    assert lazy._screen is not None, f"{name} has no screen"
    matched = 0
    for sentence in SENTENCES:
        for text in mangled(sentence):
            want = plain.search(text)
            got = lazy.search(text)
            assert (got and got.span()) == (want and want.span()), text
            matched += want is not None
    assert matched > 50  # the pool reaches the patterns, not only their misses


def _branches(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source, each a small pattern of its own."""
    parts, depth, start, escaped, in_class = [], 0, 0, False, False
    for i, char in enumerate(source):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    return [*parts, source[start:]]


# Look-arounds at a branch's edges only say what may not touch a match: generated text
# drops them, and the whole pattern then decides.
_EDGES = re.compile(r"^(?:\(\?<?[!=][^()]*\))+|(?:\(\?<?[!=][^()]*\))+$")
BRANCHES = [(name, _EDGES.sub("", branch)) for name, lazy in sorted(SCREENED.items())
            for branch in _branches(lazy.compiled.pattern)]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_text_a_pattern_matches_is_never_ruled_out(data: st.DataObject) -> None:
    name, branch = data.draw(st.sampled_from(BRANCHES))
    lazy = SCREENED[name]
    flags = lazy.compiled.flags
    text = data.draw(st.from_regex(re.compile(branch, flags), fullmatch=True))
    text = data.draw(st.sampled_from(["", "The caption says ", "("])) + text + "."
    want = re.compile(lazy.compiled.pattern, flags).search(text)
    got = lazy.search(text)
    assert (got and got.span()) == (want and want.span()), text


def test_verb_screens_keep_every_language_whose_gate_holds() -> None:
    languages = list(lx.CLAIM_VERBS)
    for sentence in SENTENCES:
        for text in mangled(sentence):
            folded = lx.fold_for_gates(text)
            plain = {lang for lang in languages if lx.CLAIM_VERBS[lang].search(folded)}
            assert lx.claim_verbs(folded, languages) == plain, text


def test_page_scans_find_the_same_lines_without_re2(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [SENTENCES[i:i + 40] for i in range(0, len(SENTENCES), 40)]
    with_re2 = [lx.claim_candidates(page) for page in pages]
    monkeypatch.setattr(lx, "_whole_text_scan", lambda pattern: pattern)
    assert [lx.claim_candidates(page) for page in pages] == with_re2
    assert any(with_re2)
