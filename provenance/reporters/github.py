"""GitHub Actions workflow commands: each unsuppressed finding becomes an annotation.

``::error file=PATH,line=N,col=N,title=RULE name::message`` (``warning`` and ``notice`` for
the other severities), as documented in "Workflow commands for GitHub Actions". GitHub
resolves ``file`` against the workspace, so the path is the report root joined with the
entry's path (the root is relative to the working directory the audit ran in;
:func:`workspace_path`, which the SARIF and JUnit reporters share). Data and
property values are escaped exactly as ``@actions/core`` does (``escapeData`` /
``escapeProperty``): ``%``, CR and LF everywhere, and also ``:`` and ``,`` in properties,
so hostile article text can neither end a command early nor start a new one. Before that,
the other controls a log viewer or terminal would act on (ESC/OSC sequences, C1, NEL, the
Unicode line separators, bidi overrides) become visible escapes
(:func:`provenance.output.safe_text`); CR and LF keep their percent escapes, which the
runner turns back into line breaks inside the annotation.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import Any, TextIO

from provenance.output import safe_text
from provenance.report import summary_counts, verdict

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def workspace_path(root: str, path: str) -> str:
    """An entry's path as the CI workspace sees it: the report root (relative to the
    directory the audit ran in) joined with the entry's path. The ``github``, ``sarif`` and
    ``junit`` reporters all name files this way, so an annotation, a code-scanning alert and
    a test case for one finding point at the same file."""
    return path if root in ("", ".") else posixpath.join(root, path)


def escape_data(value: str) -> str:
    return safe_text(value, keep="\r\n").replace("%", "%25").replace("\r", "%0D") \
        .replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: Any) -> str:
    """One workflow command line; properties that are ``None`` are left out."""
    given = [f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None]
    return f"::{name} {','.join(given)}::{escape_data(message)}" if given \
        else f"::{name}::{escape_data(message)}"


class GitHubReporter:
    def __init__(self, stream: TextIO) -> None:
        self._out = stream
        self._root = "."

    def start(self, header: Mapping[str, Any]) -> None:
        self._root = header["root"]

    def _file(self, path: str) -> str:
        return workspace_path(self._root, path)

    def _annotate(self, path: str, index: int | None, findings: Any) -> None:
        for f in findings:
            if f["suppressed"] is not None:
                continue
            message = f["message"] + (f" (record {index})" if index is not None else "")
            self._out.write(command(COMMANDS[f["severity"]], message, file=self._file(path),
                                    line=f["line"], col=f["column"],
                                    title=f"{f['rule']} {f['name']}") + "\n")

    def article(self, entry: Mapping[str, Any]) -> None:
        self._annotate(entry["path"], entry["index"], entry["findings"])

    def image(self, entry: Mapping[str, Any]) -> None:
        self._annotate(entry["path"], None, entry["findings"])

    def finish(self, tail: Mapping[str, Any]) -> None:
        for error in tail["errors"]:
            self._out.write(command("error", error["message"],
                                    file=self._file(error["path"]) if error["path"] else None,
                                    title=f"provenance internal error in {error['stage']}")
                            + "\n")
        s = tail["summary"]
        self._out.write(f"provenance: {summary_counts(s)} — {verdict(s)}\n")
