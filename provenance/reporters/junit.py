"""JUnit XML for CI test dashboards (Jenkins, GitLab, Azure Pipelines, CircleCI...).

Layout: one ``<testsuite name="provenance">``; one ``<testcase>`` per (article, rule) with
findings, ``classname`` = the article's path as the ``github`` and ``sarif`` reporters write
it (the report root joined with the entry's path,
:func:`provenance.reporters.github.workspace_path`; ``path#index`` for a record of a
multi-item file) and ``name`` = ``"RULE name"``. So each case has at most one ``<failure>``:
several findings of one rule in one article are listed in that failure's text.

An unsuppressed error or warning fails its case (``type`` = the worst severity). Info
findings are notes, not faults — no ``--fail-on`` short of ``info`` fails the audit on them —
so a case with only info findings passes and lists them in its ``<system-out>``, and a
dashboard's red count is the findings that can fail the gate. A case whose findings are all
suppressed or baselined is ``<skipped>`` with the reason. An article or image with no
unsuppressed finding gets a passing ``all-rules`` case, so dashboards count every article.
Internal errors (``errors[]``) become ``<error>`` cases.

Testsuite counts come first in the XML but are known only at the end, so cases are
spooled to a temporary file (memory up to 4 MB, then disk) and copied out by ``finish``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from provenance.output import safe_text
from provenance.reporters.github import workspace_path

SUITE = "provenance"
PASSING_CASE = "all-rules"
_ORDER = {"error": 3, "warning": 2, "info": 1}
NOTE = "info"  # the severity that never fails a case
# Characters XML 1.0 forbids even when escaped (NUL, most C0 controls, lone surrogates).
_INVALID_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` escaped for element content: line breaks kept (a failure's text lists one
    finding a line), other controls and bidi overrides shown as escapes
    (:func:`provenance.output.safe_text`: dashboards show this text), and characters XML
    cannot carry replaced."""
    return escape(_INVALID_XML.sub("\ufffd", safe_text(value, keep="\n")))


def xml_attr(value: str) -> str:
    """``value`` as a quoted attribute, on one line: controls, line breaks included, shown
    as escapes."""
    return quoteattr(_INVALID_XML.sub("\ufffd", safe_text(value)))


def _where(finding: Mapping[str, Any]) -> str:
    if finding["line"] is None:
        return "no line"
    return f"line {finding['line']}" + (f":{finding['column']}" if finding["column"] else "")


def _finding_line(finding: Mapping[str, Any]) -> str:
    image = f" [image {finding['image']}]" if finding["image"] else ""
    return safe_text(f"{finding['severity']} {_where(finding)}: {finding['message']}{image} "
                     f"({finding['fingerprint']})")  # one line each, whatever the text holds


class JUnitReporter:
    """Writes one JUnit XML document; cases are spooled until the counts are known."""

    def __init__(self, stream: TextIO) -> None:
        self._out = stream
        # Lives as long as the reporter; finish() closes it.
        self._spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=4 << 20, mode="w+", encoding="utf-8")
        self._counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        self._props: list[tuple[str, str]] = []
        self._root = "."

    def _path(self, path: str) -> str:
        return workspace_path(self._root, path) if path else path

    def start(self, header: Mapping[str, Any]) -> None:
        self._root = header["root"]
        tool = header["tool"]
        self._props = [("root", header["root"]), ("tool", f"{tool['name']} {tool['version']}"),
                       ("schema_version", header["schema_version"])]

    def _case(self, classname: str, name: str, body: str = "") -> None:
        self._counts["tests"] += 1
        head = f'<testcase classname={xml_attr(classname)} name={xml_attr(name)} time="0"'
        self._spool.write(f"    {head}>\n      {body}\n    </testcase>\n" if body
                          else f"    {head}/>\n")

    def _failure(self, findings: Sequence[Mapping[str, Any]]) -> str:
        self._counts["failures"] += 1
        worst = max(findings, key=lambda f: _ORDER[f["severity"]])["severity"]
        first = findings[0]["message"]
        message = first if len(findings) == 1 else f"{len(findings)} findings: {first}"
        text = "\n".join(_finding_line(f) for f in findings)
        return f"<failure type={xml_attr(worst)} message={xml_attr(message)}>" \
               f"{xml_text(text)}</failure>"

    @staticmethod
    def _notes(findings: Sequence[Mapping[str, Any]]) -> str:
        text = "\n".join(_finding_line(f) for f in findings)
        return f"<system-out>{xml_text(text)}</system-out>"

    def _skipped(self, findings: Sequence[Mapping[str, Any]]) -> str:
        self._counts["skipped"] += 1
        reasons = sorted({f"{f['suppressed']['kind']}: {f['suppressed']['reason'] or '-'}"
                          for f in findings})
        return f"<skipped message={xml_attr('suppressed (' + '; '.join(reasons) + ')')}/>"

    def _body(self, group: Sequence[Mapping[str, Any]]) -> str:
        """A case's content: a failure for errors and warnings (info ones of the same rule
        listed with them), else a passing case's notes, else skipped."""
        shown = [f for f in group if f["suppressed"] is None]
        if any(f["severity"] != NOTE for f in shown):
            return self._failure(shown)
        return self._notes(shown) if shown else self._skipped(group)

    def _entry(self, classname: str, findings: Sequence[Mapping[str, Any]]) -> None:
        by_rule: dict[str, list[Mapping[str, Any]]] = {}
        for f in findings:
            by_rule.setdefault(f["rule"], []).append(f)
        for rule in sorted(by_rule):
            group = by_rule[rule]
            self._case(classname, f"{rule} {group[0]['name']}", self._body(group))
        if all(f["suppressed"] is not None for f in findings):
            self._case(classname, PASSING_CASE)

    def article(self, entry: Mapping[str, Any]) -> None:
        index = entry["index"]
        self._entry(self._path(entry["path"]) + (f"#{index}" if index is not None else ""),
                    entry["findings"])

    def image(self, entry: Mapping[str, Any]) -> None:
        self._entry(self._path(entry["path"]), entry["findings"])

    def finish(self, tail: Mapping[str, Any]) -> None:
        for error in tail["errors"]:
            self._counts["errors"] += 1
            self._case(self._path(error["path"]), f"internal error in {error['stage']}",
                       f"<error type={xml_attr(error['stage'])} "
                       f"message={xml_attr(error['message'])}/>")
        counts = " ".join(f'{k}="{v}"' for k, v in self._counts.items())
        props = "".join(f"\n      <property name={xml_attr(k)} value={xml_attr(v)}/>"
                        for k, v in self._props)
        self._out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                        f'<testsuites name="{SUITE}" {counts} time="0">\n'
                        f'  <testsuite name="{SUITE}" {counts} time="0">\n'
                        f"    <properties>{props}\n    </properties>\n")
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, self._out)
        self._spool.close()
        self._out.write("  </testsuite>\n</testsuites>\n")
