"""JSON Lines exports (``.jsonl``, ``.ndjson``): one ninjs-like item per line.

Each non-blank line is one record. ``Article.index`` is the record's 1-based number
(blank lines are not records, so it equals the line number only in a file without blank
lines); every block and image of the record carries the record's file line, since the
whole item sits on that line.

One bad record never hides the others: :func:`read_jsonl` returns, in file order, an
:class:`~provenance.model.Article` per good record and a
:class:`~provenance.articles.RecordError` per record that is not one —
``kind="unreadable"`` for malformed JSON or an item that breaks a limit (the engine
reports INP001 for that ``index``/``line``), ``kind="skipped"`` for valid JSON that is not
a ninjs-like object (counted in ``summary.skipped``). An empty file yields ``[]``.
"""

from __future__ import annotations

from provenance.articles import ArticleError, NotAnArticle, ReadResult, RecordError
from provenance.articles.ninjs import item_to_article, load_json


def read_jsonl(text: str, rel: str) -> list[ReadResult]:
    """Read every record of a JSON Lines file (see the module docstring)."""
    results: list[ReadResult] = []
    index = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        index += 1
        results.append(_record(line, rel, index, number))
    return results


def _record(line: str, rel: str, index: int, number: int) -> ReadResult:
    try:
        item = load_json(line)
    except ArticleError as exc:
        # load_json counts lines and columns inside this one line: say which file line.
        return RecordError(index, f"record {index} (line {number}): {exc}", number)
    if not isinstance(item, dict):
        return RecordError(
            index, f"record {index} (line {number}) is a JSON {type(item).__name__}, "
            "not an object", number, "skipped",
        )
    try:
        article = item_to_article(item, rel, "jsonl", index)
    except NotAnArticle as exc:
        return RecordError(index, f"record {index} (line {number}): {exc}", number, "skipped")
    except ArticleError as exc:
        return RecordError(index, f"record {index} (line {number}): {exc}", number)
    for block in article.blocks:
        block.line = number
    for image in article.images:
        image.line = number
    for suppression in article.suppressions:
        suppression.line = number
    return article
