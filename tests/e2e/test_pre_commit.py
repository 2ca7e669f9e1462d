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


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed "
                    "(pip install -e '.[test]' brings it)")
@pytest.mark.skipif(not (REPO / ".git").exists(), reason="try-repo needs a git checkout")
def test_hook_catches_an_image_only_swap(tmp_path: Path) -> None:
    """A commit that only replaces a photo with an AI picture: the hook is handed the image
    alone, judges it on the page that shows it, and fails with AID001."""
    from tests.images.builders import DST, exif_bytes, write_jpeg, xmp_packet

    repo = tmp_path / "newsroom"
    (repo / "content" / "posts").mkdir(parents=True)
    (repo / "static" / "images").mkdir(parents=True)
    (repo / "hugo.toml").write_text('baseURL = "https://pier.example.org/"\n', encoding="utf-8")
    (repo / "README.md").write_text("# Pier desk\n\nNo credit line here.\n", encoding="utf-8")
    (repo / "content" / "posts" / "pier.md").write_text(
        "---\ntitle: Pier Lights\n---\n\nBy Ana Reis\n\nFARO (Lusa) - The pier lamps were "
        "replaced this week.\n\n![Lamps](/images/lamps.jpg)\n*New lamps on the pier.*\n",
        encoding="utf-8")
    photo = repo / "static" / "images" / "lamps.jpg"
    write_jpeg(photo, exif=exif_bytes(make="Canon", model="EOS R6", artist="Ana Reis"))
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    ident = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    subprocess.run(["git", *ident, "commit", "-qm", "start"], cwd=repo, check=True)
    write_jpeg(photo, xmp=xmp_packet(
        f'Iptc4xmpExt:DigitalSourceType="{DST}trainedAlgorithmicMedia"'))
    subprocess.run(["git", "add", "static/images/lamps.jpg"], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    done = subprocess.run([str(PRE_COMMIT), "try-repo", str(REPO), "provenance"], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "AID001" in done.stdout and "content/posts/pier.md" in done.stdout
    assert "README.md" not in done.stdout
