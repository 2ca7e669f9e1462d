"""Baselines: the accepted findings of a legacy archive, matched by fingerprint.

As in detect-secrets, a baseline lets a newsroom adopt the tool on an archive with known
problems and gate only on *new* findings. Entries are matched by fingerprint, which ignores
line numbers, so edits that shift lines do not resurrect accepted findings. Entries no
longer found are listed as ``stale_baseline`` so the file can be pruned: ``provenance
baseline prune`` removes them, ``provenance baseline update`` also accepts the new findings
(:func:`revise`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance import SCHEMA_VERSION
from provenance.output import atomic_write
from provenance.report import BaselineEntry, tool_info

BASELINE_KIND = "provenance-baseline"


class BaselineError(Exception):
    """The baseline file cannot be used (exit 2)."""


class BaselineCollector:
    """A reporter that keeps every unsuppressed finding's identity."""

    def __init__(self) -> None:
        self.entries: dict[str, BaselineEntry] = {}

    def start(self, header: Mapping[str, Any]) -> None:
        pass

    def _add(self, path: str, findings: list[Mapping[str, Any]]) -> None:
        for f in findings:
            if f["suppressed"] is None:
                self.entries[f["fingerprint"]] = BaselineEntry(f["fingerprint"], f["rule"], path)

    def article(self, entry: Mapping[str, Any]) -> None:
        self._add(entry["path"], entry["findings"])

    def image(self, entry: Mapping[str, Any]) -> None:
        self._add(entry["path"], entry["findings"])

    def finish(self, tail: Mapping[str, Any]) -> None:
        pass


def write_baseline(path: Path, entries: Mapping[str, BaselineEntry]) -> None:
    doc = {"kind": BASELINE_KIND, "schema_version": SCHEMA_VERSION, "tool": tool_info(),
           "findings": [{"fingerprint": e.fingerprint, "rule": e.rule, "path": e.path}
                        for _, e in sorted(entries.items(), key=lambda kv: (kv[1].path,
                                                                            kv[1].rule, kv[0]))]}
    with atomic_write(path) as out:
        json.dump(doc, out, indent=2, ensure_ascii=False)
        out.write("\n")


def load_baseline(path: Path) -> dict[str, BaselineEntry]:
    """Fingerprint → entry; ``BaselineError`` names what is wrong with the file."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"baseline {path}: cannot read: {exc}") from None
    if not isinstance(doc, dict) or doc.get("kind") != BASELINE_KIND or \
            not isinstance(doc.get("findings"), list):
        raise BaselineError(f"baseline {path}: not a provenance baseline file")
    try:
        return {f["fingerprint"]: BaselineEntry(f["fingerprint"], f["rule"], f["path"])
                for f in doc["findings"]}
    except (KeyError, TypeError) as exc:
        raise BaselineError(f"baseline {path}: malformed entry ({exc})") from None


@dataclass(frozen=True)
class BaselineChange:
    """A baseline after ``update`` or ``prune``, and what changed (entry counts)."""

    entries: dict[str, BaselineEntry]
    added: int
    removed: int
    kept: int


def revise(accepted: Mapping[str, BaselineEntry], current: Mapping[str, BaselineEntry],
           audited: Callable[[BaselineEntry], bool], *, add_new: bool) -> BaselineChange:
    """The baseline ``accepted`` revised by an audit that found ``current``.

    Entries the audit could have found (``audited(entry)``: its file was audited and its
    rule ran) but did not are removed; other entries are kept as they are, so pruning
    with a narrower PATH or ``--select`` never drops what it did not look at. With
    ``add_new`` (``baseline update``), findings not yet accepted are added.
    """
    entries = {fp: e for fp, e in accepted.items() if fp in current or not audited(e)}
    removed = len(accepted) - len(entries)
    added = 0
    if add_new:
        for fp, entry in current.items():
            if fp not in entries:
                entries[fp] = entry
                added += 1
    return BaselineChange(entries, added, removed, len(entries) - added)
