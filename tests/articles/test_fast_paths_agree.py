"""The readers' fast paths give exactly what the general paths give (property tests).

Each fast path skips work for the common case: simple ``key: value`` front matter is built
without the YAML parser, ``<noscript>`` content is blanked in the page's UTF-8 rather than
in its text, and a page's paragraphs are judged notices in one pass. Hypothesis feeds them
text shaped to reach the edge cases (YAML's booleans, nulls, dates and numbers; mixed-case
and non-ASCII tag names; lower-casing that changes a text's length).
"""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.articles.front_matter import _YAML_LOADER, _simple_yaml
from provenance.articles.html import _blank_noscript, _blank_noscript_utf8
from provenance.articles.html_notices import is_notice, notices

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

KEYS = st.sampled_from(["title", "date", "author", "draft", "on", "null", "yes", "weight",
                        "lastmod", "y", "Title", "tags", "image", "k9", "a_b"])
VALUES = st.one_of(
    st.sampled_from(["Harbour ferry returns", "2026-03-04", "2026-03-04T09:00:00+00:00",
                     "2026-3-4", "true", "No", "off", "~", "null", "12", "0x1F", "1_000",
                     "3.5", "1e3", ".inf", "0o17", "12:30", "1:20:30", "Porto: the quay",
                     "a # b", "x:", "trailing ", "ÁGUA viva", "v1.2", "-5", "+5"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20),
)


@SETTINGS
@given(st.lists(st.tuples(KEYS, VALUES), max_size=6))
def test_simple_front_matter_is_what_yaml_reads(pairs: list[tuple[str, str]]) -> None:
    source = "\n".join(f"{key}: {value}" if value else f"{key}:" for key, value in pairs)
    fast = _simple_yaml(source)
    if fast is None:
        return  # not simple: the parser reads it
    try:
        parsed = yaml.load(source, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        raise AssertionError(f"the fast path read what YAML rejects: {source!r}") from None
    assert fast == (parsed or {}), source


TAGS = st.sampled_from(["<noscript>", "</noscript>", "<NoScript class=x>", "</NOSCRIPT >",
                        "<noſcript>", "<noscrİpt>", "<noscripts>", "<noscript\n>", "<div>",
                        "</div>", "<noscript/>", "<p>Ferry\nnews</p>", "é", "\n", " ", ">",
                        "<", "</noscript\t>"])


@SETTINGS
@given(st.lists(st.one_of(TAGS, st.text(max_size=8)), max_size=12))
def test_noscript_blanking_in_bytes_is_blanking_in_text(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        utf8 = text.encode("utf-8")
    except UnicodeEncodeError:
        return  # a lone surrogate: the reader keeps the text path
    assert _blank_noscript_utf8(utf8, text) == _blank_noscript(text).encode("utf-8")


PHRASES = st.sampled_from([
    "All rights reserved.", "© 2026 Harbour Media Ltd. Tous droits réservés.",
    "This site uses cookies to improve your experience.", "Subscribe to read the full story.",
    "Ana Lopes is a reporter covering the city council.", "The ferry returned on Monday.",
    "İSTANBUL", "ALL RIGHTS RESERVED", "Derechos reservados", "permission to reprint"])


@SETTINGS
@given(st.lists(st.lists(st.one_of(PHRASES, st.text(max_size=30)), max_size=4)
                .map(" ".join), max_size=8))
def test_a_page_of_notices_judged_at_once_as_one_by_one(texts: list[str]) -> None:
    assert notices(texts) == [is_notice(text) for text in texts]
