"""Plain-text scrape reader: the seed scrape from the corpus and synthetic cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.articles import ArticleError, parse_article_text, read_article_file
from provenance.articles.text import parse_directive, parse_meta_line
from provenance.model import Article, Suppression

SEED = Path("articles") / "devdiscourse-kim-putin-2025-12-27.txt"


def _read(text: str) -> Article:
    [article] = parse_article_text(text, "story.txt", "text")
    assert isinstance(article, Article)
    return article


def _blocks(article: Article) -> list[tuple[int | None, str, str]]:
    return [(b.line, b.zone, b.text) for b in article.blocks]


# --- the seed scrape, expectations read from the file itself --------------------------------


def _seed_landmarks(lines: list[str]) -> dict[str, int]:
    """1-based line numbers of the seed's landmarks, found with plain string tests."""
    def first(pred: object, start: int = 0) -> int:
        return next(i for i in range(start, len(lines)) if pred(lines[i].strip())) + 1  # type: ignore[operator]

    marks = {"scraper": first(lambda s: s.endswith("Left Menu"))}
    marks["headline"] = first(bool, marks["scraper"])
    marks["desk"] = first(lambda s: "| Updated:" in s and "| Created:" in s)
    marks["meta_end"] = first(lambda s: not s, marks["desk"])  # the blank line ending the group
    marks["closing"] = first(lambda s: s.startswith("(With inputs from"))
    marks["trending"] = first(lambda s: s == "TRENDING")
    marks["opinion"] = first(lambda s: s.startswith("OPINION /"))
    marks["last"] = max(i + 1 for i, s in enumerate(lines) if s.strip())
    return marks


@pytest.mark.interop
def test_seed_scrape_zones_lines_and_metadata(corpus_dir: Path) -> None:
    path = corpus_dir / SEED
    lines = path.read_text(encoding="utf-8").split("\n")
    marks = _seed_landmarks(lines)
    [article] = read_article_file(path, SEED.as_posix())
    assert isinstance(article, Article)
    desk = [s.strip() for s in lines[marks["desk"] - 1].split("|")]
    assert (article.path, article.format, article.index) == (SEED.as_posix(), "text", None)
    assert article.headline == lines[marks["headline"] - 1].strip()
    assert article.byline == desk[0]
    assert article.dateline == desk[1]
    assert article.updated_raw == desk[2].removeprefix("Updated:").strip()
    assert article.published_raw == desk[3].removeprefix("Created:").strip()
    assert article.images == [] and article.suppressions == []

    def expected_zone(n: int) -> str:
        if n == marks["scraper"] or n >= marks["trending"]:
            return "boilerplate"
        if n == marks["headline"]:
            return "headline"
        if n < marks["desk"]:
            return "standfirst"
        return "meta" if n < marks["meta_end"] else "body"

    expected = [(n, expected_zone(n), lines[n - 1].strip())
                for n in range(1, len(lines) + 1) if lines[n - 1].strip()]
    assert _blocks(article) == expected
    zone_at = {b.line: b.zone for b in article.blocks}
    disclaimer = next(n for n, _, t in expected if "AI-generated" in t and n < marks["trending"])
    assert zone_at[disclaimer] == "meta"
    assert zone_at[marks["closing"]] == "body"
    for landmark in ("trending", "opinion", "last"):
        assert zone_at[marks[landmark]] == "boilerplate"


# --- synthetic scrapes -----------------------------------------------------------------------

CASES: list[tuple[str, str, list[tuple[int, str, str]], dict[str, object]]] = [
    (
        "generic-headline-then-body",
        "River ferry resumes service\n\nThe ferry crossed at dawn with twelve cars aboard.\n\n"
        "Passengers said the wait had been long.\n",
        [(1, "headline", "River ferry resumes service"),
         (3, "body", "The ferry crossed at dawn with twelve cars aboard."),
         (5, "body", "Passengers said the wait had been long.")],
        {"headline": "River ferry resumes service", "byline": None},
    ),
    (
        "by-line-makes-meta-and-standfirst",
        "Orchard harvest beats forecast\nGrowers expect record apple exports.\nBy Lena Ortiz\n\n"
        "The first crates left the valley on Monday.\n",
        [(1, "headline", "Orchard harvest beats forecast"),
         (2, "standfirst", "Growers expect record apple exports."),
         (3, "meta", "By Lena Ortiz"),
         (5, "body", "The first crates left the valley on Monday.")],
        {"byline": "Lena Ortiz", "dateline": None, "published_raw": None},
    ),
    (
        "desk-line-with-published-and-last-updated",
        "Tram line opens\n\nCity Desk | Lisbon | Published: 02-05-2025 08:10 WEST | "
        "Last Updated: 01-05-2025 22:00 WEST\n\nThe new tram runs every six minutes.\n",
        [(1, "headline", "Tram line opens"),
         (3, "meta", "City Desk | Lisbon | Published: 02-05-2025 08:10 WEST | "
                     "Last Updated: 01-05-2025 22:00 WEST"),
         (5, "body", "The new tram runs every six minutes.")],
        {"byline": "City Desk", "dateline": "Lisbon",
         "published_raw": "02-05-2025 08:10 WEST", "updated_raw": "01-05-2025 22:00 WEST"},
    ),
    (
        "agency-byline-with-updated-only",
        "Dam inspection ordered\nBy PNA | Updated: Jun 03, 2025 14:20 IST\n"
        "Engineers will check the spillway.\n",
        [(1, "headline", "Dam inspection ordered"),
         (2, "meta", "By PNA | Updated: Jun 03, 2025 14:20 IST"),
         (3, "meta", "Engineers will check the spillway.")],
        {"byline": "PNA", "updated_raw": "Jun 03, 2025 14:20 IST", "published_raw": None},
    ),
    (
        "scrape-without-blank-lines-keeps-its-body",
        "Port strike ends\nBy Ravi Menon | Updated: 10-06-2025 18:00 IST\n"
        + "".join(f"Dock workers returned to berth {n} after talks.\n" for n in range(1, 8)),
        [(1, "headline", "Port strike ends"),
         (2, "meta", "By Ravi Menon | Updated: 10-06-2025 18:00 IST")]
        + [(n + 2, "body", f"Dock workers returned to berth {n} after talks.")
           for n in range(1, 8)],
        {"byline": "Ravi Menon"},
    ),
    (
        "long-paragraph-under-the-desk-line-is-body",
        "Valley rail link approved\nNorth Desk | Tromso | Updated: 01-07-2025 09:00 CEST\n"
        + "The regional assembly approved the rail link. " * 8 + "\n",
        [(1, "headline", "Valley rail link approved"),
         (2, "meta", "North Desk | Tromso | Updated: 01-07-2025 09:00 CEST"),
         (3, "body", ("The regional assembly approved the rail link. " * 8).strip())],
        {"dateline": "Tromso"},
    ),
    (
        "hard-marker-ends-the-article",
        "Library extends hours\n\nReaders can now stay until ten at night.\n\n"
        "Related Stories\n\nMuseum adds a night tour\n",
        [(1, "headline", "Library extends hours"),
         (3, "body", "Readers can now stay until ten at night."),
         (5, "boilerplate", "Related Stories"),
         (7, "boilerplate", "Museum adds a night tour")],
        {},
    ),
    (
        "soft-marker-is-one-line",
        "Bridge repaint finished\n\nPainters used four tonnes of paint.\n\n"
        "Also Read: Harbour lights switched on\n\nThe bridge reopens to cyclists on Friday.\n",
        [(1, "headline", "Bridge repaint finished"),
         (3, "body", "Painters used four tonnes of paint."),
         (5, "boilerplate", "Also Read: Harbour lights switched on"),
         (7, "body", "The bridge reopens to cyclists on Friday.")],
        {},
    ),
    (
        "hard-wrapped-paragraph-is-joined",
        "Snow closes mountain pass\n\n"
        "Heavy snow closed the northern pass on Tuesday and the road service said\n"
        "ploughs would need at least two days to clear the drifts near the summit\n"
        "tunnel.\n",
        [(1, "headline", "Snow closes mountain pass"),
         (3, "body", "Heavy snow closed the northern pass on Tuesday and the road service said "
                     "ploughs would need at least two days to clear the drifts near the summit "
                     "tunnel.")],
        {},
    ),
    (
        "one-paragraph-per-line-is-not-joined",
        "Two notes\nThe council met at noon.\nIt approved the budget.\n",
        [(1, "headline", "Two notes"), (2, "body", "The council met at noon."),
         (3, "body", "It approved the budget.")],
        {},
    ),
    (
        "body-sentence-starting-with-by-is-body",
        "Flood warning lifted\n\nBy the time the sirens stopped, the water had receded.\n",
        [(1, "headline", "Flood warning lifted"),
         (3, "body", "By the time the sirens stopped, the water had receded.")],
        {"byline": None},
    ),
    (
        "scraper-line-only",
        " date 2025-01-09 Left Menu\n",
        [(1, "boilerplate", "date 2025-01-09 Left Menu")],
        {"headline": None},
    ),
    ("empty", "\n\n", [], {"headline": None}),
    (
        "byline-above-the-headline-is-meta",
        "By Wire Staff | Updated: 05-05-2025 11:00 GMT\nTidal barrier tested\n\nGates shut.\n",
        [(1, "meta", "By Wire Staff | Updated: 05-05-2025 11:00 GMT"),
         (2, "headline", "Tidal barrier tested"), (4, "body", "Gates shut.")],
        {"byline": "Wire Staff", "headline": "Tidal barrier tested"},
    ),
    (
        "long-first-line-is-prose-not-a-headline",
        "Residents " + "gathered at the square to hear the results, " * 7 + "\n\nNext.\n",
        [(1, "body", ("Residents " + "gathered at the square to hear the results, " * 7).strip()),
         (3, "body", "Next.")],
        {"headline": None},
    ),
]


@pytest.mark.parametrize(("name", "text", "blocks", "meta"), CASES, ids=[c[0] for c in CASES])
def test_text_cases(name: str, text: str, blocks: list[tuple[int, str, str]],
                    meta: dict[str, object]) -> None:
    article = _read(text)
    assert _blocks(article) == blocks
    for key, value in meta.items():
        assert getattr(article, key) == value, key
    assert article.images == []


def test_suppression_lines_become_file_suppressions_not_blocks() -> None:
    text = ("Council vote delayed\n"
            'provenance: disable=ATR001,MET001 reason="council press office copy"\n'
            "\nThe vote moves to next week.\n"
            "# provenance: disable=AID004 reason='no images here'\n")
    article = _read(text)
    assert _blocks(article) == [(1, "headline", "Council vote delayed"),
                                (4, "body", "The vote moves to next week.")]
    assert article.suppressions == [
        Suppression("ATR001", "council press office copy", 2, "file"),
        Suppression("MET001", "council press office copy", 2, "file"),
        Suppression("AID004", "no images here", 5, "file"),
    ]


@pytest.mark.parametrize(("line", "expected"), [
    ('provenance: disable=ATR001 reason="wire copy"', ("disable", ("ATR001",), "wire copy")),
    ("<!-- provenance: disable-file=aid001, img005 reason=legacy archive -->",
     ("disable-file", ("AID001", "IMG005"), "legacy archive")),
    ("provenance: disable=MET002", ("disable", ("MET002",), None)),
    ("provenance: enable=MET002", None),
    ("provenance: disable=everything", None),
])
def test_parse_directive(line: str, expected: tuple[str, tuple[str, ...], str | None] | None
                         ) -> None:
    parsed = parse_directive(line)
    got = None if parsed is None else (parsed.kind, parsed.rules, parsed.reason)
    assert got == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Metro Desk | Pune | Updated: 01-02-2025 10:00 IST | Created: 31-01-2025 09:00 IST",
     ("Metro Desk", "Pune", "31-01-2025 09:00 IST", "01-02-2025 10:00 IST")),
    ("Updated on: 4 March 2025", (None, None, None, "4 March 2025")),
    ("Mercury | Venus | Mars", None),
    ("A sentence with no bars or dates.", None),
])
def test_parse_meta_line(line: str, expected: tuple[str | None, ...] | None) -> None:
    meta = parse_meta_line(line)
    got = None if meta is None else (meta.byline, meta.dateline, meta.published_raw,
                                     meta.updated_raw)
    assert got == expected


def test_a_megabyte_line_is_unreadable() -> None:
    with pytest.raises(ArticleError, match="line 2 is 1,200,000 characters long"):
        _read("Headline\n" + "x" * 1_200_000 + "\n")


def test_a_five_megabyte_single_line_file_is_an_article_error(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_text("word " * 1_000_000, encoding="utf-8")
    with pytest.raises(ArticleError, match="line 1 is 5,000,000 characters long"):
        read_article_file(path, "blob.txt")
