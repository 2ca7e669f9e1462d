"""INP001 article-unreadable: an article file could not be decoded or parsed.

Why: a file the audit cannot read is a file nobody checked. Rather than stop, the audit
records this finding with the reason and goes on with the next file. Text with a UTF-8
BOM, or UTF-16 with a BOM, is read normally; JSON that is not an article (no headline,
body or uri) is skipped and counted in ``summary.skipped``, not reported here.

Options: none.

Passes: a well-formed JSON, HTML, Markdown or text article.

Fails: ``{"headline": "Rail link opens", "body_text": "The line``  (truncated JSON).

Fix: repair or re-export the file; the message says what the reader could not handle
(bad bytes, malformed JSON, over the size limit...).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject

ID = "INP001"
NAME = "article-unreadable"
DEFAULT_SEVERITY = Severity.ERROR
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "an article cannot be decoded or parsed"
SCOPE = "article"
NEEDS = frozenset({"read-error"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    if subject.read_error is not None:
        yield Issue(f"article could not be read: {subject.read_error}",
                    line=subject.read_error_line, evidence=subject.read_error)
