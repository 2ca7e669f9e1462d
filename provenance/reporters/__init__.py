"""Reporters: one module per output format, each a streaming :class:`Reporter`.

``make_reporter(fmt, stream)`` is the explicit registry. A reporter gets the report in
order — ``start(header)``, ``article(entry)``…, ``image(entry)``…, ``finish(tail)`` — and
writes to the text stream it was given; the CLI makes file output atomic.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from provenance.report import Reporter

FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "markdown", "html")
_SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "text",
                   ".sarif": "sarif", ".xml": "junit", ".md": "markdown", ".html": "html",
                   ".htm": "html"}


def format_for_file(path: str | Path) -> str | None:
    """The format a report file's name implies (``-o report.sarif``), or ``None``."""
    return _SUFFIX_FORMATS.get(Path(path).suffix.lower())


def make_reporter(fmt: str, stream: TextIO, *, color: bool = False,
                  root: Path | None = None) -> Reporter:
    """The reporter for ``fmt``; ``ValueError`` for an unknown format.

    ``root`` is where the HTML report reads images for thumbnails (default: the header's
    ``root``, relative to the working directory).
    """
    if fmt == "json":
        from provenance.reporters.json import JsonReporter

        return JsonReporter(stream)
    if fmt == "jsonl":
        from provenance.reporters.jsonl import JsonLinesReporter

        return JsonLinesReporter(stream)
    if fmt == "text":
        from provenance.reporters.text import TextReporter

        return TextReporter(stream, color=color)
    return _ci_reporter(fmt, stream, root)


def _ci_reporter(fmt: str, stream: TextIO, root: Path | None) -> Reporter:
    """The formats for CI systems and editors (SARIF, JUnit, GitHub, Markdown, HTML)."""
    if fmt == "sarif":
        from provenance.reporters.sarif import SarifReporter

        return SarifReporter(stream)
    if fmt == "junit":
        from provenance.reporters.junit import JUnitReporter

        return JUnitReporter(stream)
    if fmt == "github":
        from provenance.reporters.github import GitHubReporter

        return GitHubReporter(stream)
    if fmt == "markdown":
        from provenance.reporters.markdown import MarkdownReporter

        return MarkdownReporter(stream)
    if fmt == "html":
        from provenance.reporters.html import HtmlReporter

        return HtmlReporter(stream, root=root)
    raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
