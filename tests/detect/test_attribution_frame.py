"""Credits in the article's frame: the source line under the headline and the closing line
after the text, which real pages put outside the element that holds the text.

Each page is written here and read by the HTML reader, so the zoning is the real one: the
credit line lands in ``boilerplate`` and the detector decides whether it frames the text.
"""

from __future__ import annotations

import pytest

from provenance.articles import parse_article_text
from provenance.articles.detect import DetectSettings, annotate
from provenance.model import Article

BODY = "".join(
    f"<p>{s}</p>" for s in (
        "The harbour authority opened the new ferry terminal on Monday after two years of "
        "building work that ran well over its first budget.",
        "Commuters said the crossing now takes twelve minutes instead of twenty, and the "
        "first morning sailings were full before seven o'clock.",
        "The authority plans a second berth for freight next spring, pending a vote of the "
        "regional council on the cost of dredging the channel.",
        "Local shop owners near the old pier worried that fewer people would walk past "
        "their doors once the terminal moved to the eastern quay.",
    ))


def page(head: str = "", tail: str = "", sidebar: str = "") -> str:
    return (
        "<!doctype html><html><head><title>Ferry terminal opens - Harbour Times</title>"
        "</head><body><nav class='menu'><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<main><article><header><h1>Ferry terminal opens on the eastern quay</h1>"
        f"{head}</header><div class='article-body'>{BODY}</div></article>{tail}</main>"
        f"<aside class='sidebar'>{sidebar}</aside>"
        "<footer class='site-footer'><p>Harbour Times, all rights reserved.</p></footer>"
        "</body></html>")


def credits(html: str) -> list[tuple[str, str]]:
    [article] = parse_article_text(html, "story.html", "html")
    assert isinstance(article, Article)
    annotate(article, DetectSettings())
    return [(a.source, a.zone) for a in article.attributions]


FRAMED = [
    ("agency-label-under-headline",
     page(head="<div class='widget-info flex'><span>Associated Press</span></div>"
               "<div class='dates'>12.03.2025 09:14</div>"),
     "AP"),
    ("credit-inside-a-byline-bar",
     page(head="<nav class='pst-by'><span>Metro</span> <span>Edited by Jane Roe "
               "(with inputs from agencies)</span> <span>Updated: March 12, 2025</span></nav>"),
     "agencies"),
    ("closing-credit-after-the-author-box",
     page(tail="<div class='authorprofile'><p>ABOUT THE AUTHOR</p><p>Jane Roe</p>"
               "<p>Jane Roe covers transport and the port for the Harbour Times.</p></div>"
               "<div class='source'><p>With files from The Associated Press</p></div>"),
     "AP"),
    ("agency-and-outlet-initials-after-the-text",
     page(tail="<div class='attachment-after'>(<a href='https://kna.example'>KNA</a>, "
               "<a href='/'>HT</a>)</div>"),
     "KNA"),
    ("copyright-line-naming-outlet-agency-and-editor",
     page(tail="<div data-testid='closing-line'><small>© HT/dpa/jro - Rights to this "
               "article can be bought here.</small></div>"),
     "dpa"),
]


@pytest.mark.parametrize(("html", "source"), [c[1:] for c in FRAMED],
                         ids=[c[0] for c in FRAMED])
def test_a_credit_framing_the_text_is_the_articles(html: str, source: str) -> None:
    assert (source, "meta") in credits(html)


NOT_FRAMED = [
    # A text-size control reads "AA", which is also Anadolu's initials.
    ("text-size-button", page(head="<div class='font-tools'><button>AA</button></div>")),
    # A "Source:" line under the headline that names the outlet itself, not a known source.
    ("source-label-naming-the-outlet", page(head="<div class='source'>Source: Harbour "
                                                 "Times</div>")),
    # Below a "Trending" label, a whole-line credit closes another story's teaser.
    ("credit-below-a-trending-label",
     page(tail="<div class='x'><p>TRENDING</p><p>Harbour ferry returns after repairs</p>"
               "<p>(With inputs from agencies.)</p></div>")),
    # A related story's teaser below the text ends in its own credit.
    ("teaser-below-the-text",
     page(tail="<div class='related'><p>Port strike ends after talks through the night "
               "(Reuters)</p></div>")),
]


@pytest.mark.parametrize("html", [c[1] for c in NOT_FRAMED], ids=[c[0] for c in NOT_FRAMED])
def test_furniture_that_is_not_a_credit_of_the_text(html: str) -> None:
    assert not [c for c in credits(html) if c[1] != "boilerplate"]


def test_a_sidebar_credit_stays_boilerplate() -> None:
    """Past the frame, an agency credit is the sidebar's: ATR002 reports it as such."""
    html = page(sidebar="".join(f"<p>Most read story number {n}</p>" for n in range(8))
                + "<p>(With inputs from PTI)</p>")
    assert credits(html) == [("PTI", "boilerplate")]


@pytest.mark.parametrize(("byline", "source"), [
    ("Le Courrier du Port et AFP", "AFP"),
    ("Jane Roe and Reuters", "Reuters"),
])
def test_a_byline_signed_by_the_outlet_and_an_agency(byline: str, source: str) -> None:
    html = page().replace("</title>", f"</title><meta name='author' content='{byline}'>")
    assert (source, "meta") in credits(html)


def test_a_byline_of_people_only_credits_nobody() -> None:
    html = page().replace("</title>", "<meta name='author' content='Jane Roe and Ana Lima'>")
    assert credits(html) == []


@pytest.mark.parametrize(("paper", "note"), [
    ("The Harbour Ledger", "Traduit de l’anglais"),
    ("Le Courrier du Port", "Translated from French"),
    ("Gazzetta del Porto", "Aus dem Italienischen übersetzt"),
])
def test_a_translated_story_credits_the_paper_named_above_the_note(paper: str,
                                                                   note: str) -> None:
    html = page(head=f"<div class='source-infos'><p class='source-name'>{paper}</p>"
                     f"<p class='source-lang'>{note}</p></div>")
    assert (paper, "meta") in credits(html)


def test_a_translation_note_under_a_date_credits_nobody() -> None:
    html = page(head="<div class='infos'><p>12 mars 2025</p><p>Traduit de l’anglais</p></div>")
    assert [c for c in credits(html) if c[1] != "boilerplate"] == []
