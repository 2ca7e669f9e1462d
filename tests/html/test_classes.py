"""html_classes: the shared class-word flags answer as the three patterns do on their own."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.articles import html_classes as hc
from provenance.articles import html_walk


def _alternatives(pattern: str) -> list[str]:
    inner = pattern[len("(?<![a-z])(?:"):-len(")(?![a-z])")]
    return inner.replace("(?:", "").replace(")", "").split("|")


WORDS = [w.rstrip("?") for w in _alternatives(hc.STRONG_RE.pattern)]
FRAGMENTS = [*WORDS, *(w.rstrip("?") for w in _alternatives(hc.NEGATIVE_RE.pattern)),
             *(w.rstrip("?") for w in _alternatives(hc.POSITIVE_RE.pattern)),
             " ", "-", "_", "x", "s", "2", "main", "entry"]
CLASSES = st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join)


def test_every_strong_word_is_a_boilerplate_word() -> None:
    for word in WORDS:
        for text in (word, f"x-{word}-y", f"a {word}s b", f"{word}_2"):
            if hc.STRONG_RE.search(text):
                assert hc.NEGATIVE_RE.search(text), text


@settings(max_examples=1000, deadline=None)
@given(CLASSES)
def test_flags_answer_as_the_patterns_do(words: str) -> None:
    positive = hc.POSITIVE_RE.search(words) is not None
    negative = hc.NEGATIVE_RE.search(words) is not None
    strong = hc.STRONG_RE.search(words) is not None
    assert hc.class_flags(words) == (positive, negative, strong)
    assert hc.is_strong_boilerplate(words) == (strong and not positive)
    assert hc.class_kind(words) == (0 if negative == positive else 1 if positive else -1)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZb9Q_- xY", min_size=1, max_size=20))
def test_camel_case_split_as_the_group_template_did(raw: str) -> None:
    expected = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", raw).lower()
    assert html_walk.class_words({"class": raw}) == expected
