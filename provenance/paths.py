"""The audit root: where reads may go, what the default root is, how image references resolve.

Every read is bounded by the root (PRODUCT.md "Paths and the root"). A relative reference
resolves against its article; a site-absolute one and a URL on the site's own origins against
the site's web roots (:mod:`provenance.site`). Whatever then escapes the root — ``..``,
``file://``, a symlink leading out, an absolute path with no web root — is refused unread;
other ``http(s)://`` and ``data:`` references are never fetched. Paths in reports are POSIX
and relative to the root. What a walk reads is :mod:`provenance.walk`.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import unquote, urlsplit

from provenance.articles import ARTICLE_EXTENSIONS
from provenance.articles.liquid import normalize_liquid_src
from provenance.images.model import IMAGE_EXTENSIONS
from provenance.site import (
    SiteMap,
    names_a_generator,
    page_origin_candidates,
    url_target,
    web_candidates,
)


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


def project_root(paths: Sequence[Path], policy_file: Path | None) -> Path:
    """The default root: the policy file's folder, else the git root, else the nearest
    folder holding a site generator's config, else the deepest common folder of ``paths``
    — the first that contains every PATH. So ``audit content/posts/x.md``, ``audit
    content`` and ``audit .`` read the same tree and print the same paths."""
    common = common_root(paths)
    candidates = [policy_file.resolve().parent] if policy_file is not None else []
    candidates += [c for c in (_upwards(common, lambda f: (f / ".git").exists()),
                               _upwards(common, _holds_site_config)) if c is not None]
    for candidate in candidates:
        if inside(common, candidate):
            return candidate
    return common


def _upwards(start: Path, test: Any) -> Path | None:
    for folder in (start, *start.parents):
        if test(folder):
            return folder
    return None


def _holds_site_config(folder: Path) -> bool:
    try:
        return names_a_generator(os.listdir(folder))
    except OSError:
        return False


def relative(path: Path, root: Path) -> str:
    """``path`` as a POSIX string relative to ``root`` (both already resolved);
    ``ValueError`` when it is not beneath it."""
    rel = _below(str(path), str(root))
    if rel is None:
        raise ValueError(f"{path} is not beneath {root}")
    return rel


def inside(path: Path, root: Path) -> bool:
    return _below(str(path), str(root)) is not None


ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")  # web archives (provenance.warc)


def is_archive_name(name: str) -> bool:
    """``crawl.warc.gz``, ``x.warc``, ``y.arc``, ``y.arc.gz`` (case-insensitive)."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


_KINDS = {**dict.fromkeys(ARTICLE_EXTENSIONS, "article"),
          **dict.fromkeys(IMAGE_EXTENSIONS, "image")}


def kind_of(path: Path | str) -> str | None:
    kind = _KINDS.get(os.path.splitext(path)[1].lower())
    if kind is None and is_archive_name(str(path)):
        return "archive"  # a web archive: its records are expanded by provenance.archives
    return kind


def kind_of_name(name: str) -> str | None:
    """:func:`kind_of` for a bare file name that does not start with a dot (what a walk
    lists), without ``os.path.splitext``: its suffix is then what follows its last dot."""
    dot = name.rfind(".")
    kind = _KINDS.get(name[dot:].lower()) if dot > 0 else None
    return "archive" if kind is None and is_archive_name(name) else kind


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where an image reference led: ``status`` and, when local, the file and its rel path."""

    status: str  # ok | missing | remote | outside-root
    path: Path | None = None
    rel: str | None = None


def resolve_reference(src: str, article_file: Path, root: Path, site_map: SiteMap | None = None,
                      rel: str | None = None, placement: str | None = None,
                      page_url: str | None = None) -> Resolution:
    """Resolve an image ``src`` written in ``article_file`` without reading anything.

    A relative reference resolves against the article; a site-absolute one (``/x.jpg``) and
    a URL on the site's own origins against the site's web roots (:mod:`provenance.site`;
    ``rel`` is the article's root-relative path, which picks its site); other URLs are
    remote. The lexical check catches ``..`` and absolute paths; the ``realpath`` check
    catches symlinks that lead out of the root. Neither opens the file. A URL on the origin
    of the page's own address (``page_url``, its canonical link) is read locally when its
    site folder holds the file, else it stays remote.
    """
    text = normalize_liquid_src(src.strip())
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    site = site_map.site_for(rel) if site_map is not None and rel is not None else None
    if text.startswith("//") or scheme in ("http", "https"):
        target = url_target(text, site_map) if site_map is not None else None
        if target is not None:
            return _in_web_roots([target], root)
        if page_url and rel is not None:
            saved = _in_web_roots(page_origin_candidates(text, page_url, rel, site), root)
            if saved.status == "ok":
                return saved
        return Resolution("remote")
    if scheme and scheme != "file" and not _is_drive(scheme):
        # data:, any other scheme (cid:, blob:...): never fetched.
        return Resolution("remote")
    if scheme == "file" or _is_drive(scheme) or text.startswith("\\"):
        return Resolution("outside-root")
    # A percent-escape that is not UTF-8 (``ph%F6to.jpg``) names the file's raw byte, as
    # os.fsdecode spells a Latin-1 file name: the same surrogate escape, so they match.
    local = unquote(parts.path, errors="surrogateescape")
    if text.startswith("/"):
        candidates = web_candidates(local, site)
        # With no web root, an absolute path names the machine's file system: refused.
        return _in_web_roots(candidates, root) if candidates else Resolution("outside-root")
    found = _local(Path(os.path.normpath(article_file.parent / local)), root)
    if found.status == "missing" and placement == "front-matter":
        # Themes print front-matter images as site paths when they are not page resources.
        candidates = web_candidates("/" + local, site)
        if candidates:
            fallback = _in_web_roots(candidates, root)
            return fallback if fallback.status == "ok" else found
    return found


def _in_web_roots(candidates: Sequence[tuple[str, str]], root: Path) -> Resolution:
    """The first web root holding the file; else missing in the first one.

    ``..`` is taken off at the web root, as a web server does, so a path cannot climb out
    of its web root; a symlink leading out of the audit root is still refused.
    """
    first: Resolution | None = None
    for folder, below in candidates:
        inner = posixpath.normpath("/" + below).lstrip("/")
        base = root / folder if folder else root
        found = _local(Path(os.path.normpath(base / inner)) if inner else base, root)
        if found.status != "missing" or first is None:
            first = first or found
        if found.status != "missing":
            return found
    return first or Resolution("outside-root")


def _local(candidate: Path, root: Path) -> Resolution:
    text = str(candidate)
    rel = _below(text, str(root))
    if rel is None:
        return Resolution("outside-root")
    if not nameable(text):
        # A NUL (``x%00.jpg``) or a lone surrogate (``\\ud800`` in JSON) cannot be in a
        # file name: no such file can exist, so it is missing (IMG001), looked up nowhere.
        return Resolution("missing", candidate, rel)
    present, link = _look(text)
    # The real path, as os.path.realpath gives it: the folder's (remembered per process:
    # an article's pictures share a few folders) joined with the name, unless the name
    # itself is a link. A folder swapped for a link after it was remembered gains
    # nothing: the open walks down from the root and follows no link (beneath.py).
    head, name = os.path.split(text)
    real = os.path.realpath(text) if link else os.path.join(_real_folder(head), name)
    if _below(real, _real_folder(str(root))) is None:
        return Resolution("outside-root")
    if not present:
        return Resolution("missing", candidate, rel)
    return Resolution("ok", candidate, rel)


def _below(path: str, base: str) -> str | None:
    """``path`` relative to ``base`` as a POSIX string (``.`` for itself), or None when it
    is not beneath it. Both are paths as ``str(Path)`` writes them (no ``.``, doubled or
    trailing separator), so on POSIX a string test is exactly ``Path.relative_to``, at a
    fraction of its cost (the walk and every image reference ask it); elsewhere drive
    letters and case rules are pathlib's to judge."""
    if os.sep != "/":
        try:
            return PurePath(path).relative_to(base).as_posix()
        except ValueError:
            return None
    if path == base:
        return "."
    if base == "/" and path.startswith("//"):
        return None  # POSIX lets "//" be another root, and pathlib keeps it apart
    if base == ".":  # every relative path is beneath the current folder, lexically
        return None if path.startswith("/") else path
    prefix = base if base.endswith("/") else base + "/"
    return path[len(prefix):] if path.startswith(prefix) else None


@lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _look(candidate: str) -> tuple[bool, bool]:
    """(present, a link or unknown) from one ``lstat``; like ``os.path.lexists``, but only
    "no such file" counts as absent.

    In a folder that cannot be searched (``chmod 000``) ``lstat`` fails with EACCES: the
    file may well be there, so it is kept and its read fails as unreadable (IMG002); what
    it is cannot be told, so its whole path is resolved as a link's would be.
    """
    try:
        mode = os.lstat(candidate).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False, False
    except OSError:
        return True, True
    return True, stat.S_ISLNK(mode)


def nameable(path: str) -> bool:
    """Whether ``path`` can name a file at all: no NUL, encodable to the file system.

    ``os`` functions raise ``ValueError`` for a NUL and ``UnicodeEncodeError`` for a lone
    surrogate other than the ``surrogateescape`` ones a non-UTF-8 name decodes to.
    """
    if "\x00" in path:
        return False
    try:
        os.fsencode(path)
    except UnicodeError:
        return False
    return True


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
