"""MET002 timestamps-inconsistent: the published/updated times cannot all be true.

Why: readers and archives rely on the timestamps to know what was known when. Real pages
do show an "Updated" earlier than "Published", dates in the future (a CMS clock or a
typo), or a date nobody can parse — each worth an editor's look.

Fires when: the updated time is before the published time; either is after ``--now``
(default: the current time); or a date is present but unparseable.

Options: ``tolerance_minutes`` (default 0): how far "updated" may precede "published"
before it counts (some CMSs stamp both within the same minute in either order).

Passes::

    Updated: 27-12-2025 09:30 IST | Created: 27-12-2025 03:05 IST

Fails::

    Updated: 26-12-2025 09:30 IST | Created: 27-12-2025 03:05 IST

Fix: correct the CMS fields, or the template that prints them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from provenance.findings import Issue, Severity
from provenance.model import Article
from provenance.validators.base import Subject, readable_article

ID = "MET002"
NAME = "timestamps-inconsistent"
DEFAULT_SEVERITY = Severity.WARNING
DEFAULTS: Mapping[str, Any] = {"tolerance_minutes": 0}
SUMMARY = "updated before published, a date in the future, or unparseable"
SCOPE = "article"


def as_datetime(value: str | None, like: datetime | None = None) -> datetime | None:
    """Parse an ISO 8601 string; a naive value is compared as if in ``like``'s zone.

    Values without an offset only arise where the source gave none; comparing them as
    wall-clock times in the other value's zone is the least surprising reading.
    """
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None and like is not None and like.tzinfo is not None:
        parsed = parsed.replace(tzinfo=like.tzinfo)
    return parsed


def _line_of(article: Article, raw: str | None) -> int | None:
    """The line of the first block that prints ``raw``, so the finding points at it."""
    if raw:
        for block in article.blocks:
            if raw in block.text:
                return block.line
    return None


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    article = readable_article(subject)
    if article is None:
        return
    fields = (("published", article.published, article.published_raw),
              ("updated", article.updated, article.updated_raw))
    for name, value, raw in fields:
        if raw and not value:
            yield Issue(f"{name} date {raw!r} cannot be parsed",
                        line=_line_of(article, raw), evidence=f"{name}:{raw}")
    # Each date is parsed once, without a zone hint: reading a naive date in the other
    # value's zone and comparing is what comparable() does anyway (wall-clock times).
    published, updated = as_datetime(article.published), as_datetime(article.updated)
    now = subject.now
    if now is not None:
        for (name, value, raw), when in zip(fields, (published, updated), strict=True):
            if when is not None and _later(when, now):
                yield Issue(f"{name} date {value} is after the audit time {now.isoformat()}",
                            line=_line_of(article, raw), evidence=f"{name}-future:{value}")
    backwards = _updated_before_published(article, published, updated, options)
    if backwards is not None:
        yield backwards


def comparable(a: datetime, b: datetime) -> tuple[datetime, datetime]:
    """Both aware, or both naive: one value without an offset compares as wall-clock time."""
    if (a.tzinfo is None) != (b.tzinfo is None):
        return a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a, b


def seconds_after(a: datetime, b: datetime) -> float:
    """How many seconds ``a`` lies after ``b`` (negative when before).

    Subtracting two dates never overflows, where adding a tolerance to 9999-12-31 (or
    taking it from 0001-01-01) would raise ``OverflowError``: rules compare differences.
    """
    a, b = comparable(a, b)
    return (a - b).total_seconds()


def _later(a: datetime, b: datetime) -> bool:
    a, b = comparable(a, b)
    return a > b


def _updated_before_published(article: Article, published: datetime | None,
                              updated: datetime | None,
                              options: Mapping[str, Any]) -> Issue | None:
    """``published``/``updated`` as :func:`as_datetime` parsed them, without a zone hint."""
    if published is None or updated is None:
        return None
    tolerance = float(options.get("tolerance_minutes", 0)) * 60
    if seconds_after(published, updated) <= tolerance:
        return None
    return Issue(f"updated {article.updated} is before published {article.published}",
                 line=_line_of(article, article.updated_raw),
                 evidence=f"{article.updated}<{article.published}")
