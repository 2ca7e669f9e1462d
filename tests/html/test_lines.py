"""Source positions: the ``<body`` search and line numbers of offsets in any order."""

from __future__ import annotations

import random
import re

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
