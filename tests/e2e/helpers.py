"""Run the CLI in-process and read its JSON report, validated against the shipped schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from provenance.cli import main
from provenance.schema import report_errors

NOW = "2026-03-10T00:00:00+00:00"


def audit_json(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    """``provenance audit ARGS --format json -o FILE``: (exit code, schema-valid report)."""
    out = tmp_path / "report.json"
    code = main(["audit", *args, "--format", "json", "-o", str(out), "--now", NOW,
                 "--no-progress"])
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report_errors(report) == []
    return code, report


def rules_by_article(report: dict[str, Any]) -> list[tuple[str, int | None, str, str | None]]:
    """(path, index, rule, image) of every unsuppressed finding, in report order."""
    return [(a["path"], a["index"], f["rule"], f["image"])
            for a in report["articles"] for f in a["findings"] if f["suppressed"] is None]
