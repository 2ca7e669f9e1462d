"""Attribution calls on the real news-world pages against their hand labels (interop).

``../shared/corpus/news-world/LABELS.tsv`` says for each page whether the article itself
credits a source (``has_attribution``). The page is read in place (gunzipped in memory,
never copied), parsed as HTML and annotated with the default settings; the call is "yes"
when some attribution lies outside boilerplate (a boilerplate-only credit is ATR002, not
a credit of the article). The test fails when the overall accuracy drops below
:data:`MIN_ACCURACY`, and its message lists the accuracy per language and every page
called wrongly, so a regression names its pages.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.detect.news_world import credited, label_rows, read_page

# Before the "Credits" work: 81/116 (69.8 %); after it: 104/116 (89.7 %); with credits in
# the article's frame (the source line under the headline, the closing line after the
# text): 111/116 (95.7 %); with a translated story crediting its paper: 112/116 (96.6 %).
# The four left are named in the accuracy issue's notes (three labels disputed: a "来源"
# line naming the outlet itself, "247 –", and an agency's own site).
# Raise this as the detectors improve.
MIN_ACCURACY = 0.95




@pytest.mark.interop
def test_attribution_accuracy_on_news_world(corpus_dir: Path) -> None:
    folder, rows = label_rows(corpus_dir)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[str] = []
    for row in rows:
        expected = row["has_attribution"] == "yes"
        got = credited(read_page(folder / row["file"]))
        total[row["language"]] += 1
        right[row["language"]] += got == expected
        if got != expected:
            wrong.append(f"{row['file']}: labelled {row['has_attribution']}")
    accuracy = sum(right.values()) / len(rows)
    per_language = ", ".join(f"{lang} {right[lang]}/{total[lang]}" for lang in sorted(total))
    assert accuracy >= MIN_ACCURACY, (f"{accuracy:.1%} ({per_language})", wrong)
