"""read_html on pages written for the tests: full block lists, images, metadata, lines."""

from __future__ import annotations

import json

import pytest

from provenance.articles.html import _has_nul, read_html
from provenance.model import Article, ImageRef, Suppression

from . import pages

Row = tuple[str, str, int | None, str | None]


def rows(article: Article) -> list[Row]:
    return [(b.zone, b.text, b.line, b.image) for b in article.blocks]


def test_article_element_page() -> None:
    article = read_html(pages.ARTICLE_PAGE, "bridge.html")
    assert rows(article) == [
        ("boilerplate", "Home City", 9, None),
        ("headline", "Harbour bridge reopens after repairs", 13, None),
        ("meta", "By Mara Quint", 14, None),
        ("body", "The harbour bridge reopened to traffic on Monday morning, three weeks after "
                 "engineers closed it to replace worn expansion joints.", 15, None),
        ("caption", "Traffic crosses the bridge shortly after it reopened.", 19,
         "images/bridge.jpg"),
        ("body", "City officials said the work, which cost about four million, finished two "
                 "days ahead of the schedule they had published in spring.", 21, None),
        ("body", "Commuters who had used the ferry said they were glad to be back on the road, "
                 "although some planned to keep taking the boat.", 23, None),
        ("boilerplate", "Most read Council votes on new parking rules", 28, None),
        ("boilerplate", "Copyright 2024 The Coastal Ledger. All rights reserved.", 31, None),
    ]
    assert article.images == [ImageRef(
        src="images/bridge.jpg", line=18,
        caption="Traffic crosses the bridge shortly after it reopened.",
        alt="Cars crossing the bridge", position=5, placement="html")]
    assert (article.path, article.format, article.index) == ("bridge.html", "html", None)
    assert article.headline == "Harbour bridge reopens after repairs"
    assert article.language == "en"
    assert (article.byline, article.published_raw, article.updated_raw) == (None, None, None)
    assert article.suppressions == []


def test_jsonld_metadata_and_body() -> None:
    article = read_html(pages.JSONLD_PAGE, "orchard.html")
    assert rows(article) == [
        ("headline", "Orchard cooperative doubles its harvest", 21, None),
        ("body", "The cooperative picked twice as many apples as last year, its members said "
                 "on Saturday, after a mild spring and a dry, warm summer.", 22, None),
        ("body", "Most of the fruit will be pressed into juice at the new plant, which opened "
                 "in June and employs twelve people from the surrounding villages.", 24, None),
    ]
    assert article.headline == "Orchard cooperative doubles its harvest"
    assert article.byline == "Lena Ortiz, Tomas Reyes"
    assert article.published_raw == "2024-09-14T08:30:00+02:00"
    assert article.updated_raw == "2024-09-14T11:05:00+02:00"
    assert article.attribution_hints == ["Valley Daily", "Regional Wire"]
    assert article.language == "es"
    # The page shows no <img>: the declared lead image stands in, before the first body block.
    assert article.images == [ImageRef(src="https://example.org/orchard.jpg", line=12,
                                       position=1, placement="html")]


def test_meta_tags_when_there_is_no_jsonld() -> None:
    page = """<html><head><title>Site title</title>
<meta property="og:title" content="Bus lanes extended">
<meta name="author" content="Ina Kahl">
<meta property="article:published_time" content="2024-03-02T09:00:00Z">
<meta property="article:modified_time" content="2024-03-01T18:00:00Z">
<meta property="og:image" content="/media/bus.jpg">
</head><body><div class="entry-content">
<p>Two more streets will get bus lanes this summer, the transport office said, after the
first ones cut journey times on the busiest routes by a fifth.</p></div></body></html>"""
    article = read_html(page, "bus.html")
    assert rows(article) == [
        ("body", "Two more streets will get bus lanes this summer, the transport office said, "
                 "after the first ones cut journey times on the busiest routes by a fifth.",
         8, None),
    ]
    assert article.headline == "Bus lanes extended"
    assert article.byline == "Ina Kahl"
    assert article.published_raw == "2024-03-02T09:00:00Z"
    assert article.updated_raw == "2024-03-01T18:00:00Z"  # raw: MET002 judges the order
    assert article.images == [ImageRef(src="/media/bus.jpg", line=6, position=0,
                                       placement="html")]


def test_page_without_semantic_markup() -> None:
    article = read_html(pages.PLAIN_PAGE, "library.html")
    assert rows(article) == [
        ("boilerplate", "Front page | News | Events", 4, None),
        ("headline", "Library extends its opening hours", 8, None),
        ("body", "The town library will stay open until nine in the evening on weekdays from "
                 "next month, the council announced, after a survey showed strong demand from "
                 "students.", 9, None),
        ("body", "Weekend hours stay as they are, but the reading room will open an hour "
                 "earlier on Saturdays, and two extra staff members will be hired to cover the "
                 "evenings.", 11, None),
        ("body", "Volunteers from the friends of the library group will also run a homework "
                 "club on Tuesday and Thursday evenings during the school term.", 13, None),
        ("boilerplate", "About us | Contact", 17, None),
    ]
    assert article.headline == "Library extends its opening hours"


def test_disclosure_like_text_in_sidebars_stays_boilerplate() -> None:
    article = read_html(pages.SIDEBAR_PAGE, "market.html")
    assert rows(article) == [
        ("headline", "Night market returns to the square", 6, None),
        ("body", "The night market returned to the old square on Friday, with forty stalls "
                 "selling food, crafts and second-hand books until midnight.", 7, None),
        ("body", "Organisers said the number of visitors was the highest since the market "
                 "started, and that they hoped to run it every second Friday until October.",
         9, None),
        # An <aside>, or a box named "related-posts", is read as one boilerplate block.
        ("boilerplate", "This image is AI-generated and does not depict a real event. Sign up "
                        "for our newsletter to get the week's best stories.", 14, None),
        ("boilerplate", "Related This image is AI-generated: our policy on illustrations", 17,
         None),
        ("boilerplate", "We use cookies to improve this site.", 19, None),
    ]
    assert article.images == []


def test_figures_loose_images_and_caption_elements() -> None:
    article = read_html(pages.FIGURE_PAGE, "ferry.html")
    assert rows(article) == [
        ("headline", "New ferry enters service", 6, None),
        ("body", "The new electric ferry made its first crossing on Sunday, carrying two "
                 "hundred passengers across the bay in just under twenty minutes.", 7, None),
        ("caption", "The ferry leaves the north pier. Illustration created with an AI tool.",
         10, "img/ferry.png"),
        ("body", "The operator said the ferry charges at the south pier during the night, and "
                 "that a second vessel of the same design will follow next year.", 13, None),
        ("caption", "The route across the bay.", 16, "img/map.png"),
        ("body", "Tickets cost the same as on the old diesel boat, and season passes remain "
                 "valid for the rest of the year.", 17, None),
        ("body", "The council will review the timetable in the spring after collecting "
                 "feedback from passengers and residents of both towns.", 20, None),
    ]
    # A caption before the <img> inside a figure still belongs to it; a lazy image's real
    # URL replaces its data: placeholder; og:image is not added when the page shows images.
    assert article.images == [
        ImageRef(src="img/ferry.png", line=11, caption="The ferry leaves the north pier. "
                 "Illustration created with an AI tool.", alt="A white ferry", position=3,
                 placement="html"),
        ImageRef(src="img/map.png", line=15, caption="The route across the bay.",
                 alt="Map of the route", position=5, placement="html"),
        ImageRef(src="img/pier.jpg", line=19, caption=None, alt="", position=6,
                 placement="html"),
    ]


def test_inline_suppression_comments() -> None:
    article = read_html(pages.SUPPRESSION_PAGE, "maps.html")
    assert [b.text[:20] for b in article.blocks] == [
        "Exhibition of weathe", "The museum opened an", "Visitors can compare",
        "The exhibition runs ",
    ]
    reason = "the maps are scans, not AI images"
    assert article.suppressions == [
        Suppression("MET001", "archive page without byline", 2, "file", None),
        Suppression("AID003", reason, 9, "block", 2),
        Suppression("AID004", reason, 9, "block", 2),
    ]


def test_suppression_without_reason_is_kept_for_sup001() -> None:
    page = "<body><p>First line of text.</p><!-- provenance: disable=ATR001 --><p>Next.</p>"
    article = read_html(page, "x.html")
    assert article.suppressions == [Suppression("ATR001", None, 1, "block", 1)]


def test_broken_markup_is_repaired() -> None:
    article = read_html(pages.BROKEN_PAGE, "bakery.html")
    assert rows(article) == [
        ("headline", "Bakery wins regional prize", 5, None),
        ("body", "A family bakery from the river district won the regional bread prize on "
                 "Thursday, beating more than sixty other entries from across the province.",
         6, None),
        ("body", "The owners said the winning sourdough recipe came from a grandmother who "
                 "baked for the whole street during the hard winters of the fifties.", 8, None),
        ("body", "The prize includes a trip to the national competition in the capital next "
                 "spring.", 11, None),
        ("body", "Unclosed cell", 12, None),
    ]


@pytest.mark.parametrize("text", ["", "   \n", "plain words, no markup at all",
                                  "<<<>>>&&&", "\x00\x01<p>\x00x</p>"])
def test_degenerate_input_never_raises(text: str) -> None:
    article = read_html(text, "odd.html")
    assert article.format == "html"
    assert all(b.zone in ("body", "boilerplate", "headline") for b in article.blocks)


def test_plain_text_without_markup_is_one_body_block() -> None:
    article = read_html("plain words, no markup at all", "odd.html")
    assert rows(article) == [("body", "plain words, no markup at all", 1, None)]


def test_wrapper_with_a_boilerplate_class_around_the_headline_is_not_collapsed() -> None:
    page = """<body><div class="page nav-open has-sidebar"><h1>Pool reopens</h1>
<p>The outdoor pool reopened on Saturday after a winter of repairs to its tiles, pumps and
changing rooms, and the first swimmers arrived before eight.</p>
<div class="sidebar"><p>Today's weather: sunny.</p><p>Most read this week.</p></div>
</div></body>"""
    article = read_html(page, "pool.html")
    assert rows(article) == [
        ("headline", "Pool reopens", 1, None),
        ("body", "The outdoor pool reopened on Saturday after a winter of repairs to its tiles, "
                 "pumps and changing rooms, and the first swimmers arrived before eight.", 2,
         None),
        ("boilerplate", "Today's weather: sunny. Most read this week.", 4, None),
    ]


def test_headers_inside_the_article_are_not_boilerplate() -> None:
    page = """<body><header class="masthead"><a href="/">The Ledger</a></header>
<article><header><h1>Tram line opens</h1><p class="dek">A new link for the east side.</p>
</header><p>The first tram ran at six in the morning, and by noon more than three thousand
people had taken a ride on the new line, the operator said.</p></article></body>"""
    article = read_html(page, "tram.html")
    assert rows(article) == [
        ("boilerplate", "The Ledger", 1, None),
        ("headline", "Tram line opens", 2, None),
        ("standfirst", "A new link for the east side.", 2, None),
        ("body", "The first tram ran at six in the morning, and by noon more than three "
                 "thousand people had taken a ride on the new line, the operator said.", 3, None),
    ]


def test_jsonld_article_body_stands_in_for_a_script_rendered_page() -> None:
    body = ("The regional seed bank opened its doors on Wednesday with samples of more than "
            "three hundred local plant varieties.\n\nFarmers can borrow seeds in spring and "
            "return a share of their harvest in autumn, the organisers said, and schools may "
            "visit on Fridays.")
    ld = json.dumps({"@type": "NewsArticle", "headline": "Seed bank opens", "articleBody": body})
    page = f"""<html><head><title>Seed bank opens</title>
<script type="application/ld+json">
{ld}
</script></head>
<body><nav><a href="/">Home</a></nav><h1>Seed bank opens</h1>
<!-- provenance: disable=AID001 reason="no images on this page" -->
<div id="app">Loading...</div><img src="logo.png" alt="logo"></body></html>"""
    article = read_html(page, "seeds.html")
    assert rows(article) == [
        ("boilerplate", "Home", 5, None),
        ("headline", "Seed bank opens", 5, None),
        ("body", "The regional seed bank opened its doors on Wednesday with samples of more "
                 "than three hundred local plant varieties.", 3, None),
        ("body", "Farmers can borrow seeds in spring and return a share of their harvest in "
                 "autumn, the organisers said, and schools may visit on Fridays.", 3, None),
        ("boilerplate", "Loading...", 7, None),
    ]
    assert article.suppressions == [
        Suppression("AID001", "no images on this page", 6, "block", 4)]


def test_hidden_elements_are_one_boilerplate_block() -> None:
    page = """<body><article><h1>Harvest festival</h1>
<p>The harvest festival drew a record crowd to the riverside park on Sunday, where forty
farms sold produce and the town band played until dusk.</p>
<div style="display: none" itemscope><h1>Harvest festival</h1><p>Copy for machines.</p></div>
<p hidden>This image is AI-generated.</p>
<div style="visibility:hidden"><p>Invisible note.</p></div>
</article></body>"""
    article = read_html(page, "harvest.html")
    assert rows(article) == [
        ("headline", "Harvest festival", 1, None),
        ("body", "The harvest festival drew a record crowd to the riverside park on Sunday, "
                 "where forty farms sold produce and the town band played until dusk.", 2,
         None),
        ("boilerplate", "Harvest festival Copy for machines.", 4, None),
        ("boilerplate", "This image is AI-generated.", 5, None),
        ("boilerplate", "Invisible note.", 6, None),
    ]


def test_directive_inside_a_box_read_as_one_block_points_at_that_block() -> None:
    page = """<body><p>The ferry timetable changes on Monday.</p>
<footer>
<!-- provenance: disable=ATR002 reason="the credit sits in the footer by design" -->
<p>With inputs from agencies.</p></footer><p>Last line.</p></body>"""
    article = read_html(page, "ferry.html")
    assert rows(article) == [
        ("body", "The ferry timetable changes on Monday.", 1, None),
        ("boilerplate", "With inputs from agencies.", 4, None),
        ("body", "Last line.", 4, None),
    ]
    assert article.suppressions == [Suppression(
        "ATR002", "the credit sits in the footer by design", 3, "block", 1)]


def test_double_line_breaks_separate_paragraphs() -> None:
    page = """<body><div class="story-text">The dam was opened on Friday after ten years
of work, and the first water reached the valley farms by evening.<br><br>
This image is AI-generated and shows a design study, not the finished dam.<br>
<br>Engineers said the reservoir would take two winters to fill, depending on snowfall in
the mountains above the valley.</div></body>"""
    article = read_html(page, "dam.html")
    assert rows(article) == [
        ("body", "The dam was opened on Friday after ten years of work, and the first water "
                 "reached the valley farms by evening.", 1, None),
        ("body", "This image is AI-generated and shows a design study, not the finished dam.",
         3, None),
        ("body", "Engineers said the reservoir would take two winters to fill, depending on "
                 "snowfall in the mountains above the valley.", 4, None),
    ]


def test_microdata_dates_when_there_is_no_jsonld_or_meta_tag() -> None:
    page = """<body><article><h1>Library reopens</h1>
<time itemprop="datePublished" datetime="2024-05-01T10:00:00+02:00">1 May</time>
<span itemprop="dateModified">2 May 2024, 09:15</span>
<p>The library reopened after the floods, with a new children's corner upstairs.</p>
</article></body>"""
    article = read_html(page, "lib.html")
    assert (article.published_raw, article.updated_raw) == (
        "2024-05-01T10:00:00+02:00", "2 May 2024, 09:15")


def test_deeply_nested_json_ld_is_ignored_not_a_crash() -> None:
    """Regression from the fuzz test: JSON-LD nested past the recursion limit."""
    page = ("<html><head><script type=\"application/ld+json\">" + "[" * 5000 +
            "</script></head><body><article><h1>Quay Reopens</h1><p>The quay reopened on "
            "Monday after a month of repairs to its stone steps and railings.</p></article>"
            "</body></html>")
    article = read_html(page, "deep.html")
    assert article.headline == "Quay Reopens"


@pytest.mark.parametrize("name", ["ARTICLE_PAGE", "JSONLD_PAGE", "SIDEBAR_PAGE", "FIGURE_PAGE",
                                  "SUPPRESSION_PAGE", "BROKEN_PAGE"])
def test_the_pages_utf8_bytes_read_the_same_as_its_text(name: str) -> None:
    page = getattr(pages, name).replace("Crossing", "Crossing “Ē”")
    from_text = read_html(page, "x.html")
    from_bytes = read_html(page, "x.html", nul_free=True, utf8=page.encode("utf-8"))
    assert from_bytes == from_text


def test_nul_characters_are_dropped_even_when_bytes_are_offered() -> None:
    page = "<p>Bread\x00 rises</p>"
    article = read_html(page, "x.html", utf8=page.encode("utf-8"))
    assert [b.text for b in article.blocks] == ["Bread rises"]


@pytest.mark.parametrize("text", ["", "plain", "plain\x00", "“wide”", "“wide”\x00 text",
                                  "\x00é", "latin é only"])
def test_nul_check_answers_as_a_substring_test(text: str) -> None:
    assert _has_nul(text) == ("\x00" in text)


def test_an_element_left_open_inside_noscript_does_not_swallow_the_page() -> None:
    page = ("<html><head><title>Ferry</title></head><body>\n"
            '<noscript><div class="banner">Turn on JavaScript</noscript>\n'
            "<article><h1>Ferry returns</h1>\n<p>LISBON (Reuters) - The ferry returned to "
            "service on Monday after repairs.</p>\n<p>The operator said timetables were "
            "unchanged.</p></article></body></html>")
    article = read_html(page, "ferry.html")
    assert article.headline == "Ferry returns"
    body = [(b.line, b.text) for b in article.blocks if b.zone == "body"]
    assert body[0] == (4, "LISBON (Reuters) - The ferry returned to service on Monday after "
                          "repairs.")
    assert "Turn on JavaScript" not in " ".join(b.text for b in article.blocks)
