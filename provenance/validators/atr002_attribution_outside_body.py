"""ATR002 attribution-outside-body: the only credit is in the site's boilerplate.

Why: a credit in a footer, sidebar or "Trending" box is a site-wide notice, not a
statement about this article. When those are the only attribution phrases on the page, the
article itself still does not say where it came from. This rule replaces ATR001 for such
an article.

Options: none.

Passes::

    (With inputs from agencies.)      <- in the body, after the last paragraph

Fails::

    TRENDING
    Markets rally as rates hold (With inputs from agencies.)   <- only in a sidebar

Fix: put the attribution in the article body (closing line or dateline credit).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, readable_article

ID = "ATR002"
NAME = "attribution-outside-body"
DEFAULT_SEVERITY = Severity.WARNING
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "the only attribution phrases are in boilerplate"
SCOPE = "article"
NEEDS = frozenset({"attributions"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    article = readable_article(subject)
    if article is None:
        return
    inside = [a for a in article.attributions if a.zone != "boilerplate"]
    if inside:
        return
    for attribution in article.attributions:
        yield Issue(f"attribution {attribution.text!r} appears only in page boilerplate, "
                    "not in the article", line=attribution.line, evidence=attribution.text)
