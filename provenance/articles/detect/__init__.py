"""Detectors: turn an Article's blocks into attributions, disclosures, byline and dates.

``annotate(article, settings=None)`` is the one entry point the pipeline calls after a
reader; it fills, in place:

* ``attributions`` — :func:`.attribution.find_attributions` (replaces any previous list);
* ``disclaimers`` — :func:`.disclosure.find_disclosures` (replaces any previous list);
* ``byline`` and ``dateline`` — only where the reader left them empty
  (:func:`.byline.read_meta`);
* ``published_raw``/``updated_raw`` — from the desk/meta lines only where the reader left
  them empty; then ``published``/``updated`` are always re-parsed from the raw values with
  :func:`parse_datetime` (``None`` with the raw kept when unparseable, for MET002).

Calling it twice gives the same result. Settings: :class:`DetectSettings`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from provenance.articles.detect.settings import (
    DEFAULT_KNOWN_SOURCES,
    DEFAULT_TZ_TABLE,
    DetectSettings,
)

if TYPE_CHECKING:
    from provenance.articles.detect.attribution import find_attributions
    from provenance.articles.detect.byline import MetaFacts
    from provenance.articles.detect.dates import parse_datetime
    from provenance.articles.detect.disclosure import find_disclosures
    from provenance.articles.detect.segments import Layout
    from provenance.model import Article, Attribution, Disclaimer

__all__ = [
    "DEFAULT_KNOWN_SOURCES",
    "DEFAULT_TZ_TABLE",
    "DetectSettings",
    "annotate",
    "find_attributions",
    "find_disclosures",
    "parse_datetime",
]

# The detectors (and their compiled lexicon) load on first use: building the policy, the
# cache key or a fully cached audit needs only the settings.
_LAZY = {"find_attributions": "attribution", "find_disclosures": "disclosure",
         "parse_datetime": "dates", "read_meta": "byline"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def annotate(article: Article, settings: DetectSettings | None = None) -> None:
    """Fill the article's detected fields in place (see the module docstring)."""
    detect = _detectors()
    settings = settings or _default_settings()
    # One layout (segments, image neighbours) for the three detectors: they read many of
    # the same blocks, and the blocks do not change while they run.
    layout = detect.layout(article)
    # Credits first: a byline the reader gave (structured metadata, no line) is a credit
    # of its own, while one found in a meta line is credited from that line, with its line.
    article.attributions = detect.find_attributions(article, settings, layout)
    facts = detect.read_meta(article, settings.known_sources, layout)
    article.byline = article.byline or facts.byline
    article.dateline = article.dateline or facts.dateline
    article.published_raw = article.published_raw or facts.published_raw
    article.updated_raw = article.updated_raw or facts.updated_raw
    article.published = _parse(article.published_raw, settings)
    article.updated = _parse(article.updated_raw, settings)
    article.disclaimers = detect.find_disclosures(article, settings, layout)


class _Detectors(NamedTuple):
    layout: Callable[[Article], Layout]
    find_attributions: Callable[[Article, DetectSettings, Layout], list[Attribution]]
    read_meta: Callable[[Article, tuple[str, ...], Layout], MetaFacts]
    find_disclosures: Callable[[Article, DetectSettings, Layout], list[Disclaimer]]
    parse_datetime: Callable[[str, Mapping[str, str]], str | None]


@cache
def _detectors() -> _Detectors:
    """The detector functions, imported on the first article (an import statement in
    :func:`annotate` itself cost a few microseconds on every article)."""
    from provenance.articles.detect.attribution import find_attributions
    from provenance.articles.detect.byline import read_meta
    from provenance.articles.detect.dates import parse_datetime
    from provenance.articles.detect.disclosure import find_disclosures
    from provenance.articles.detect.segments import Layout

    return _Detectors(Layout, find_attributions, read_meta, find_disclosures, parse_datetime)


@cache
def _default_settings() -> DetectSettings:
    """The settings used when none are given: made once, not once per article (the
    pipeline passes ``None`` unless a policy configures the detectors)."""
    return DetectSettings()


def _parse(raw: str | None, settings: DetectSettings) -> str | None:
    return _detectors().parse_datetime(raw, settings.tz_table) if raw else None
