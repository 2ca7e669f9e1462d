"""Golden files: the bundled examples' report in every format, byte for byte.

A change in any reporter, reader, detector or rule that alters what a user sees shows up
here as a diff to review. After an intended change, regenerate with
``PROVENANCE_UPDATE_GOLDEN=1 pytest tests/reporters/test_golden.py`` and commit the files.
Thumbnail bytes depend on the installed libwebp, so data URIs are compared as placeholders.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from provenance.cli import main
from provenance.reporters import FORMATS
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "golden"
UPDATE = os.environ.get("PROVENANCE_UPDATE_GOLDEN") == "1"
SUFFIX = {"text": "txt", "json": "json", "jsonl": "jsonl", "sarif": "sarif", "junit": "xml",
          "github": "github.txt", "markdown": "md", "html": "html"}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("golden")
    shutil.copytree(REPO / "examples", base / "examples")
    cwd = Path.cwd()
    os.chdir(base)  # reports carry the root relative to the working directory
    try:
        reports = [arg for fmt in FORMATS for arg in ("--report", f"{fmt}=out.{SUFFIX[fmt]}")]
        code = main(["audit", "examples", *reports, "--now", "2026-03-10T00:00:00+00:00",
                     "--no-cache", "--no-progress", "--fail-on", "error"])
        assert code == 1
        return {fmt: _stable((base / f"out.{SUFFIX[fmt]}").read_text(encoding="utf-8"))
                for fmt in FORMATS}
    finally:
        os.chdir(cwd)


def _stable(text: str) -> str:
    return re.sub(r"data:image/webp;base64,[A-Za-z0-9+/=]+", "data:image/webp;base64,…", text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_examples_golden(outputs: dict[str, str], fmt: str) -> None:
    golden = GOLDEN / f"examples.{SUFFIX[fmt]}"
    if UPDATE:
        golden.write_text(outputs[fmt], encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with PROVENANCE_UPDATE_GOLDEN=1"
    assert outputs[fmt] == golden.read_text(encoding="utf-8")
