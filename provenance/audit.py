"""Drive an audit: collect the files, audit articles then standalone images, feed the report.

Articles are processed in path order, so entries reach the reporters already sorted by
(path, index). An image is audited standalone only when no audited article showed it,
whether it was found by a walk or named on the command line: an image and the article that
shows it, named together (as the pre-commit hook names staged files), are reported once,
under the article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from provenance.engine import (
    AuditConfig,
    FileOutcome,
    ImageCache,
    audit_article_file,
    audit_image_file,
)
from provenance.paths import Found
from provenance.report import ReportBuilder


def run_audit(found: Sequence[Found], cfg: AuditConfig, builder: ReportBuilder,
              progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Audit the collected files under ``cfg.root``; returns the report's tail."""
    images = ImageCache(cfg)
    referenced: set[str] = set()
    for item in found:
        if item.kind != "article":
            continue
        emit_outcome(builder, audit_article_file(item, cfg, images), referenced)
        if progress is not None:
            progress(1)
    for item in standalone_images(found, referenced):
        entry, errors = audit_image_file(item, cfg, images)
        builder.add_errors(errors)
        builder.add_image(entry)
        if progress is not None:
            progress(1)
    return builder.finish()


def emit_outcome(builder: ReportBuilder, outcome: FileOutcome, referenced: set[str]) -> None:
    """Feed one article file's results to the report; remember the images it showed."""
    builder.add_skipped(outcome.skipped)
    builder.add_errors(outcome.errors)
    for entry in outcome.articles:
        builder.add_article(entry)
    for text, tally, checked in outcome.encoded:
        builder.add_encoded(text, tally, checked=checked)
    referenced.update(outcome.referenced)


def standalone_images(found: Sequence[Found], referenced: set[str]) -> list[Found]:
    """Images audited on their own: those no audited article showed."""
    return [f for f in found if f.kind == "image" and f.rel not in referenced]
