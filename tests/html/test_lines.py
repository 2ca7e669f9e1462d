"""Source positions: the ``<body`` search and line numbers of offsets in any order."""

from __future__ import annotations

import random
import re
from pathlib import Path

from provenance.articles import read_article_file
from provenance.articles.html import _body_start
from provenance.articles.html_lines import LineMap

_BODY_RE = re.compile(r"<body[\s>]", re.I)


def test_body_start_is_the_case_insensitive_search() -> None:
    pieces = ["<b", "<B", "ody", "ODY", "oDy", "<body>", "<BODY ", "<Body\t", "<bo", "<br>",
              "x", " ", ">", "\n", "<b<body\n", "\u2028", "ody>", "<bOdY\u3000", "<bod"]
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        match = _BODY_RE.search(text)
        assert _body_start(text) == (match.start() if match else 0), text


def test_line_of_offset_counts_forwards_and_backwards() -> None:
    text = "".join(f"line {n}\n" for n in range(1, 200))
    lines = LineMap(text)
    rng = random.Random(7)
    for offset in [rng.randrange(len(text)) for _ in range(500)]:
        assert lines.line_of_offset(offset) == text.count("\n", 0, offset) + 1


def test_an_offset_before_the_text_is_its_start_and_leaves_later_lines_right() -> None:
    text = "".join(f"line {n}\n" for n in range(1, 50))
    lines = LineMap(text)
    assert lines.line_of_offset(text.index("line 20")) == 20
    assert lines.line_of_offset(-1) == 1  # "not found"
    assert lines.line_of_offset(text.index("line 30")) == 30


_PAGE = """<!doctype html>
<html><head><title>Harbour</title></head>
<body>
<article>
<h1>Harbour lights return</h1>
<p>The harbour lights were switched on again on Friday evening.</p>
<figure><img src="{src}" alt="Lights"><figcaption>The lights at dusk.</figcaption></figure>
<p>Crews spent three weeks repairing the cables under the quay.</p>
<p>SEOUL (Reuters) - More repairs are due next spring.</p>
</article>
</body></html>
"""


def test_an_image_src_written_with_an_entity_keeps_every_line(tmp_path: Path) -> None:
    """The parser gives ``img/ph&#111;to.jpg`` as ``img/photo.jpg``, which the source does
    not hold: the image takes the line of its place on the page, and no line moves."""
    seen = []
    for name, src in (("plain.html", "img/photo.jpg"), ("entity.html", "img/ph&#111;to.jpg")):
        (tmp_path / name).write_text(_PAGE.format(src=src), encoding="utf-8")
        article = read_article_file(tmp_path / name, name)[0]
        seen.append(([(b.line, b.zone) for b in article.blocks],
                     [(i.src, i.line) for i in article.images]))
    assert seen[0] == seen[1]
    assert seen[0][0][0] == (5, "headline") and seen[0][1] == [("img/photo.jpg", 7)]
