"""Terminal output: findings grouped by article, then a summary; coloured only on request.

Articles and images without unsuppressed findings print nothing, like a linter, so the
output of a clean archive is just the summary. Three switches shape it, as ruff's do:

* ``concise`` — one line per finding, ``path:line:col: CODE message``, for editors'
  problem matchers (``1`` stands in for a line or column the source does not have, as
  ruff and flake8 do for file-level problems);
* ``statistics`` — a table of counts per rule before the summary (``--statistics``);
* ``quiet`` — findings only: no summary line (``--quiet``).

The summary counts image *files*; when articles show the same file several times (or
show remote pictures), the references are counted separately: ``150 images (2,000
references)``. Stale baseline entries are named under it, so the baseline can be pruned.

Headlines, paths and messages come from hostile files and this is what a terminal, a CI
log and the pre-commit hook show: every string goes through
:func:`provenance.output.safe_text`, so a line break cannot start a line of its own (a
GitHub runner executes a line starting with ``::`` as a workflow command; a file name that
starts with ``::`` has its first colon shown as ``\\x3a``) and ESC, C1 and bidi controls are
shown as escapes instead of acting on the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

import click

from provenance.output import safe_line, safe_text
from provenance.report import Tally, counted, verdict

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
_VERDICT_STYLES: dict[str, dict[str, Any]] = {"passed": {"fg": "green"},
                                              "failed": {"fg": "red", "bold": True}}
# Image statuses that name no file on disk (nothing was there, or nothing was read).
_NO_FILE = frozenset({"missing", "remote", "outside-root"})
MAX_STALE_SHOWN = 20


class TextReporter:
    def __init__(self, stream: TextIO, *, color: bool = False, concise: bool = False,
                 statistics: bool = False, quiet: bool = False) -> None:
        self._out = stream
        self._color = color
        self._concise = concise
        self._statistics = statistics
        self._quiet = quiet
        self.images = ImageFiles()
        self._names: dict[str, str] = {}  # rule ID -> name, as the findings carry them

    def _style(self, text: str, **kw: Any) -> str:
        return click.style(text, **kw) if self._color else text

    def start(self, header: Mapping[str, Any]) -> None:
        pass

    def _group(self, path: str, title: str, findings: list[Mapping[str, Any]]) -> None:
        shown = [f for f in findings if f["suppressed"] is None]
        for f in shown:
            self._names.setdefault(f["rule"], f["name"])
        if not shown:
            return
        if self._concise:
            for f in shown:
                self._out.write(f"{safe_text(path)}:{f['line'] or 1}:{f['column'] or 1}: "
                                f"{self._code(f)} {safe_text(f['message'])}\n")
            return
        self._out.write(self._style(safe_line(title), bold=True) + "\n")
        for f in shown:
            sev = self._style(f"{f['severity']:<7}", fg=_COLOURS[f["severity"]])
            self._out.write(f"  {_where(f):>7}  {sev}  {safe_text(f['rule'])}  "
                            f"{safe_text(f['message'])}  [{safe_text(f['name'])}]\n")

    def _code(self, finding: Mapping[str, Any]) -> str:
        return self._style(safe_text(finding["rule"]), fg=_COLOURS[finding["severity"]],
                           bold=True)

    def article(self, entry: Mapping[str, Any]) -> None:
        self.images.article(entry)
        title = entry["path"] + (f" #{entry['index']}" if entry["index"] is not None else "")
        if entry.get("headline"):
            title += f" — {entry['headline']}"
        self._group(entry["path"], title, entry["findings"])

    def image(self, entry: Mapping[str, Any]) -> None:
        self.images.image(entry)
        self._group(entry["path"], f"{entry['path']} (image)", entry["findings"])

    def finish(self, tail: Mapping[str, Any]) -> None:
        for error in tail["errors"]:
            self._out.write(self._style(f"internal error in {safe_text(error['stage'])} for "
                                        f"{safe_text(error['path'])}: "
                                        f"{safe_text(error['message'])}", fg="red") + "\n")
        s = tail["summary"]
        if self._statistics:
            self._write_statistics(s["by_rule"])
        if self._quiet:
            return
        word = verdict(s)
        style = _VERDICT_STYLES.get(word, {"fg": "yellow"})
        self._out.write(f"\n{self.summary_line(s)} — {self._style(word, **style)}\n")
        self._write_stale(tail.get("stale_baseline", []))

    def summary_line(self, s: Mapping[str, Any]) -> str:
        """``3 articles, 2 images (5 references), 0 skipped: 1 error, … (0 suppressed, …)``."""
        counts = s["findings"]
        stale = f", {s['stale_baseline']} stale baseline" if s.get("stale_baseline") else ""
        return (f"{counted(s['articles'], 'article')}, "
                f"{images_text(self.images.count, s['images'])}, "
                f"{s['skipped']} skipped: {counted(counts['error'], 'error')}, "
                f"{counted(counts['warning'], 'warning')}, {counts['info']} info "
                f"({s['suppressed']} suppressed, {s['baselined']} baselined{stale})")

    def _write_statistics(self, by_rule: Mapping[str, int]) -> None:
        """ruff's ``--statistics``: count, rule ID, rule name; most frequent first."""
        rows = sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        if not rows:
            return
        self._out.write("\n")
        width = len(str(rows[0][1]))
        for rule, count in rows:
            name = self._names.get(rule, "")
            self._out.write(f"{count:>{width}}  {safe_text(rule)}  {safe_text(name)}\n")

    def _write_stale(self, stale: list[Mapping[str, Any]]) -> None:
        if not stale:
            return
        noun = "baseline entry" if len(stale) == 1 else "baseline entries"
        self._out.write(f"{len(stale)} {noun} no longer found (remove with "
                        "`provenance baseline prune`):\n")
        for entry in stale[:MAX_STALE_SHOWN]:
            self._out.write(f"  {safe_text(entry['path'])}  {safe_text(entry['rule'])}  "
                            f"{safe_text(entry['fingerprint'][:15])}…\n")
        if len(stale) > MAX_STALE_SHOWN:
            self._out.write(f"  …and {len(stale) - MAX_STALE_SHOWN} more\n")


def _where(finding: Mapping[str, Any]) -> str:
    """``12:5``, ``12`` when only the line is known, ``-`` when neither is."""
    line, column = finding["line"], finding["column"]
    if line is None:
        return "-"
    return f"{line}:{column}" if column is not None else str(line)


class ImageFiles:
    """A reporter that only counts the distinct image files an audit read, with articles
    or on their own (the summary's ``images`` counts references)."""

    def __init__(self) -> None:
        self._paths: set[str] = set()

    @property
    def count(self) -> int:
        return len(self._paths)

    def start(self, header: Mapping[str, Any]) -> None:
        pass

    def article(self, entry: Mapping[str, Any]) -> None:
        self._add((img.get("path"), img.get("status")) for img in entry["images"])

    def article_encoded(self, text: str, tally: Tally) -> None:
        self._add(tally.images)

    def _add(self, images: Iterable[Sequence[Any]]) -> None:
        """The files among (path, status) pairs: not a picture that is no file here."""
        self._paths.update(path for path, status in images if path and status not in _NO_FILE)

    def image(self, entry: Mapping[str, Any]) -> None:
        self._paths.add(entry["path"])

    def finish(self, tail: Mapping[str, Any]) -> None:
        pass


def images_text(files: int, references: int) -> str:
    """``2 images``, or ``2 images (5 references)`` when articles show a file more than
    once, or show pictures that are no file here."""
    text = counted(files, "image")
    return text if files == references else f"{text} ({counted(references, 'reference')})"
