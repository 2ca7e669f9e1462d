"""Inline suppressions in every format: applied with a reason, reported (SUP001) without."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.helpers import audit_json

UNCREDITED_MD = """---
title: Pier Lights Replaced
author: City Desk
date: 2026-03-02T08:00:00+01:00
{front}---

# Pier Lights Replaced

The lamps along the pier were replaced with warmer fittings this week.
"""


def findings(report: dict) -> list[tuple[str, str | None]]:
    return [(f["rule"], (f["suppressed"] or {}).get("kind"))
            for a in report["articles"] for f in a["findings"]]


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("front-matter.md", UNCREDITED_MD.format(front="provenance:\n  disable:\n"
     "    - rule: ATR001\n      reason: house-written explainer\n"), [("ATR001", "inline")]),
    ("comment.md", UNCREDITED_MD.format(front="") + "\n<!-- provenance: disable-file=ATR001 "
     'reason="house-written explainer" -->\n', [("ATR001", "inline")]),
    ("no-reason.md",
     UNCREDITED_MD.format(front="") + "\n<!-- provenance: disable-file=ATR001 -->\n",
     [("ATR001", None), ("SUP001", None)]),
    ("scrape.txt", "Pier Lights Replaced\n\nCity Desk | Faro | Updated: 02-03-2026 09:00 WET | "
     "Created: 02-03-2026 08:00 WET\n\nThe lamps along the pier were replaced this week.\n\n"
     'provenance: disable=ATR001 reason="house-written explainer"\n', [("ATR001", "inline")]),
    ("item.json", json.dumps({"uri": "urn:x:pier", "headline": "Pier Lights Replaced",
                              "byline": "City Desk", "firstcreated": "2026-03-02T08:00:00+01:00",
                              "body_text": "The lamps along the pier were replaced this week.",
                              "provenance": {"disable": [{"rule": "ATR001",
                                                          "reason": "house-written"}]}}),
     [("ATR001", "inline")]),
])
def test_inline_suppression(tmp_path: Path, name: str, text: str,
                            expected: list[tuple[str, str | None]]) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    _, report = audit_json(tmp_path, str(folder / name))
    assert findings(report) == expected
    suppressed = sum(1 for _, kind in expected if kind == "inline")
    assert report["summary"]["suppressed"] == suppressed
