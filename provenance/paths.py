"""The audit root: where reads may go, how folders are walked, how image references resolve.

Every read is bounded by the root (PRODUCT.md "Paths and the root"). A reference that
escapes it — ``..``, an absolute path, ``file://``, a symlink leading out — is refused
unread; ``http(s)://`` and ``data:`` references are never fetched. Paths in reports are
POSIX and relative to the root.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from provenance.articles import ARTICLE_EXTENSIONS
from provenance.images.model import IMAGE_EXTENSIONS

# Folders never walked: hidden ones (.git, .cache...) and tool caches.
SKIP_DIRS = frozenset({"__pycache__", "node_modules"})


class UsageError(Exception):
    """A command-line problem (exit 2): a missing PATH, a PATH outside the root."""


class Found:
    """A file the walk found: what kind, where on disk, and its path relative to the root.

    ``path`` may be given as a string: it becomes a :class:`Path` the first time it is
    asked for. A walk of an archive makes hundreds of thousands of these and most are only
    sorted, handed to a worker and reported, so the parent builds no Path for them.
    """

    __slots__ = ("_where", "explicit", "kind", "rel")

    def __init__(self, kind: str, path: Path | str, rel: str, explicit: bool = False) -> None:
        self.kind = kind  # article | image
        self._where = path
        self.rel = rel
        self.explicit = explicit  # named on the command line rather than found by a walk

    @property
    def path(self) -> Path:
        where = self._where
        if isinstance(where, str):
            where = self._where = Path(where)
        return where

    def __reduce__(self) -> tuple[Any, tuple[str, str, str, bool]]:
        # Sent to a worker per file as four strings: a Path pickles as its parts and is
        # parsed part by part on arrival.
        return Found, (self.kind, str(self._where), self.rel, self.explicit)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Found) and (self.kind, str(self._where), self.rel,
                                             self.explicit) == (other.kind, str(other._where),
                                                                other.rel, other.explicit)

    def __hash__(self) -> int:
        return hash((self.kind, self.rel))

    def __repr__(self) -> str:
        return (f"Found(kind={self.kind!r}, path={str(self._where)!r}, rel={self.rel!r}, "
                f"explicit={self.explicit!r})")


def common_root(paths: Sequence[Path]) -> Path:
    """The deepest folder containing every PATH (a file counts as its parent folder)."""
    folders = [str(p.resolve() if p.is_dir() else p.resolve().parent) for p in paths]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd().resolve()


def relative(path: Path, root: Path) -> str:
    """``path`` as a POSIX string relative to ``root`` (both already resolved)."""
    return PurePosixPath(*path.relative_to(root).parts).as_posix() or "."


def inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def kind_of(path: Path | str) -> str | None:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in ARTICLE_EXTENSIONS:
        return "article"
    if suffix in IMAGE_EXTENSIONS:
        return "image"
    return None


def collect(paths: Sequence[Path], root: Path, *, named_as: str | None = None) -> list[Found]:
    """Every article and image under ``paths``, sorted by relative path, each once.

    A PATH that does not exist or lies outside ``root`` is a :class:`UsageError`.
    Walking never follows symlinked folders and skips hidden folders. With ``named_as``,
    a file named directly counts as that kind whatever its extension (``inspect`` lists an
    unknown format as unsupported instead of dropping it).
    """
    found: dict[str, Found] = {}
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise UsageError(f"path does not exist: {given}")
        # Resolve like the root is resolved, so a PATH reached through a symlinked folder
        # (or given relative to one) compares equal; what lies inside is checked per file.
        absolute = given.resolve()
        if not inside(absolute, root):
            raise UsageError(f"path {given} is outside the root {root}")
        explicit = not absolute.is_dir()
        candidates = [(str(absolute), relative(absolute, root))] if explicit else \
            _walk(absolute, root)
        for file, rel in candidates:
            kind = named_as if explicit and named_as else kind_of(file)
            if kind is not None and (explicit or rel not in found):
                found[rel] = Found(kind, file, rel, explicit)
    return [found[k] for k in sorted(found)]


def _walk(folder: Path, root: Path) -> Iterator[tuple[str, str]]:
    """Files under ``folder`` (inside ``root``): their paths and root-relative POSIX paths.

    Both are cut from the walk's own strings: an archive has hundreds of thousands of
    files, and building a Path per file (let alone ``Path.relative_to``) costs more than
    the rest of the walk."""
    prefix = os.path.join(str(root), "")
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS)
        base = os.path.join(dirpath, "")
        where = base[len(prefix):].replace(os.sep, "/")
        for name in sorted(filenames):
            if not name.startswith("."):
                yield base + name, where + name


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where an image reference led: ``status`` and, when local, the file and its rel path."""

    status: str  # ok | missing | remote | outside-root
    path: Path | None = None
    rel: str | None = None


def resolve_reference(src: str, article_file: Path, root: Path) -> Resolution:
    """Resolve an image ``src`` written in ``article_file`` without reading anything.

    The lexical check catches ``..`` and absolute paths; the ``realpath`` check catches
    symlinks that lead out of the root. Neither opens the file.
    """
    text = src.strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if text.startswith("//") or (scheme and scheme != "file" and not _is_drive(scheme)):
        # http(s), protocol-relative, data:, any other scheme (cid:, blob:...): never fetched.
        return Resolution("remote")
    if scheme == "file" or _is_drive(scheme) or text.startswith(("/", "\\")):
        return Resolution("outside-root")
    local = unquote(parts.path)
    candidate = Path(os.path.normpath(article_file.parent / local))
    if not inside(candidate, root):
        return Resolution("outside-root")
    real = Path(os.path.realpath(candidate))
    if not inside(real, Path(os.path.realpath(root))):
        return Resolution("outside-root")
    rel = relative(candidate, root)
    if not os.path.lexists(candidate):
        return Resolution("missing", candidate, rel)
    return Resolution("ok", candidate, rel)


def _is_drive(scheme: str) -> bool:
    """``C:`` in ``C:\\images\\x.jpg`` parses as a one-letter scheme."""
    return len(scheme) == 1 and scheme.isalpha()


def escapes_root(path: Path, root: Path) -> bool:
    """True when ``path``, a symlink, really lies outside ``root`` (already resolved).

    Only the file itself can be a link: walks never follow symlinked folders, and PATHs
    named on the command line are resolved before they are walked.
    """
    return os.path.islink(path) and not inside(Path(os.path.realpath(path)), root)


def unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
