"""Helpers for the scale tests: render a whole audit to JSON text, and worker hooks.

The hooks run inside worker processes (``run_audit_parallel(worker_init=...)``), so they
are module-level functions bound with :func:`functools.partial` — picklable by reference.
They replace the image layer's entry point for chosen files with one that misbehaves the
way native readers do in the wild: hang, abort the process, or allocate without bound.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from provenance.engine import AuditConfig
from provenance.paths import Found
from provenance.report import ReportBuilder, header
from provenance.reporters.json import JsonReporter
from provenance.walk import collect

NOW = datetime(2026, 6, 1, tzinfo=UTC)

Runner = Callable[[Sequence[Found], AuditConfig, ReportBuilder], dict[str, Any]]


def config(root: Path, now: datetime = NOW) -> AuditConfig:
    return AuditConfig.defaults(root.resolve(), now)


def render(root: Path, run: Runner, cfg: AuditConfig | None = None) -> str:
    """The JSON report of auditing everything under ``root`` with ``run``."""
    cfg = cfg or config(root)
    found = collect([cfg.root], cfg.root)
    out = io.StringIO()
    builder = ReportBuilder([JsonReporter(out)])
    builder.start(header(".", None))
    run(found, cfg, builder)
    return out.getvalue()


def misbehave(plan: Mapping[str, str]) -> None:
    """In a worker: make reading the image or article ``rel`` do ``plan[rel]`` (hang,
    abort, bloat; articles only hang)."""
    import provenance.articles as articles
    import provenance.images as images

    real_article = articles.read_article_file

    def read_article_file(path: Path, rel: str, **options: Any) -> Any:
        if plan.get(rel) == "hang":
            time.sleep(3600)
        return real_article(path, rel, **options)

    articles.read_article_file = read_article_file  # type: ignore[assignment]

    real = images.read_image

    def read_image(path: Path, rel: str, **options: Any) -> Any:
        action = plan.get(rel)
        if action == "hang":
            time.sleep(3600)
        elif action == "abort":
            os.abort()  # what a panicking native reader does to its process
        elif action == "bloat":
            blob = bytearray(8 << 30)  # far over any per-worker memory limit
            del blob
        return real(path, rel, **options)

    images.read_image = read_image


def record_pid(folder: str, plan: Mapping[str, str] | None = None) -> None:
    """In a worker: leave a file named after this process id in ``folder`` (and
    :func:`misbehave` as ``plan`` says)."""
    Path(folder, str(os.getpid())).touch()
    if plan:
        misbehave(plan)
