"""Find the main content of a page: a readability-style scorer over walked segments.

Every paragraph-like segment with enough text of its own (not link text) scores points —
more for length and commas — which flow up to the block elements above it with decaying
weight. Each element's total is then scaled by its link density and by factors for its
tag, its class/id words (``article``, ``content`` … up; ``comment``, ``related``, ``share``,
``sidebar`` … down, see :mod:`~provenance.articles.html_classes`), ``itemprop=articleBody``
(up), a boilerplate ancestor (down) and holding several ``<article>`` s (a story listing,
down). Factors rather than readability's additive bonuses, so a tiny box with a good class
name cannot beat a short article.

The best element is the main content. It is joined by siblings with a good score of their
own or holding plain prose (readability's rule), and by look-alikes anywhere in the same
story — same tag and class, e.g. an article body cut into several ``post-content``
sections by pictures and ads. Elements around an ``<h1>`` are never boilerplate by class:
layout wrappers carry names such as ``has-sidebar`` or ``right-rail``.

Works on the plain lists :class:`~provenance.articles.html_walk.Walker` produced, so it never
touches the tree.
"""

from __future__ import annotations

from .html_classes import class_flags, class_kind
from .html_walk import Container, Segment

_BOILER_TAGS = frozenset({"nav", "aside", "footer", "form", "menu"})
_BOILER_ROLES = frozenset({
    "navigation", "complementary", "contentinfo", "banner", "menu", "menubar", "dialog",
    "search", "alert",
})
_TAG_FACTOR = {
    "article": 1.3, "main": 1.2, "div": 1.05, "td": 1.0, "section": 1.0, "ol": 0.8,
    "ul": 0.8, "li": 0.8, "dl": 0.8, "dd": 0.8, "form": 0.9, "h1": 0.5, "h2": 0.5, "h3": 0.5,
    "h4": 0.5, "h5": 0.5, "h6": 0.5, "th": 0.5,
}
_POSITIVE_FACTOR = 1.5
_NEGATIVE_FACTOR = 0.4
_ARTICLE_BODY_FACTOR = 3.0
_UNDER_BOILER_FACTOR = 0.3
_LISTING_FACTOR = 0.3
# Elements that are themselves a paragraph: their score starts one level up.
_PARAGRAPH_TAGS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt",
    "figcaption", "td", "th", "address", "caption",
})
_MIN_PARAGRAPH = 25
_SIBLING_PARAGRAPH = 80
_NEXT_STORY = 0.33


def is_boiler_container(cont: Container) -> bool:
    """An element whose whole content is navigation, a sidebar, a footer or a promo box."""
    if cont.tag in _BOILER_TAGS or cont.role in _BOILER_ROLES:
        return True
    return bool(cont.attrs) and class_kind(cont.attrs) < 0


def class_factor(words: str) -> float:
    """Score multiplier for class/id words (both kinds present: both factors apply)."""
    positive, negative, _ = class_flags(words)
    f = _POSITIVE_FACTOR if positive else 1.0
    return f * _NEGATIVE_FACTOR if negative else f


class ContentScorer:
    """Score containers and pick the main content for one walked page."""

    def __init__(self, segments: list[Segment], containers: list[Container]) -> None:
        self.segs = segments
        self.conts = containers
        n = len(containers)
        self.score = [0.0] * n
        self.chars = [0] * n
        self.links = [0] * n
        # One pass over the containers fills the per-container facts below (a page has a
        # few hundred; a pass of its own for each cost more than the facts themselves).
        # boiler[c]: c itself is navigation/sidebar/promo (is_boiler_container, inlined);
        # under[c]: some ancestor is. Story listings (a page of teasers, "more stories"
        # under an article) hold several <article> elements; one story does not.
        self.has_blocks = has_blocks = [False] * n
        self.boiler = boiler = [False] * n
        self.articles = articles = [0] * n
        for c in range(1, n):
            cont = containers[c]
            has_blocks[cont.parent] = True
            tag = cont.tag
            if tag in _BOILER_TAGS or cont.role in _BOILER_ROLES:
                boiler[c] = True
            elif cont.attrs:
                positive, negative, _ = class_flags(cont.attrs)
                boiler[c] = negative and not positive
            if tag == "article":
                p = cont.parent
                while p > 0:
                    articles[p] += 1
                    p = containers[p].parent
        for seg in segments:
            if containers[seg.cont].tag == "h1":
                self._protect(seg.cont)
        self.under = [False] * n
        for c in range(1, n):
            p = containers[c].parent
            self.under[c] = self.under[p] or self.boiler[p]
        self._accumulate()

    def _protect(self, c: int) -> None:
        """Elements around an ``<h1>`` are layout, whatever their class says.

        A wrapper named ``pg-right-rail-tall`` or ``has-sidebar`` that holds the headline
        holds the article too; only tags (``nav``, ``footer`` …) keep their meaning there,
        but for ``<aside>``, which some pages wrap their whole story in.
        """
        while c > 0:
            cont = self.conts[c]
            if cont.tag == "aside" or (cont.tag not in _BOILER_TAGS
                                       and cont.role not in _BOILER_ROLES):
                self.boiler[c] = False
            c = cont.parent

    def _accumulate(self) -> None:
        conts, score, chars, links = self.conts, self.score, self.chars, self.links
        for seg in self.segs:
            size = len(seg.text)
            chars[seg.cont] += size
            links[seg.cont] += seg.link_chars
            own = size - seg.link_chars
            if own < _MIN_PARAGRAPH or seg.caption or seg.boiler:
                continue
            text = seg.text
            commas = text.count(",")
            if not text.isascii():  # the Arabic, ideographic and full-width commas too
                commas += text.count("\u060c") + text.count("\u3001") + text.count("\uff0c")
            points = 1 + commas + min(own // 100, 3)
            c = seg.cont
            # A <p>, or a <div> holding only text, is the paragraph: its parent is the
            # candidate that collects the points.
            if conts[c].tag in _PARAGRAPH_TAGS or not self.has_blocks[c]:
                c = conts[c].parent
            level = 0
            while c > 0 and level < 4:
                score[c] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
                c = conts[c].parent
                level += 1
        # Containers are numbered in document order, so children come after parents:
        # one backward pass sums text and link sizes up the tree.
        for c in range(len(conts) - 1, 0, -1):
            p = conts[c].parent
            chars[p] += chars[c]
            links[p] += links[c]

    def link_density(self, c: int) -> float:
        """Share of the text under ``c`` that is link text."""
        return self.links[c] / self.chars[c] if self.chars[c] else 0.0

    def factor(self, c: int) -> float:
        """How much tag, class/id words, itemprop and boilerplate ancestors scale ``c``."""
        cont = self.conts[c]
        f = _TAG_FACTOR.get(cont.tag, 1.0)
        if cont.attrs:
            f *= class_factor(cont.attrs)
        if "articlebody" in cont.itemprop:
            f *= _ARTICLE_BODY_FACTOR
        if self.under[c]:
            f *= _UNDER_BOILER_FACTOR
        if self.articles[c] >= 2:
            f *= _LISTING_FACTOR
        return f

    def final(self, c: int) -> float:
        """Candidate score: content points scaled by :meth:`factor` and by link density."""
        return self.score[c] * (1.0 - self.link_density(c)) * self.factor(c)

    def top(self) -> int:
        """Index of the best-scoring container (0, the root, when nothing scored)."""
        best, best_score = 0, 0.0
        for c in range(1, len(self.conts)):
            if self.score[c] <= 0:
                continue
            s = self.final(c)
            if s > best_score:
                best, best_score = c, s
        return best

    def main_containers(self) -> set[int]:
        """The top container plus siblings and look-alikes that carry more of the same text.

        Siblings join readability's way (a good score of their own). Look-alikes — same tag
        and class anywhere in the page, e.g. an article body cut into several
        ``post-content`` sections by images or ads — join when their text is not links.
        """
        top = self.top()
        if top == 0:
            return {0}
        threshold = max(10.0, self.final(top) * 0.2)
        top_article = self._article_of(top)
        chosen = {top}
        parent = self.conts[top].parent
        for c in range(1, len(self.conts)):
            if c == top:
                continue
            if self.conts[c].parent == parent:
                if self._is_good_sibling(c, threshold) or self._is_next_story(top, c):
                    chosen.add(c)
            elif self.score[c] > 0 and self._is_look_alike(top, c, top_article):
                chosen.add(c)
        return self._outermost(chosen)

    def _is_good_sibling(self, c: int, threshold: float) -> bool:
        """A sibling with a good score, or itself a plain paragraph of prose (readability)."""
        if self.score[c] > 0 and self.final(c) >= threshold:
            return True
        leaf = self.conts[c].tag in _PARAGRAPH_TAGS or not self.has_blocks[c]
        return leaf and not self.boiler[c] and self.chars[c] >= _SIBLING_PARAGRAPH \
            and self.link_density(c) < 0.25

    def _is_next_story(self, top: int, c: int) -> bool:
        """On a page of stories (a blog's front page, a thread of ``<article>`` posts), a
        sibling story of prose with a third of the best one's score is part of the page's
        text, however short the stories are."""
        return self.conts[top].tag == "article" and self.conts[c].tag == "article" \
            and self.score[c] > 0 and self.final(c) >= _NEXT_STORY * self.final(top) \
            and self.link_density(c) < 0.35

    def _is_look_alike(self, top: int, c: int, top_article: int) -> bool:
        cont, other = self.conts[top], self.conts[c]
        return bool(cont.attrs) and other.tag == cont.tag and other.attrs == cont.attrs \
            and self.link_density(c) < 0.35 and not self.under[c] \
            and self._same_story_or_post(self._article_of(c), top_article)

    def _same_story_or_post(self, a: int, b: int) -> bool:
        """The same ``<article>``, or sibling ones of one kind: the posts of a thread."""
        if a == b:
            return True
        first, second = self.conts[a], self.conts[b]
        return a > 0 and b > 0 and first.parent == second.parent \
            and bool(first.attrs) and first.attrs == second.attrs

    def _article_of(self, c: int) -> int:
        """The nearest enclosing ``<article>`` (0 when none): another one is another story."""
        c = self.conts[c].parent
        while c > 0 and self.conts[c].tag != "article":
            c = self.conts[c].parent
        return max(c, 0)

    def _outermost(self, chosen: set[int]) -> set[int]:
        """Drop chosen containers nested inside other chosen ones."""
        kept = set()
        for c in chosen:
            p = self.conts[c].parent
            while p > 0 and p not in chosen:
                p = self.conts[p].parent
            if p <= 0:
                kept.add(c)
        return kept
