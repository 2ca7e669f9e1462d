"""Entries that arrive still encoded (a cache hit): ``ReportBuilder.add_encoded``.

An entry whose text the JSON report can write as it is skips decoding and encoding; one
that something on the way would change — a finding in the baseline, a lone surrogate to
repair, a reporter that needs the entry itself — is decoded and goes the usual way. Either
way every reporter's output, the counts and the verdict are those of the decoded entry.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest

from provenance.report import BaselineEntry, ReportBuilder, Tally, header, tally_of
from provenance.reporters.json import JsonReporter, entry_text
from provenance.reporters.text import ImageFiles, TextReporter
from tests.reporters.sample import briefs_record, clean_article, market_article


class _Spy(JsonReporter):
    """The JSON report, counting how each entry reached it."""

    def __init__(self, stream: io.StringIO) -> None:
        super().__init__(stream)
        self.decoded = self.encoded = 0

    def article(self, entry: Mapping[str, Any]) -> None:
        self.decoded += 1
        super().article(entry)

    def article_encoded(self, text: str, tally: Tally) -> None:
        self.encoded += 1
        super().article_encoded(text, tally)


def _entries() -> list[dict[str, Any]]:
    return [market_article(), briefs_record(), clean_article()]


Reporters = Callable[[io.StringIO], list[Any]]


def _run(make: Reporters, baseline: Mapping[str, BaselineEntry], *, encoded: bool,
         checked: bool = True) -> tuple[str, dict[str, Any], list[Any]]:
    out = io.StringIO()
    reporters = make(out)
    builder = ReportBuilder(reporters, baseline=dict(baseline))
    builder.start(header(".", None))
    for entry in _entries():
        if encoded:
            builder.add_encoded(entry_text(entry), tally_of(entry), checked=checked)
        else:
            builder.add_article(entry)
    tail = builder.finish()
    return out.getvalue(), tail, reporters


def _json_and_files(out: io.StringIO) -> list[Any]:
    return [ImageFiles(), _Spy(out)]


def _with_text(out: io.StringIO) -> list[Any]:
    return [_Spy(out), TextReporter(io.StringIO(), color=False)]


def _baseline(rules: Sequence[str]) -> dict[str, BaselineEntry]:
    chosen = {}
    for entry in _entries():
        for finding in entry["findings"]:
            if finding["rule"] in rules:
                chosen[finding["fingerprint"]] = BaselineEntry(
                    finding["fingerprint"], finding["rule"], entry["path"])
    return chosen


@pytest.mark.parametrize(("make", "rules", "written_as_is"), [
    (_json_and_files, (), 3),
    (_json_and_files, ("IMG001",), 2),  # the market article holds a baselined finding
    (_with_text, (), 0),  # the text report needs each entry itself
], ids=["json", "json-baseline", "json-and-text"])
def test_encoded_entries_report_as_decoded_ones(make: Reporters, rules: Sequence[str],
                                                written_as_is: int) -> None:
    baseline = _baseline(rules)
    plain, plain_tail, plain_reporters = _run(make, baseline, encoded=False)
    text, tail, reporters = _run(make, baseline, encoded=True)
    assert text == plain
    assert tail == plain_tail
    spy = next(r for r in reporters if isinstance(r, _Spy))
    assert (spy.encoded, spy.decoded) == (written_as_is, 3 - written_as_is)
    files = [r.count for r in (*plain_reporters, *reporters) if isinstance(r, ImageFiles)]
    assert files in ([], [1, 1])  # the market article's photo; the missing one is no file
    if rules:
        assert '"kind": "baseline"' in text.split('"html/market.html"')[1].split("\n")[0]
        assert tail["summary"]["baselined"] == 2  # with the one the briefs record holds


def test_text_not_known_clean_is_decoded_and_checked() -> None:
    plain, plain_tail, _ = _run(_json_and_files, {}, encoded=False)
    text, tail, reporters = _run(_json_and_files, {}, encoded=True, checked=False)
    assert (text, tail) == (plain, plain_tail)
    assert reporters[1].encoded == 0


def test_a_tally_holds_what_the_builder_counts() -> None:
    tally = tally_of(market_article())
    assert [path for path, _ in tally.images] == ["html/img/photo.jpg", "html/img/gone.jpg"]
    assert [(rule, suppressed) for rule, _, suppressed, _ in tally.findings] == [
        ("IMG005", None), ("IMG006", "inline"), ("IMG001", None)]
