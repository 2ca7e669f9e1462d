"""The pre-commit hook, run by the pre-commit framework from this checkout (``try-repo``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

_BESIDE = Path(sys.executable).with_name("pre-commit")
PRE_COMMIT = str(_BESIDE) if _BESIDE.exists() else shutil.which("pre-commit")


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed "
                    "(pip install -e '.[test]' brings it)")
@pytest.mark.skipif(not (REPO / ".git").exists(), reason="try-repo needs a git checkout")
def test_hook_blocks_a_broken_article(tmp_path: Path) -> None:
    repo = tmp_path / "newsroom"
    (repo / "news").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "news" / "fine.md").write_text(
        "# Pier Lights\n\nFARO (Lusa) - The pier lamps were replaced this week.\n",
        encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def run() -> subprocess.CompletedProcess[str]:
        subprocess.run(["git", "add", "."], cwd=repo, check=True)
        return subprocess.run([str(PRE_COMMIT), "try-repo", str(REPO), "provenance",
                               "--all-files"], cwd=repo, env=env, capture_output=True,
                              text=True, timeout=900)

    passed = run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (repo / "news" / "broken.json").write_text('{"headline": "Ferry', encoding="utf-8")
    failed = run()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "INP001" in failed.stdout
