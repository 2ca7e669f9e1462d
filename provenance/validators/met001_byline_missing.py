"""MET001 byline-missing: nobody is named as responsible for the article.

Why: a byline or desk line ("Devdiscourse News Desk", "By Jane Doe", an agency byline)
tells the reader who stands behind the copy; editorial standards and the EU AI Act's
transparency duties both assume a responsible author or desk is named.

Options: none.

Passes::

    World Desk | Lisbon | Updated: 02-03-2026 10:15 WET | Created: 02-03-2026 09:40 WET

Fails: an article whose only lines are a headline and body paragraphs.

Fix: add a byline or desk line (or the ``author``/``byline`` field of the source format).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, readable_article

ID = "MET001"
NAME = "byline-missing"
DEFAULT_SEVERITY = Severity.WARNING
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "no byline or desk line"
SCOPE = "article"


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    article = readable_article(subject)
    if article is None or (article.byline and article.byline.strip()):
        return
    yield Issue("no byline or desk line names an author or desk")
