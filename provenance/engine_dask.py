"""The Dask engine: ``--engine dask [--scheduler tcp://HOST:8786]``.

Same contract as :func:`provenance.parallel.run_audit_parallel` — same entries, same order,
a byte-identical report whatever the engine and the number of workers — with the per-file
work done as tasks on a Dask cluster (``dask.distributed``; ``pip install
provenance[dask]`` on the client and every worker). Without ``--scheduler`` a
``LocalCluster`` of ``--jobs`` single-threaded worker processes is started and stopped.

* **Tasks.** Files go in chunks of :data:`CHUNK` (a web archive's records one by one, each
  a byte range of its file). The configuration is scattered to every worker once and
  travels with each task as a future, so workers need no policy file.
* **Per-file limits inside the worker.** Dask cannot interrupt a task nor kill a stuck one
  (only the whole worker, by its nanny), so each Dask worker keeps a resident pool of
  :mod:`provenance.parallel` — the same per-file timeout, memory limit and blame of a
  hanging image as ``--engine local`` — and a chunk runs through it. A file that hangs or
  exhausts memory costs only that file, the chunk still answers.
* **Order and memory.** At most :data:`WINDOW` chunks per worker are submitted ahead of the
  next one due; results are emitted in path order through a reorder buffer, so memory
  does not grow with the audit. Standalone images follow all articles, as locally.
* **Lost workers.** A worker that dies mid-task is the scheduler's to handle: the chunk is
  run again elsewhere (Dask's ``allowed-failures``), and its result is the same.
* **Progress** comes from the futures: each finished chunk ticks the bar by its files.

Files are read by path on the workers: they must see the audit root at the same path (a
shared file system), as a cluster of a newsroom archive does.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from provenance.audit import emit_outcome, standalone_images
from provenance.engine import AuditConfig
from provenance.paths import Found
from provenance.report import ReportBuilder

CHUNK = 64  # files per task: 16 cost 1.5x more than 64 on 10,000 articles (bench_dask.py)
WINDOW = 4  # chunks in flight per worker beyond the next one due


class DaskUnavailable(Exception):
    """``dask.distributed`` is not installed, or the scheduler cannot be reached."""


def run_audit_dask(found: Sequence[Found], cfg: AuditConfig, builder: ReportBuilder, *,
                   scheduler: str | None = None, workers: int = 0,
                   progress: Callable[[int], None] | None = None, timeout_s: float = 30.0,
                   memory_mb: int | None = 1024, chunk: int = CHUNK,
                   worker_init: Callable[[], None] | None = None) -> dict[str, Any]:
    """Audit the collected files on a Dask cluster; returns the report's tail.

    ``timeout_s``, ``memory_mb`` and ``worker_init`` are those of
    :func:`provenance.parallel.run_audit_parallel`, applied to each file inside the workers.
    """
    with _client(scheduler, workers) as client:
        nworkers = max(1, len(client.scheduler_info().get("workers", {})))
        token = uuid.uuid4().hex
        # A task, not scattered data: the scheduler can compute it again when the worker
        # holding it dies, where scattered data would be lost with the worker and the tasks
        # needing it cancelled ("already forgotten").
        shared = client.submit(_configuration, cfg, key=f"provenance-config-{token}",
                               pure=False)
        run = _Run(client, shared, token, (timeout_s, memory_mb, worker_init),
                   chunk, WINDOW * nworkers, progress)
        referenced: set[str] = set()
        try:
            for payload in run.stream("article", [f for f in found if f.kind == "article"]):
                emit_outcome(builder, payload, referenced)
            for entry, errors in run.stream("image", standalone_images(found, referenced)):
                builder.add_errors(errors)
                builder.add_image(entry)
        finally:  # an existing cluster's workers do not keep this run's pools
            with contextlib.suppress(Exception):
                client.run(release_pool, run.token)
    return builder.finish()


def _configuration(cfg: AuditConfig) -> AuditConfig:
    """The run's configuration as a task result, shared by every chunk of the run."""
    return cfg


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    try:
        import dask

        dist = _distributed()
    except ImportError:
        raise DaskUnavailable("--engine dask needs dask.distributed: pip install "
                              "'provenance[dask]'") from None
    if scheduler is not None:
        try:
            client = dist.Client(scheduler, timeout="5s")
        except (OSError, TimeoutError) as exc:
            raise DaskUnavailable(f"cannot reach the Dask scheduler {scheduler}: {exc}") \
                from None
        with client:
            yield client
        return
    import logging

    from provenance.parallel import default_jobs

    # Worker processes start children (the per-file pool): they must not be daemonic.
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = dist.LocalCluster(n_workers=workers if workers >= 1 else default_jobs(),
                                    threads_per_worker=1, processes=True, host="127.0.0.1",
                                    dashboard_address=None, silence_logs=logging.ERROR)
    with cluster, dist.Client(cluster) as client:
        yield client


def _distributed() -> Any:
    """``dask.distributed``, typed loosely: the package ships no annotations mypy trusts."""
    import importlib

    return importlib.import_module("distributed")


class _Run:
    """Submits one phase's chunks within the window and yields payloads in order."""

    def __init__(self, client: Any, cfg: Any, token: str, limits: tuple[Any, ...],
                 chunk: int, window: int, progress: Callable[[int], None] | None) -> None:
        self.client, self.cfg, self.token, self.limits = client, cfg, token, limits
        self.chunk, self.window, self.progress = chunk, max(2, window), progress

    def stream(self, kind: str, items: Sequence[Found]) -> Iterator[Any]:
        chunks = [list(items[i:i + self.chunk]) for i in range(0, len(items), self.chunk)]
        if not chunks:
            return
        done: dict[int, list[Any]] = {}
        pending = _distributed().as_completed()
        submitted = due = 0
        while due < len(chunks):
            while submitted < len(chunks) and submitted < due + self.window:
                pending.add(self._submit(kind, submitted, chunks[submitted]))
                submitted += 1
            future = next(pending)
            number = int(future.key.rsplit("-", 1)[-1])
            done[number] = future.result()
            future.release()
            if self.progress is not None:
                self.progress(len(chunks[number]))
            while due in done:
                yield from done.pop(due)
                due += 1

    def _submit(self, kind: str, number: int, files: list[Found]) -> Any:
        return self.client.submit(audit_chunk, kind, files, self.cfg, self.token,
                                  *self.limits, key=f"provenance-{kind}-{self.token}-{number}",
                                  pure=False)


# ------------------------------------------------------------------ on the workers


class _Resident:
    """The per-file pool a Dask worker process keeps for one audit run."""

    token: str | None = None
    pool: Any = None
    runner: Any = None


_RESIDENT = _Resident()  # one per worker process: a pool outlives the tasks that feed it


def audit_chunk(kind: str, files: list[Found], cfg: AuditConfig, token: str,
                timeout_s: float, memory_mb: int | None,
                init: Callable[[], None] | None = None) -> list[Any]:
    """A Dask task: audit ``files`` through this worker's resident pool, in order."""
    runner = _runner(cfg, token, timeout_s, memory_mb, init)
    out: list[Any] = []
    runner.run(kind, files, lambda _found, payload: out.append(payload))
    return out


def _runner(cfg: AuditConfig, token: str, timeout_s: float, memory_mb: int | None,
            init: Callable[[], None] | None) -> Any:
    from provenance.parallel import BATCH, PREFETCH, _Pool, _Runner

    if _RESIDENT.token != token:
        if _RESIDENT.pool is not None:
            _RESIDENT.pool.shutdown()
        _allow_children()
        _RESIDENT.pool = _Pool(cfg, 1, timeout_s, memory_mb, init)
        _RESIDENT.runner = _Runner(cfg, _RESIDENT.pool, None, window=2 * BATCH * PREFETCH)
        _RESIDENT.token = token
    return _RESIDENT.runner


def release_pool(token: str) -> None:
    """On a worker: stop the run's resident pool (its child process) once the run is over."""
    if _RESIDENT.token == token and _RESIDENT.pool is not None:
        _RESIDENT.pool.shutdown()
        _RESIDENT.token = _RESIDENT.pool = _RESIDENT.runner = None


def _allow_children() -> None:
    """A worker of a cluster started with daemonic workers (Dask's default) may still start
    the pool: its children die with it anyway (``PR_SET_PDEATHSIG`` in the pool)."""
    import multiprocessing

    process: Any = multiprocessing.current_process()
    if process.daemon:
        process._config["daemon"] = False
