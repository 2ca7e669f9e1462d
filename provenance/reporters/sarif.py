"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, SonarQube...).

One run; ``tool.driver.rules[]`` lists every registered rule with its summary and its
module docstring as help (https://docs.oasis-open.org/sarif/sarif/v2.1.0/ §3.49). Each
finding is a ``result`` whose ``artifactLocation.uri`` is the article's (or standalone
image's) path joined to the report root — so relative to the directory the audit ran in,
normally the repository checkout, which is what code scanning resolves against — under
``uriBaseId`` ``%SRCROOT%``, percent-encoded as a URI reference must be (§3.10, RFC 3986:
a space, ``#``, ``%``, ``"``, ``<``, a line break or a non-ASCII letter in a file name is
``%20``, ``%23``…, as UTF-8 octets); the fingerprint goes to
``partialFingerprints["provenance/v1"]`` so dashboards track a finding across runs even
when lines shift (§3.27.17). Suppressed findings stay in the log with a ``suppressions[]``
entry: ``inSource`` for an inline disable, ``external`` for the baseline.

Results are written as they stream in; nothing but the rule table is held in memory.
"""

from __future__ import annotations

import inspect
import json
import posixpath
from collections.abc import Mapping
from typing import Any, TextIO
from urllib.parse import quote

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "provenance/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SUPPRESSION_KINDS = {"inline": "inSource", "baseline": "external"}
# RFC 3986 pchar sub-delims and "@" stay as they are; ":" does not, since a colon in the
# first segment of a relative reference would read as a scheme ("c:/x" → scheme "c").
_URI_SAFE = "/!$&'()*+,;=@"


def file_uri(path: str) -> str:
    """A POSIX path as a relative URI reference (RFC 3986 §4.2), percent-encoded."""
    return quote(path, safe=_URI_SAFE, errors="backslashreplace")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def rule_descriptors() -> list[dict[str, Any]]:
    """``reportingDescriptor`` objects for every registered rule, in catalog order."""
    from provenance.validators import RULES

    rules = []
    for rid, rule in RULES.items():
        doc = inspect.cleandoc(rule.__doc__ or "") or rule.SUMMARY
        first = doc.split("\n\n", 1)[0].replace("\n", " ")
        rules.append({
            "id": rid,
            "name": rule.NAME,
            "shortDescription": {"text": rule.SUMMARY},
            "fullDescription": {"text": first},
            "help": {"text": doc},
            "defaultConfiguration": {"level": LEVELS[rule.DEFAULT_SEVERITY.label]},
            "properties": {"tags": [rid[:3].lower()]},
        })
    return rules


def _location(uri: str, line: int | None, column: int | None, **extra: Any) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "uriBaseId": SRCROOT}}
    if line is not None:
        region: dict[str, Any] = {"startLine": line}
        if column is not None:
            region["startColumn"] = column
        physical["region"] = region
    return {"physicalLocation": physical, **extra}


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
        return file_uri(path if self._root in ("", ".") else posixpath.join(self._root, path))

    def start(self, header: Mapping[str, Any]) -> None:
        rules = rule_descriptors()
        self._index = {r["id"]: i for i, r in enumerate(rules)}
        driver = {"name": header["tool"]["name"], "version": header["tool"]["version"],
                  "semanticVersion": header["tool"]["version"], "rules": rules}
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
            "locations": [_location(self._uri(uri), finding["line"], finding["column"])],
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
