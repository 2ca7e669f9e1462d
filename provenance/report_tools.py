"""Work with saved JSON reports: load and check them, re-render them, diff two runs.

``provenance report render|diff|validate`` (:mod:`provenance.cli_report`) are thin shells
over these functions. A saved report is replayed through any reporter exactly as the audit
streamed it (``start`` → ``article``… → ``image``… → ``finish``), so every format can be
produced later from the JSON without re-running the audit. The diff matches findings by
fingerprint — never by line — as the baseline does, so edits that shift lines are not
reported as new findings.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

from provenance.output import safe_text
from provenance.report import Reporter, repair, repair_quietly
from provenance.schema import report_errors

HEADER_KEYS = ("schema_version", "tool", "root", "generated_at")
TAIL_KEYS = ("errors", "stale_baseline", "summary")


class ReportError(Exception):
    """A report file that cannot be read, is not JSON, or does not match the schema."""


def load_report(path: Path) -> dict[str, Any]:
    """The parsed JSON document at ``path`` (not yet checked against the schema)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read: {exc}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}: not JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise ReportError(f"{path}: not a provenance report (top level is not an object)")
    return doc


def load_valid_report(path: Path) -> dict[str, Any]:
    """Like :func:`load_report`, and the document must validate against the shipped schema."""
    doc = load_report(path)
    errors = report_errors(doc)
    if errors:
        raise ReportError(f"{path}: not a valid provenance report: {errors[0]}")
    return doc


def replay(report: Mapping[str, Any], reporter: Reporter) -> None:
    """Feed a complete report to ``reporter`` in the order an audit streams it.

    Text goes through the same repair as during the audit (:func:`provenance.report.repair`):
    a saved report may hold ``\\ud800`` escapes that JSON allows and UTF-8 cannot encode.
    """
    reporter.start(repair_quietly({k: report[k] for k in HEADER_KEYS if k in report}))
    for entry in report["articles"]:
        reporter.article(repair(copy.deepcopy(entry)))
    for entry in report["images"]:
        reporter.image(repair(copy.deepcopy(entry)))
    tail = {k: report[k] for k in TAIL_KEYS}
    tail["errors"] = [repair(dict(e)) for e in tail["errors"]]
    reporter.finish(repair_quietly(tail))


def render(report: Mapping[str, Any], fmt: str, out: TextIO, root: Path | None = None) -> None:
    """Write ``report`` in format ``fmt`` to ``out`` (``root``: where HTML reads images)."""
    from provenance.reporters import make_reporter

    replay(report, make_reporter(fmt, out, root=root))


@dataclass(frozen=True, slots=True)
class FindingRef:
    """One unsuppressed finding and where it is, as the diff lists it."""

    fingerprint: str
    rule: str
    name: str
    severity: str
    path: str
    index: int | None
    image: str | None
    line: int | None
    message: str

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.index or 0, self.line or 0, self.rule, self.fingerprint)


@dataclass(frozen=True, slots=True)
class ReportDiff:
    new: list[FindingRef]
    fixed: list[FindingRef]
    unchanged: list[FindingRef]

    def to_dict(self) -> dict[str, Any]:
        return {"new": [asdict(f) for f in self.new], "fixed": [asdict(f) for f in self.fixed],
                "unchanged": [asdict(f) for f in self.unchanged],
                "summary": {"new": len(self.new), "fixed": len(self.fixed),
                            "unchanged": len(self.unchanged)}}


def live_findings(report: Mapping[str, Any]) -> dict[str, FindingRef]:
    """Unsuppressed findings by fingerprint: suppressed and baselined ones are accepted."""
    found: dict[str, FindingRef] = {}
    entries = [*report["articles"], *report["images"]]
    for entry in entries:
        for f in entry["findings"]:
            if f["suppressed"] is None:
                found[f["fingerprint"]] = FindingRef(
                    f["fingerprint"], f["rule"], f["name"], f["severity"], entry["path"],
                    entry.get("index"), f["image"], f["line"], f["message"])
    return found


def diff_reports(old: Mapping[str, Any], new: Mapping[str, Any]) -> ReportDiff:
    """New, fixed and unchanged findings between two reports, matched by fingerprint."""
    before, after = live_findings(old), live_findings(new)

    def pick(source: dict[str, FindingRef], keys: set[str]) -> list[FindingRef]:
        return sorted((source[k] for k in keys), key=FindingRef.sort_key)

    return ReportDiff(new=pick(after, after.keys() - before.keys()),
                      fixed=pick(before, before.keys() - after.keys()),
                      unchanged=pick(after, after.keys() & before.keys()))


def _ref_line(mark: str, f: FindingRef) -> str:
    """One finding on one terminal line (hostile paths and messages shown as escapes)."""
    where = f.path + (f" #{f.index}" if f.index is not None else "") + \
        (f":{f.line}" if f.line is not None else "")
    return safe_text(f"  {mark} {f.rule} {f.severity:<7} {where}  {f.message}") + "\n"


def write_diff_text(diff: ReportDiff, out: TextIO) -> None:
    """The diff for a terminal: new findings, then fixed ones, then the counts."""
    for title, mark, refs in (("new", "+", diff.new), ("fixed", "-", diff.fixed)):
        if refs:
            out.write(f"{title}:\n")
            out.writelines(_ref_line(mark, f) for f in refs)
    out.write(f"{len(diff.new)} new, {len(diff.fixed)} fixed, "
              f"{len(diff.unchanged)} unchanged\n")
