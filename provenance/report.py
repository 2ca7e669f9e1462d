"""Assemble the report as results arrive: baseline matching, summary counts, reporter fan-out.

The engine hands over one ``articles[]``/``images[]`` entry at a time (in the contract's
order); :class:`ReportBuilder` marks baselined findings, counts, and forwards each entry to
every reporter at once, so memory does not grow with the size of the audit. ``finish``
returns the summary and the exit code follows from it (:func:`exit_code`).

This is also the one place where report text is made encodable (:func:`repair`): a lone
surrogate — a ``\\ud800`` escape in a ninjs headline, an undecodable byte in a file name
— cannot be written as UTF-8 by any reporter, so each becomes the visible escape
``\\ud800`` and the entry lists the JSON Pointers of what was repaired under
``repaired``. Every reporter then receives text it can write; the report stays complete.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from provenance import SCHEMA_VERSION, TOOL_NAME, __version__
from provenance.findings import Severity, fail_threshold
from provenance.output import encodable

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class Reporter(Protocol):
    """Receives the report piece by piece, in order; writes wherever it was told."""

    def start(self, header: Mapping[str, Any]) -> None: ...
    def article(self, entry: Mapping[str, Any]) -> None: ...
    def image(self, entry: Mapping[str, Any]) -> None: ...
    def finish(self, tail: Mapping[str, Any]) -> None: ...


class Tally(NamedTuple):
    """What the report needs of an ``articles[]`` entry besides its JSON text: the builder's
    counts and the image files it showed. A cached entry carries one, so it can reach a
    JSON report without being decoded and encoded again (:meth:`ReportBuilder.add_encoded`).
    """

    images: Sequence[Sequence[Any]]  # (path, status) of each image
    findings: Sequence[Sequence[Any]]  # (rule, severity, suppressed kind or None, fingerprint)


def tally_of(entry: Mapping[str, Any]) -> Tally:
    return Tally([(image.get("path"), image.get("status")) for image in entry["images"]],
                 [(f["rule"], f["severity"], f["suppressed"] and f["suppressed"]["kind"],
                   f["fingerprint"]) for f in entry["findings"]])


def tool_info() -> dict[str, str]:
    return {"name": TOOL_NAME, "version": __version__}


def header(root: str, generated_at: str | None) -> dict[str, Any]:
    head: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "tool": tool_info(), "root": root}
    if generated_at is not None:
        head["generated_at"] = generated_at
    return head


REPAIRED = "repaired"


def repair(entry: dict[str, Any]) -> dict[str, Any]:
    """Make every string in ``entry`` encodable (each lone surrogate becomes a visible
    ``\\udXXX`` escape, :func:`provenance.output.encodable`), in place; the JSON Pointers
    of the repaired strings are added to ``entry["repaired"]``. Returns ``entry``."""
    if _all_encodable(entry):
        return entry  # the common case, answered by the C encoders without a walk
    found: list[str] = []
    _repair_in(entry, "", found)
    if found:
        entry[REPAIRED] = sorted({*entry.get(REPAIRED, ()), *found})
    return entry


def _all_encodable(entry: dict[str, Any]) -> bool:
    """Does every string of ``entry`` encode as UTF-8 (no lone surrogate anywhere)?"""
    try:
        text = json.dumps(entry, ensure_ascii=False)
    except (TypeError, ValueError):
        return False  # not plain JSON data: let the walk look at every string
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _repair_in(value: dict[str, Any] | list[Any], pointer: str, found: list[str]) -> None:
    keys: list[Any] = list(value) if isinstance(value, dict) else list(range(len(value)))
    for key in keys:
        item = value[key]
        if isinstance(item, str):
            fixed = encodable(item)
            if fixed is not item:
                value[key] = fixed
                found.append(f"{pointer}/{_pointer_token(key)}")
        elif isinstance(item, dict | list):
            _repair_in(item, f"{pointer}/{_pointer_token(key)}", found)


def _pointer_token(key: str | int) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def repair_quietly(value: Any) -> Any:
    """``value`` with its strings made encodable, nothing recorded: for the header's root
    and the stale baseline entries, which echo the command line and the baseline file."""
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, list):
        return [repair_quietly(v) for v in value]
    if isinstance(value, dict):
        return {k: repair_quietly(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    fingerprint: str
    rule: str
    path: str


@dataclass
class ReportBuilder:
    """Counts and forwards entries; applies the baseline of accepted findings."""

    reporters: Sequence[Reporter]
    fail_on: str = "error"
    baseline: Mapping[str, BaselineEntry] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    seen_baseline: set[str] = field(default_factory=set)
    errors: list[dict[str, Any]] = field(default_factory=list)
    failing: int = 0

    def start(self, head: Mapping[str, Any]) -> None:
        head = repair_quietly(dict(head))
        for reporter in self.reporters:
            reporter.start(head)

    def add_article(self, entry: dict[str, Any], *, checked: bool = False) -> None:
        """Count, judge and forward one ``articles[]`` entry; ``checked``: its strings are
        known to be encodable already, so :func:`repair` is skipped."""
        if not checked:
            repair(entry)
        self.counts["articles"] += 1
        self.counts["images"] += len(entry["images"])
        self._judge(entry["findings"])
        for reporter in self.reporters:
            reporter.article(entry)

    def add_encoded(self, text: str, tally: Tally, *, checked: bool) -> None:
        """One ``articles[]`` entry as the JSON report writes it (``entry_text``).

        Written as it is when nothing would change it on the way — ``checked`` (no lone
        surrogate to repair), no finding in the baseline — and every reporter can take text
        (``article_encoded``: the JSON report and the image count). Otherwise it is
        decoded and goes the usual way."""
        if not checked or not self.takes_text or (
                self.baseline and any(sup is None and fp in self.baseline
                                      for _, _, sup, fp in tally.findings)):
            self.add_article(json.loads(text), checked=checked)
            return
        self.counts["articles"] += 1
        self.counts["images"] += len(tally.images)
        for rule, severity, suppressed, _ in tally.findings:
            self._count(rule, severity, suppressed)
        for reporter in self.reporters:
            reporter.article_encoded(text, tally)  # type: ignore[attr-defined]

    @functools.cached_property
    def takes_text(self) -> bool:
        """Every reporter can take an entry as text (``article_encoded``)."""
        return all(hasattr(reporter, "article_encoded") for reporter in self.reporters)

    def add_image(self, entry: dict[str, Any]) -> None:
        repair(entry)
        self.counts["images"] += 1
        self._judge(entry["findings"])
        for reporter in self.reporters:
            reporter.image(entry)

    def add_skipped(self, count: int = 1) -> None:
        self.counts["skipped"] += count

    def add_errors(self, errors: Iterable[dict[str, Any]]) -> None:
        if errors:  # most files have none: no generator for them
            self.errors.extend(repair(dict(e)) for e in errors)

    def _judge(self, findings: list[dict[str, Any]]) -> None:
        for finding in findings:
            if finding["suppressed"] is None and finding["fingerprint"] in self.baseline:
                self.seen_baseline.add(finding["fingerprint"])
                finding["suppressed"] = {"kind": "baseline", "reason": "accepted in baseline"}
            suppressed = finding["suppressed"]
            self._count(finding["rule"], finding["severity"],
                        suppressed["kind"] if suppressed is not None else None)

    def _count(self, rule: str, severity_name: str, suppressed: str | None) -> None:
        if suppressed is not None:
            self.counts[suppressed] += 1
            return
        severity = Severity.parse(severity_name)
        self.counts[severity.label] += 1
        self.by_rule[rule] += 1
        if self._threshold is not None and severity >= self._threshold:
            self.failing += 1

    @functools.cached_property
    def _threshold(self) -> Severity | None:
        return fail_threshold(self.fail_on)

    def finish(self) -> dict[str, Any]:
        """Send errors, stale baseline entries and the summary; return the summary."""
        stale = [{"fingerprint": e.fingerprint, "rule": e.rule, "path": encodable(e.path)}
                 for fp, e in sorted(self.baseline.items()) if fp not in self.seen_baseline]
        errors = sorted(self.errors, key=lambda e: (e["path"], e["stage"], e["message"]))
        summary = {
            "articles": self.counts["articles"], "images": self.counts["images"],
            "skipped": self.counts["skipped"],
            "findings": {s: self.counts[s] for s in ("error", "warning", "info")},
            "by_rule": dict(sorted(self.by_rule.items())),
            "suppressed": self.counts["inline"], "baselined": self.counts["baseline"],
            "stale_baseline": len(stale), "passed": self.failing == 0,
        }
        tail = {"errors": errors, "stale_baseline": stale, "summary": summary}
        for reporter in self.reporters:
            reporter.finish(tail)
        return tail


def verdict(summary: Mapping[str, Any]) -> str:
    """``failed``, ``passed``, or, for a run set never to fail that has errors in it,
    ``not blocked, but errors to fix``.

    Errors fail every gate but ``--fail-on never``, so "passed" there would tell an editor
    reading the report the opposite of what it holds.
    """
    if not summary["passed"]:
        return "failed"
    return "not blocked, but errors to fix" if summary["findings"]["error"] else "passed"


def counted(n: int, noun: str) -> str:
    """``1 error``, ``2 errors``, ``3 info`` (info has no plural)."""
    return f"{n} {noun}" if n == 1 or noun == "info" else f"{n} {noun}s"


def summary_counts(summary: Mapping[str, Any]) -> str:
    """``3 articles, 2 images, 0 skipped: 1 error, 2 warnings, 1 info (0 suppressed, …)``."""
    counts = summary["findings"]
    return (f"{counted(summary['articles'], 'article')}, {counted(summary['images'], 'image')}, "
            f"{summary['skipped']} skipped: {counted(counts['error'], 'error')}, "
            f"{counted(counts['warning'], 'warning')}, {counts['info']} info "
            f"({summary['suppressed']} suppressed, {summary['baselined']} baselined)")


def exit_code(tail: Mapping[str, Any]) -> int:
    """3 if anything crashed, else 1 if findings at/above fail-on remain, else 0."""
    if tail["errors"]:
        return EXIT_INTERNAL
    return EXIT_OK if tail["summary"]["passed"] else EXIT_FINDINGS
