"""The run's verdict as every human-facing output words it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from provenance.cli import main
from provenance.report import counted, verdict
from tests.conftest import REPO


def _summary(passed: bool, error: int, warning: int = 0) -> dict[str, Any]:
    return {"passed": passed, "findings": {"error": error, "warning": warning, "info": 0}}


@pytest.mark.parametrize(("summary", "word"), [
    (_summary(True, 0), "passed"),
    (_summary(True, 0, warning=3), "passed"),  # warnings under the default gate
    (_summary(False, 1), "failed"),
    (_summary(False, 0, warning=2), "failed"),  # --fail-on warning
    (_summary(True, 2), "not blocked, but errors to fix"),  # only --fail-on never lets errors pass
])
def test_verdict(summary: dict[str, Any], word: str) -> None:
    assert verdict(summary) == word


def test_counted() -> None:
    assert [counted(1, "error"), counted(0, "error"), counted(2, "warning"),
            counted(5, "info")] == ["1 error", "0 errors", "2 warnings", "5 info"]


def test_examples_with_fail_on_never_are_not_called_passed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    html = tmp_path / "r.html"
    assert main(["audit", "examples", "-o", str(tmp_path / "r.json"), "--report",
                 f"html={html}", "--fail-on", "never", "--no-progress", "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "1 error, " in err and " — not blocked, but errors to fix; wrote " in err
    assert ('<h2 class="warning">Not blocked, but not clean: 1 entry with errors to fix and '
            '4 entries with warnings to check (this run was set never to fail)</h2>'
            ) in html.read_text("utf-8")
