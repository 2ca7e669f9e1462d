"""Map extracted text back to 1-based source lines.

lexbor (selectolax) gives no source positions, so each block's line is found by searching
the raw HTML for the block's first word, moving a cursor forward in reading order. A word
counts only where it starts a text run (right after ``>`` or an entity, allowing spaces), so
a word inside an attribute or a script is not mistaken for it. When a word cannot be found
(text built by the parser, entities in the first word) the block gets the line of the last
position found, which is the nearest honest answer.
"""

from __future__ import annotations

import bisect
import re

_WORD_RE = re.compile(r"[^\W_]{2,}|\w")
# Characters that may stand before the first word of a text run.
_OPENERS = frozenset("\"'\u201c\u2018\u00ab\u201e\u00a1\u00bf([-\u2013\u2014\u2022*\u00b7|#@$")


class LineMap:
    """Find successive text snippets in ``source`` and report their 1-based lines."""

    def __init__(self, source: str) -> None:
        self._src = source
        self._newlines = _newline_offsets(source)
        self._cursor = 0

    def line_of_offset(self, offset: int) -> int:
        """1-based line of a character offset."""
        return bisect.bisect_right(self._newlines, offset - 1) + 1

    def find(self, text: str) -> int:
        """Line of the next occurrence of ``text``'s first word after the previous hit."""
        return self.line_of_offset(self.locate(text))

    def locate(self, text: str) -> int:
        """Offset of the next text run starting with ``text``'s first word (see module doc)."""
        match = _WORD_RE.search(text)
        if match is None:
            return self._cursor
        word = match.group()
        pos = self._search(word, self._cursor)
        if pos < 0:
            pos = self._search(word, 0)  # the parser moved this text (e.g. out of a table)
            return self._cursor if pos < 0 else pos
        self._cursor = pos + len(word)
        return pos

    def find_raw(self, needle: str, start: int) -> int:
        """Offset of ``needle`` as written in the source at or after ``start`` (else before)."""
        pos = self._src.find(needle, start)
        return self._src.find(needle) if pos < 0 else pos

    def _search(self, word: str, start: int) -> int:
        src = self._src
        pos = src.find(word, start)
        while pos >= 0:
            if _starts_text(src, pos):
                return pos
            pos = src.find(word, pos + 1)
        return -1


def _starts_text(src: str, pos: int) -> bool:
    """True when only spaces and opening punctuation stand between a tag end and ``pos``.

    ``>`` ends a tag and ``;`` an entity such as ``&ldquo;``; an ``=`` (attribute value) or
    a letter (the middle of another sentence) before the word means it is not a text start.
    """
    i = pos - 1
    stop = max(pos - 100, -1)
    while i > stop:
        ch = src[i]
        if ch == ">" or ch == ";":
            return True
        if not (ch.isspace() or ch in _OPENERS):
            return False
        i -= 1
    return i < 0


def _newline_offsets(source: str) -> list[int]:
    offsets: list[int] = []
    i = source.find("\n")
    while i >= 0:
        offsets.append(i)
        i = source.find("\n", i + 1)
    return offsets
