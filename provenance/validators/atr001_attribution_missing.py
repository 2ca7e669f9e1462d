"""ATR001 attribution-missing: the article never says where its copy came from.

Why: aggregated and agency copy must carry a source attribution so readers (and
syndication contracts) can see who reported it. An article with no closing line, no
dateline credit, no agency byline and no syndication suffix outside the site's boilerplate
gives the reader no way to know.

Options: none.

Passes::

    SEOUL (Reuters) - Officials met on Monday to discuss the new rail link.

Fails (no credit anywhere)::

    Officials met on Monday to discuss the new rail link.

Fix: add the credit the outlet uses — a closing "(With inputs from agencies.)", a dateline
credit such as "SEOUL (Reuters) -", or an agency byline.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, readable_article

ID = "ATR001"
NAME = "attribution-missing"
DEFAULT_SEVERITY = Severity.WARNING
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "no source attribution outside boilerplate"
SCOPE = "article"


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    article = readable_article(subject)
    if article is None or article.attributions:
        # Any attribution (even in boilerplate) silences ATR001: ATR002 covers the
        # boilerplate-only case so an article gets one of the two, never both.
        return
    yield Issue("no source attribution: no closing credit line, dateline credit, agency "
                "byline or syndication suffix was found")
