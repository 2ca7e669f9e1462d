"""The simple front matter's shortcuts give what YAML gives, and its key lines what the scan
finds.

``key: value`` front matter is read without the YAML parser; a value that is a date or time
in ISO form is also built without the resolver and YAML's timestamp constructor, by
``fromisoformat``, and a value whose first character starts none of the resolver's patterns
is kept as the text it is, without the resolver and the str constructor. Both are held to
``yaml.load`` with the reader's loader: the same values, of the same types, printed the
same, over the dates below (valid, impossible and almost ISO) mixed with other values YAML
reads as text, numbers, booleans or nulls. The line of each key, remembered as the simple
front matter is read, is held to the scan of the front matter's lines that other front
matter gets.
"""

from __future__ import annotations

from dataclasses import replace

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.articles import ArticleError, NotAnArticle
from provenance.articles.front_matter import (
    _YAML_LOADER,
    _field_line,
    _scalar,
    _simple_yaml,
    read_front_matter,
)

SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

KEYS = st.sampled_from(["title", "date", "updated", "author", "lastmod", "on", "null", "Yes",
                        "description", "image", "cover", "k2", "a_b", "pubDate", "Title",
                        "source", "language"])
STAMP_TEXTS = (
    "2026-03-01", "2026-03-01T09:00:00+00:00", "2026-03-01T09:00:00Z", "2026-03-01T09:00:00",
    "2026-03-01T09:00:00-00:00", "2026-03-01T09:00:00+05:30", "2026-03-01T09:00:00-23:59",
    "2026-03-01T09:00:00+05:99", "2026-03-01T09:00:00+24:00", "2026-03-01T24:00:00",
    "2026-03-01T23:59:60", "2026-02-29", "2024-02-29", "2026-13-01", "0000-01-01",
    "9999-12-31T23:59:59-05:00", "2026-03-01T8:30:00+00:00", "2026-3-1", "2026-03-01 09:00:00",
    "2026-03-01T09:00:00.5+01:00", "2026-03-01T09:00:00+0100", "2026-03-01t09:00:00",
    "2026-03-01T09:00", "2026-03-01T09:00:00+01", "20260301", "2026-03-01T09:00:00 Z",
    "٢٠٢٦-03-01", "2026-03-01T09:00:00+01:00x", "2026-03-01T09:00:00.1234567+01:00",
    "2026-03-01T09:00:00.123456789Z", "2026-03-01T09:00:00.+01:00", "2026-03-01T09:00:00,5",
    "2026-03-01T9:00:00", "2026-03-01T09:00:00+1:00", "2026-03-01T09:00:00-01:30")
WORD_TEXTS = (
    "The ferry returned to the harbour on Monday", "Ana Lopes", "Porto", "Lisbon desk",
    "true", "False", "no", "Off", "null", "Null", "~", "yes", "y", "n", "on", "NO", "Nope",
    "12", "0x1F", "0o17", "1_000", "3.5", "1e3", "12:30", "1:20:30", "-5", "+5", ".inf",
    "v1.2", "Tuesday, 3 March", "ÁGUA viva", "Élan", "ſtreet", "İstanbul", "Ωmega",
    "Zero hour", "= sign", "x:", "trailing ", "a # b", "Porto: the quay", "True", "TRUE",
    "Yes", "YES", "On", "ON", "NULL", "FALSE", "Tram to the stadium", "Off the coast",
    "Nine votes", "Friday", "yesterday", "offshore", "nil", "Harbour", "E", "0", "_x", "x")
STAMPS, WORDS = st.sampled_from(STAMP_TEXTS), st.sampled_from(WORD_TEXTS)
VALUES = st.one_of(STAMPS, WORDS, st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=16))


def _source(pairs: list[tuple[str, str]], blanks: list[bool]) -> list[str]:
    lines = []
    for (key, value), blank in zip(pairs, blanks + [False] * len(pairs), strict=False):
        lines.append(f"{key}: {value}" if value else f"{key}:")
        if blank:
            lines.append("")
    return lines


@SETTINGS
@given(st.lists(st.tuples(KEYS, VALUES), max_size=7), st.lists(st.booleans(), max_size=7))
def test_simple_front_matter_values_are_what_yaml_builds(pairs: list[tuple[str, str]],
                                                         blanks: list[bool]) -> None:
    lines = _source(pairs, blanks)
    fast = _simple_yaml("\n".join(lines))
    if fast is None:
        return  # not simple: the parser reads it
    try:
        parsed = yaml.load("\n".join(lines), Loader=_YAML_LOADER)  # noqa: S506 (safe loader)
    except yaml.YAMLError:
        raise AssertionError(f"the fast path read what YAML rejects: {lines!r}") from None
    parsed = parsed or {}
    assert list(fast) == list(parsed), lines
    for key, value in fast.items():
        # Equal, of the same type, and printed the same (a date, a datetime and its zone).
        assert type(value) is type(parsed[key]), (key, value, parsed[key])
        assert value == parsed[key], (key, value, parsed[key])
        assert _scalar(value) == _scalar(parsed[key]), (key, value, parsed[key])
        assert repr(value) == repr(parsed[key]), (key, value, parsed[key])


def test_every_listed_value_alone_is_what_yaml_builds() -> None:
    for value in STAMP_TEXTS + WORD_TEXTS:
        for key in ("title", "date"):
            fast = _simple_yaml(f"{key}: {value}")
            if fast is None:
                continue
            parsed = yaml.load(f"{key}: {value}", Loader=_YAML_LOADER)  # noqa: S506
            assert repr(fast) == repr(parsed), value


def test_the_sentences_read_the_same_both_ways() -> None:
    source = "\n".join([
        "title: Harbour Ferry Returns After Winter Repairs", "date: 2026-03-01",
        "updated: 2026-03-02T8:30:00+00:00", "lastmod: 2026-03-02T18:45:10+01:00",
        "published: 2026-03-02T07:00:00Z", "author: Ana Lopes", "", "draft: no", "weight: 3",
        "expires: 2026-02-30", "on: 2026-03-01"])
    assert _simple_yaml(source) is None  # ``on:`` is a boolean key: the parser reads it all
    source = source.rsplit("\n", 1)[0]
    fast = _simple_yaml(source)
    parsed = yaml.load(source, Loader=_YAML_LOADER)  # noqa: S506
    assert repr(fast) == repr(parsed)
    assert fast is not None and fast["expires"] == "2026-02-30"  # impossible: kept as text


# Keys looked up: present or not, dotted, and some that only a line's prefix could match.
LOOKED_UP = ("title", "date", "updated", "author", "image", "cover.image", "cover.caption",
             "provenance", "Title", "k2", "a_b", "titl", "titles", "title.x", "hero image",
             "title: Harbour", "", "date_caption", "title: v1", "source: Porto")


@SETTINGS
@given(st.lists(st.tuples(KEYS, VALUES), max_size=7), st.lists(st.booleans(), max_size=7))
def test_simple_front_matter_key_lines_are_where_the_scan_finds_them(
        pairs: list[tuple[str, str]], blanks: list[bool]) -> None:
    text = "\n".join(["---", *_source(pairs, blanks), "---", "", "The ferry returned."])
    try:
        fm = read_front_matter(text, text.split("\n"))
    except (ArticleError, NotAnArticle):
        return  # malformed for YAML too
    if fm.key_lines is None:
        return  # not simple: no index
    scanned = replace(fm, key_lines=None)
    for key in (*fm.data, *LOOKED_UP):
        assert _field_line(fm, key) == _field_line(scanned, key), (key, text)


def test_the_sentences_key_lines_are_where_the_scan_finds_them() -> None:
    text = "\n".join(["---", "title: Harbour Ferry Returns", "", "date: 2026-03-01",
                      "cover: img/ferry.jpg", "author: Ana Lopes", "image: img/quay.jpg",
                      "title: Second Title", "source: Porto.Quay", "---", "",
                      "The ferry returned."])
    fm = read_front_matter(text, text.split("\n"))
    assert fm.key_lines is not None
    scanned = replace(fm, key_lines=None)
    for key in LOOKED_UP:
        assert _field_line(fm, key) == _field_line(scanned, key), key
    assert _field_line(fm, "title") == 2 and _field_line(fm, "image") == 7
