"""Shared reading of "is this image disclosed?" for the AID rules (not a rule itself).

PRODUCT.md: a disclosure counts for an image when it is tied to that image (its caption or
the block right next to it — the detectors set ``Disclaimer.image`` then), or, on a page with
one image, anywhere in the article text (zones body, meta, standfirst). Boilerplate never
counts. On a page with several images a text-only disclosure is "elsewhere" (AID003).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

from provenance.images.model import ImageEvidence
from provenance.model import Article, Disclaimer
from provenance.validators.base import AI_VERDICTS as AI_VERDICTS  # the AID rules' import
from provenance.validators.base import ResolvedImage, Subject, read_images

TEXT_ZONES = ("body", "meta", "standfirst")


@dataclass(frozen=True, slots=True)
class Disclosure:
    """How one image is disclosed: tied to it, only in the text, or not at all."""

    tied: tuple[Disclaimer, ...]
    elsewhere: tuple[Disclaimer, ...]
    single_image_page: bool

    @property
    def adequate(self) -> bool:
        """Counts as disclosed for AID001: tied, or in the text of a one-image page."""
        return bool(self.tied) or (self.single_image_page and bool(self.elsewhere))

    @property
    def any(self) -> bool:
        return bool(self.tied or self.elsewhere)

    def quote(self) -> str:
        first = (self.tied or self.elsewhere)[0]
        return first.text


def disclosure_for(article: Article, image: ResolvedImage, image_count: int) -> Disclosure:
    if not article.disclaimers:  # most articles: nothing can disclose any image
        return _NONE_ON_ONE_IMAGE_PAGE if image_count == 1 else _NONE
    srcs = {image.src, _picture_of(article).get(image.src or "")}
    tied = tuple(d for d in article.disclaimers
                 if d.zone != "boilerplate" and d.image is not None and d.image in srcs)
    elsewhere = tuple(d for d in article.disclaimers
                      if d.image is None and d.zone in TEXT_ZONES)
    return Disclosure(tied, elsewhere, image_count == 1)


_NONE = Disclosure((), (), single_image_page=False)
_NONE_ON_ONE_IMAGE_PAGE = Disclosure((), (), single_image_page=True)


def _picture_of(article: Article) -> dict[str, str]:
    """Each srcset rendition's src -> the src of the picture it is another size of (the
    image placed just before it): a disclosure of the picture discloses every size."""
    primary, found = None, {}
    for ref in article.images:
        if ref.placement != "srcset":
            primary = ref.src
        elif primary is not None:
            found[ref.src] = primary
    return found


def article_images(subject: Subject) -> Iterator[tuple[Article, ResolvedImage, ImageEvidence,
                                                       Disclosure]]:
    """Each read image of a readable article with how the page discloses it."""
    yield from _judged(subject)


# The four AID rules run one after another over the same subject: the last subject's
# answers are kept (by identity, per thread: a Dask worker runs tasks in threads) so each
# image's disclosure is worked out once.
_Judged = tuple[tuple[Article, ResolvedImage, ImageEvidence, Disclosure], ...]
_LAST = threading.local()


def _judged(subject: Subject) -> _Judged:
    last: tuple[Subject, _Judged] | None = getattr(_LAST, "value", None)
    if last is not None and last[0] is subject:
        return last[1]
    article = subject.article
    judged: _Judged = ()
    if article is not None and subject.read_error is None:
        count = len(subject.images)
        judged = tuple((article, image, evidence, disclosure_for(article, image, count))
                       for image, evidence in read_images(subject))
    _LAST.value = (subject, judged)
    return judged
