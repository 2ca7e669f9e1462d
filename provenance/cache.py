"""The incremental audit cache: skip files whose inputs have not changed since the last run.

One SQLite file (default ``$XDG_CACHE_HOME/provenance/audit.sqlite3``, else
``~/.cache/provenance/audit.sqlite3``; never inside an audited folder) keeps, per article
file, its :class:`~provenance.engine.FileOutcome` — each ``articles[]`` entry as the JSON
report writes it, with the few facts the report counts (:class:`~provenance.report.Tally`),
so a hit reaches a JSON report without being decoded — and, per standalone image, its
``images[]`` entry and internal errors. Each payload carries a CRC-32: a damaged byte is
found on lookup, not copied into a report. Rows are read a batch at a time
(:meth:`Cache.prefetch`).

An entry is reused only when all of these are unchanged:

* its **context**: the tool version, the versions of the libraries it reads with, a
  fingerprint of the package's own source files, and a digest of the effective
  :class:`~provenance.engine.AuditConfig` (root, rules with severities and options, trust
  anchors, extra generators, detector settings);
* the **audit time** ``now`` (``--now``, else the current time): by default only an entry
  audited at the same ``now`` is reused, because findings such as MET002 "date after the
  audit time" depend on it; ``now_tolerance`` lets a caller accept older entries;
* every **dependency**: the article file itself and each image it referenced (missing ones
  too, so an image that appears later invalidates the article). A dependency is compared by
  ``(size, mtime_ns, inode)``; only when those differ is its SHA-256 computed and compared
  with the stored one, so a ``touch`` or a copy with the same bytes stays a hit.

The cache is an optimisation and never fatal: a corrupt file is deleted and rebuilt, a
single row that cannot be decoded (sound pages, damaged JSON) is dropped and recomputed, an
unwritable one is read if possible and otherwise ignored (``Cache.problem`` says why). Text
SQLite cannot hold (a lone surrogate from hostile input) is stored JSON-escaped; a root or
path that is not UTF-8 is simply not cached.
Only the parent process writes (worker processes compute dependency signatures and send
them back), so there is a single writer per run; SQLite's locking covers concurrent runs.
Outcomes carrying internal errors or produced after a reader timeout are never stored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path, PurePath
from typing import Any

from provenance import __version__
from provenance.engine import AuditConfig, FileOutcome
from provenance.paths import Found, inside
from provenance.report import Tally, tally_of
from provenance.reporters.json import entry_text

SCHEMA = 3  # bump when the table layout or payload format changes
CACHE_FILE = "audit.sqlite3"
_COMMIT_EVERY = 500  # puts per transaction: one fsync per batch, not per file
_COMMIT_SECONDS = 1.0
_HASH_CHUNK = 1 << 20
_MEMO_LIMIT = 200_000

# (rel, size, mtime_ns, inode, sha256); size..sha256 are None for a missing file.
Dep = tuple[str, int | None, int | None, int | None, str | None]


SQLITE_HEADER = b"SQLite format 3\x00"
PREFETCH_ROWS = 256  # rows read per query ahead of the lookups (SQLite allows 999 values)
_UNREAD = object()


class _NotOurs(sqlite3.DatabaseError):
    """The file is a database, but not a provenance cache."""


def _has_entries(db: sqlite3.Connection) -> bool:
    try:
        db.execute("SELECT count(*) FROM entries WHERE 0").fetchone()
    except sqlite3.Error:
        return False
    return True


class CacheLocationError(ValueError):
    """The cache would live inside a folder being audited (a usage error for the CLI)."""


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/provenance/audit.sqlite3``, else ``~/.cache/provenance/...``."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    folder = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return folder / "provenance" / CACHE_FILE


def check_cache_location(path: Path, audited: Iterable[Path]) -> None:
    """Raise :class:`CacheLocationError` when ``path`` lies inside an audited PATH or root.

    Writing into the tree under audit would change what a later run sees (and may not be
    allowed at all on a read-only archive), so the cache always lives elsewhere.
    """
    where = Path(os.path.realpath(path))
    for given in audited:
        folder = Path(os.path.realpath(given))
        if folder.is_dir() and inside(where, folder):
            raise CacheLocationError(f"the cache {path} is inside {given}, which is being "
                                     "audited; choose a cache path outside it")


# ---------------------------------------------------------------------------- context


def _canonical(value: Any) -> Any:
    """A JSON-able, order-independent rendering of config values for hashing."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__name__,
                **{f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "pattern"):  # compiled regexes in detector settings
        return [value.pattern, getattr(value, "flags", 0)]
    return repr(value)


def config_digest(cfg: AuditConfig) -> str:
    """SHA-256 of the effective audit configuration (including ``now``)."""
    text = json.dumps(_canonical(cfg), sort_keys=True, ensure_ascii=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


# The runtime dependencies (pyproject.toml's, which a test keeps this equal to): a new c2pa
# or Pillow may read the same file differently, so their versions are part of the key.
DEPENDENCIES = ("pillow", "click", "jsonschema", "c2pa-python", "defusedxml", "pillow-heif",
                "selectolax", "PyYAML", "markdown-it-py", "mdit-py-plugins", "pathspec",
                "fastwarc", "warcio", "rich", "google-re2")


@functools.cache  # once per process: a run must not see the code change under it
def _library_versions() -> tuple[str, ...]:
    """``name==version`` of each dependency, ``name==absent`` when it is not installed.

    Read from the installed distributions' folder names (``name-version.dist-info``, the
    wheel layout pip writes): one directory listing per ``sys.path`` entry, where
    ``importlib.metadata`` costs ~30 ms of imports and file parsing on every cached run.
    """
    wanted = {_normal(name) for name in DEPENDENCIES}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, version = name[: -len(".dist-info")].partition("-")
                if _normal(dist) in wanted:
                    found.setdefault(_normal(dist), version)  # the first on sys.path wins
    return tuple(sorted(f"{name}=={found.get(_normal(name), 'absent')}"
                        for name in DEPENDENCIES))


def _normal(name: str) -> str:
    """A distribution name as PEP 503 compares them (``PyYAML``, ``pyyaml``, ``py_yaml``)."""
    return "-".join(name.replace("_", "-").replace(".", "-").lower().split("-"))


@functools.cache
def _code_fingerprint() -> str:
    """Size and mtime of every module of the package: an edited reader invalidates the cache
    even when ``__version__`` stayed the same (editable installs, local fixes)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for file in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            info = file.stat()
            digest.update(f"{file.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}\n"
                          .encode())
    return digest.hexdigest()


def context_digest(cfg: AuditConfig) -> str:
    """Everything besides the files themselves and ``now`` that an entry depends on.

    ``now`` is stored with each entry and compared on lookup (see ``now_tolerance``).
    """
    timeless = dataclasses.replace(cfg, now=datetime(2000, 1, 1))
    parts = [f"schema={SCHEMA}", f"tool={__version__}", f"code={_code_fingerprint()}",
             f"config={config_digest(timeless)}", *_library_versions()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# ------------------------------------------------------------------------ dependencies


def _signature(path: Path | str) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):  # ValueError: a NUL or lone surrogate, no such file
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def sha256_file(path: Path) -> str | None:
    """The file's SHA-256, or ``None`` for anything but a readable regular file.

    FIFOs and devices are never opened: reading one could block forever.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(_HASH_CHUNK):
                digest.update(chunk)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def file_dep(root: Path, rel: str, signature: tuple[int, int, int] | None = None) -> Dep:
    """The dependency record of ``root/rel``; pass ``signature`` taken before reading it."""
    path = root / rel
    sig = signature if signature is not None else _signature(path)
    if sig is None:
        return (rel, None, None, None, None)
    return (rel, sig[0], sig[1], sig[2], sha256_file(path))


def _json_line(value: Any, encode: Callable[..., str] = entry_text) -> str:
    """``value`` as one line of JSON SQLite can hold: UTF-8 as it is, unless a lone
    surrogate from hostile input needs the escaped form."""
    text = encode(value)
    return text if _storable(text) else encode(value, ascii_only=True)


def _crc(payload: str) -> int:
    return zlib.crc32(payload.encode("utf-8", "surrogatepass"))


def _checked(stored: Any) -> str:
    """A stored payload without its checksum line, ``ValueError`` when they disagree.

    A hit's entries are written to the report without being parsed, so a damaged byte
    (sound pages, a flipped bit in a row) must be found here, not in the report."""
    if not isinstance(stored, str):
        raise TypeError("stored payload is not text")
    crc, _, payload = stored.partition("\n")
    if crc != str(_crc(payload)):
        raise ValueError("stored payload damaged")
    return payload


def _article_outcome(payload: str) -> FileOutcome:
    head, *texts = payload.split("\n")
    meta = json.loads(head)
    tallies = [Tally(list(images), list(findings)) for images, findings in meta["tallies"]]
    # Text stored without a surrogate escape holds only strings that encode (_json_line
    # writes raw UTF-8 and escapes only what cannot be): no repair needed.
    return FileOutcome(referenced=list(map(str, meta["referenced"])),
                       skipped=int(meta["skipped"]),
                       encoded=[(text, tally, _no_surrogate_escape(text))
                                for text, tally in zip(texts, tallies, strict=True)])


def _image_result(payload: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    stored = json.loads(payload)
    entry, errors = stored["entry"], stored["errors"]
    if not isinstance(entry, dict) or not isinstance(errors, list):
        raise TypeError("stored image entry has the wrong shape")
    return entry, errors


def _no_surrogate_escape(text: str) -> bool:
    """Whether stored JSON text holds no ``\\udXXX`` escape, so none of its strings can
    hold a lone surrogate (a pair of them, an escaped backslash or a hand-edited cache
    only make this say no, and the entries are then checked as usual). JSON's escapes are
    ``\\u`` and four hex digits of either case."""
    return "\\u" not in text or ("\\ud" not in text and "\\uD" not in text)  # one scan, mostly


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def signature_of(path: Path) -> tuple[int, int, int] | None:
    """``(size, mtime_ns, inode)`` of ``path``, ``None`` when it cannot be stat'ed."""
    return _signature(path)


# ------------------------------------------------------------------------------- cache


class Cache:
    """An open cache for one audit run (see the module docstring)."""

    def __init__(self, path: Path, cfg: AuditConfig,
                 now_tolerance: timedelta = timedelta(0)) -> None:
        self.path = path
        self.root = str(cfg.root)
        self._prefix = os.path.join(self.root, "")
        self._cfg_root = cfg.root
        self.context = context_digest(cfg)
        self.now = cfg.now.timestamp()
        self.tolerance = now_tolerance.total_seconds()
        self.hits = 0
        self.misses = 0
        self.problem: str | None = None
        self._db: sqlite3.Connection | None = None
        self._writable = True
        self._pending = 0
        self._batch_started = 0.0
        # Per-run memo: articles share images, so each is stat'ed (and hashed) once per run.
        self._current: dict[str, Dep] = {}
        self._rows: dict[tuple[str, str], Any] = {}  # prefetched: (kind, rel) -> row or None
        self._open()

    # -- opening ----------------------------------------------------------------------

    def _open(self) -> None:
        try:
            self._db = self._connect()
        except sqlite3.OperationalError as exc:  # locked, cannot be opened: not our damage
            self._disable(f"cache {self.path} unusable: {exc}")
        except sqlite3.DatabaseError as exc:  # damaged, or not a database at all
            self._rebuild(exc)
        except OSError as exc:
            self._disable(f"cache {self.path} unusable: {exc.strerror or exc}")

    def _connect(self) -> sqlite3.Connection:
        # An existing, readable cache in a read-only folder can still give hits.
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(self.path), timeout=5.0, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 5000")
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                self._create(db)
            db.execute("SELECT count(*) FROM entries WHERE 0").fetchone()
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc) or not _has_entries(db):
                db.close()
                raise
            self._writable = False  # an existing cache we may read but not update
            self._note(f"cache {self.path} is read-only: results are not stored")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _create(self, db: sqlite3.Connection) -> None:
        """Set up an empty cache (a new file, or one from an older layout)."""
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if tables - {"entries"}:
            # Someone's own database given as --cache by mistake: never touch it.
            raise _NotOurs(f"{self.path} holds other tables ({', '.join(sorted(tables))})")
        db.executescript(f"""
            DROP TABLE IF EXISTS entries;
            CREATE TABLE entries (
                root TEXT NOT NULL, kind TEXT NOT NULL, rel TEXT NOT NULL,
                context TEXT NOT NULL, now REAL NOT NULL, deps TEXT NOT NULL,
                payload TEXT NOT NULL,
                PRIMARY KEY (root, kind, rel)
            ) WITHOUT ROWID;
            PRAGMA user_version = {SCHEMA};
        """)

    def _rebuild(self, exc: sqlite3.DatabaseError) -> None:
        """Start again with an empty cache, unless the file may not be ours to delete."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        if isinstance(exc, _NotOurs) or not self._looks_like_ours():
            self._disable(f"{self.path} is not a provenance cache, left untouched ({exc})")
            return
        self._note(f"rebuilt the corrupt cache {self.path} ({exc})")
        self._discard_file()
        self._pending, self._writable, self._current = 0, True, {}
        try:
            self._db = self._connect()
        except (sqlite3.Error, OSError) as again:
            self._disable(f"cache {self.path} unusable: {again}")

    def _looks_like_ours(self) -> bool:
        """An SQLite file (damaged inside), an empty one, or anything in our own folder.

        A file given as ``--cache`` that is not SQLite at all (a report, a notebook) is the
        user's mistake, not a corrupt cache: deleting it would destroy their data.
        """
        if self.path.parent == default_cache_path().parent:
            return True
        try:
            with self.path.open("rb") as fh:
                head = fh.read(16)
        except OSError:
            return True  # gone or unreadable: nothing of theirs to lose
        return head in (b"", SQLITE_HEADER)

    def _discard_file(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.path}{suffix}")

    def _note(self, message: str) -> None:
        self.problem = message if self.problem is None else f"{self.problem}; {message}"

    def _disable(self, message: str) -> None:
        self._note(message)
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    @property
    def enabled(self) -> bool:
        return self._db is not None

    # -- lookups ----------------------------------------------------------------------

    def lookup_article(self, found: Found) -> FileOutcome | None:
        """The stored outcome of an article file whose dependencies are unchanged: its
        entries still encoded, as the JSON report writes them (``FileOutcome.encoded``)."""
        outcome: FileOutcome | None = self._lookup("article", found.rel, _article_outcome)
        return outcome

    def lookup_image(self, found: Found) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """The stored ``images[]`` entry (and errors) of an unchanged standalone image."""
        looked: tuple[dict[str, Any], list[dict[str, Any]]] | None = self._lookup(
            "image", found.rel, _image_result)
        return looked

    def prefetch(self, kind: str, rels: Sequence[str]) -> None:
        """Read the rows of the files about to be looked up in one query (the runner asks
        ahead of its lookups): on a cached run a query per file costs more than all else a
        hit does. Any trouble leaves each file to its own query, where it is handled."""
        if self._db is None or not rels:
            return
        marks = ",".join("?" * len(rels))
        try:
            rows = self._db.execute(
                f"SELECT rel, context, now, deps, payload FROM entries "
                f"WHERE root=? AND kind=? AND rel IN ({marks})",
                (self.root, kind, *rels)).fetchall()
        except (sqlite3.Error, UnicodeEncodeError):
            return
        stored = {row[0]: row[1:] for row in rows}
        self._rows.update(((kind, rel), stored.get(rel)) for rel in rels)

    def _lookup(self, kind: str, rel: str, decode: Callable[[str], Any]) -> Any:
        """``decode`` of the stored payload of an unchanged entry, or None. A payload
        ``decode`` finds damaged (``ValueError``, ``TypeError``, ``KeyError``) is dropped."""
        if self._db is None:
            return None
        row = self._rows.pop((kind, rel), _UNREAD)
        try:
            if row is _UNREAD:
                row = self._db.execute(
                    "SELECT context, now, deps, payload FROM entries "
                    "WHERE root=? AND kind=? AND rel=?",
                    (self.root, kind, rel)).fetchone()
        except sqlite3.OperationalError as exc:  # locked for longer than busy_timeout
            self._disable(f"cache read failed, cache disabled for this run: {exc}")
            return None
        except sqlite3.DatabaseError as exc:  # damaged pages found while reading
            self._rebuild(exc)
            self.misses += 1
            return None
        except UnicodeEncodeError:  # a root or path no SQLite text can hold: never stored
            self.misses += 1
            return None
        if row is None or row[0] != self.context or not self._current_enough(row[1]):
            self.misses += 1
            return None
        try:
            now = self._unchanged(json.loads(row[2]))
            result = decode(_checked(row[3])) if now is not None else None
        except (ValueError, TypeError, KeyError):
            # Sound pages, damaged row (a flipped byte in its JSON): drop it, compute again.
            self._drop(kind, rel)
            return None
        if now is None:
            self.misses += 1
            return None
        fresh, moved = now
        if moved:  # same bytes, new stat: remember it so we do not hash again
            self._write(kind, rel, fresh, row[3], row[1])
        self.hits += 1
        return result

    def _drop(self, kind: str, rel: str) -> None:
        """Forget an entry that cannot be decoded; the file counts as a miss."""
        self.misses += 1
        if self._db is None or not self._writable:
            return
        try:
            self._db.execute("DELETE FROM entries WHERE root=? AND kind=? AND rel=?",
                             (self.root, kind, rel))
        except sqlite3.OperationalError as exc:
            self._stop_writing(exc)
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)

    def _current_enough(self, then: float) -> bool:
        """Computed at this run's ``now``, or up to ``now_tolerance`` before it."""
        return 0.0 <= self.now - then <= self.tolerance

    def _unchanged(self, stored: Any) -> tuple[list[Dep], bool] | None:
        """The dependencies as they are now, and whether that differs from ``stored`` (the
        row's records as decoded; ``ValueError``/``TypeError`` when one is damaged), or
        ``None`` if any of them changed.

        Same stat: unchanged. Different stat: unchanged only if the file is still a readable
        regular file with the stored SHA-256 (a ``touch``, a restore from backup).
        """
        fresh: list[Dep] = []
        moved = False
        for position, dep in enumerate(stored):
            rel, size, mtime, ino, digest = dep
            if not isinstance(rel, str):
                raise TypeError("dependency path is not text")
            current = self._current.get(rel)
            if current is None:
                current = self._as_now(dep)
                if position:  # only shared images are worth remembering for the run
                    self._remember(current)
            if current[1:4] != (size, mtime, ino) and (current[4] is None
                                                       or current[4] != digest):
                return None
            moved = moved or current != (rel, size, mtime, ino, digest)
            fresh.append(current)
        return fresh, moved

    def _remember(self, dep: Dep) -> None:
        if len(self._current) >= _MEMO_LIMIT:  # bounded: archives with millions of images
            self._current.clear()
        self._current[dep[0]] = dep

    def _as_now(self, dep: Sequence[Any]) -> Dep:
        """``dep`` re-observed: hashed again only when its stat signature moved."""
        rel, size, mtime, ino, digest = dep
        sig = _signature(self._prefix + rel)  # a str: joins cost more here
        if sig == (size, mtime, ino) or (sig is None and size is None):
            return (rel, size, mtime, ino, digest)
        return file_dep(self._cfg_root, rel, sig)

    # -- stores -----------------------------------------------------------------------

    def store_article(self, found: Found, outcome: FileOutcome,
                      deps: Sequence[Dep]) -> list[tuple[str, Tally, bool]] | None:
        """Remember an article file's outcome (not when it carries internal errors).

        Returns its entries as stored, in the form of :attr:`FileOutcome.encoded`: the
        report can then write them as they are, as it does a hit's, instead of encoding
        each again."""
        if outcome.errors:
            return None
        # One line of JSON saying what the file showed, then each entry on its own line as
        # the JSON report writes it, so a hit is written without being decoded.
        texts = [_json_line(entry) for entry in outcome.articles]
        tallies = [tally_of(entry) for entry in outcome.articles]
        head = {"referenced": outcome.referenced, "skipped": outcome.skipped,
                "tallies": tallies}
        self._store("article", found.rel, deps, "\n".join([_json_line(head), *texts]))
        return [(text, tally, _no_surrogate_escape(text))
                for text, tally in zip(texts, tallies, strict=True)]

    def store_image(self, found: Found, entry: Mapping[str, Any],
                    errors: Sequence[Mapping[str, Any]], deps: Sequence[Dep]) -> None:
        """Remember a standalone image's entry (not when a rule crashed on it)."""
        if errors:
            return
        self._store("image", found.rel, deps, _json_line({"entry": entry, "errors": []}))

    def _store(self, kind: str, rel: str, deps: Sequence[Dep], payload: str) -> None:
        if self._db is None or not self._writable:
            return
        for dep in deps[1:]:  # the file itself is looked up once per run; images are shared
            self._remember(dep)
        self._write(kind, rel, list(deps), f"{_crc(payload)}\n{payload}")

    def _write(self, kind: str, rel: str, deps: Sequence[Dep], payload: str,
               then: float | None = None) -> None:
        if self._db is None or not self._writable:
            return
        try:
            if self._pending == 0:
                self._db.execute("BEGIN")
                self._batch_started = time.monotonic()
            self._db.execute(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self.root, kind, rel, self.context, self.now if then is None else then,
                 json.dumps(list(deps)), payload))
            self._pending += 1
            # Short transactions: another run sharing the cache waits at most this long.
            if (self._pending >= _COMMIT_EVERY
                    or time.monotonic() - self._batch_started > _COMMIT_SECONDS):
                self._commit()
        except sqlite3.OperationalError as exc:
            self._stop_writing(exc)
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)
        except UnicodeEncodeError:
            pass  # a root or path SQLite text cannot hold (not UTF-8): left uncached

    def _commit(self) -> None:
        if self._db is None or self._pending == 0:
            return
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._stop_writing(exc)
        self._pending = 0

    def _stop_writing(self, exc: sqlite3.Error) -> None:
        """A full disk, a read-only file or a lock held too long: keep auditing, stop caching."""
        self._writable = False
        self._pending = 0
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
        self._note(f"cache {self.path} not updated: {exc}")

    def flush(self) -> None:
        """Commit what was stored so far (the runner calls it at the end and on Ctrl-C)."""
        self._commit()

    def close(self) -> None:
        """Commit what was stored and close the file (safe to call twice)."""
        self._commit()
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_cache(path: Path | None, cfg: AuditConfig,
               now_tolerance: timedelta = timedelta(0)) -> Cache:
    """Open (or create) the cache at ``path`` (default: :func:`default_cache_path`).

    ``now_tolerance``: reuse entries audited up to this long before ``cfg.now``. The
    default, zero, reuses only entries audited at exactly the same ``now`` — what makes a
    cached report byte-identical to a fresh one, and what ``--now`` gives. With a
    tolerance, a finding that depends on the audit time (MET002's "date after the audit
    time", IMG008's maximum age) may be up to that old.
    """
    return Cache(path if path is not None else default_cache_path(), cfg, now_tolerance)
