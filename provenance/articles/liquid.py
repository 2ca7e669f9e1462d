"""Static-site template syntax in article sources: Jekyll's Liquid and Hugo's Go templates.

Two questions the readers ask of a site's sources, answered with the standard library only
(the Markdown reader imports this module too):

* :func:`normalize_liquid_src` — the site path a Liquid image reference stands for:
  ``{{ site.baseurl }}/assets/x.jpg`` and ``{{ '/assets/x.jpg' | relative_url }}`` are both
  ``/assets/x.jpg`` (see Jekyll's `Liquid filters <https://jekyllrb.com/docs/liquid/filters/>`_).
* :func:`template_reason` — is an ``.html`` file a generator's template (a Hugo layout or
  partial, a Jekyll layout or include, a Jekyll source page with front matter) rather than a
  page a reader sees? Such a file is skipped, not audited: its built page is.

A template is told apart from an article that *quotes* template syntax by where the
constructs stand. Only Go-template actions (``{{ .Title }}``, ``{{ range … }}``,
``{{ end }}`` …, see `text/template <https://pkg.go.dev/text/template>`_) and Liquid tags and
site objects (``{% include … %}``, ``{{ page.title }}``, ``{{ content }}``) count, and only in
markup positions: inside a tag (an attribute value) or alone on their line of text (between
tags, or on a line of their own). Text inside ``<script>``, ``<style>``, ``<code>``, ``<pre>``,
``<template>`` and comments never counts, nor does a construct in the middle of a sentence.
Two counted constructs make a template; front matter alone makes a source page.
"""

from __future__ import annotations

import re

__all__ = ["normalize_liquid_src", "template_reason"]

# ``{{ site.url }}`` / ``{{ site.baseurl }}`` (with Liquid's ``{{-``/``-}}`` trim markers).
_SITE_PREFIX_RE = re.compile(r"\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}")
# ``{{ 'path' | filter | filter }}``: a quoted path through URL filters.
_FILTERED_RE = re.compile(
    r"""\{\{-?\s*(?P<q>['"])(?P<path>[^'"{}]*)(?P=q)\s*(?P<filters>(?:\|[^|{}]*)+?)\s*-?\}\}""")
_URL_FILTERS = frozenset({"relative_url", "absolute_url"})
_PREPEND_FILTERS = frozenset({"prepend:site.baseurl", "prepend:site.url"})


def normalize_liquid_src(src: str) -> str:
    """The site path behind a Liquid image reference; other text comes back unchanged.

    ``{{ site.url }}`` and ``{{ site.baseurl }}`` are dropped; ``{{ 'X' | relative_url }}``,
    ``absolute_url`` and ``prepend: site.baseurl`` (alone or chained) become ``X`` — with a
    leading ``/`` for the URL filters, which add one. A reference through a variable
    (``{{ page.image | relative_url }}``) cannot be resolved here and is kept as written.
    """
    if "{{" not in src:
        return src
    src = _FILTERED_RE.sub(_unwrap, src)
    return _SITE_PREFIX_RE.sub("", src).strip()


def _unwrap(match: re.Match[str]) -> str:
    path = match["path"].strip()
    filters = ["".join(f.split()) for f in match["filters"].split("|")[1:]]
    if not all(f in _URL_FILTERS or f in _PREPEND_FILTERS for f in filters):
        return match.group()
    if any(f in _URL_FILTERS for f in filters) and not path.startswith(("/", "http:", "https:")):
        path = "/" + path
    return path


# --- templates ---------------------------------------------------------------------------

# Front matter opens the file: ``---`` (YAML, Jekyll and Hugo) or ``+++`` (TOML, Hugo) on the
# first line, closed by the same line (``...`` also ends YAML) further down.
_FRONT_MATTER_RE = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n")
_FRONT_MATTER_END = {"---": re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M),
                     "+++": re.compile(r"^\+\+\+[ \t]*\r?$", re.M)}

# One construct that marks a template (see the module docstring). Group ``go`` or ``liquid``
# says which language. ``{{ . }}`` and ``{{ .Title }}`` but not ``{{ ... }}`` in prose; a Go
# variable only as ``{{ $.Site }}`` or ``{{ $x := … }}``: a built page's Vue or Angular
# interpolation (``{{ $store.count }}``, ``{{ $t('menu') }}``) is not Go.
_CONSTRUCT_RE = re.compile(
    r"\{\{-?\s*(?P<go>\.[A-Za-z_\s}-]|\$(?:\.|[A-Za-z_]\w*\s*:?=)|/\*"
    r"|(?:define|block|partial|partialCached|range|if|else|with|end|template)\b)"
    r"|\{%-?\s*(?P<liquid>[a-z])"
    r"|\{\{-?\s*(?P<object>(?:page|site|layout|include|paginator|post|forloop)\.[A-Za-z_]"
    r"|content\s*-?\}\}|['\"][^'\"{}\n]*['\"]\s*\|\s*(?:relative_url|absolute_url)\b)")
# A whole action or tag on one line (bounded, so a line of unclosed braces stays linear).
_ANY_ACTION_RE = re.compile(r"\{\{[^{}\n]{0,400}\}\}|\{%[^%\n]{0,400}%\}")
# What a template's markup is read around: comments and elements whose text is code or
# data (unclosed, they run to the end, as browsers read them), and tags with attributes.
_MARKUP_RE = re.compile(
    r"<!--(?:.*?-->|.*)"
    r"|<(script|style|code|pre|textarea|xmp|template|kbd|samp)\b(?:.*?</\1\s*>|.*)"
    r"|<[A-Za-z/!?][^<>]*>?", re.S | re.I)
_ENOUGH = 2
# How much of a file is read for template syntax (see template_reason).
_WINDOW = 65_536


def template_reason(text: str) -> str | None:
    """Why ``text`` (an ``.html`` file) is a site generator's template, or ``None`` when it
    is a page (see the module docstring).

    Only the first :data:`_WINDOW` characters are read: a template shows its syntax from its
    first lines (front matter, ``{{ define "main" }}``, ``<html lang="{{ … }}">``,
    ``{% include head.html %}``), while a built page is often ten times that long and every
    page read pays for the search.
    """
    if text[:1] in ("-", "+", "\ufeff") and _front_matter(text):
        return "it starts with front matter: a site generator's source page (its built " \
               "page is the one audited)"
    # The pre-check: two candidate constructs anywhere in the window, before the markup is
    # read around them. One regex pass costs a fifth of two substring searches for "{{"
    # and "{%" on pages past U+00FF (their bloom filter trips on every ";").
    found = _CONSTRUCT_RE.finditer(text, 0, _WINDOW)
    if next(found, None) is None or next(found, None) is None:
        return None
    kind = _markup_constructs(text)
    if kind is None:
        return None
    return ("it holds Liquid tags in its markup: a Jekyll layout or include" if kind == "liquid"
            else "it holds Go template actions in its markup: a Hugo layout or partial")


def _front_matter(text: str) -> bool:
    opening = _FRONT_MATTER_RE.match(text)
    if opening is None:
        return False
    end = _FRONT_MATTER_END[opening.group(1)]
    return end.search(text, opening.end(), _WINDOW) is not None


def _markup_constructs(text: str) -> str | None:
    """``"go"`` or ``"liquid"`` once enough constructs stand in markup positions, else None."""
    counts = {"go": 0, "liquid": 0}
    last = 0
    for match in _MARKUP_RE.finditer(text, 0, _WINDOW):
        _count_standalone(text[last:match.start()], counts)
        if match.group(1) is None and not match.group().startswith("<!--"):
            _count(match.group(), counts)  # a tag: its attribute values
        last = match.end()
        if counts["go"] + counts["liquid"] >= _ENOUGH:
            break
    else:
        _count_standalone(text[last:_WINDOW], counts)
    if counts["go"] + counts["liquid"] < _ENOUGH:
        return None
    return "liquid" if counts["liquid"] > counts["go"] else "go"


def _count_standalone(gap: str, counts: dict[str, int]) -> None:
    """Count the constructs of the text between two tags that stand alone on their line."""
    if "{{" not in gap and "{%" not in gap:
        return
    for line in gap.split("\n"):
        if ("{{" in line or "{%" in line) and not _ANY_ACTION_RE.sub("", line).strip():
            _count(line, counts)


def _count(chunk: str, counts: dict[str, int]) -> None:
    if "{{" not in chunk and "{%" not in chunk:
        return
    for match in _CONSTRUCT_RE.finditer(chunk):
        counts["go" if match.group("go") else "liquid"] += 1
