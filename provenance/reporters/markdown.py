"""A Markdown summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

First the verdict and a totals table, then, per article (or standalone image) with
unsuppressed findings, a list of them — folded into a ``<details>`` block when longer than
``FOLD_AFTER`` items. The totals are only known at the end, so the per-article sections
are spooled to a temporary file and written after the tables. GitHub refuses comments over
65,536 characters, so sections stop at ``max_chars`` with a note of how many were left out.

Article text is hostile input: every string from the report is escaped so it cannot
inject Markdown, HTML or an ``@mention`` that would notify people, nor become a live link:
GitHub autolinks ``https://…`` and ``www.…`` in plain text (GFM "extended autolinks"), so a
word joiner (U+2060, invisible) goes into each ``://`` and ``www.``. Control characters and
bidi overrides are shown as escapes (:func:`provenance.output.safe_text`).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from provenance.output import safe_text
from provenance.report import verdict

FOLD_AFTER = 5
MAX_CHARS = 60_000
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_RULE_ID = re.compile(r"[A-Z]{3}[0-9]{3}")
_WORD_JOINER = "\u2060"
# What GFM's extended autolinks start at: a scheme's "://" and a "www." (cmark-gfm
# extensions/autolink.c); a word joiner inside each leaves the text as it reads.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?i:(?<=www)(?=\.))")


def md(value: str) -> str:
    """Inline Markdown-safe text: one line, controls shown as escapes, HTML-escaped,
    punctuation backslash-escaped, no @mention and no autolink."""
    text = safe_text(" ".join(value.split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK.sub(_WORD_JOINER, text)
    return text.replace("@", "@" + _WORD_JOINER)  # no @mention notifications


def code(rule: str) -> str:
    """A rule ID as inline code; anything that is not an ID (a hand-edited report) as text."""
    return f"`{rule}`" if _RULE_ID.fullmatch(rule) else md(rule)


def _finding_item(f: Mapping[str, Any]) -> str:
    line = f"line {f['line']}" if f["line"] is not None else "no line"
    image = f" (image {md(f['image'])})" if f["image"] else ""
    return f"- **{md(f['severity'])}** {code(f['rule'])} {md(f['name'])}, {line}: " \
           f"{md(f['message'])}{image}\n"


class MarkdownReporter:
    def __init__(self, stream: TextIO, *, max_chars: int = MAX_CHARS) -> None:
        self._out = stream
        self._max = max_chars
        # Lives as long as the reporter; finish() closes it.
        self._spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=1 << 20, mode="w+", encoding="utf-8")
        self._written = 0
        self._omitted = 0
        self._names: dict[str, str] = {}
        self._root = "."

    def start(self, header: Mapping[str, Any]) -> None:
        self._root = header["root"]

    def _section(self, title: str, findings: Sequence[Mapping[str, Any]]) -> None:
        for f in findings:
            self._names.setdefault(f["rule"], f["name"])
        shown = [f for f in findings if f["suppressed"] is None]
        if not shown:
            return
        items = "".join(_finding_item(f) for f in shown)
        if len(shown) > FOLD_AFTER:
            items = f"<details><summary>{len(shown)} findings</summary>\n\n{items}\n</details>\n"
        text = f"\n### {title}\n\n{items}"
        if self._written + len(text) > self._max:
            self._omitted += 1
            return
        self._written += len(text)
        self._spool.write(text)

    def article(self, entry: Mapping[str, Any]) -> None:
        title = md(entry["path"]) + (f" \\#{entry['index']}" if entry["index"] is not None
                                     else "")
        if entry["headline"]:
            title += f" — {md(entry['headline'])}"
        self._section(title, entry["findings"])

    def image(self, entry: Mapping[str, Any]) -> None:
        self._section(f"{md(entry['path'])} (image)", entry["findings"])

    def _totals(self, s: Mapping[str, Any]) -> str:
        c = s["findings"]
        rows = "".join(f"| {code(rule)} {md(self._names.get(rule, ''))} | {n} |\n"
                       for rule, n in s["by_rule"].items())
        by_rule = f"\n| rule | findings |\n|---|---:|\n{rows}" if rows else ""
        return (f"## provenance: {verdict(s)}\n\n"
                f"Root {md(self._root)}: {s['articles']} articles, {s['images']} images, "
                f"{s['skipped']} skipped.\n\n"
                "| error | warning | info | suppressed | baselined | stale baseline |\n"
                "|---:|---:|---:|---:|---:|---:|\n"
                f"| {c['error']} | {c['warning']} | {c['info']} | {s['suppressed']} | "
                f"{s['baselined']} | {s['stale_baseline']} |\n{by_rule}")

    def finish(self, tail: Mapping[str, Any]) -> None:
        self._out.write(self._totals(tail["summary"]))
        if tail["errors"]:
            self._out.write("\n### Internal errors\n\n")
            for e in tail["errors"]:
                self._out.write(f"- {md(e['stage'])} {md(e['path'])}: {md(e['message'])}\n")
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, self._out)
        self._spool.close()
        if self._omitted:
            self._out.write(f"\n…and {self._omitted} more with findings, left out to keep "
                            "this comment short: see the full report.\n")
