"""ATR003 attribution-source-unknown: the credited source is not one the policy knows.

Why: a credit to a source the newsroom has no agreement with, or a misspelt agency name,
is worth a look: it may be a syndication the desk did not clear, or a typo that hides the
real source. The default list of known sources ships with provenance (``agencies``,
Reuters, AP, AFP, PTI, ANI, EFE, dpa...); a policy file can replace or extend it.

Options: ``known_sources`` (default ``null``: the shipped list) and ``extra_sources``
(default ``[]``): names added to it. Comparison ignores case.

Passes: ``NEW DELHI, Aug 6 (PTI)``.

Fails: ``(With inputs from Globex Wire.)`` when Globex Wire is not a known source.

Fix: add the source to ``known_sources`` in the policy if it is legitimate.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, readable_article

ID = "ATR003"
NAME = "attribution-source-unknown"
DEFAULT_SEVERITY = Severity.INFO
DEFAULTS: Mapping[str, Any] = {"known_sources": None, "extra_sources": []}
SUMMARY = "the credited source is not in the policy's known sources"
SCOPE = "article"
NEEDS = frozenset({"attributions"})


def _known(options: Mapping[str, Any]) -> frozenset[str]:
    base = options.get("known_sources")
    return _folded(None if base is None else tuple(base),
                   tuple(options.get("extra_sources") or ()))


@lru_cache(maxsize=16)
def _folded(base: tuple[str, ...] | None, extra: tuple[str, ...]) -> frozenset[str]:
    """The known names case-folded, once per policy rather than once per article."""
    from provenance.articles.detect.settings import DEFAULT_KNOWN_SOURCES

    names = [*(DEFAULT_KNOWN_SOURCES if base is None else base), *extra]
    return frozenset(n.casefold() for n in names)


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    article = readable_article(subject)
    if article is None or not article.attributions:
        return
    known = _known(options)
    for attribution in article.attributions:
        if attribution.zone != "boilerplate" and attribution.source.casefold() not in known:
            yield Issue(f"credited source {attribution.source!r} is not a known source",
                        line=attribution.line, evidence=attribution.source)
