"""Reporters: one module per output format, each a streaming :class:`Reporter`.

``make_reporter(fmt, stream)`` is the explicit registry. A reporter gets the report in
order — ``start(header)``, ``article(entry)``…, ``image(entry)``…, ``finish(tail)`` — and
writes to the text stream it was given; the CLI makes file output atomic.
"""

from __future__ import annotations

from typing import TextIO

from provenance.report import Reporter

FORMATS = ("text", "json", "jsonl")


def make_reporter(fmt: str, stream: TextIO, *, color: bool = False) -> Reporter:
    """The reporter for ``fmt``; ``ValueError`` for an unknown format."""
    if fmt == "json":
        from provenance.reporters.json import JsonReporter

        return JsonReporter(stream)
    if fmt == "jsonl":
        from provenance.reporters.jsonl import JsonLinesReporter

        return JsonLinesReporter(stream)
    if fmt == "text":
        from provenance.reporters.text import TextReporter

        return TextReporter(stream, color=color)
    raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
