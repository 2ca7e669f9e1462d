"""SUP001 suppression-invalid: an inline ``disable`` names no known rule or gives no reason.

Why: a suppression is a decision someone must be able to review later. Without a rule ID
it could hide anything; without a reason nobody can tell whether it still holds. Such a
suppression is not applied, and this finding says why. (SUP001 itself cannot be disabled
inline.)

Grammar, the same across formats::

    <!-- provenance: disable=AID003 reason="the graphic is a chart, not a photo" -->
    provenance: disable=MET001 reason="wire copy carries no byline"      (text scrapes)
    provenance: {disable: [{rule: ATR001, reason: "house-written explainer"}]}  (front matter)
    {"provenance": {"disable": [{"rule": "IMG006", "reason": "..."}]}}        (ninjs/JSON)

Options: none.

Passes: ``<!-- provenance: disable=AID003 reason="one image is a chart" -->``

Fails: ``<!-- provenance: disable=AID003 -->`` (no reason), ``disable=AID999 reason="x"``.

Fix: name an existing rule ID and give a reason in quotes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, readable_article

ID = "SUP001"
NAME = "suppression-invalid"
DEFAULT_SEVERITY = Severity.WARNING
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "an inline suppression names an unknown rule or gives no reason"
SCOPE = "article"
NEEDS = frozenset({"suppressions"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    from provenance.validators import RULES  # the registry imports this module

    article = readable_article(subject)
    if article is None:
        return
    for sup in article.suppressions:
        rule = (sup.rule or "").upper()
        if rule not in RULES or rule == ID:
            yield Issue(f"suppression names unknown rule {sup.rule!r}; it is not applied",
                        line=sup.line, evidence=f"unknown:{sup.rule}")
        elif not (sup.reason and sup.reason.strip()):
            yield Issue(f"suppression of {rule} gives no reason; it is not applied",
                        line=sup.line, evidence=f"no-reason:{rule}")
