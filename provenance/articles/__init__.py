"""Article readers: turn one article file into :class:`~provenance.model.Article` objects.

Entry points
------------
``read_article_file(path, rel, *, max_bytes=20_000_000) -> list[Article | RecordError]``
    Reads the bytes (over ``max_bytes`` -> :class:`ArticleError`), decodes them
    (:mod:`provenance.articles.decode`), picks the format from the extension, confirms it
    by content (:func:`confirm_format`) and runs the reader for that format.
``parse_article_text(text, rel, fmt) -> list[Article | RecordError]``
    The same for text already in memory, with the format given (no sniffing).

What the engine gets back
-------------------------
* :class:`ArticleError` raised: the whole file is unreadable -> one INP001 with the message.
  A ``rel`` ending in ``/`` is a folder the walk could not list: always this error.
* :class:`NotAnArticle` raised: JSON that is not ninjs-like (no headline, body or uri) ->
  skipped and counted in ``summary.skipped``, no finding.
* otherwise a list, in file order, whose items are either an ``Article`` (``path = rel``,
  ``format``, ``index`` = 1-based record for multi-item files — ninjs arrays, JSON Lines —
  else ``None``) or a :class:`RecordError` for one record of a multi-item file that could
  not be read (``kind="unreadable"`` -> INP001 for that ``index``) or is not ninjs-like
  (``kind="skipped"`` -> counted as skipped). The other records are still read, so one bad
  line in a JSON Lines export never hides the rest. Single-item files never yield a
  ``RecordError``: they raise.

Readers are imported lazily so that importing this package stays cheap.
"""

from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass
from typing import Literal

from provenance.model import Article

ARTICLE_EXTENSIONS: tuple[str, ...] = (
    ".txt", ".html", ".htm", ".md", ".markdown", ".json", ".jsonl", ".ndjson",
)

# Extension -> the format tried first; the content then confirms or corrects it.
_FORMAT_BY_EXTENSION: dict[str, str] = {
    ".txt": "text", ".html": "html", ".htm": "html", ".md": "markdown",
    ".markdown": "markdown", ".json": "ninjs", ".jsonl": "jsonl", ".ndjson": "jsonl",
}
FORMATS: tuple[str, ...] = ("text", "html", "markdown", "ninjs", "jsonl")

# No paragraph of a real article is a megabyte long; a longer line is minified markup,
# an embedded blob or garbage, and would only make the detectors' regexes slow.
MAX_BLOCK_CHARS = 1_000_000


class ArticleError(Exception):
    """The file cannot be read as an article; the engine reports INP001 with this message."""


class NotAnArticle(Exception):
    """JSON that is not ninjs-like (no headline, body or uri): skipped, not INP001."""


class TemplateFile(NotAnArticle):
    """A site generator's template (Go template or Liquid in front matter or markup), not an
    article: skipped and counted in ``summary.skipped``, never INP001."""


@dataclass(frozen=True, slots=True)
class PlacementSettings:
    """Site-specific ways a page places images, from the policy's ``[site]`` table.

    ``image_fields``: front-matter keys naming images (dotted for nested tables:
    ``cover.image``); ``shortcodes``: Hugo shortcode names whose parameters name image
    files (``figure`` is always one).
    """

    image_fields: tuple[str, ...] = (
        "image", "images", "featured_image", "featuredImage", "feature_image", "cover.image",
        "cover", "hero", "hero_image", "thumbnail", "og_image", "banner", "header.image",
        "header.overlay_image", "header.teaser", "teaser",
    )
    shortcodes: tuple[str, ...] = ("figure", "img", "image", "imgproc", "picture", "photo")


DEFAULT_PLACEMENT = PlacementSettings()


@dataclass(frozen=True, slots=True)
class RecordError:
    """One record of a multi-item file (ninjs array, JSON Lines) that yields no article.

    ``kind`` is ``"unreadable"`` (malformed -> INP001 for that record) or ``"skipped"``
    (valid JSON but not ninjs-like -> counted in ``summary.skipped``). ``index`` is the
    1-based record number, ``line`` the 1-based file line where known.
    """

    index: int
    message: str
    line: int | None = None
    kind: Literal["unreadable", "skipped"] = "unreadable"


ReadResult = Article | RecordError


def json_int(digits: str) -> int | str:
    """``parse_int`` for the JSON readers: an integer over Python's 4,300 digit limit stays
    its text (no rule reads it as a number) instead of raising ``ValueError``."""
    return int(digits) if len(digits) <= 4300 else digits


def format_for_path(path: pathlib.Path | str) -> str | None:
    """The format an extension suggests, or ``None`` for a file that is not an article."""
    # A path object is asked directly: building another from it costs ten times more.
    pure = path if isinstance(path, pathlib.PurePath) else pathlib.PurePath(path)
    return _FORMAT_BY_EXTENSION.get(pure.suffix.lower())


def read_article_file(
    path: pathlib.Path, rel: str, *, max_bytes: int = 20_000_000,
    placement: PlacementSettings | None = None, root: pathlib.Path | None = None,
) -> list[ReadResult]:
    """Read one article file (see the module docstring for what comes back); with
    ``root``, ``root/rel`` is opened without following a link out of the root."""
    if rel.endswith("/"):
        raise ArticleError(_unlistable(path))
    fmt = format_for_path(path)
    if fmt is None:
        raise ArticleError(f"{path.suffix or 'no extension'!s} is not an article file extension")
    data = _read_bytes(path, max_bytes, root, rel)
    from provenance.articles.decode import decode_bytes

    decoded = decode_bytes(data)
    text = decoded.text
    if _is_own_report(text, fmt):
        raise NotAnArticle("a report written by provenance")
    # decode_bytes refuses text holding NUL: the HTML reader need not look for it again,
    # and when the bytes are the text's UTF-8 its parser takes them as they are.
    source = _Source(nul_free=True, utf8=data if decoded.exact_utf8 else None,
                     placement=placement or DEFAULT_PLACEMENT)
    return _parse(text, rel, confirm_format(text, fmt), source)


def _unlistable(folder: pathlib.Path) -> str:
    """The INP001 message for a folder the walk could not list (:mod:`provenance.walk`)."""
    try:
        with os.scandir(folder):
            reason = "it could not be listed when the audit walked it"
    except OSError as exc:
        reason = exc.strerror or str(exc)
    return f"cannot read the folder: {reason}; the files in it were not audited"


def _read_bytes(path: pathlib.Path, max_bytes: int, root: pathlib.Path | None = None,
                rel: str = "") -> bytes:
    """The file's bytes; reading one byte past the limit avoids trusting a stale stat().

    With ``root``, the open walks down from it and never follows a link out of it, even
    one swapped in after the walk checked the path (:mod:`provenance.beneath`)."""
    from provenance.beneath import NotRegular, OutsideRoot, open_regular

    try:
        fd = open_regular(path, root, rel)
        try:
            # read(n) allocates n bytes up front: asking for the limit (20 MB) on every
            # file cost more than reading it. The size stat() gives, plus one byte, reads
            # the whole file at once; a file that grew since is then read on up to the limit.
            size = os.fstat(fd).st_size
            data = _read_fd(fd, min(size, max_bytes) + 1)
            if size < len(data) <= max_bytes:
                data += _read_fd(fd, max_bytes + 1 - len(data))
        finally:
            os.close(fd)
    except NotRegular as exc:
        raise ArticleError("cannot read the file: it is a folder" if exc.folder else
                           "not a regular file (a FIFO, socket or device): it was not read") \
            from None
    except OutsideRoot:
        raise ArticleError("the file is a symlink that leads outside the audit root; "
                           "it was not read") from None
    except OSError as exc:
        raise ArticleError(f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ArticleError(f"the file is larger than the {max_bytes:,} byte limit for an article")
    return data


def _read_fd(fd: int, count: int) -> bytes:
    """Up to ``count`` bytes, fewer only at the end of the file: what a buffered file's
    ``read(count)`` returns, without building the file object (a third of the cost of
    reading a small article)."""
    data = os.read(fd, count)
    if len(data) in (0, count):
        return data
    chunks = [data]
    while count := count - len(chunks[-1]):
        chunk = os.read(fd, count)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _is_own_report(text: str, fmt: str) -> bool:
    """The HTML and Markdown reports this tool writes (JSON ones are not ninjs-like)."""
    if fmt == "html":
        return '<meta name="generator" content="provenance">' in text[:2048]
    return fmt == "markdown" and text.startswith("## provenance: ")


def confirm_format(text: str, fmt: str) -> str:
    """Correct the extension's guess where the content clearly says otherwise.

    * a ``.txt``/``.md``/``.json`` file holding an HTML document -> ``html``;
    * a ``.json`` file holding several JSON values one per line -> ``jsonl``;
    * a ``.jsonl`` file holding one JSON document spread over several lines -> ``ninjs``.
    Anything else keeps the extension's format (a reader then reports what is wrong).
    """
    head = text.lstrip()[:512].lower()
    if fmt in ("text", "markdown", "ninjs") and head.startswith(("<!doctype html", "<html")):
        return "html"
    if fmt == "ninjs" and _looks_like_json_lines(text):
        return "jsonl"
    if fmt == "jsonl" and _looks_like_one_json_document(text):
        return "ninjs"
    return fmt


def _looks_like_json_lines(text: str) -> bool:
    """Two or more non-blank lines, each an object on its own: an export saved as .json."""
    objects = 0  # among the first three non-blank lines of the first twenty
    for line in text.split("\n", 20)[:20]:
        if line := line.strip():
            if not (line.startswith("{") and line.endswith("}")):
                return False  # a pretty-printed document: at its first line
            objects += 1
            if objects == 3:
                break
    return objects >= 2


def _looks_like_one_json_document(text: str) -> bool:
    """A pretty-printed document: its first line is a lone opening bracket."""
    first = text.lstrip().split("\n", 1)[0].strip()
    return first in ("{", "[")


def parse_article_text(text: str, rel: str, fmt: str,
                       placement: PlacementSettings | None = None) -> list[ReadResult]:
    """Parse text already decoded, as format ``fmt`` (one of :data:`FORMATS`)."""
    return _parse(text, rel, fmt, _Source(placement=placement or DEFAULT_PLACEMENT))


@dataclass(frozen=True, slots=True)
class _Source:
    """What the file reader knows about decoded text (the HTML reader uses it)."""

    nul_free: bool = False  # the text holds no NUL character
    utf8: bytes | None = None  # the text's exact UTF-8 encoding
    placement: PlacementSettings = DEFAULT_PLACEMENT


def _parse(text: str, rel: str, fmt: str, source: _Source) -> list[ReadResult]:
    results = _dispatch(text, rel, fmt, source)
    for item in results:
        if isinstance(item, Article):
            item.path = rel
    return results


def _dispatch(text: str, rel: str, fmt: str, source: _Source) -> list[ReadResult]:
    if fmt == "text":
        from provenance.articles.text import read_text

        return [read_text(text, rel)]
    if fmt == "markdown":
        from provenance.articles.markdown import read_markdown

        return [read_markdown(text, rel, source.placement)]
    if fmt == "ninjs":
        from provenance.articles.ninjs import read_ninjs

        return list(read_ninjs(text, rel))
    if fmt == "jsonl":
        from provenance.articles.jsonl import read_jsonl

        return list(read_jsonl(text, rel))
    if fmt == "html":
        return [_read_html(text, rel, source)]
    raise ArticleError(f"unknown article format {fmt!r}")


def _read_html(text: str, rel: str, source: _Source) -> Article:
    """Read an HTML page; a site generator's template raises :class:`TemplateFile`."""
    from provenance.articles.liquid import template_reason

    reason = template_reason(text)
    if reason is not None:
        raise TemplateFile(f"not an article: {reason}")
    try:
        from provenance.articles.html import read_html
    except ImportError:
        raise ArticleError("the HTML reader is not available in this build") from None
    try:
        article = read_html(text, rel, nul_free=source.nul_free, utf8=source.utf8)
    except ValueError as exc:  # the HTML reader's "cannot be parsed at all"
        raise ArticleError(str(exc)) from None
    article.path, article.format, article.index = rel, "html", None
    return article


def check_block_sizes(article: Article) -> None:
    """Raise :class:`ArticleError` when a block is longer than :data:`MAX_BLOCK_CHARS`."""
    for block in article.blocks:
        if len(block.text) > MAX_BLOCK_CHARS:
            where = "a paragraph" if block.line is None else f"the paragraph at line {block.line}"
            raise ArticleError(
                f"{where} is {len(block.text):,} characters long, over the "
                f"{MAX_BLOCK_CHARS:,} character limit for one paragraph"
            )
