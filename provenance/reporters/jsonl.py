"""JSON Lines: one typed object a line — ``run`` first, then ``article``/``image``/``error``
lines, ``summary`` last (PRODUCT.md report contract), for log pipelines and streaming."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TextIO


class JsonLinesReporter:
    def __init__(self, stream: TextIO) -> None:
        self._out = stream

    def _line(self, kind: str, body: Mapping[str, Any]) -> None:
        self._out.write(json.dumps({"type": kind, **body}, ensure_ascii=False) + "\n")

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
