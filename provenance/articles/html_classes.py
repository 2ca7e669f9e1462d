"""The class/id vocabulary of page structure: which words mean content, which boilerplate.

Shared by the walker (which reads an unmistakable boilerplate box as one block) and the
content scorer (which weighs every candidate by its words). Words are matched whole inside
lower-cased class and id strings, where ``-`` and ``_`` separate words and camelCase has
already been split ("relatedLinks" -> "related links").
"""

from __future__ import annotations

import re
from functools import lru_cache

POSITIVE_RE = re.compile(
    r"(?<![a-z])(?:article|articlebody|article-body|body|content|entry|hentry|h-entry|main|"
    r"post|text|blog|story|story-body|prose|richtext|rich-text)(?![a-z])")
NEGATIVE_RE = re.compile(
    r"(?<![a-z])(?:comments?|comment-list|disqus|share|sharing|related|newsletter|"
    r"promo|promos|sidebar|side-bar|footer|foot|menu|cookies?|consent|gdpr|banner|"
    r"ads?|advert|advertisement|ad-slot|sponsor|sponsored|subscribe|subscription|signup|"
    r"popup|modal|breadcrumbs?|pagination|pager|nav|navbar|navigation|masthead|widget|"
    r"recommended|recommendations?|trending|popular|most-read|outbrain|taboola|tags?|"
    r"toolbar|tools|skip|hidden|print-only|sr-only|visually-hidden|more-stories|read-more|"
    r"author-bio|bio|teaser|teasers|carousel|also|links|"
    r"topics|keywords|follow|donate|login|register|shopping|rss|feeds?)(?![a-z])")
# Words no article body is ever named with: such a box is read as one boilerplate block.
STRONG_RE = re.compile(
    r"(?<![a-z])(?:comments?|comment-list|disqus|sidebar|side-bar|related|newsletter|"
    r"cookies?|consent|gdpr|sharing|share-bar|share-tools|social-share|menu|breadcrumbs?|"
    r"footer|nav|navbar|navigation|outbrain|taboola|trending|most-read|most-popular|"
    r"recommended|recommendations)(?![a-z])")


@lru_cache(maxsize=8192)
def class_flags(words: str) -> tuple[bool, bool, bool]:
    """Whether ``words`` hold content words, boilerplate words and strong boilerplate words.

    Cached: the same class strings repeat all over a page and across pages of one site,
    and the walker and the scorer both ask. Every strong word is also a boilerplate word
    (tests/html/test_classes.py), so the strong pattern runs only where that one matched.
    """
    negative = NEGATIVE_RE.search(words) is not None
    positive = POSITIVE_RE.search(words) is not None
    return positive, negative, negative and STRONG_RE.search(words) is not None


def class_kind(words: str) -> int:
    """+1 for content class/id words, -1 for boilerplate words, 0 for neither or both."""
    positive, negative, _ = class_flags(words)
    return 0 if negative == positive else (1 if positive else -1)


def is_strong_boilerplate(words: str) -> bool:
    """Words that name a comments, sidebar, related-links, menu or cookie box — and no content."""
    positive, _, strong = class_flags(words)
    return strong and not positive
