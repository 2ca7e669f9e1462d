"""Find the main content of a page: a readability-style scorer over walked segments.

Every paragraph-like segment with enough text of its own (not link text) scores points —
more for length and commas — which flow up to the block elements above it with decaying
weight. Each element's total is then scaled down by its link density and nudged by its tag
and by class/id words (``article``, ``content`` … up; ``comment``, ``related``, ``share``,
``sidebar`` … down). The best element is the main content; sibling elements that look like
more of the same text join it. Inside it, anything under ``nav``/``aside``/``footer`` or a
boilerplate class, and link lists, stay out of the body.

Works on the plain lists :class:`~provenance.articles.html_walk.Walker` produced, so it never
touches the tree.
"""

from __future__ import annotations

import re

from .html_walk import Container, Segment

_POSITIVE_RE = re.compile(
    r"(?<![a-z])(?:article|articlebody|article-body|body|content|entry|hentry|h-entry|main|"
    r"post|text|blog|story|story-body|prose|richtext|rich-text)(?![a-z])")
_NEGATIVE_RE = re.compile(
    r"(?<![a-z])(?:comments?|comment-list|disqus|share|sharing|social|related|newsletter|"
    r"promo|promos|sidebar|side-bar|rail|footer|foot|menu|cookies?|consent|gdpr|banner|"
    r"ads?|advert|advertisement|ad-slot|sponsor|sponsored|subscribe|subscription|signup|"
    r"popup|modal|breadcrumbs?|pagination|pager|nav|navbar|navigation|masthead|widget|"
    r"recommended|recommendations?|trending|popular|most-read|outbrain|taboola|tags?|"
    r"toolbar|tools|skip|hidden|print-only|sr-only|visually-hidden|more-stories|read-more|"
    r"author-bio|bio|paywall|teaser|teasers|carousel|also|links|"
    r"topics|keywords|follow|donate|login|register|shopping|rss|feeds?)(?![a-z])")
_BOILER_TAGS = frozenset({"nav", "aside", "footer", "form", "menu"})
_BOILER_ROLES = frozenset({
    "navigation", "complementary", "contentinfo", "banner", "menu", "menubar", "dialog",
    "search", "alert",
})
_TAG_BONUS = {
    "div": 5, "article": 10, "main": 5, "section": 2, "td": 3, "pre": 3, "blockquote": 3,
    "ol": -3, "ul": -3, "li": -3, "dl": -3, "dd": -3, "dt": -3, "form": -3, "address": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}
# Elements that are themselves a paragraph: their score starts one level up.
_PARAGRAPH_TAGS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt",
    "figcaption", "td", "th", "address", "caption",
})
_COMMA_RE = re.compile(r"[,\u060c\u3001\uff0c]")
_MIN_PARAGRAPH = 25


def class_weight(cont: Container) -> int:
    """Readability's class weight: +25 for content words, -25 for boilerplate words."""
    weight = 0
    if cont.attrs:
        if _NEGATIVE_RE.search(cont.attrs):
            weight -= 25
        if _POSITIVE_RE.search(cont.attrs):
            weight += 25
    if "articlebody" in cont.itemprop:
        weight += 50
    return weight


def is_boiler_container(cont: Container) -> bool:
    """An element whose whole content is navigation, a sidebar, a footer or a promo box."""
    if cont.tag in _BOILER_TAGS or cont.role in _BOILER_ROLES:
        return True
    return bool(cont.attrs) and _NEGATIVE_RE.search(cont.attrs) is not None \
        and _POSITIVE_RE.search(cont.attrs) is None


class ContentScorer:
    """Score containers and pick the main content for one walked page."""

    def __init__(self, segments: list[Segment], containers: list[Container]) -> None:
        self.segs = segments
        self.conts = containers
        n = len(containers)
        self.score = [0.0] * n
        self.chars = [0] * n
        self.links = [0] * n
        self._accumulate()

    def _accumulate(self) -> None:
        conts, score, chars, links = self.conts, self.score, self.chars, self.links
        for seg in self.segs:
            size = len(seg.text)
            c = seg.cont
            while c >= 0:
                chars[c] += size
                links[c] += seg.link_chars
                c = conts[c].parent
            own = size - seg.link_chars
            if own < _MIN_PARAGRAPH or seg.caption:
                continue
            points = 1 + len(_COMMA_RE.findall(seg.text)) + min(own // 100, 3)
            c = seg.cont
            if conts[c].tag in _PARAGRAPH_TAGS:
                c = conts[c].parent
            level = 0
            while c > 0 and level < 4:
                score[c] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
                c = conts[c].parent
                level += 1

    def link_density(self, c: int) -> float:
        """Share of the text under ``c`` that is link text."""
        return self.links[c] / self.chars[c] if self.chars[c] else 0.0

    def final(self, c: int) -> float:
        """Readability's candidate score: content points, tag and class, less link density."""
        cont = self.conts[c]
        base = self.score[c] + _TAG_BONUS.get(cont.tag, 0) + class_weight(cont)
        return base * (1.0 - self.link_density(c))

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
        """The top container plus sibling containers that carry the same kind of text."""
        top = self.top()
        chosen = {top}
        if top == 0:
            return chosen
        parent = self.conts[top].parent
        threshold = max(10.0, self.final(top) * 0.2)
        for c in range(1, len(self.conts)):
            if c != top and self.conts[c].parent == parent and self.score[c] > 0 \
                    and self.final(c) >= threshold:
                chosen.add(c)
        return chosen
