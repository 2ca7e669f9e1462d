"""JSON Lines: one typed object a line — ``run`` first, then ``article``/``image``/``error``
lines, ``summary`` last (PRODUCT.md report contract), for log pipelines and streaming.

Lines end at ``\\n`` only: NEL (U+0085) and the Unicode line and paragraph separators,
which ``str.splitlines`` and some log shippers also break at, are written as JSON escapes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TextIO

# Inside a JSON string these can only be string content, so escaping them changes nothing
# a JSON parser reads.
_LINE_BREAKS = {c: f"\\u{c:04x}" for c in (0x85, 0x2028, 0x2029)}


class JsonLinesReporter:
    def __init__(self, stream: TextIO) -> None:
        self._out = stream

    def _line(self, kind: str, body: Mapping[str, Any]) -> None:
        text = json.dumps({"type": kind, **body}, ensure_ascii=False)
        self._out.write(text.translate(_LINE_BREAKS) + "\n")

    def start(self, header: Mapping[str, Any]) -> None:
        self._line("run", header)

    def article(self, entry: Mapping[str, Any]) -> None:
        self._line("article", entry)

    def image(self, entry: Mapping[str, Any]) -> None:
        self._line("image", entry)

    def finish(self, tail: Mapping[str, Any]) -> None:
        for error in tail["errors"]:
            self._line("error", error)
        for stale in tail["stale_baseline"]:
            self._line("stale_baseline", stale)
        self._line("summary", tail["summary"])
