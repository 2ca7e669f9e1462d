"""``provenance audit - --stdin-filename NAME``: one article read from stdin.

An editor or a CMS hook pipes an unsaved buffer; ``NAME`` says what it is: its extension
picks the reader (then confirmed by content, as for a file), it is the ``path`` reported
(relative to the root), and the article's relative image references resolve from its
folder. The text is read in this process — it is already in memory, and there is no file
to hand a worker — and judged exactly as a file's articles are
(:func:`provenance.engine.audit_article_file` minus the file read).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from provenance.engine import AuditConfig, FileOutcome, ImageCache
from provenance.paths import Found
from provenance.report import ReportBuilder

MAX_STDIN_BYTES = 20_000_000  # the article reader's limit for a file


@dataclass(frozen=True, slots=True)
class _Unreadable:
    """What the engine judges as INP001 (the shape of a reader's record error)."""

    index: int | None
    message: str
    line: int | None = None


def read_stdin_items(data: bytes, found: Found, cfg: AuditConfig) -> list[Any]:
    """The articles in ``data`` (or one INP001 failure); ``[]`` for JSON that is no
    article (counted as skipped by the caller)."""
    from provenance.articles import (
        ArticleError,
        NotAnArticle,
        confirm_format,
        format_for_path,
        parse_article_text,
    )
    from provenance.articles.decode import decode_bytes

    if len(data) > MAX_STDIN_BYTES:
        return [_Unreadable(None, f"stdin holds more than the {MAX_STDIN_BYTES:,} byte "
                                  "limit for an article")]
    try:
        text = decode_bytes(data).text
        fmt = confirm_format(text, format_for_path(found.rel) or "text")
        return list(parse_article_text(text, found.rel, fmt, cfg.placement))
    except NotAnArticle:
        return []
    except ArticleError as exc:
        return [_Unreadable(None, str(exc))]


def audit_stdin(data: bytes, found: Found, cfg: AuditConfig, builder: ReportBuilder) -> None:
    """Judge the article(s) in ``data`` as if read from ``found`` and report them."""
    from provenance.engine import _audit_item  # the per-article step of a file's audit

    outcome = FileOutcome()
    images = ImageCache(cfg)
    items = read_stdin_items(data, found, cfg)
    if not items:
        outcome.skipped = 1
    for item in items:
        if getattr(item, "kind", None) == "skipped":
            outcome.skipped += 1
            continue
        outcome.articles.append(_audit_item(item, found, cfg, images, outcome))
    builder.add_skipped(outcome.skipped)
    builder.add_errors(outcome.errors)
    for entry in outcome.articles:
        builder.add_article(entry)
