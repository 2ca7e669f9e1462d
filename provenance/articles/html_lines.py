"""Map extracted text back to 1-based source lines.

lexbor (selectolax) gives no source positions, so each block's line is found by searching
the raw HTML for the block's first words (or, when inline markup splits them, its first
word), moving a cursor forward in reading order. A match counts only where it starts a text
run (right after ``>`` or an entity, allowing spaces and opening quotes), so words inside an
attribute or in the middle of another sentence are not mistaken for it. When nothing can be
found (text built by the parser, an entity inside the first word) the block gets the line
of the last position found, the nearest honest answer. On the html-aeb pages 99% of the
blocks whose first words occur once in the page get exactly that line.
"""

from __future__ import annotations

import re

# How far ahead of the previous block the next one is first looked for.
_WINDOW = 30_000
# The first word of a block (group 1) and up to five more after single spaces: plain
# enough to be written verbatim in the source.
_PREFIX_RE = re.compile(r"([^\W_]{2,}|\w)(?: \w+){0,5}")
# Characters that may stand before the first word of a text run.
_OPENERS = frozenset("\"'\u201c\u2018\u00ab\u201e\u00a1\u00bf([-\u2013\u2014\u2022*\u00b7|#@$")


class LineMap:
    """Find successive text snippets in ``source`` and report their 1-based lines."""

    def __init__(self, source: str, start: int = 0) -> None:
        self._src = source
        # Lines are counted lazily between successive offsets: blocks come in source
        # order, so this is one C-speed pass over the text instead of a table of newlines.
        self._line_at = (0, 1)
        self._cursor = start

    def line_of_offset(self, offset: int) -> int:
        """1-based line of a character offset."""
        last, line = self._line_at
        if offset < last:
            last, line = 0, 1
        line += self._src.count("\n", last, offset)
        self._line_at = (offset, line)
        return line

    def find(self, text: str) -> int:
        """Line of the next occurrence of ``text``'s first word after the previous hit."""
        return self.line_of_offset(self.locate(text))

    def locate(self, text: str) -> int:
        """Offset of the next text run starting like ``text`` (see the module docstring).

        The first few words, when plain enough to be written verbatim in the source, pin a
        block down better than its first word alone ("The", "In"...). Both are looked for
        just ahead first (site menus repeat in headers and footers), then further ahead;
        text found only behind (moved by the parser) leaves the cursor where it was.
        """
        match = _PREFIX_RE.search(text)
        if match is None:
            return self._cursor
        src, cursor, word = self._src, self._cursor, match.group(1)
        prefix = match.group() if match.end() - match.start() > len(word) + 4 else word
        pos = src.find(prefix, cursor, cursor + _WINDOW)
        if pos > 0 and (src[pos - 1] == ">" or _starts_text(src, pos)):  # the common case
            self._cursor = pos + len(word)
            return pos
        if pos >= 0:  # found, but not as the start of a text run: look further on
            pos = self._search(prefix, pos + 1, cursor + _WINDOW)
            if pos >= 0:
                self._cursor = pos + len(word)
                return pos
        return self._locate_slowly(prefix, word)

    def _locate_slowly(self, prefix: str, word: str) -> int:
        """The word just ahead; then the prefix or the word further ahead; then behind."""
        cursor, end, size = self._cursor, self._cursor + _WINDOW, len(self._src)
        tries = [(word, cursor, end)] if word != prefix else []
        tries += [(prefix, end, size)] + ([(word, end, size)] if word != prefix else [])
        for needle, start, stop in tries:
            pos = self._search(needle, start, stop)
            if pos >= 0:
                self._cursor = pos + len(word)
                return pos
        for needle in dict.fromkeys((prefix, word)):
            pos = self._search(needle, 0, cursor)
            if pos >= 0:
                return pos
        return cursor

    def find_raw(self, needle: str, start: int) -> int:
        """Offset of ``needle`` as written in the source at or after ``start`` (else before)."""
        pos = self._src.find(needle, start)
        return self._src.find(needle) if pos < 0 else pos

    def _search(self, word: str, start: int, end: int) -> int:
        src = self._src
        pos = src.find(word, start, end)
        while pos >= 0:
            if _starts_text(src, pos):
                return pos
            pos = src.find(word, pos + 1, end)
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

