"""Map extracted text back to 1-based source lines.

lexbor (selectolax) gives no source positions, so each block's line is found by searching
the raw HTML, moving a cursor forward in reading order: the block's first word just ahead
of the cursor, confirmed (or, when that was another sentence, replaced) by a verbatim match
of its first few words; failing that, further ahead, then the nearest match behind (text
the parser moved, or a cursor that ran ahead on a false match — reading then resumes from
there). A match counts only where it starts a text run (after ``>`` or an entity, allowing
spaces, quotes and symbols), so words inside an attribute or in the middle of another
sentence are not mistaken for it. When nothing is found (text glued from several elements)
the block gets the line of the cursor, the nearest honest answer. On the html-aeb pages 99%
of the blocks whose first words occur once in the page get exactly that line.
"""

from __future__ import annotations

import re

# How far ahead of the previous block the next one is first looked for.
_WINDOW = 30_000
# How far past a first-word match a verbatim match of the first words may still win.
_CONFIRM = 4_000
# The first word of a block (group 1) and up to five more after single spaces: plain
# enough to be written verbatim in the source.
_PREFIX_RE = re.compile(r"([^\W_]{2,}|\w)(?: \w+){0,5}")


class LineMap:
    """Find successive text snippets in ``source`` and report their 1-based lines."""

    def __init__(self, source: str, start: int = 0) -> None:
        self._src = source
        # Lines are counted lazily between successive offsets: blocks come in source
        # order, so this is one C-speed pass over the text instead of a table of newlines.
        self._line_at = (0, 1)
        self._cursor = start

    def line_of_offset(self, offset: int) -> int:
        """1-based line of a character offset (one before the text, ``-1`` for "not
        found", counts as its start: counted from the end, it left every later line wrong)."""
        offset = max(offset, 0)
        last, line = self._line_at
        if offset < last:  # text the parser moved: count back from the previous offset
            line -= self._src.count("\n", offset, last)
        else:
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
        # The first word's next text start, a short scan; the longer prefix then confirms
        # it, or is looked for a little further on when that start was another sentence's.
        pos = self._search(word, cursor, cursor + _WINDOW)
        if pos >= 0:
            if prefix != word and not src.startswith(prefix, pos):
                later = self._search(prefix, pos + 1, pos + _CONFIRM)
                pos = later if later >= 0 else pos
            self._cursor = pos + len(word)
            return pos
        return self._locate_slowly(prefix, word)

    def _locate_slowly(self, prefix: str, word: str) -> int:
        """Not just ahead: further ahead (first words, then first word), then behind."""
        cursor, size = self._cursor, len(self._src)
        for needle in dict.fromkeys((prefix, word)):
            pos = self._search(needle, cursor + _WINDOW, size)
            if pos >= 0:
                self._cursor = pos + len(word)
                return pos
        for needle in dict.fromkeys((prefix, word)):
            pos = self._search_back(needle, cursor)
            if pos >= 0:
                # Found behind: the cursor had run ahead on a false match (or the parser
                # moved text); reading on from here keeps the next blocks in the window.
                self._cursor = pos + len(word)
                return pos
        return cursor

    def find_raw(self, needle: str, start: int) -> int:
        """Offset of ``needle`` as written in the source at or after ``start`` (else before)."""
        pos = self._src.find(needle, start)
        return self._src.find(needle) if pos < 0 else pos

    def _search_back(self, word: str, end: int) -> int:
        """The nearest text start of ``word`` before ``end`` (text the parser moved)."""
        src = self._src
        pos = src.rfind(word, 0, end)
        while pos >= 0:
            if _starts_text(src, pos):
                return pos
            pos = src.rfind(word, 0, pos + len(word) - 1)
        return -1

    def _search(self, word: str, start: int, end: int) -> int:
        src = self._src
        pos = src.find(word, start, end)
        while pos >= 0:
            if _starts_text(src, pos):
                return pos
            pos = src.find(word, pos + 1, end)
        return -1


def _starts_text(src: str, pos: int) -> bool:
    """True when only spaces and symbols stand between a tag end and ``pos``.

    ``>`` ends a tag and ``;`` an entity such as ``&ldquo;``; quotes, ``©``, bullets and
    emoji may open the text. A letter or digit (the middle of another sentence), ``=`` (an
    attribute value) or ``<`` before the word means it is not a text start.
    """
    i = pos - 1
    stop = max(pos - 100, -1)
    while i > stop:
        ch = src[i]
        if ch == ">" or ch == ";":
            return True
        if ch.isalnum() or ch == "=" or ch == "<":
            return False
        i -= 1
    return i < 0
