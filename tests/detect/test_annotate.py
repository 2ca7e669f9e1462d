"""annotate(): byline, dateline and timestamps from desk/meta lines, and reader fields kept."""

from __future__ import annotations

import copy
import pickle

import pytest

from provenance.articles.detect import DetectSettings, annotate
from provenance.model import Article
from tests.detect.build import article

BODY = ("body", "The harbour authority reopened the north pier on Monday.")
Meta = tuple[str | None, str | None, str | None, str | None, str | None, str | None]

CASES: list[tuple[str, Article, Meta]] = [
    ("desk-line",
     article(("meta", "Example News Desk | Lisbon | Updated: 02-03-2025 10:15 IST | "
                      "Created: 01-03-2025 09:00 IST"), BODY),
     ("Example News Desk", "Lisbon", "01-03-2025 09:00 IST", "02-03-2025 10:15 IST",
      "2025-03-01T09:00:00+05:30", "2025-03-02T10:15:00+05:30")),
    ("by-and-published-line",
     article(("meta", "By Jane Roe"),
             ("meta", "Published: Aug 06, 2025 10:15 IST | Last Updated: Aug 06, 2025 12:00 IST"),
             BODY),
     ("Jane Roe", None, "Aug 06, 2025 10:15 IST", "Aug 06, 2025 12:00 IST",
      "2025-08-06T10:15:00+05:30", "2025-08-06T12:00:00+05:30")),
    ("by-agency-updated",
     article(("meta", "By ANI | Updated: Aug 06, 2025 10:15 IST"), BODY),
     ("ANI", None, None, "Aug 06, 2025 10:15 IST", None, "2025-08-06T10:15:00+05:30")),
    ("updated-only", article(("meta", "Updated: Mar 1, 2025 18:30 IST"), BODY),
     (None, None, None, "Mar 1, 2025 18:30 IST", None, "2025-03-01T18:30:00+05:30")),
    ("desk-line-in-body-zone",
     article(("headline", "Pier reopens"),
             ("body", "City Desk | Porto | Updated: 02-03-2025 10:15 GMT"), BODY),
     ("City Desk", "Porto", None, "02-03-2025 10:15 GMT", None, "2025-03-02T10:15:00+00:00")),
    ("dateline-from-credit", article(("body", "MUMBAI (Reuters) - Shares rose on Friday.")),
     (None, "MUMBAI", None, None, None, None)),
    ("dateline-caps-dash", article(("body", "WASHINGTON — The Senate voted late on Monday.")),
     (None, "WASHINGTON", None, None, None, None)),
    ("dateline-with-state",
     article(("body", "SPRINGDALE, Ark. (AP) — A tornado hit the town.")),
     (None, "SPRINGDALE, Ark.", None, None, None, None)),
    ("dateline-caps-colon", article(("body", "NEW DELHI: The cabinet met on Friday.")),
     (None, "NEW DELHI", None, None, None, None)),
    ("dateline-double-hyphen", article(("body", "BERLIN -- Trains stopped at noon.")),
     (None, "BERLIN", None, None, None, None)),
    ("label-is-not-a-dateline", article(("body", "UPDATE: Police have reopened the road.")),
     (None, None, None, None, None, None)),
    ("advice-column-is-not-a-dateline",
     article(("body", "DEAR READER: Thank you for your letter.")),
     (None, None, None, None, None, None)),
    ("dateline-desk-wins",
     article(("meta", "Example Desk | Seoul | Updated: 27-12-2025 03:05 KST"),
             ("body", "BUSAN (Yonhap) - Ferries resumed.")),
     ("Example Desk", "Seoul", None, "27-12-2025 03:05 KST", None,
      "2025-12-27T03:05:00+09:00")),
    ("agency-alone-byline", article(("meta", "AP"), BODY), ("AP", None, None, None, None, None)),
    ("photo-credit-is-not-a-byline",
     article(("meta", "REUTERS"), BODY, images=(("a.jpg", 0),)),
     (None, None, None, None, None, None)),
    ("agency-in-body-is-not-a-byline", article(BODY, ("body", "AFP"), BODY),
     (None, None, None, None, None, None)),
    ("headline-is-not-a-byline", article(("headline", "REUTERS"), BODY),
     (None, None, None, None, None, None)),
    ("spanish-labels",
     article(("meta", "Por María López | Actualizado: 03-06-2025 10:00 CEST"), BODY),
     ("María López", None, None, "03-06-2025 10:00 CEST", None, "2025-06-03T10:00:00+02:00")),
    ("prose-by-is-not-a-byline",
     article(("body", "By the end of the year, prices had risen."), BODY),
     (None, None, None, None, None, None)),
    ("prose-por-is-not-a-byline",
     article(("body", "Por otro lado, el gobierno anunció recortes."), BODY),
     (None, None, None, None, None, None)),
    ("scraper-line-is-not-a-date",
     article(("boilerplate", " date 2025-12-27 Left Menu"), ("body", " date 2025-12-27 Left Menu"),
             BODY),
     (None, None, None, None, None, None)),
    ("count-is-not-a-timestamp", article(("meta", "Posted: 3 comments"), BODY),
     (None, None, None, None, None, None)),
    ("relative-time-kept-raw", article(("meta", "Updated: 5 hours ago"), BODY),
     (None, None, None, None, None, None)),
    ("reader-fields-kept",
     article(("meta", "Desk | Lisbon | Updated: 02-03-2025 10:15 IST"), BODY,
             byline="Jane Roe", dateline="Paris", published_raw="2025-03-01T09:00:00+01:00"),
     ("Jane Roe", "Paris", "2025-03-01T09:00:00+01:00", "02-03-2025 10:15 IST",
      "2025-03-01T09:00:00+01:00", "2025-03-02T10:15:00+05:30")),
    ("unparseable-raw-kept", article(BODY, published_raw="sometime last week"),
     (None, None, "sometime last week", None, None, None)),
    ("unknown-zone-unparsed",
     article(("meta", "Updated: 02-03-2025 10:15 XYZ"), BODY),
     (None, None, None, "02-03-2025 10:15 XYZ", None, None)),
]


@pytest.mark.parametrize(("case", "art", "expected"), CASES, ids=[c[0] for c in CASES])
def test_meta_fields(case: str, art: Article, expected: Meta) -> None:
    annotate(art)
    assert (art.byline, art.dateline, art.published_raw, art.updated_raw, art.published,
            art.updated) == expected


def test_annotate_is_idempotent() -> None:
    art = article(("meta", "Desk | Oslo | Updated: 01-02-2025 10:00 CET"),
                  ("meta", "This image is AI-generated."),
                  ("body", "OSLO (NTB) - Snow closed the airport."),
                  ("body", "(With inputs from agencies.)"))
    annotate(art)
    first = copy.deepcopy(art)
    annotate(art)
    assert art == first
    assert [(a.text, a.source) for a in art.attributions] == [
        ("OSLO (NTB) -", "NTB"), ("(With inputs from agencies.)", "agencies")]
    assert [(d.text, d.zone) for d in art.disclaimers] == [
        ("This image is AI-generated.", "meta")]


def test_settings_tz_table_is_used() -> None:
    art = article(("meta", "Updated: 02-03-2025 10:15 IST"), BODY)
    annotate(art, DetectSettings(tz_table={"IST": "+02:00"}))
    assert art.updated == "2025-03-02T10:15:00+02:00"


def test_settings_pickle_for_worker_processes() -> None:
    settings = DetectSettings(extra_disclosure_phrases=("Synthetic illustration",))
    assert pickle.loads(pickle.dumps(settings)) == settings
