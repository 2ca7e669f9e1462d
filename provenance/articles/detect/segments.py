"""Cutting blocks into segments and sentences, and finding quoted spans.

Readers differ in how much text one :class:`~provenance.model.Block` holds: a plain-text
reader may keep the desk line, an image caption and a disclaimer as three lines of one
block, while a Markdown paragraph wraps one sentence over several lines. A **segment** is
a run of a block's text between *hard* line breaks. A break is hard when the line before
it ends a sentence (or a label: ``. ! ? : ; | ) ] "``) or the next line starts like a new
line would (capital letter, digit, bullet, quote, a letter of a script without case);
otherwise it is a soft wrap and is read as a space. Offsets into the block are kept, so
every hit reports the 1-based line it is printed on (block line + line breaks before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from provenance.model import Article, Block

_TERMINAL = set(".!?:;|)]\"”’»।۔؟")
_ABBREVIATIONS = ("A.I.", "U.S.", "U.K.", "U.N.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.",
                  "No.", "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
                  "Inc.", "Ltd.", "Co.", "Gen.", "Sen.", "Rep.", "Gov.", "Prof.", "vs.",
                  "z.B.", "Nr.", "Sr.", "Sra.", "etc.", "p.", "pp.")
_SENTENCE_END = re.compile(r"(?<=[.!?।۔؟])[\"”’»)]*\s+(?=[\"“‘'«(\[¿¡]?[^\W\d_a-z]|\d)")
_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")  # "J." ending a head: an initial, not a sentence
_QUOTE_PAIRS = {"“": "”", "„": "“", "«": "»", "‹": "›", "‘": "’", "\"": "\"", "「": "」"}
# Every character that may open a quotation: the pairs' openers and the straight "'".
_QUOTE_MARKS = re.compile("[" + re.escape("".join(_QUOTE_PAIRS) + "'") + "]")


@dataclass(slots=True)
class Segment:
    """A run of text between hard line breaks inside one block (read-only by convention).

    ``text`` has soft line breaks replaced by spaces (same length as in the block), so an
    offset into it is also an offset into ``block.text[start:]``. Not a frozen dataclass:
    the detectors make one for every line of every page, and a frozen ``__init__`` (one
    ``object.__setattr__`` per field) costs twice as much.
    """

    text: str
    block: Block
    index: int  # index of the block in Article.blocks
    start: int  # offset of the segment in block.text

    def line_at(self, offset: int = 0) -> int | None:
        """1-based line of the character at ``offset`` in this segment."""
        if self.block.line is None:
            return None
        return self.block.line + self.block.text.count("\n", 0, self.start + offset)


def _hard_break(before: str, after: str) -> bool:
    before, after = before.rstrip(), after.lstrip()
    if not before or not after:
        return True
    if before[-1] in _TERMINAL:
        return True
    first = after[0]
    if first.isdigit() or first in "•·*-–—\"“‘'«(([¿¡©|":
        return True
    return first.isupper() or (first.isalpha() and not first.islower())


def split_block(block: Block, index: int) -> list[Segment]:
    """The block's segments in order (empty ones dropped)."""
    text = block.text
    # "not isspace()" is "strip() is not empty" without copying the text.
    if "\n" not in text:  # most blocks are one line: one segment, nothing to join
        return [Segment(text, block, index, 0)] if text and not text.isspace() else []
    lines = text.split("\n")
    segments: list[Segment] = []
    start = 0
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line) + 1
        if _hard_break(line, lines[i + 1]):
            segments.append(_make(text, start, pos - 1, block, index))
            start = pos
    segments.append(_make(text, start, len(text), block, index))
    return [s for s in segments if s.text and not s.text.isspace()]


def _make(text: str, start: int, end: int, block: Block, index: int) -> Segment:
    return Segment(text[start:end].replace("\n", " "), block, index, start)


class Layout:
    """One article's segments and image neighbours, worked out once for every detector.

    The attribution, byline and disclosure detectors read many of the same blocks (and
    the attribution detector may read them twice): :func:`split_block` and
    :func:`image_neighbours` ran up to four times per block and three per article. A
    layout splits each block on first need and keeps the result; the lists it returns
    are shared, so callers must not change them. Made for one article whose blocks and
    images do not change while it is in use (:func:`..annotate` makes one per call).
    """

    __slots__ = ("_article", "_near", "_segments")

    def __init__(self, article: Article) -> None:
        self._article = article
        self._segments: list[list[Segment] | None] = [None] * len(article.blocks)
        self._near: dict[int, list[tuple[str, str]]] | None = None

    def segments(self, index: int) -> list[Segment]:
        """``split_block`` of the block at ``index`` (do not modify the list)."""
        segments = self._segments[index]
        if segments is None:
            segments = split_block(self._article.blocks[index], index)
            self._segments[index] = segments
        return segments

    @property
    def near(self) -> dict[int, list[tuple[str, str]]]:
        """:func:`image_neighbours` of the article (do not modify it)."""
        if self._near is None:
            self._near = image_neighbours(self._article)
        return self._near


def iter_segments(article: Article, skip_zones: Sequence[str] = ()) -> Iterator[Segment]:
    """Every segment of every block whose zone is not in ``skip_zones``, in reading order."""
    for index, block in enumerate(article.blocks):
        if block.zone not in skip_zones:
            yield from split_block(block, index)


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text`` (abbreviations such as A.I. kept)."""
    cuts = [0]
    for match in _SENTENCE_END.finditer(text):
        head = text[cuts[-1]:match.start()].rstrip("\"”’»)")
        if head.endswith(_ABBREVIATIONS) or _INITIAL.search(head):
            continue
        cuts.append(match.end())
    bounds = [(a, b) for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    return [(a, a + len(text[a:b].rstrip())) for a, b in bounds if text[a:b].strip()]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each quotation in ``text``, the marks included.

    Straight single quotes count only in pairs that open after a space or bracket and
    close before a non-letter, so apostrophes (``Kim's``, ``l'IA``) never open a quote.
    """
    spans: list[tuple[int, int]] = []
    # Only quote marks can open a quotation: jump from one to the next instead of
    # stepping through every character.
    opener = _QUOTE_MARKS.search(text)
    while opener is not None:
        i = opener.start()
        ch = text[i]
        close = _QUOTE_PAIRS.get(ch)
        if close is None and (i == 0 or text[i - 1] in " ([\u00a0"):
            close = "'"
        end = None if close is None else _closing(text, i + 1, close)
        if end is None:
            opener = _QUOTE_MARKS.search(text, i + 1)
            continue
        spans.append((i, end + 1))
        opener = _QUOTE_MARKS.search(text, end + 1)
    return spans


def _closing(text: str, start: int, close: str) -> int | None:
    j = text.find(close, start)
    while close == "'" and j != -1 and j + 1 < len(text) and text[j + 1].isalpha():
        j = text.find(close, j + 1)
    return None if j == -1 else j


def inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies within one of ``spans``."""
    return any(a <= start and end <= b for a, b in spans)


def image_neighbours(article: Article) -> dict[int, list[tuple[str, str]]]:
    """Block index -> ``[(src, side)]`` for the blocks right next to each image.

    ``side`` is ``"above"`` when the image stands right above the block (the block at
    ``position``) and ``"below"`` when it stands right below it (``position - 1``).
    Caption blocks are stepped over: they belong to their image, not beside it.
    """
    blocks = article.blocks
    near: dict[int, list[tuple[str, str]]] = {}
    for image in article.images:
        # A reader may place an image after the last block (or give a bad position).
        after = min(max(image.position, 0), len(blocks))
        while after < len(blocks) and blocks[after].zone == "caption":
            after += 1
        before = min(max(image.position, 0), len(blocks)) - 1
        while before >= 0 and blocks[before].zone == "caption":
            before -= 1
        if after < len(blocks):
            near.setdefault(after, []).append((image.src, "above"))
        if before >= 0:
            near.setdefault(before, []).append((image.src, "below"))
    return near
