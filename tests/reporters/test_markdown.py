"""Markdown PR-comment summary: exact output, folding, the size cap, escaping."""

from __future__ import annotations

import io
from typing import Any

from provenance.report_tools import replay
from provenance.reporters.markdown import MarkdownReporter, md
from tests.reporters.sample import finding, poison, render_text, sample_report

EXPECTED = """\
## provenance: failed

Root site: 3 articles, 3 images, 0 skipped.

| error | warning | info | suppressed | baselined | stale baseline |
|---:|---:|---:|---:|---:|---:|
| 1 | 2 | 1 | 1 | 1 | 0 |

| rule | findings |
|---|---:|
| `ATR001` attribution-missing | 1 |
| `IMG001` image-missing | 1 |
| `IMG005` gps-location-embedded | 1 |
| `IMG006` image-credit-missing | 1 |

### html/market.html — &lt;script&gt;alert\\(1\\)&lt;/script&gt; Market &amp; "Square" reopens

- **warning** `IMG005` gps-location-embedded, line 10: image 'img/photo.jpg' carries GPS \
coordinates \\(52.52000, 13.40500\\) (image img/photo.jpg)
- **error** `IMG001` image-missing, line 12: image 'img/gone.jpg' does not exist \
(image img/gone.jpg)

### jsonl/briefs.jsonl \\#2 — Ferry timetable, part 2: 100% changed @\u2060newsdesk

- **warning** `ATR001` attribution-missing, line 2: no source attribution: 100% of the text, \
see line 2, col 1

### images/generated.png (image)

- **info** `IMG006` image-credit-missing, no line: image 'generated.png' names no creator \
or credit
"""


def test_sample_report_exact() -> None:
    assert render_text(sample_report("site"), "markdown") == EXPECTED


def test_md_escapes_markup_html_and_mentions() -> None:
    assert md("[x](javascript:alert(1)) <img src=x> *b* @team\nnext") == \
        "\\[x\\]\\(javascript:alert\\(1\\)\\) &lt;img src=x&gt; \\*b\\* @\u2060team next"


def _many(n: int) -> dict[str, Any]:
    report = sample_report()
    report["articles"][1]["findings"] = [
        finding("ATR001", "attribution-missing", "warning", f"problem {i}", i + 1)
        for i in range(n)]
    return report


def test_long_lists_fold_into_details() -> None:
    out = render_text(_many(6), "markdown")
    assert "<details><summary>6 findings</summary>\n\n- **warning** `ATR001` " \
           "attribution-missing, line 1: problem 0\n" in out
    assert "line 6: problem 5\n\n</details>\n" in out
    assert "<details>" not in render_text(_many(5), "markdown")


def test_sections_stop_at_the_size_cap() -> None:
    out = io.StringIO()
    replay(sample_report(), MarkdownReporter(out, max_chars=400))
    text = out.getvalue()
    assert "### html/market.html" in text
    assert "### jsonl/briefs.jsonl" not in text and "### images/generated.png" not in text
    assert text.endswith("\n…and 2 more with findings, left out to keep this comment short: "
                         "see the full report.\n")


def test_markdown_cannot_carry_markup_either() -> None:
    text = render_text(poison(sample_report()), "markdown")
    assert "<img" not in text and "<script" not in text and "<a " not in text
    assert "](" not in text  # no link syntax survives unescaped
