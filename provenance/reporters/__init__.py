"""Reporters: one module per output format, each a streaming :class:`Reporter`.

``make_reporter(fmt, stream)`` is the explicit registry. A reporter gets the report in
order — ``start(header)``, ``article(entry)``…, ``image(entry)``…, ``finish(tail)`` — and
writes to the text stream it was given; the CLI makes file output atomic.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TextIO, cast

from provenance.report import Reporter

# The explicit registry: format -> (module, class), in the order the CLI lists them.
_CLASSES = {"text": ("text", "TextReporter"), "json": ("json", "JsonReporter"),
            "jsonl": ("jsonl", "JsonLinesReporter"), "sarif": ("sarif", "SarifReporter"),
            "junit": ("junit", "JUnitReporter"), "github": ("github", "GitHubReporter"),
            "markdown": ("markdown", "MarkdownReporter"), "html": ("html", "HtmlReporter")}
FORMATS = tuple(_CLASSES)
_SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "text",
                   ".sarif": "sarif", ".xml": "junit", ".md": "markdown", ".html": "html",
                   ".htm": "html"}


def format_for_file(path: str | Path) -> str | None:
    """The format a report file's name implies (``-o report.sarif``), or ``None``."""
    return _SUFFIX_FORMATS.get(Path(path).suffix.lower())


def make_reporter(fmt: str, stream: TextIO, *, color: bool = False,
                  root: Path | None = None) -> Reporter:
    """The reporter for ``fmt``; ``ValueError`` for an unknown format.

    ``color`` applies to the text format; ``root`` is where the HTML report reads images for
    thumbnails (default: the header's ``root``, relative to the working directory).
    """
    if fmt not in _CLASSES:
        raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    module, name = _CLASSES[fmt]
    # imported on use: a run loads only the reporters it writes
    cls = getattr(importlib.import_module(f"provenance.reporters.{module}"), name)
    if fmt == "text":
        return cast(Reporter, cls(stream, color=color))
    if fmt == "html":
        return cast(Reporter, cls(stream, root=root))
    return cast(Reporter, cls(stream))
