"""Reading never opens a Python socket; the interop suite also passes with no network at all.

c2pa's native code does not go through Python sockets, so the real proof for it is
``test_every_reader_gets_the_offline_context``; this file covers the Python side and runs
the corpus once inside ``unshare -rn`` (an empty network namespace) where the host allows it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from provenance.images import read_image
from tests.conftest import REPO


def _no_socket(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("a socket was opened while reading images")


@pytest.mark.interop
def test_corpus_reads_with_python_sockets_blocked(corpus_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "socket", _no_socket)
    monkeypatch.setattr(socket, "create_connection", _no_socket)
    monkeypatch.setattr(socket, "getaddrinfo", _no_socket)
    files = sorted(p for folder in ("c2pa", "ai-markers") for p in (corpus_dir / folder).iterdir()
                   if p.suffix != ".tsv")
    statuses = {read_image(p, p.name).status for p in files}
    assert statuses == {"ok"}


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.interop
@pytest.mark.skipif(not _unshare_works(), reason="unshare -rn is not permitted on this host")
def test_interop_suite_passes_without_a_network(corpus_dir: Path) -> None:
    result = subprocess.run(
        ["unshare", "-rn", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/images/test_interop_corpus.py"],
        cwd=REPO, capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout
