"""Parallel audit: a supervised pool of worker processes, fed files in small batches.

:func:`run_audit_parallel` has the contract of :func:`provenance.audit.run_audit` — same
entries, same order, byte-identical reports whatever ``jobs`` — and adds what an archive
audit needs:

* **Killable workers.** Native readers (c2pa-rs, Pillow's decoders) cannot be interrupted
  inside a process, so every file is read in a worker process, even with ``jobs=1``. A
  worker that exceeds the per-file timeout is killed and replaced; one that dies (a crash
  in native code, an allocation failure under its ``RLIMIT_AS`` memory limit) is replaced
  too. The file becomes a finding: INP001 for an article, IMG002 for an image.
* **Blame where it belongs.** Workers announce each image they start reading. When an
  article's worker hangs or dies inside an image, that image is marked unreadable for the
  rest of the run and the article is audited again: the article keeps its own findings and
  the image gets IMG002, instead of one bad picture turning every article that shows it
  into a 30-second INP001.
* **Order.** Results go through a reorder buffer keyed by the collected order, and no task
  is handed out more than a bounded window ahead of the next entry due, so memory does not
  grow with the audit. Standalone images follow all articles: which images are standalone
  depends on what the articles referenced.
* **Batches.** Files go to a worker :data:`BATCH` at a time and come back in one answer, so
  the two processes wake each other once per batch, not per file. The worker shares the
  sequence number and start time of the file it is on, so the timeout and the blame above
  stay per file; when a worker fails, the other files of its batches are handed out again.
* **Incremental runs.** With a :class:`~provenance.cache.Cache`, unchanged files are served
  from it without starting a worker; only this (parent) process writes to it.
* **Ctrl-C.** Workers ignore SIGINT; the parent kills them all and re-raises, so no summary
  is produced and the CLI's atomic writers leave no partial report.
* **Every read, not only the audit's.** :func:`run_isolated` runs the same pool for the
  other readers of users' files — ``extract``, ``inspect``, and the articles
  ``--changed-since`` or a named image bring in — with the same limits and the same
  outcome for a hostile file. :class:`Isolated` runs single calls (the HTML report's
  thumbnails) in a helper worker under the same timeout and memory limit.

How workers start: on Linux, by ``fork`` from this process while it has a single thread —
a fork costs a few milliseconds and the worker inherits the readers this process imported
once for all workers, where a fresh interpreter costs ~0.3 s before its first file. Elsewhere,
or if a thread is running, ``forkserver`` (or ``spawn``) is used. Nothing relies on state
inherited by fork: arguments are the same picklable values either way, so the code runs on
Linux, macOS and Windows alike.
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from provenance.articles import FORMATS, format_for_path
from provenance.audit import emit_outcome, standalone_images
from provenance.cache import PREFETCH_ROWS, Cache, Dep, file_dep, signature_of
from provenance.engine import (
    AuditConfig,
    FileOutcome,
    ImageCache,
    audit_article_file,
    audit_image_file,
    extract_article_file,
    judge_standalone,
    judge_unreadable,
)
from provenance.images.model import ImageEvidence
from provenance.paths import Found, unique
from provenance.report import ReportBuilder
from provenance.validators.base import ResolvedImage

if TYPE_CHECKING:  # multiprocessing loads when the first worker starts: a cached run has none
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

# Readers each phase needs, imported before its first file so that file's clock does not
# include imports: by this process before forking (once for all workers), or by each worker
# under forkserver/spawn. c2pa and Pillow are not here: they load on the first file that
# needs them (a C2PA store, a HEIF container). A failure is left for that file's reader.
ARTICLE_MODULES = ("provenance.articles.text", "provenance.articles.markdown",
                   "provenance.articles.ninjs", "provenance.articles.jsonl",
                   "provenance.articles.html", "provenance.articles.detect")
IMAGE_MODULES = ("provenance.images.read",)


def article_modules(items: Sequence[Found]) -> tuple[str, ...]:
    """The modules a worker needs for these article files: the readers of the formats
    present (an archive's records are HTML pages) and the detectors.

    Imported once before the workers fork (:func:`_warm_up`); a Markdown reader and its
    plugins imported for a folder of HTML pages were a fifth of a small run's start-up.
    The image reader is not among them: pages whose pictures are remote never need it,
    and where they are local each worker imports it at its first picture, in parallel
    (the images phase warms it up, :data:`IMAGE_MODULES`).
    """
    suffixes = {os.path.splitext(found.rel)[1].lower() for found in items}
    formats = {format_for_path("file" + suffix) or "html" for suffix in suffixes}
    readers = [m for m in ARTICLE_MODULES if m.rpartition(".")[2] in formats]
    return (*readers, *(m for m in ARTICLE_MODULES if m.rpartition(".")[2] not in FORMATS))


IMAGE_MEMO = 4096  # distinct images a worker remembers before starting afresh
PATH_BYTES = 4096  # room for the path of the image being read (PATH_MAX on Linux)
BATCH = 8  # files handed over in one message, answered in one: fewer wake-ups per file
PREFETCH = 4  # batches a worker holds at once: it never waits for the parent
FILE_TIMEOUT_S = 30.0  # what one file may take in a worker (run_isolated's default)
MAX_RETRIES = 3  # re-audits of one article after blaming a hanging image
_START_FAILURES = 3  # workers dying before they are ready: the pool cannot work at all

ImageResult = tuple[dict[str, Any], list[dict[str, Any]]]
# What a task gives back: an audited article (or one read for ``extract``), an audited
# image, or the images an article shows (``references``, for --changed-since).
Payload = FileOutcome | ImageResult | list[str]
KINDS = ("article", "image", "extract", "references")


def start_method() -> str:
    """``fork`` on Linux while this process has one thread; else forkserver or spawn."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def default_jobs() -> int:
    """The CPUs this process may run on (the ``--jobs`` default)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# ------------------------------------------------------------ placeholder entries


def unreadable_article(found: Found, cfg: AuditConfig, message: str) -> FileOutcome:
    """The outcome of an article file that could not be read at all (INP001 ``message``)."""
    outcome = FileOutcome()
    outcome.articles.append(judge_unreadable(found, cfg, None, message, None, outcome.errors))
    return outcome


def unreadable_evidence(rel: str, message: str) -> ImageEvidence:
    """Evidence for an image whose reading failed outside the image layer (IMG002)."""
    return ImageEvidence(path=rel, status="unreadable", problem=message)


def unreadable_image(found: Found, cfg: AuditConfig, message: str) -> ImageResult:
    """The ``images[]`` entry of a standalone image that could not be read (IMG002)."""
    evidence = unreadable_evidence(found.rel, message)
    return judge_standalone(ResolvedImage(None, found.rel, evidence.status, None, evidence), cfg)


# --------------------------------------------------------------------- the worker


# What crosses the pipe, once per file each way: named tuples, because a slotted
# dataclass pickles through a generated __getstate__ that costs ~10 us a file per side.
class _Task(NamedTuple):
    seq: int
    kind: str  # one of KINDS
    found: Found
    want_deps: bool  # compute cache dependency records


class _Batch(NamedTuple):
    tasks: list[_Task]
    poisoned: tuple[tuple[str, str], ...]  # (rel, why) images not to read again


class _Result(NamedTuple):
    payload: Payload
    deps: list[Dep]
    cacheable: bool


class _WatchedImages(ImageCache):
    """The engine's image cache as a worker uses it: bounded, and announcing each read.

    Reads go through an inner :class:`ImageCache` that is dropped every
    :data:`IMAGE_MEMO` distinct images, so a worker auditing millions of files keeps a
    flat memory profile while shared images are still read once in a while, not per use.
    The image being read is written to ``current``, memory shared with the supervisor:
    no message, no wake-up, yet readable after the worker hung or died.
    """

    def __init__(self, cfg: AuditConfig, current: Any, memory_mb: int | None) -> None:
        super().__init__(cfg)
        self.cfg, self.current, self.memory_mb = cfg, current, memory_mb
        self.poisoned: dict[str, str] = {}
        self.degraded = False  # a result that used a blamed image is not cached
        self._inner = ImageCache(cfg)
        self._known: set[str] = set()

    def read(self, path: Path, rel: str) -> ImageEvidence:
        reason = self.poisoned.get(rel)
        if reason is not None:
            self.degraded = True
            return unreadable_evidence(rel, reason)
        if rel in self._known:
            return self._inner.read(path, rel)
        if len(self._known) >= IMAGE_MEMO:
            self._inner, self._known = ImageCache(self.cfg), set()
        # to blame if it hangs; surrogatepass: a non-UTF-8 file name comes back the same
        self.current.value = rel.encode("utf-8", "surrogatepass")[:PATH_BYTES - 1]
        try:
            evidence = self._inner.read(path, rel)
        except MemoryError:
            self.degraded = True
            return unreadable_evidence(rel, _memory_message(self.memory_mb))
        finally:
            self.current.value = b""
        self._known.add(rel)
        return evidence


def _memory_message(memory_mb: int | None) -> str:
    limit = f"the {memory_mb} MB memory limit" if memory_mb else "the available memory"
    return f"reading needs more than {limit}"


def _worker_main(conn: Connection, current: Any, clock: Any, cfg: AuditConfig,
                 memory_mb: int | None, init: Callable[[], None] | None,
                 modules: Sequence[str]) -> None:
    """A worker's life: limits, warm-up, then batches of files until told to stop.

    ``clock`` (shared with the supervisor) holds the sequence number of the file being
    audited and when it started, so the per-file timeout holds inside a batch.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    _die_with_parent()
    if memory_mb:
        _limit_memory(memory_mb)
    if init is not None:
        init()
    _warm_up(modules)
    gc.freeze()  # what the worker imported lives as long as it does: never collected
    images = _WatchedImages(cfg, current, memory_mb)
    hasher = _Hasher(cfg.root)
    conn.send(("ready",))
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if batch is None:
            return
        images.poisoned = dict(batch.poisoned)
        results = []
        for task in batch.tasks:
            clock[1] = time.monotonic()  # the start first: a torn read only delays a timeout
            clock[0] = task.seq
            results.append((task.seq, _run_task(task, cfg, images, hasher)))
        # The last file's clock runs on while its hashes finish: a hash that hangs (a
        # stalled network mount) is that file's timeout, as when it was hashed inline.
        results = [(seq, result._replace(deps=hasher.settle(result.deps)))
                   for seq, result in results]
        clock[0] = -1
        conn.send(("done", results))


class _Hasher:
    """The cache's dependency records, hashed on a thread beside the audit.

    Hashing every image a cold run shows (SHA-256, ~1 GB/s) cost as much as auditing
    it; hashlib lets go of the GIL over large buffers, so on a thread it runs on a core
    the worker's Python would otherwise leave idle (``--jobs 1`` on two CPUs), while the
    worker reads the next file. Shared images are hashed once per worker.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._memo: dict[str, Any] = {}  # rel -> Future[Dep]
        self._pool: Any = None

    def record(self, rel: str, signature: tuple[int, int, int] | None = None,
               *, shared: bool = True) -> Any:
        """A future of ``rel``'s record; ``shared`` ones are remembered (images)."""
        future = self._memo.get(rel) if shared else None
        if future is None:
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor

                self._pool = ThreadPoolExecutor(1, thread_name_prefix="provenance-hash")
            future = self._pool.submit(file_dep, self.root, rel, signature)
            if shared:
                if len(self._memo) >= IMAGE_MEMO:
                    self._memo.clear()
                self._memo[rel] = future
        return future

    @staticmethod
    def settle(records: Sequence[Any]) -> list[Dep]:
        return [r.result() if hasattr(r, "result") else r for r in records]


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker if the parent dies (even by SIGKILL)."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _limit_memory(memory_mb: int) -> None:
    import resource

    with contextlib.suppress(ValueError, OSError, AttributeError):
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _warm_up(modules: Sequence[str]) -> None:
    """Import the readers now, so the first file's clock does not include imports."""
    import importlib

    for name in modules:
        with contextlib.suppress(Exception):  # the engine reports a broken reader per file
            importlib.import_module(name)


def _run_task(task: _Task, cfg: AuditConfig, images: _WatchedImages,
              hasher: _Hasher) -> _Result:
    found = task.found
    images.degraded = False
    before = signature_of(found.path) if task.want_deps else None
    payload: Payload
    try:
        payload = _perform(task.kind, found, cfg, images)
    except MemoryError:
        payload = _placeholder(task.kind, found, cfg, _memory_message(images.memory_mb))
        return _Result(payload, [], False)
    except Exception as exc:  # an engine bug: keep the file in the report, exit 3
        payload = _placeholder(task.kind, found, cfg, f"internal error ({type(exc).__name__})")
        _errors_of(payload).append({"stage": "audit", "path": found.rel,
                                    "message": f"{type(exc).__name__}: {exc}"})
        return _Result(payload, [], False)
    deps = _deps(task, payload, before, hasher) if task.want_deps else []
    return _Result(payload, deps, not images.degraded)


def _perform(kind: str, found: Found, cfg: AuditConfig, images: _WatchedImages) -> Payload:
    if kind == "article":
        return audit_article_file(found, cfg, images)
    if kind == "image":
        return audit_image_file(found, cfg, images)
    if kind == "extract":
        return extract_article_file(found, cfg, images)
    from provenance.changes import references  # only --changed-since needs it

    return references(found, cfg)


def _deps(task: _Task, payload: Payload, before: tuple[int, int, int] | None,
          hasher: _Hasher) -> list[Any]:
    """The file's own record (stat taken before reading) and each referenced image's,
    as futures of :class:`_Hasher` (settled before the batch's answer is sent)."""
    own: Any = (hasher.record(task.found.rel, before, shared=False) if before is not None
                else (task.found.rel, None, None, None, None))
    records = [own]
    referenced = payload.referenced if isinstance(payload, FileOutcome) else []
    for rel in unique(referenced):
        if rel != task.found.rel:
            records.append(hasher.record(rel))
    return records


def _placeholder(kind: str, found: Found, cfg: AuditConfig, message: str) -> Payload:
    if kind == "article":
        return unreadable_article(found, cfg, message)
    if kind == "extract":
        return FileOutcome(unreadable=[{"path": found.rel, "index": None, "message": message}])
    if kind == "references":
        return []  # an article that cannot be read shows no image
    return unreadable_image(found, cfg, message)


def _errors_of(payload: Payload) -> list[dict[str, Any]]:
    if isinstance(payload, FileOutcome):
        return payload.errors
    return payload[1] if isinstance(payload, tuple) else []


# ----------------------------------------------------------------- the supervisor


@dataclass(eq=False)
class _Slot:
    """One worker process as the supervisor sees it.

    A worker holds up to :data:`PREFETCH` batches, so it starts the next file while the
    parent is still reporting the last ones. ``tasks`` are the files handed over and not
    answered yet, in order. The running file's clock is the one the worker shares; between
    files (handing over, answering) ``deadline`` bounds the wait.
    """

    proc: BaseProcess
    conn: Connection
    current: Any  # shared bytes: the image the running task is reading, if any
    clock: Any  # shared [sequence number of the running task or -1, its start]
    ready: bool = False
    tasks: list[_Task] = field(default_factory=list)
    deadline: float = 0.0

    def running(self) -> _Task | None:
        """The task the worker is on (the first unanswered one when it says none)."""
        seq = int(self.clock[0])
        return next((t for t in self.tasks if t.seq == seq), self.tasks[0] if self.tasks else None)

    def due(self, timeout_s: float) -> float:
        """When the running file (or the wait between files) times out."""
        if int(self.clock[0]) >= 0:
            return max(self.deadline, float(self.clock[1]) + timeout_s)
        return self.deadline


@dataclass(frozen=True, slots=True)
class _Event:
    task: _Task
    result: _Result | None = None  # set when the worker answered
    failure: str | None = None  # why it did not (timeout, crash)
    image: str | None = None  # the image it was reading when it failed
    requeue: bool = False  # queued behind a failed task: never started, give it to another


@dataclass
class _Pool:
    """Worker processes started on demand, each given one task at a time (plus prefetch)."""

    cfg: AuditConfig
    jobs: int
    timeout_s: float
    memory_mb: int | None
    init: Callable[[], None] | None = None
    # What the current phase's readers import, asked when a worker starts: a cached run
    # starts none, and need not look at every file's name for it.
    modules: Callable[[], Sequence[str]] = tuple
    slots: list[_Slot] = field(default_factory=list)
    start_failures: int = 0

    def idle(self) -> _Slot | None:
        """A ready worker with room; starts a new one (ready later) while under ``jobs``."""
        ready = [s for s in self.slots if s.ready and len(s.tasks) <= BATCH * (PREFETCH - 1)]
        if any(not s.tasks for s in ready):
            return next(s for s in ready if not s.tasks)  # spread before queueing
        if len(self.slots) < self.jobs:
            self._start()
        return ready[0] if ready else None

    def _start(self) -> None:
        method = start_method()
        modules = self.modules()
        import multiprocessing

        ctx: Any = multiprocessing.get_context(method)
        if method == "forkserver":  # no effect once the server runs
            ctx.set_forkserver_preload(["provenance.parallel", *modules])
        if method == "fork":
            _warm_up(modules)  # here, once: every forked worker inherits them
            for stream in (sys.stdout, sys.stderr):  # a child must not flush our buffers again
                with contextlib.suppress(Exception):
                    stream.flush()
            # Long-lived objects out of the collector's reach: a worker's collections then
            # neither walk nor dirty the pages it shares with this process (the gc docs'
            # advice for fork without exec).
            gc.freeze()
        parent, child = ctx.Pipe(duplex=True)
        current = ctx.Array("c", PATH_BYTES, lock=False)
        clock = ctx.Array("d", [-1.0, 0.0], lock=False)
        proc = ctx.Process(target=_worker_main, name="provenance-worker", daemon=True,
                           args=(child, current, clock, self.cfg, self.memory_mb, self.init,
                                 () if method == "fork" else modules))
        proc.start()
        child.close()
        self.slots.append(_Slot(proc, parent, current, clock))

    def submit(self, slot: _Slot, batch: _Batch) -> None:
        if not slot.tasks:
            slot.deadline = time.monotonic() + self.timeout_s
        slot.tasks.extend(batch.tasks)
        slot.conn.send(batch)

    @property
    def busy(self) -> bool:
        return any(slot.tasks for slot in self.slots)

    def poll(self) -> list[_Event]:
        """Wait for answers, deaths or the next deadline; return what happened."""
        if not self.slots:
            return []
        waiting = [s.conn for s in self.slots] + [s.proc.sentinel for s in self.slots]
        from multiprocessing.connection import wait

        wait(waiting, timeout=self._next_deadline())
        events: list[_Event] = []
        for slot in list(self.slots):
            events.extend(self._drain(slot))
        now = time.monotonic()
        for slot in list(self.slots):
            if slot.tasks and now >= slot.due(self.timeout_s):
                events.extend(self._fail(slot, f"reading timed out after {self.timeout_s:g} s"))
            elif not slot.proc.is_alive():
                events.extend(self._died(slot))
        return events

    def _next_deadline(self) -> float | None:
        deadlines = [s.due(self.timeout_s) for s in self.slots if s.tasks]
        if not deadlines:
            return None if any(not s.ready for s in self.slots) else 0.0
        return max(0.0, min(deadlines) - time.monotonic())

    def _drain(self, slot: _Slot) -> list[_Event]:
        events = []
        try:
            while slot.conn.poll():
                message = slot.conn.recv()
                if message[0] == "ready":
                    slot.ready, self.start_failures = True, 0
                elif message[0] == "done":
                    answered = dict(message[1])
                    events += [_Event(t, result=answered[t.seq]) for t in slot.tasks
                               if t.seq in answered]
                    slot.tasks = [t for t in slot.tasks if t.seq not in answered]
                    slot.deadline = time.monotonic() + self.timeout_s
        except (EOFError, OSError):
            pass  # it died; the sentinel check handles it
        return events

    def _died(self, slot: _Slot) -> list[_Event]:
        code = slot.proc.exitcode
        if not slot.tasks:
            self._remove(slot)
            if not slot.ready:
                self.start_failures += 1
                if self.start_failures >= _START_FAILURES:
                    raise RuntimeError(f"audit worker processes exit at start (exit code {code})")
            return []
        return self._fail(slot, _death_message(code, self.memory_mb))

    def _fail(self, slot: _Slot, why: str) -> list[_Event]:
        """The running task failed; the others it held go back to the queue (those it
        finished in the same batch too: their answers went down with it)."""
        running = slot.running()
        assert running is not None  # only called for a worker holding tasks
        queued = [t for t in slot.tasks if t is not running]
        reading = _decode_path(bytes(slot.current.value)) or None
        events = [_Event(running, failure=why, image=reading)]
        events += [_Event(task, requeue=True) for task in queued]
        self._remove(slot)
        return events

    def _remove(self, slot: _Slot) -> None:
        """Kill (if still running) and forget a worker; a replacement starts on demand."""
        with contextlib.suppress(Exception):
            slot.proc.kill()
        slot.proc.join(timeout=5)
        slot.conn.close()
        self.slots.remove(slot)

    def shutdown(self) -> None:
        """Kill every worker. They hold nothing worth flushing (results went to the
        parent as they were made), and waiting for interpreters to tear down c2pa and
        Pillow would only add to each run's overhead."""
        for slot in self.slots:
            with contextlib.suppress(Exception):
                slot.proc.kill()
        for slot in list(self.slots):
            self._remove(slot)


def _decode_path(raw: bytes) -> str:
    """The image path a worker announced (encoded with ``surrogatepass``)."""
    try:
        return raw.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:  # cut short at PATH_BYTES
        return raw.decode("utf-8", "replace")


def _death_message(code: int | None, memory_mb: int | None) -> str:
    if code is not None and code < 0:
        try:
            how = signal.Signals(-code).name
        except ValueError:
            how = f"signal {-code}"
    else:
        how = f"exit code {code}"
    hint = f", possibly over the {memory_mb} MB memory limit" if memory_mb else ""
    return f"reading stopped the worker process ({how}{hint})"


# ------------------------------------------------------------ one call at a time


def _isolated_main(conn: Connection, memory_mb: int | None) -> None:
    """A helper worker's life: limits, then ``(function, args)`` calls until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if memory_mb:
        _limit_memory(memory_mb)
    while True:
        try:
            call = conn.recv()
        except (EOFError, OSError):
            return
        if call is None:
            return
        function, args = call
        try:
            answer: tuple[str, Any] = ("ok", function(*args))
        except MemoryError:
            answer = ("failed", _memory_message(memory_mb))
        except Exception as exc:  # the caller decides what a failure means
            answer = ("failed", f"{type(exc).__name__}: {exc}")
        conn.send(answer)


class Isolated:
    """Calls that read a user's file, run one at a time in a helper worker process.

    For reads outside the pool's phases (the HTML report's thumbnails): the same per-call
    timeout and memory limit as an audited file, and the same remedy — a worker that hangs
    or dies is killed, the call fails (``(False, why)``) and the next call starts a new
    worker. ``function`` and ``args`` must be picklable (a module-level function).
    """

    def __init__(self, timeout_s: float = 30.0, memory_mb: int | None = 1024) -> None:
        self.timeout_s, self.memory_mb = timeout_s, memory_mb
        self._proc: BaseProcess | None = None
        self._conn: Connection | None = None

    def call(self, function: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        """``(True, result)``, or ``(False, why)`` when the call raised, hung or crashed."""
        proc, conn = self._start()
        try:
            conn.send((function, args))
            if conn.poll(self.timeout_s):
                status, value = conn.recv()
                return status == "ok", value
            why = f"reading timed out after {self.timeout_s:g} s"
        except (EOFError, OSError):
            proc.join(timeout=1)
            why = _death_message(proc.exitcode, self.memory_mb)
        self.close()
        return False, why

    def _start(self) -> tuple[BaseProcess, Connection]:
        if self._proc is not None and self._conn is not None and self._proc.is_alive():
            return self._proc, self._conn
        self.close()
        import multiprocessing

        ctx: Any = multiprocessing.get_context(start_method())
        parent, child = ctx.Pipe(duplex=True)
        proc = ctx.Process(target=_isolated_main, name="provenance-helper", daemon=True,
                           args=(child, self.memory_mb))
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent
        return proc, parent

    def close(self) -> None:
        """Stop the worker (killed: it holds nothing worth flushing)."""
        proc, conn, self._proc, self._conn = self._proc, self._conn, None, None
        if proc is not None:
            with contextlib.suppress(Exception):
                proc.kill()
            proc.join(timeout=5)
        if conn is not None:
            conn.close()


# ---------------------------------------------------------------------- the phases


@dataclass
class _Runner:
    """Feeds one phase's files through the pool and emits results in collected order."""

    cfg: AuditConfig
    pool: _Pool
    cache: Cache | None
    window: int
    poisoned: dict[str, str] = field(default_factory=dict)
    # Hand on the entries the cache encodes as it stores them (ReportBuilder.add_encoded),
    # where the report would write them as they are; else the worker's entries themselves.
    encoded: bool = False

    def run(self, kind: str, items: Sequence[Found],
            emit: Callable[[Found, Any], None]) -> None:
        queue: list[int] = []  # a heap: files that need a worker, retried ones back in order
        attempts: dict[int, int] = {}
        buffer: dict[int, Payload] = {}
        looked = done = fetched = 0  # next file to look up in the cache / to emit
        self.pool.modules = ((lambda: IMAGE_MODULES) if kind == "image"
                             else partial(article_modules, items))
        cache = self.cache if kind in ("article", "image") else None
        while done < len(items):
            while looked < min(len(items), done + self.window):
                if cache is not None and looked == fetched:
                    fetched = min(len(items), looked + PREFETCH_ROWS)
                    cache.prefetch(kind, [item.rel for item in items[looked:fetched]])
                ready = self._without_worker(kind, items[looked])
                if ready is not None:
                    buffer[looked] = ready
                else:
                    heapq.heappush(queue, looked)
                looked += 1
            self._dispatch(kind, items, queue)
            if done not in buffer:  # block only when nothing can be emitted yet
                for event in self.pool.poll():
                    self._settle(kind, event, queue, attempts, buffer)
            while done in buffer:
                emit(items[done], buffer.pop(done))
                done += 1

    def _dispatch(self, kind: str, items: Sequence[Found], queue: list[int]) -> None:
        """Hand queued files to idle workers in batches, lowest sequence number first.

        A batch is at most :data:`BATCH` files, fewer when that spreads the queue over
        all workers (a short run must not leave one worker idle)."""
        want_deps = self.cache is not None and self.cache.enabled
        while queue:
            slot = self.pool.idle()
            if slot is None:
                return
            size = min(BATCH, -(-len(queue) // self.pool.jobs))
            seqs = [heapq.heappop(queue) for _ in range(min(size, len(queue)))]
            tasks = [_Task(seq, kind, items[seq], want_deps) for seq in seqs]
            self.pool.submit(slot, _Batch(tasks, tuple(self.poisoned.items())))

    def _without_worker(self, kind: str, item: Found) -> Payload | None:
        """A result the parent can give at once: a cache hit or an already-blamed image."""
        if kind == "image":
            if item.rel in self.poisoned:
                return unreadable_image(item, self.cfg, self.poisoned[item.rel])
            return self.cache.lookup_image(item) if self.cache is not None else None
        if kind != "article":
            return None  # extract, references: never cached
        return self.cache.lookup_article(item) if self.cache is not None else None

    def _settle(self, kind: str, event: _Event, queue: list[int],
                attempts: dict[int, int], buffer: dict[int, Any]) -> None:
        seq, item = event.task.seq, event.task.found
        if event.requeue:
            heapq.heappush(queue, seq)
            return
        if event.result is not None:
            buffer[seq] = self._store(kind, item, event.result)
            return
        why = event.failure or "reading failed"
        if event.image is not None:
            self.poisoned.setdefault(event.image, why)
        retry = kind != "image" and event.image is not None
        if retry and attempts.get(seq, 0) < MAX_RETRIES:
            attempts[seq] = attempts.get(seq, 0) + 1
            heapq.heappush(queue, seq)  # again, now without the image that hung
            return
        buffer[seq] = _placeholder(kind, item, self.cfg, why)

    def _store(self, kind: str, item: Found, result: _Result) -> Payload:
        """Store a result in the cache; the payload to emit (an article's entries as the
        cache encoded them, so the report need not encode them again)."""
        payload = result.payload
        if self.cache is None or not result.cacheable:
            return payload
        if kind == "article" and isinstance(payload, FileOutcome):
            encoded = self.cache.store_article(item, payload, result.deps)
            if encoded is not None and self.encoded:
                return replace(payload, articles=[], encoded=encoded)
        elif kind == "image" and isinstance(payload, tuple):
            self.cache.store_image(item, payload[0], payload[1], result.deps)
        return payload


def run_isolated(kind: str, items: Sequence[Found], cfg: AuditConfig,
                 emit: Callable[[Found, Any], None], *, jobs: int = 0,
                 timeout_s: float | None = None, memory_mb: int | None = 1024) -> None:
    """Read ``items`` in worker processes as the audit does, under the same per-file limits,
    and hand each payload to ``emit`` in order.

    For the commands and steps that read users' files outside an audit: ``extract``
    (``kind="extract"``: a :class:`FileOutcome`; a file that hangs or kills its worker
    comes back with one ``unreadable`` entry), ``inspect`` (``"image"``) and
    ``--changed-since`` (``"references"``: the images an article shows, none for a file
    that fails). ``jobs`` < 1 means all CPUs.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of task {kind!r}")
    jobs = jobs if jobs >= 1 else default_jobs()
    jobs = max(1, min(jobs, len(items)))
    pool = _Pool(cfg, jobs, FILE_TIMEOUT_S if timeout_s is None else timeout_s, memory_mb)
    runner = _Runner(cfg, pool, None, window=max(64, 2 * BATCH * PREFETCH * jobs))
    try:
        runner.run(kind, items, emit)
    finally:
        pool.shutdown()


def run_audit_parallel(found: Sequence[Found], cfg: AuditConfig, builder: ReportBuilder, *,
                       jobs: int, cache: Cache | None,
                       progress: Callable[[int], None] | None = None,
                       timeout_s: float = 30.0, memory_mb: int | None = 1024,
                       worker_init: Callable[[], None] | None = None) -> dict[str, Any]:
    """Audit the collected files in worker processes; returns the report's tail.

    Same contract as :func:`provenance.audit.run_audit`. ``jobs`` < 1 means all CPUs.
    ``timeout_s`` and ``memory_mb`` bound each file (``memory_mb=None``: no limit).
    ``worker_init`` (picklable, e.g. a module-level function) runs first in every worker:
    a hook for tests that need a reader to misbehave.
    """
    jobs = jobs if jobs >= 1 else default_jobs()
    pool = _Pool(cfg, jobs, timeout_s, memory_mb, worker_init)
    runner = _Runner(cfg, pool, cache, window=max(64, 2 * BATCH * PREFETCH * jobs),
                     encoded=builder.takes_text and not builder.baseline)
    referenced: set[str] = set()

    def tick() -> None:
        if progress is not None:
            progress(1)

    def emit_article(_: Found, payload: Any) -> None:
        emit_outcome(builder, payload, referenced)
        tick()

    def emit_image(_: Found, payload: Any) -> None:
        builder.add_errors(payload[1])
        builder.add_image(payload[0])
        tick()

    try:
        runner.run("article", [f for f in found if f.kind == "article"], emit_article)
        runner.run("image", standalone_images(found, referenced), emit_image)
    finally:  # also on Ctrl-C: no worker outlives the run
        pool.shutdown()
        if cache is not None:
            cache.flush()
    return builder.finish()
