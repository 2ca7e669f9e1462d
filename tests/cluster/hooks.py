"""Hooks that run inside the per-file pool of a Dask worker (picklable by reference)."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any


def kill_dask_worker_once(rel: str, marker: str) -> None:
    """In a pool child: reading article ``rel`` kills the Dask worker process above it
    (SIGKILL, as the kernel's OOM killer would) — the first time only (``marker``)."""
    import provenance.articles as articles

    real = articles.read_article_file

    def read_article_file(path: Path, name: str, **options: Any) -> Any:
        if name == rel and not os.path.exists(marker):
            Path(marker).touch()
            os.kill(_dask_worker_pid(), signal.SIGKILL)
        return real(path, name, **options)

    articles.read_article_file = read_article_file  # type: ignore[assignment]


def _dask_worker_pid() -> int:
    """The pool child's parent, or its grandparent when the pool forks from a forkserver
    (a Dask worker runs threads, so the pool does not fork from it directly)."""
    parent = os.getppid()
    cmdline = Path(f"/proc/{parent}/cmdline").read_bytes()
    if b"forkserver" in cmdline:
        stat = Path(f"/proc/{parent}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[1])
    return parent


def resident_token() -> str | None:
    """On a Dask worker: the run whose per-file pool it still keeps (None: none)."""
    from provenance.engine_dask import _RESIDENT

    return _RESIDENT.token
