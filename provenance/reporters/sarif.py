"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, SonarQube...).

One run. ``tool.driver`` names the project's page (``informationUri``) and
``rules[]`` lists every registered rule with its summary, a ``helpUri`` (the README's rule
table) and its module docstring as ``help`` in plain text and in Markdown, which code
scanning shows beside each alert (https://docs.oasis-open.org/sarif/sarif/v2.1.0/ §3.49).
Each finding is a ``result`` whose ``artifactLocation.uri`` is the article's (or standalone
image's) path joined to the report root, as the ``github`` and ``junit`` reporters write it
(:func:`provenance.reporters.github.workspace_path`) — so relative to the directory the
audit ran in, normally the repository checkout, which is what code scanning resolves
against — under ``uriBaseId`` ``%SRCROOT%``, percent-encoded as a URI reference must be
(§3.10, RFC 3986: a space, ``#``, ``%``, ``"``, ``<``, a line break or a non-ASCII letter in
a file name is ``%20``, ``%23``…, as UTF-8 octets). Every result has a ``region``: its line
(and column) where the finding has one, else line 1, since a finding about the whole file
(a missing attribution, an image's metadata) still needs a place for a viewer to show it
(sarif-multitool's SARIF2017). The fingerprint goes to
``partialFingerprints["provenance/v1"]`` so dashboards track a finding across runs even
when lines shift (§3.27.17). Suppressed findings stay in the log with a ``suppressions[]``
entry: ``inSource`` for an inline disable, ``external`` for the baseline.

Results are written as they stream in; nothing but the rule table is held in memory.
"""

from __future__ import annotations

import inspect
import json
import re
import textwrap
from collections.abc import Iterator, Mapping
from typing import Any, TextIO
from urllib.parse import quote

from provenance.reporters.github import workspace_path

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "provenance/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SUPPRESSION_KINDS = {"inline": "inSource", "baseline": "external"}
# The project's page (driver.informationUri) and the README's rule table there: the anchor is
# the one GitHub gives the "## Rules" heading, and every rule has a row in that table
# (tests/validators/test_registry.py). The rule's own text travels in the log as help.
PROJECT_URL = "https://github.com/provenance-news/provenance"
RULES_URL = f"{PROJECT_URL}#rules"
# RFC 3986 pchar sub-delims and "@" stay as they are; ":" does not, since a colon in the
# first segment of a relative reference would read as a scheme ("c:/x" → scheme "c").
_URI_SAFE = "/!$&'()*+,;=@"


def file_uri(path: str) -> str:
    """A POSIX path as a relative URI reference (RFC 3986 §4.2), percent-encoded."""
    return quote(path, safe=_URI_SAFE, errors="backslashreplace")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _doc_blocks(doc: str) -> Iterator[tuple[str, str]]:
    """A rule docstring as ``("text", paragraph)`` and ``("code", block)`` pieces.

    The docstrings are written in a small part of reStructuredText: paragraphs, literals in
    double backquotes, and a paragraph ending in "::" that introduces an indented literal
    block (the passing and failing examples). Nothing else of reST appears in them.
    """
    code: list[str] = []
    after_colons = False
    for para in re.split(r"\n[ \t]*\n", doc.strip("\n")):
        if after_colons and para.startswith((" ", "\t")):
            code.append(para)
            continue
        if code:
            yield "code", textwrap.dedent("\n\n".join(code)).rstrip()
            code = []
        after_colons = para.rstrip().endswith("::")
        yield "text", para.rstrip()[:-1] if after_colons else para
    if code:
        yield "code", textwrap.dedent("\n\n".join(code)).rstrip()


_LITERAL = re.compile(r"``(.+?)``", re.S)
_LABEL = re.compile(r"^(Why|Options|Passes|Fails|Fix|Fires when)\b([^:\n]*):")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def help_text(doc: str) -> str:
    """A rule's documentation as plain text: literals in single backquotes, examples
    indented four spaces."""
    out = []
    for kind, body in _doc_blocks(doc):
        out.append(textwrap.indent(body, "    ") if kind == "code"
                   else _LITERAL.sub(r"`\1`", body))
    return "\n\n".join(out)


def _md_inline(text: str) -> str:
    parts = _LITERAL.split(text)  # odd indexes are the literals
    return "".join(f"`{p}`" if i % 2 else _MD_SPECIAL.sub(r"\\\1", p)
                   for i, p in enumerate(parts))


def help_markdown(doc: str, title: str = "") -> str:
    """A rule's documentation as Markdown (CommonMark/GFM): ``title`` (``ATR001
    attribution-missing``) in bold where the first line starts with it, labels such as
    "Why:" and "Fix:" in bold, literals as code spans, examples as fenced blocks."""
    out = []
    for i, (kind, body) in enumerate(_doc_blocks(doc)):
        if kind == "code":
            fence = "~~~" if "```" in body else "```"
            out.append(f"{fence}text\n{body}\n{fence}")
            continue
        head = ""
        if i == 0 and title and body.startswith(title):
            head, body = f"**{_md_inline(title)}**", body[len(title):]
        elif label := _LABEL.match(body):
            head, body = f"**{_md_inline(label.group(0))}**", body[label.end():]
        out.append(head + _md_inline(body))
    return "\n\n".join(out)


def rule_descriptors() -> list[dict[str, Any]]:
    """``reportingDescriptor`` objects for every registered rule, in catalog order."""
    from provenance.validators import RULES

    rules = []
    for rid, rule in RULES.items():
        doc = inspect.cleandoc(rule.__doc__ or "") or rule.SUMMARY
        first = _LITERAL.sub(r"\1", doc.split("\n\n", 1)[0].replace("\n", " "))
        rules.append({
            "id": rid,
            "name": rule.NAME,
            "shortDescription": {"text": rule.SUMMARY},
            "fullDescription": {"text": first},
            "helpUri": RULES_URL,
            "help": {"text": help_text(doc),
                     "markdown": help_markdown(doc, f"{rid} {rule.NAME}")},
            "defaultConfiguration": {"level": LEVELS[rule.DEFAULT_SEVERITY.label]},
            "properties": {"tags": [rid[:3].lower()]},
        })
    return rules


def _location(uri: str, line: int | None, column: int | None, **extra: Any) -> dict[str, Any]:
    """A ``location``; ``line`` ``None`` leaves out the region (an image, a binary file)."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "uriBaseId": SRCROOT}}
    if line is not None:
        region: dict[str, Any] = {"startLine": line}
        if column is not None:
            region["startColumn"] = column
        physical["region"] = region
    return {"physicalLocation": physical, **extra}


def _region_line(finding: Mapping[str, Any]) -> int:
    """The finding's line, or 1 for a finding about the whole file (SARIF lines are
    1-based, and a viewer needs some line to open the file at)."""
    line = finding["line"]
    return line if isinstance(line, int) and line >= 1 else 1


def _suppressions(finding: Mapping[str, Any]) -> list[dict[str, Any]]:
    sup = finding["suppressed"]
    if sup is None:
        return []  # present and empty: "considered, not suppressed" (§3.27.23)
    out: dict[str, Any] = {"kind": SUPPRESSION_KINDS[sup["kind"]], "status": "accepted"}
    if sup["reason"]:
        out["justification"] = sup["reason"]
    return [out]


class SarifReporter:
    """Streams one SARIF log with one run."""

    def __init__(self, stream: TextIO) -> None:
        self._out = stream
        self._index: dict[str, int] = {}
        self._first = True
        self._root = "."

    def _uri(self, path: str) -> str:
        return file_uri(workspace_path(self._root, path))

    def start(self, header: Mapping[str, Any]) -> None:
        rules = rule_descriptors()
        self._index = {r["id"]: i for i, r in enumerate(rules)}
        driver = {"name": header["tool"]["name"], "version": header["tool"]["version"],
                  "semanticVersion": header["tool"]["version"], "informationUri": PROJECT_URL,
                  "rules": rules}
        self._root = header["root"]
        base = {SRCROOT: {"description": {"text": "the directory the audit ran in; the "
                                                  f"audit root was {header['root']}"}}}
        self._out.write(f'{{"$schema":{_dumps(SARIF_SCHEMA)},"version":"{SARIF_VERSION}",'
                        f'"runs":[{{"tool":{{"driver":{_dumps(driver)}}},'
                        f'"originalUriBaseIds":{_dumps(base)},'
                        f'"columnKind":"unicodeCodePoints","results":[')

    def _result(self, finding: Mapping[str, Any], uri: str, index: int | None,
                images: Mapping[str, str | None]) -> None:
        result: dict[str, Any] = {
            "ruleId": finding["rule"], "ruleIndex": self._index[finding["rule"]],
            "level": LEVELS[finding["severity"]], "message": {"text": finding["message"]},
            "locations": [_location(self._uri(uri), _region_line(finding),
                                    finding["column"] if finding["line"] else None)],
            "partialFingerprints": {FINGERPRINT_KEY: finding["fingerprint"]},
            "suppressions": _suppressions(finding),
        }
        image_path = images.get(finding["image"] or "")
        if image_path:
            related = _location(self._uri(image_path), None, None, id=1, message={
                "text": f"image {finding['image']}"})
            result["relatedLocations"] = [related]
        props = {k: v for k, v in (("index", index), ("image", finding["image"]))
                 if v is not None}
        if props:
            result["properties"] = props
        self._out.write(("\n" if self._first else ",\n") + _dumps(result))
        self._first = False

    def article(self, entry: Mapping[str, Any]) -> None:
        images = {img["src"]: img["path"] for img in entry["images"]}
        for finding in entry["findings"]:
            self._result(finding, entry["path"], entry["index"], images)

    def image(self, entry: Mapping[str, Any]) -> None:
        for finding in entry["findings"]:
            self._result(finding, entry["path"], None, {})

    def finish(self, tail: Mapping[str, Any]) -> None:
        notes = [{"level": "error", "message": {"text": f"{e['stage']}: {e['message']}"},
                  "locations": [_location(self._uri(e["path"]), None, None)]}
                 for e in tail["errors"]]
        invocation = {"executionSuccessful": not tail["errors"],
                      "toolExecutionNotifications": notes}
        props = {"summary": tail["summary"], "stale_baseline": tail["stale_baseline"]}
        self._out.write(f'\n],"invocations":[{_dumps(invocation)}],'
                        f'"properties":{_dumps(props)}}}]}}\n')
