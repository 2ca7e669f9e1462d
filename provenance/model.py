"""The Article model every reader produces and every detector and validator consumes.

Readers (``provenance.articles``) turn a file into :class:`Article` objects holding
:class:`Block` s in reading order, each with its zone and 1-based line, and the
:class:`ImageRef` s the article shows. Detectors (``provenance.articles.detect``) then fill
``byline``, ``dateline``, ``published``/``updated``, ``attributions`` and ``disclaimers``
from those blocks. Validators only read these plain values: they never do I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Zone = Literal["headline", "standfirst", "meta", "body", "caption", "boilerplate"]
ZONES: tuple[str, ...] = ("headline", "standfirst", "meta", "body", "caption", "boilerplate")
Format = Literal["text", "html", "markdown", "ninjs", "jsonl"]


@dataclass(slots=True)
class Block:
    """One paragraph-like unit of text as the reader saw it.

    ``line`` is 1-based in the source file, or ``None`` where the source has no meaningful
    lines (HTML inside a ninjs string). ``image`` is the ``src`` of the image a caption
    belongs to, else ``None``.
    """

    zone: str
    text: str
    line: int | None = None
    image: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"zone": self.zone, "text": self.text, "line": self.line, "image": self.image}


@dataclass(slots=True)
class ImageRef:
    """An image the article shows, as referenced in the source.

    ``position`` is the index in ``Article.blocks`` of the first block after the image,
    so ``blocks[position - 1]`` and ``blocks[position]`` are the blocks next to it
    (captions excluded). ``caption`` is the caption text (also present as a block with
    zone ``caption`` and ``image == src`` when the source has one).
    """

    src: str
    line: int | None = None
    caption: str | None = None
    alt: str | None = None
    position: int = 0
    credit: str | None = None
    # How the page places it: "markdown" (``![]()``, reference or linked image), "html"
    # (``<img>``, ``<picture>``), "srcset" (another file the same ``<img>``/``<picture>``
    # offers), "shortcode" (Hugo), "include" (Jekyll/Liquid), "front-matter" (a hero/cover/
    # image field). None where the reader does not say.
    # A front-matter path that is not found beside the article is looked up in the site's
    # web roots (themes treat those fields as site paths).
    placement: str | None = None


@dataclass(slots=True)
class Attribution:
    """A statement crediting where the text came from (``source`` normalised)."""

    text: str
    source: str
    line: int | None
    zone: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.source, "line": self.line, "zone": self.zone}


@dataclass(slots=True)
class Disclaimer:
    """The outlet's own statement that an image on its page is AI-made.

    ``image`` is the ``src`` it refers to, or ``None`` when it is not tied to one image.
    """

    text: str
    line: int | None
    zone: str
    image: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "line": self.line, "zone": self.zone, "image": self.image}


@dataclass(slots=True)
class Suppression:
    """An inline ``disable`` directive found in the source (rule ID and the reason given)."""

    rule: str
    reason: str | None
    line: int | None = None
    scope: Literal["file", "block"] = "file"
    block: int | None = None  # index into Article.blocks for block-scoped suppressions


@dataclass(slots=True)
class Article:
    """One article as read from a file (a multi-item file yields several, with ``index``).

    Readers fill ``blocks`` and ``images`` and any structured metadata the source has
    (``byline``, ``dateline``, ``published_raw``/``updated_raw``, ``attribution_hints``).
    Detectors fill the rest. ``published``/``updated`` are ISO 8601 with seconds and offset
    once parsed; a raw value that could not be parsed stays in ``*_raw`` with the parsed
    field ``None`` so MET002 can report it.
    """

    path: str
    format: str
    index: int | None = None
    headline: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: str | None = None
    updated: str | None = None
    published_raw: str | None = None
    updated_raw: str | None = None
    blocks: list[Block] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    disclaimers: list[Disclaimer] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    # Structured credit fields a source may carry (ninjs "copyrightholder", JSON-LD
    # "publisher"/"sourceOrganization", a <meta name="author"> that is an agency...).
    attribution_hints: list[str] = field(default_factory=list)
    language: str | None = None
    # The page's own address where it says so (an HTML page's canonical link): a saved or
    # built page's full URLs on that origin are read from its site folder.
    url: str | None = None
    # HTML pages: "article" (one story), "items" (several: a blog's front page, a forum
    # thread) or "none" (no main text found); None for other formats.
    layout: str | None = None

    def text_blocks(self, *zones: str) -> list[Block]:
        """Blocks in the given zones (all zones when none are named), in reading order."""
        if not zones:
            return list(self.blocks)
        return [b for b in self.blocks if b.zone in zones]
