"""parse_datetime: every printed form the brief names, and what must stay unparsed."""

from __future__ import annotations

import pytest

from provenance.articles.detect import DEFAULT_TZ_TABLE, parse_datetime

CASES: list[tuple[str, str | None]] = [
    # day first, zone abbreviation through the table
    ("27-12-2025 03:05 IST", "2025-12-27T03:05:00+05:30"),
    ("03-01-2026 23:59 GMT", "2026-01-03T23:59:00+00:00"),
    ("27.12.2025, 03:05 CET", "2025-12-27T03:05:00+01:00"),
    ("27/12/2025 03:05 JST", "2025-12-27T03:05:00+09:00"),
    ("12/27/2025 11:00 pm EST", "2025-12-27T23:00:00-05:00"),
    # month names
    ("Dec 27, 2025 03:05 IST", "2025-12-27T03:05:00+05:30"),
    ("Aug 06, 2025 10:15 PKT", "2025-08-06T10:15:00+05:00"),
    ("Saturday, December 27, 2025, 3:05 AM EDT", "2025-12-27T03:05:00-04:00"),
    ("27 Dec 2025 03:05 (AEDT)", "2025-12-27T03:05:00+11:00"),
    ("Dec 27, 2025 3 p.m. PST", "2025-12-27T15:00:00-08:00"),
    ("3.05 pm, 27 December 2025 BST", "2025-12-27T15:05:00+01:00"),
    ("27 de diciembre de 2025, 03h05 CEST", "2025-12-27T03:05:00+02:00"),
    ("27 de dezembro de 2025 às 14:30 BRT", "2025-12-27T14:30:00-03:00"),
    ("27. Dezember 2025 um 14:30 Uhr MEZ", None),  # MEZ not in the default table
    ("27 décembre 2025 à 14h30 CET", "2025-12-27T14:30:00+01:00"),
    ("27 दिसंबर 2025 03:05 IST", "2025-12-27T03:05:00+05:30"),
    ("Dec 27, 2025 03:05 GMT+5:30", "2025-12-27T03:05:00+05:30"),
    ("Dec 27, 2025 03:05 UTC-03:00", "2025-12-27T03:05:00-03:00"),
    # ISO 8601 (JSON-LD, ninjs)
    ("2025-12-27T03:05:00+05:30", "2025-12-27T03:05:00+05:30"),
    ("2025-12-27T03:05:00Z", "2025-12-27T03:05:00+00:00"),
    ("2025-12-27T03:05:00.123456+0530", "2025-12-27T03:05:00+05:30"),
    ("2025-12-27T03:05+01", "2025-12-27T03:05:00+01:00"),
    ("2025-12-27", "2025-12-27"),
    ("2025-12-27T03:05:00 IST", "2025-12-27T03:05:00+05:30"),
    ("2025/12/27 03:05 KST", "2025-12-27T03:05:00+09:00"),
    ("Sat, 27 Dec 2025 03:05:00 +0530", "2025-12-27T03:05:00+05:30"),
    ("Sat, 27 Dec 2025 03:05:00 GMT", "2025-12-27T03:05:00+00:00"),
    ("December 27, 2025 at 3:05 AM ET", None),  # ET is EST or EDT: a policy must choose
    # no zone at all: kept naive, never guessed
    ("2025-12-27T03:05:00", "2025-12-27T03:05:00"),
    ("27-12-2025 03:05", "2025-12-27T03:05:00"),
    ("27.12.2025, 14:30 Uhr", "2025-12-27T14:30:00"),
    # unparseable
    ("27 Dec 2025 03:05 XYZ", None),
    ("27-13-2025 03:05 IST", None),
    ("31-02-2025 03:05 IST", None),
    ("27-12-2025 25:05 IST", None),
    ("2025-12-27T03:05:00+25:00", None),
    ("yesterday", None),
    ("", None),
    ("Updated 5 minutes ago", None),
]


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_parse_datetime(raw: str, expected: str | None) -> None:
    assert parse_datetime(raw, DEFAULT_TZ_TABLE) == expected


def test_table_is_configurable() -> None:
    table = {**DEFAULT_TZ_TABLE, "IST": "+01:00", "MEZ": "+01:00"}
    assert parse_datetime("27-12-2025 03:05 IST", table) == "2025-12-27T03:05:00+01:00"
    assert parse_datetime("27. Dezember 2025 um 14:30 Uhr MEZ", table) == \
        "2025-12-27T14:30:00+01:00"


def test_default_table_has_the_documented_zones() -> None:
    expected = {"IST": "+05:30", "UTC": "+00:00", "GMT": "+00:00", "BST": "+01:00",
                "CET": "+01:00", "CEST": "+02:00", "EST": "-05:00", "EDT": "-04:00",
                "CST": "-06:00", "CDT": "-05:00", "PST": "-08:00", "PDT": "-07:00",
                "JST": "+09:00", "KST": "+09:00", "AEST": "+10:00", "AEDT": "+11:00",
                "PKT": "+05:00"}
    assert {k: DEFAULT_TZ_TABLE[k] for k in expected} == expected
