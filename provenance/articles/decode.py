"""Turn an article file's bytes into text, and say how.

Policy (INP001 says "UTF-16/UTF-8 with a BOM is read normally"):

1. A byte-order mark decides: UTF-8 BOM -> UTF-8; UTF-32 or UTF-16 BOM (either byte order)
   -> that encoding, strictly. A file that claims UTF-16/32 and does not decode is
   unreadable (:class:`~provenance.articles.ArticleError`).
2. No BOM: strict UTF-8.
   Decoded text holding NUL characters is binary (a zero-filled file is valid UTF-8):
   unreadable — unless they are a few strays (at most :data:`LENIENT_MAX_SHARE` of the
   characters, at most :data:`LENIENT_MAX_BAD`) in a page of text: then each becomes U+FFFD,
   as browsers read them, and ``lenient`` is set.
3. Not valid UTF-8: a NUL byte means binary content (or UTF-16 without a BOM, which we do
   not guess) -> unreadable. Otherwise, if at most :data:`LENIENT_MAX_SHARE` of the bytes
   (1 %, at least one sequence, at most :data:`LENIENT_MAX_BAD`) are invalid, the file is read with
   U+FFFD in their place and ``lenient`` is set: a scrape with a few mangled bytes is still
   an article worth checking. More damage than that means the file is in another encoding
   (Latin-1, cp1252...) or not text; guessing would put mojibake in every finding, so it is
   unreadable and the message says how many bytes were bad and where the first one was.

Line endings are normalised to ``\\n`` (CRLF and lone CR) so that line numbers match what
an editor shows; a leading U+FEFF left by a BOM is removed.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from provenance.articles import ArticleError

LENIENT_MAX_SHARE = 0.01
LENIENT_MAX_BAD = 1000

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used and whether invalid bytes were replaced."""

    text: str
    encoding: str
    lenient: bool = False
    bad_bytes: int = 0
    # The bytes are exactly ``text`` in UTF-8 (no BOM, nothing replaced or normalised):
    # a parser that wants UTF-8 can take them instead of encoding the text again.
    exact_utf8: bool = False


def decode_bytes(data: bytes) -> Decoded:
    """Decode an article file's bytes following the module's policy."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _no_nul(Decoded(_normalise(_strict(data, len(bom), encoding)), encoding))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _lenient_utf8(data, exc)
    # In UTF-8 the bytes 0 and 13 are NUL and CR and nothing else: looking for them in the
    # bytes is many times faster than in the text (a NUL search in a str holding any
    # character past U+00FF stops at every ASCII letter). Without either there is nothing
    # to normalise or refuse.
    if b"\x00" in data or b"\r" in data:
        return _no_nul(Decoded(_normalise(text), "utf-8"))
    return Decoded(text, "utf-8", exact_utf8=True)


def _no_nul(decoded: Decoded) -> Decoded:
    """NUL is valid UTF-8 but never in an article: many mean a zero-filled or binary file;
    a few strays in a page are replaced with U+FFFD (the module docstring)."""
    text = decoded.text
    if "\x00" not in text:
        return decoded
    count = text.count("\x00")
    if count > LENIENT_MAX_BAD or count > LENIENT_MAX_SHARE * len(text):
        raise ArticleError(
            f"the file contains NUL characters (first at character "
            f"{text.index(chr(0)) + 1}): it is binary, not an article"
        )
    return Decoded(text.replace("\x00", "\ufffd"), decoded.encoding, lenient=True,
                   bad_bytes=decoded.bad_bytes + count)


def _strict(data: bytes, skip: int, encoding: str) -> str:
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"the file starts with a {encoding.upper()} byte-order mark but byte "
            f"{skip + exc.start + 1} is not valid {encoding.upper()}"
        ) from None


def _lenient_utf8(data: bytes, first: UnicodeDecodeError) -> Decoded:
    if b"\x00" in data:
        raise ArticleError(
            "the file contains NUL bytes: it is binary, or UTF-16 without a byte-order mark"
        )
    bad = _count_invalid_utf8(data)
    if bad > LENIENT_MAX_BAD or bad > max(1.0, LENIENT_MAX_SHARE * len(data)):
        raise ArticleError(
            f"the file is not UTF-8 text: {bad:,} invalid byte sequence(s) in {len(data):,} "
            f"bytes, the first at byte {first.start + 1} (save it as UTF-8)"
        )
    text = data.decode("utf-8", errors="replace")
    return Decoded(_normalise(text), "utf-8", lenient=True, bad_bytes=bad)


def _count_invalid_utf8(data: bytes) -> int:
    """How many invalid sequences a replacing decode substitutes (genuine U+FFFD excluded)."""
    replaced = data.decode("utf-8", errors="replace").count("\ufffd")
    return replaced - data.decode("utf-8", errors="ignore").count("\ufffd")


def _normalise(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
