"""The JSON report (the public contract, ``schemas/report.schema.json``), written as it streams.

Articles and images are written as they arrive, so a 10^6-article audit never holds the
whole report in memory; the closing keys come with ``finish``. Keys keep the contract's
order and output is byte-identical for the same inputs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, TextIO

from provenance.report import Tally, repair_quietly

_SURROGATE = re.compile("[\ud800-\udfff]")


def entry_text(value: Any, *, ascii_only: bool = False) -> str:
    """One line of JSON as the report writes it: what the cache stores of an entry, so a
    cached entry is written without being decoded (``ascii_only``: escaped, for text that
    holds a lone surrogate)."""
    return json.dumps(value, ensure_ascii=ascii_only, indent=None, separators=(", ", ": "))


def dumps(value: Any) -> str:
    """One line of JSON, UTF-8 as it is. Report entries arrive repaired (see
    :func:`provenance.report.repair`); anything else holding a lone surrogate — the
    ``extract`` view, which has no report builder — gets the same visible escape, unrecorded,
    rather than failing when written."""
    text = entry_text(value)
    if _SURROGATE.search(text):
        return dumps(repair_quietly(value))
    return text


class JsonReporter:
    def __init__(self, stream: TextIO) -> None:
        self._out = stream
        self._section: str | None = None
        self._first = True

    def start(self, header: Mapping[str, Any]) -> None:
        self._out.write("{\n")
        for key, value in header.items():
            self._out.write(f'  {dumps(key)}: {dumps(value)},\n')

    def _enter(self, section: str) -> None:
        """Open ``section``'s array, first opening (empty) any earlier section skipped.

        Sections only move forward (articles, then images), so each key appears once.
        """
        order = ("articles", "images")
        current = order.index(self._section) if self._section is not None else -1
        for name in order[current + 1:order.index(section) + 1]:
            if self._section is not None:
                self._out.write("\n  ],\n")
            self._out.write(f'  "{name}": [')
            self._section, self._first = name, True

    def _item(self, section: str, text: str) -> None:
        if section != self._section:
            self._enter(section)
        self._out.write(("\n    " if self._first else ",\n    ") + text)  # one write a line
        self._first = False

    def article(self, entry: Mapping[str, Any]) -> None:
        self._item("articles", dumps(entry))

    def article_encoded(self, text: str, tally: Tally) -> None:
        """An entry already encoded by :func:`entry_text`, known to be clean (a cache hit)."""
        self._item("articles", text)

    def image(self, entry: Mapping[str, Any]) -> None:
        self._item("images", dumps(entry))

    def finish(self, tail: Mapping[str, Any]) -> None:
        self._enter("images")
        self._out.write("\n  ],\n")
        items = list(tail.items())
        for i, (key, value) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            self._out.write(f"  {dumps(key)}: {json.dumps(value, ensure_ascii=False, indent=2)}"
                            .replace("\n", "\n  ") + comma + "\n")
        self._out.write("}\n")
