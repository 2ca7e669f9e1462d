"""The ninjs reader's tighter helpers answer as the plain code they replaced.

``_text`` strips once, ``_hints`` skips the credit keys an item does not have,
``split_paragraphs`` splits once with a compiled pattern, and ``_looks_like_json_lines``
stops at the first line that is not an object on its own. Each is held to the code it
replaced (kept here as the reference) over the sentences below and generated values.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.articles import _looks_like_json_lines
from provenance.articles.ninjs import _as_list, _get, _hints, _name, _text, split_paragraphs

SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _text_before(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _hints_before(item: dict[str, Any]) -> list[str]:
    found: list[str | None] = [_text(_get(item, "copyrightHolder"))]
    for key in ("infoSources", "infosources", "infosource", "infoSource", "provider"):
        found += [_name(e, ("name", "literal")) for e in _as_list(item.get(key))]
    return list(dict.fromkeys(h for h in found if h))


def _split_before(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [" ".join(p.split()) for p in parts if p.strip()]


def _json_lines_before(text: str) -> bool:
    lines = [ln for ln in text.split("\n", 20)[:20] if ln.strip()][:3]
    return len(lines) >= 2 and all(
        ln.strip().startswith("{") and ln.strip().endswith("}") for ln in lines
    )


SENTENCES = ["The harbour ferry returned to service on Monday.", "Lusa", "  Agência Lusa  ",
             "Reuters", "", " ", "\u2003", "Harbour Daily\u00a0", "Ana Lopes, Rui Costa"]
SCALARS = st.one_of(st.sampled_from(SENTENCES), st.none(), st.integers(-2, 2), st.booleans(),
                    st.text(alphabet=" \t\n\u00a0\u2028ab", max_size=5))
ENTRIES = st.one_of(SCALARS, st.dictionaries(st.sampled_from(["name", "literal", "uri"]),
                                             SCALARS, max_size=2))
VALUES = st.one_of(ENTRIES, st.lists(ENTRIES, max_size=3), st.just([]), st.just({}))
KEYS = st.sampled_from(["copyrightHolder", "copyrightholder", "infoSources", "infosources",
                        "infosource", "infoSource", "provider", "headline", "by"])


@SETTINGS
@given(SCALARS)
def test_text_is_the_plain_strip(value: Any) -> None:
    assert _text(value) == _text_before(value)


@SETTINGS
@given(st.dictionaries(KEYS, VALUES, max_size=5))
def test_hints_are_what_every_key_gave(item: dict[str, Any]) -> None:
    assert _hints(item) == _hints_before(item)


def test_hints_of_the_sentences() -> None:
    item = {"copyrightholder": " Lusa ", "infosources": [{"name": "Reuters"}, "Lusa"],
            "provider": {"literal": "Harbour Daily"}, "infoSource": None}
    assert _hints(item) == _hints_before(item) == ["Lusa", "Reuters", "Harbour Daily"]


PARAGRAPH_PARTS = st.sampled_from(SENTENCES + ["\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\n \n",
                                               "\n\t\n", "\n\u00a0\n", "\u2028", "\n\u2029\n"])


@SETTINGS
@given(st.lists(PARAGRAPH_PARTS, max_size=10).map("".join))
def test_paragraphs_split_as_before(text: str) -> None:
    assert split_paragraphs(text) == _split_before(text)


LINE_PARTS = st.sampled_from(["{}", '{"headline": "Ferry returns"}', "{", "}", "[", "]", "",
                              "  ", '  {"uri": "urn:x"}  ', '"body_text": "The ferry."',
                              "{ }", "{\t}", "}{", "\r", "\u00a0{}"])


@SETTINGS
@given(st.lists(LINE_PARTS, max_size=26).map("\n".join))
def test_json_lines_sniffing_as_before(text: str) -> None:
    assert _looks_like_json_lines(text) == _json_lines_before(text)


def test_json_lines_sniffing_of_the_sentences() -> None:
    export = '{"headline": "Ferry returns"}\n\n{"headline": "Quay reopens"}\n'
    pretty = '{\n  "headline": "Ferry returns"\n}\n'
    at_the_edge = "\n" * 18 + '{"a": 1}\n{"b": 2}'  # objects on lines 19 and 20: read
    past_it = "\n" + at_the_edge  # on lines 20 and 21: the second is past the twenty
    for text in (export, pretty, at_the_edge, past_it, '{"a": 1}', ""):
        assert _looks_like_json_lines(text) == _json_lines_before(text)
    assert _looks_like_json_lines(export) and _looks_like_json_lines(at_the_edge)
    assert not _looks_like_json_lines(pretty) and not _looks_like_json_lines(past_it)
