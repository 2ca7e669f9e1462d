"""Main content on the layouts where a short story used to lose to the page's furniture,
and on pages of several stories: what the body is, and what ``layout`` says.

Every page is written here. The stories are short on purpose (two or three sentences), as
the one-paragraph posts and short wire items real sites publish are.
"""

from __future__ import annotations

import pytest

from provenance.articles import parse_article_text
from provenance.articles.html_notices import is_notice
from provenance.model import Article

STORY = [
    "The town council agreed on Monday to keep the public pool open through September, "
    "after a petition gathered more than two thousand names.",
    "Swimming clubs had warned that an early closing would cut training time before the "
    "regional races.",
]
LEGAL = ("All content on this site, including text, pictures, graphics and video, is "
         "protected by copyright, and may not be copied, distributed, stored or used in any "
         "way, in whole or in part, without the written permission of the publisher.")
BIO = ("Ana Lima is a reporter at the Valley Courier, where she covers the council, schools, "
       "planning, and the many clubs and societies of the valley, and she previously worked "
       "for two regional papers, in the north and in the capital.")
PROMO = ("Support local journalism: subscribe today, for the price of a coffee a week, and "
         "read every story, every day, on every device, with no limits and no ads.")
COOKIES_DE = ("Diese Website verwendet Cookies, um Ihnen ein besseres Erlebnis zu bieten, und "
              "mit der weiteren Nutzung stimmen Sie der Verwendung von Cookies zu.")


def p(text: str) -> str:
    return f"<p>{text}</p>"


def read(html: str) -> Article:
    [article] = parse_article_text(html, "page.html", "html")
    assert isinstance(article, Article)
    return article


def body(article: Article) -> list[str]:
    return [b.text for b in article.blocks if b.zone == "body"]


def page(inner: str) -> str:
    return f"<!doctype html><html><body><h1>Pool stays open</h1>{inner}</body></html>"


FURNITURE = [
    ("copyright-notice", f"<div>{p(STORY[0])}{p(STORY[1])}</div><div class='bottom-info'>"
                         f"{p(LEGAL)}{p(LEGAL)}</div>"),
    ("bio-and-promo", f"<div class='text'>{p(STORY[0])}{p(STORY[1])}</div>"
                      f"<div class='writer'>{p(BIO)}</div><div class='box'>{p(PROMO)}</div>"),
    ("one-paragraph", f"<div>{p(STORY[0] + ' ' + STORY[1])}</div><div>{p(BIO)}</div>"
                      f"<div>{p(PROMO)}</div><div>{p(LEGAL)}</div>"),
    ("cookie-notice-in-german", f"<div>{p(STORY[0])}{p(STORY[1])}</div>"
                                f"<div class='cc'>{p(COOKIES_DE)}{p(COOKIES_DE)}</div>"),
]


@pytest.mark.parametrize("inner", [c[1] for c in FURNITURE], ids=[c[0] for c in FURNITURE])
def test_a_short_story_beats_the_pages_notices(inner: str) -> None:
    article = read(page(inner))
    assert " ".join(body(article)) == " ".join(STORY)
    assert article.layout == "article"


def test_a_story_wrapped_in_an_aside() -> None:
    html = ("<!doctype html><html><body><div id='content'><aside class='main-story'>"
            f"<h1>Pool stays open</h1>{p(STORY[0])}{p(STORY[1])}</aside></div>"
            f"<footer>{p(LEGAL)}</footer></body></html>")
    assert body(read(html)) == STORY


def test_a_sidebar_holding_the_site_title_is_not_the_story() -> None:
    html = ("<!doctype html><html><body><aside id='sidebar'><h1 class='site-title'>Valley "
            "Courier</h1><p>News of the valley.</p></aside><div id='main'>"
            f"{p(STORY[0])}{p(STORY[1])}</div></body></html>")
    assert body(read(html)) == STORY


POSTS = [
    ("Frost", "The late frost in April hit the blossom, and the growers, who met on Sunday, "
              "now want a shared fund for frost fans."),
    ("Bees", "The bees came back in May, and the keepers, who lost a third of their hives in "
             "winter, say the clover saved them."),
    ("Cider", "The cider press in the old barn ran for ten days, and the co-operative sold "
              "every bottle before the autumn fair."),
]


def test_a_blogs_front_page_is_several_items_and_all_of_them_are_the_body() -> None:
    posts = "".join(f"<article class='post'><h2>{t}</h2>{p(s)}<a href='/{t}'>More</a>"
                    "</article>" for t, s in POSTS)
    article = read(f"<!doctype html><html><body><h1>Orchard Diary</h1><main>{posts}</main>"
                   "</body></html>")
    assert article.layout == "items"
    assert [s for _, s in POSTS] == [t for t in body(article) if t not in dict(POSTS)]


def test_a_forum_thread_of_article_posts_is_several_items() -> None:
    posts = "".join(f"<article class='message'><div class='user'><a href='/u/{t}'>{t}</a>"
                    f"</div><div class='message-body'>{p(s)}</div></article>" for t, s in POSTS)
    article = read(f"<!doctype html><html><body><h1>Frost fans: worth it?</h1>{posts}"
                   "</body></html>")
    assert article.layout == "items"
    assert body(article) == [s for _, s in POSTS]


def test_a_story_with_teasers_below_is_one_article() -> None:
    teasers = "".join(f"<article class='teaser'><h3><a href='/{t}'>{t} in the valley</a></h3>"
                      "</article>" for t, _ in POSTS)
    article = read(page(f"<article class='story'>{p(STORY[0])}{p(STORY[1])}</article>"
                        f"<section class='more'>{teasers}</section>"))
    assert article.layout == "article"
    assert body(article) == STORY


def test_a_page_with_no_text_says_so() -> None:
    article = read("<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert article.layout == "none"
    assert body(article) == []


@pytest.mark.parametrize("text", [
    LEGAL, BIO, PROMO, COOKIES_DE,
    "Copyright 2025 Valley Courier. All rights reserved.",
    "Alle Rechte vorbehalten. Vervielfältigung nur mit Genehmigung der Redaktion.",
    "Abonnez-vous pour lire la suite de cet article et soutenir notre rédaction.",
])
def test_notices_by_their_words(text: str) -> None:
    assert is_notice(text)


@pytest.mark.parametrize("text", [
    # Stories that talk about the same things are not notices.
    "The court ruled that the photographs may be used in the trial, although the agency "
    "said the pictures were taken without permission from the family.",
    "Jane Roe, a reporter at the Valley Courier, was among the first to reach the flooded "
    "school on Tuesday morning.",
    "The ruling means that websites must ask before they store tracking files on phones, "
    "the regulator said, and fines will follow from March. " * 6,  # a long paragraph
    "Rights reserved.",  # too short to judge
])
def test_story_sentences_are_not_notices(text: str) -> None:
    assert not is_notice(text)
