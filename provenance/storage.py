"""Object storage PATHs: ``s3://bucket/prefix/`` (and ``gs://``, ``az://`` … where an fsspec
driver is installed; ``pip install 'provenance[cloud]'`` brings fsspec and s3fs).

The given prefix is the audit root: the objects under it — and nothing outside it — are
listed and copied into a private local folder for the run, which is then audited as a
folder is, paths relative to the prefix and the report's ``root`` the URL as given. A
reference that climbs out of the prefix (``../other/x.jpg``) therefore finds nothing to
read there: it is refused as outside the root (IMG004), exactly as for a folder. Only files
the audit reads (articles, images, web archives) are copied, each checked to lie under the
prefix and to name no ``..`` segment. The folder is removed when the process exits.

Credentials and endpoints are fsspec's and the driver's own (``AWS_*`` variables, ``~/.aws``,
``FSSPEC_S3_*``); nothing here adds any. Tests point ``s3fs`` at a moto server on
127.0.0.1.
"""

from __future__ import annotations

import atexit
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_LOCAL = ("", "file")


class StorageError(Exception):
    """The storage PATH cannot be listed or read (a usage error, exit 2)."""


def is_remote(path: str) -> bool:
    """``s3://…``, ``gs://…``: a URL with a scheme other than ``file``."""
    scheme, sep, _ = path.partition("://")
    return bool(sep) and scheme.lower() not in _LOCAL and scheme.isidentifier()


@dataclass(frozen=True)
class Staged:
    """A storage prefix copied to a local folder for one run."""

    url: str  # as given, with a trailing slash
    folder: Path
    files: int


_STAGED: dict[Path, str] = {}  # local folder -> URL, for the report's root


def display_root(folder: Path) -> str | None:
    """The URL a staged folder stands for, or None for an ordinary folder."""
    return _STAGED.get(folder)


def stage(url: str, *, max_files: int = 1_000_000) -> Staged:
    """Copy the auditable objects under the prefix ``url`` into a new private folder."""
    fs, prefix = _filesystem(url)
    try:
        keys = fs.find(prefix, withdirs=False) if fs.isdir(prefix) else []
    except (OSError, ValueError) as exc:
        raise StorageError(f"cannot list {url}: {exc}") from None
    if not keys:
        raise StorageError(f"path does not exist: {url} (no objects under the prefix)")
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="provenance-storage-")).resolve()
    atexit.register(shutil.rmtree, folder, True)
    wanted: list[tuple[str, Path]] = []
    for key in sorted(keys):
        rel = _below(key, prefix)
        if rel is None or not _audited(rel):
            continue
        if len(wanted) >= max_files:
            raise StorageError(f"{url} holds more than {max_files:,} files to audit")
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        wanted.append((key, target))
    try:  # one call: async drivers (s3fs, gcsfs) fetch the objects concurrently
        fs.get([k for k, _ in wanted], [str(t) for _, t in wanted])
    except (OSError, ValueError) as exc:
        raise StorageError(f"cannot read {url}: {exc}") from None
    shown = url if url.endswith("/") else url + "/"
    _STAGED[folder] = shown
    return Staged(shown, folder, len(wanted))


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        import fsspec
    except ImportError:
        raise StorageError(f"{url}: object storage needs fsspec and its driver: "
                           "pip install 'provenance[cloud]'") from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise StorageError(f"{url}: no storage driver for it ({exc}); "
                           "pip install 'provenance[cloud]'") from None
    return fs, str(path).rstrip("/")


def _below(key: str, prefix: str) -> str | None:
    """``key`` relative to ``prefix``; None when it is not strictly under it."""
    key = key.lstrip("/")
    base = prefix.lstrip("/") + "/"
    if not key.startswith(base):
        return None
    rel = key[len(base):]
    parts = rel.split("/")
    if not rel or any(p in ("", ".", "..") for p in parts):
        return None
    return posixpath.join(*parts)


def _audited(rel: str) -> bool:
    from provenance.paths import kind_of

    return kind_of(rel) is not None

