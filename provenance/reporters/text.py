"""Terminal output: findings grouped by article, then a summary; coloured only on a TTY.

Articles and images without unsuppressed findings print nothing, like a linter, so the
output of a clean archive is just the summary.

Headlines, paths and messages come from hostile files and this is what a terminal, a CI
log and the pre-commit hook show: every string goes through
:func:`provenance.output.safe_text`, so a line break cannot start a line of its own (a
GitHub runner executes a line starting with ``::`` as a workflow command; a file name that
starts with ``::`` has its first colon shown as ``\\x3a``) and ESC, C1 and bidi controls are
shown as escapes instead of acting on the terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO

import click

from provenance.output import safe_line, safe_text
from provenance.report import summary_counts, verdict

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
_VERDICT_STYLES: dict[str, dict[str, Any]] = {"passed": {"fg": "green"},
                                              "failed": {"fg": "red", "bold": True}}


class TextReporter:
    def __init__(self, stream: TextIO, *, color: bool = False) -> None:
        self._out = stream
        self._color = color

    def _style(self, text: str, **kw: Any) -> str:
        return click.style(text, **kw) if self._color else text

    def start(self, header: Mapping[str, Any]) -> None:
        pass

    def _group(self, title: str, findings: list[Mapping[str, Any]]) -> None:
        shown = [f for f in findings if f["suppressed"] is None]
        if not shown:
            return
        self._out.write(self._style(safe_line(title), bold=True) + "\n")
        for f in shown:
            where = f"{f['line'] or '-'}:{f['column'] or '-'}"
            sev = self._style(f"{f['severity']:<7}", fg=_COLOURS[f["severity"]])
            self._out.write(f"  {where:>7}  {sev}  {safe_text(f['rule'])}  "
                            f"{safe_text(f['message'])}  [{safe_text(f['name'])}]\n")

    def article(self, entry: Mapping[str, Any]) -> None:
        title = entry["path"] + (f" #{entry['index']}" if entry["index"] is not None else "")
        if entry.get("headline"):
            title += f" — {entry['headline']}"
        self._group(title, entry["findings"])

    def image(self, entry: Mapping[str, Any]) -> None:
        self._group(f"{entry['path']} (image)", entry["findings"])

    def finish(self, tail: Mapping[str, Any]) -> None:
        for error in tail["errors"]:
            self._out.write(self._style(f"internal error in {safe_text(error['stage'])} for "
                                        f"{safe_text(error['path'])}: "
                                        f"{safe_text(error['message'])}", fg="red") + "\n")
        s = tail["summary"]
        word = verdict(s)
        style = _VERDICT_STYLES.get(word, {"fg": "yellow"})
        self._out.write(f"\n{summary_counts(s)} — {self._style(word, **style)}\n")
