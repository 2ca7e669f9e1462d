"""What an audit reads: the walk of the PATHs, and why each file it passes over is skipped.

A folder PATH is walked (never following symlinked folders); a file PATH is taken as
named. Passed over while walking, each with the reason ``--show-files`` prints:

* hidden files and folders (``.git``, ``.cache``) and tool folders (``node_modules``,
  ``__pycache__``);
* the policy's ``exclude`` patterns (gitignore syntax, relative to the policy file's folder;
  default :data:`DEFAULT_EXCLUDE`, which ``exclude`` replaces) and ``extend_exclude``
  (added to them);
* whatever a ``.gitignore`` inside the root ignores (``respect_gitignore = false`` turns
  that off);
* the folders a detected site generator keeps templates, themes and build output in
  (:attr:`provenance.site.Site.skip`: Hugo ``layouts/``, ``archetypes/``, ``public/``…,
  Jekyll ``_layouts/``, ``_includes/``, ``_site/``…);
* the report files this run writes.

A file named on the command line is audited even where a walk would skip it, unless
``force_exclude`` is set (the pre-commit hook sets it: it names every staged file).

A folder the walk cannot list (``chmod 000``, an I/O error) is not passed over silently:
it becomes an entry of its own, kind ``article`` and path ``folder/`` (the trailing slash
marks a folder), which the article reader turns into an INP001 finding "cannot read the
folder … its files were not audited" — so the summary fails as for any unreadable file.

File names are taken as the operating system gives them: a name that is not UTF-8
(``café.txt`` saved in Latin-1) arrives through ``os.fsdecode`` with surrogate escapes
(``caf\\udce9.txt``) and is audited normally under that name. Fingerprints encode it
with ``surrogateescape`` (:func:`provenance.findings.encode_any`), so they are stable; the
reporters escape it on output.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance.paths import Found, UsageError, inside, kind_of, kind_of_name, relative
from provenance.site import Detector, Site, SiteMap

# Folders never walked besides hidden ones: package and bytecode caches.
SKIP_DIRS = frozenset({"__pycache__", "node_modules"})
# Repository files that are not articles (``exclude`` replaces this list).
DEFAULT_EXCLUDE: tuple[str, ...] = (
    "README*", "CHANGELOG*", "CHANGES*", "CONTRIBUTING*", "CODE_OF_CONDUCT*", "LICENSE*",
    "LICENCE*", "SECURITY*", "AUTHORS*", "NOTICE*", "venv/",
)


@dataclass
class Selection:
    """The walk's settings: what is excluded, and where the policy's patterns are rooted."""

    exclude: Sequence[str] = DEFAULT_EXCLUDE
    extend_exclude: Sequence[str] = ()
    respect_gitignore: bool = True
    policy_dir: Path | None = None
    outputs: Sequence[Path] = ()  # this run's report files
    force_exclude: bool = False
    configured_site: Site | None = None

    @staticmethod
    def from_policy(data: Any, policy_dir: Path | None, **extra: Any) -> Selection:
        return Selection(exclude=tuple(data.get("exclude", DEFAULT_EXCLUDE)),
                         extend_exclude=tuple(data.get("extend_exclude", ())),
                         respect_gitignore=bool(data.get("respect_gitignore", True)),
                         policy_dir=policy_dir, **extra)


@dataclass
class Walk:
    """What a walk found: files to audit, what it skipped and why, and the sites it saw."""

    found: list[Found]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (rel, why), folders end /
    sites: SiteMap = field(default_factory=SiteMap)


def collect(paths: Sequence[Path], root: Path, *, named_as: str | None = None,
            selection: Selection | None = None) -> list[Found]:
    """Every article and image under ``paths``, sorted by relative path, each once."""
    return walk(paths, root, named_as=named_as, selection=selection).found


def walk(paths: Sequence[Path], root: Path, *, named_as: str | None = None,
         selection: Selection | None = None) -> Walk:
    """Walk ``paths`` under ``root`` (see the module docstring).

    A PATH that does not exist or lies outside ``root`` is a :class:`UsageError`. With
    ``named_as``, a file named directly counts as that kind whatever its extension
    (``inspect`` lists an unknown format as unsupported instead of dropping it).
    """
    walker = _Walker(root, selection or Selection())
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise UsageError(f"path does not exist: {given}")
        # Resolve like the root is resolved, so a PATH reached through a symlinked folder
        # (or given relative to one) compares equal; what lies inside is checked per file.
        absolute = given.resolve()
        if not inside(absolute, root):
            raise UsageError(f"path {given} is outside the root {root}")
        if absolute.is_dir():
            walker.folder(absolute)
        else:
            walker.file(absolute, named_as)
    found = walker.found
    skipped = sorted(walker.skipped.items())
    return Walk([found[k] for k in sorted(found)], skipped,
                walker.detector.site_map(walker.selection.configured_site))


class _Walker:
    def __init__(self, root: Path, selection: Selection) -> None:
        self.root, self.selection = root, selection
        self.detector = Detector(root)
        self.found: dict[str, Found] = {}
        self.skipped: dict[str, str] = {}
        self._ignores: dict[str, Any] = {}  # folder rel -> GitIgnoreSpec of its .gitignore
        self._any_ignore = False  # no .gitignore read yet: nothing to ask per file
        self._pruned: dict[str, str] = {}  # folder rel -> why (site generator folders)
        self._prefix = os.path.join(str(root), "")
        self._outputs = {str(p.resolve()) for p in selection.outputs}
        self._exclude = _exclude_spec([*selection.exclude, *selection.extend_exclude])
        self._policy_rel = _policy_prefix(selection.policy_dir, root)
        self._floor: str | None = None  # a named folder that is itself skipped

    # ---------------------------------------------------------------- entry points

    def file(self, absolute: Path, named_as: str | None) -> None:
        rel = relative(absolute, self.root)
        folder = rel.rpartition("/")[0]
        self._enter_chain(folder)
        kind = named_as or kind_of(absolute)
        if kind is None:
            return
        why = self._why_skipped(rel, False) if self.selection.force_exclude else \
            self._own_output(str(absolute))
        if why is not None:
            self.skipped[rel] = why
            return
        self.found[rel] = Found(kind, str(absolute), rel, True)

    def folder(self, absolute: Path) -> None:
        start = relative(absolute, self.root)
        start = "" if start == "." else start
        self._enter_chain(start.rpartition("/")[0] if start else "")
        # A folder named on purpose is walked even if a walk from above would skip it
        # (``audit public`` after a build): only ignore files inside it then apply.
        self._floor = start if start and not self.selection.force_exclude and \
            self._why_skipped(start, True) is not None else None
        for base, rel_dir, names in self._walk(absolute, start):
            for name in names:
                rel = f"{rel_dir}/{name}" if rel_dir else name
                if rel in self.found:
                    continue
                kind = kind_of_name(name)
                if kind is None:
                    continue
                why = self._why_skipped(rel, False) or self._own_output(base + name)
                if why is not None:
                    self.skipped[rel] = why
                else:
                    self.found[rel] = Found(kind, base + name, rel)

    # ---------------------------------------------------------------- the walk

    def _walk(self, absolute: Path, start: str) -> Iterator[tuple[str, str, list[str]]]:
        for dirpath, dirnames, filenames in os.walk(absolute, onerror=self._unlistable):
            base = os.path.join(dirpath, "")
            rel_dir = base[len(self._prefix):].replace(os.sep, "/").rstrip("/")
            self._enter(rel_dir, dirnames, filenames)
            kept = []
            for d in sorted(dirnames):
                rel = f"{rel_dir}/{d}" if rel_dir else d
                why = "hidden folder" if d.startswith(".") else \
                    "tool folder" if d in SKIP_DIRS else self._why_skipped(rel, True)
                if why is None:
                    kept.append(d)
                elif not d.startswith("."):
                    self.skipped[rel + "/"] = why
            dirnames[:] = kept
            yield base, rel_dir, sorted(n for n in filenames if not n.startswith("."))

    def _unlistable(self, exc: OSError) -> None:
        """A folder ``os.walk`` could not list: an entry of its own (see the module doc)."""
        where = os.fsdecode(exc.filename) if exc.filename is not None else None
        if where is None or isinstance(exc, (FileNotFoundError, NotADirectoryError)):
            return  # removed while walking: nothing left to audit
        rel = where[len(self._prefix):].replace(os.sep, "/").strip("/") \
            if where.startswith(self._prefix) else ""
        key = f"{rel}/" if rel else "./"
        self.found.setdefault(key, Found("article", where, key))

    def _enter_chain(self, folder: str) -> None:
        """Detect sites and read ignore files from the root down to ``folder``."""
        parts = [p for p in folder.split("/") if p]
        for depth in range(len(parts) + 1):
            rel = "/".join(parts[:depth])
            where = self.root / rel if rel else self.root
            try:
                names = os.listdir(where)
            except OSError:
                continue
            self._enter(rel, [], names)

    def _enter(self, rel_dir: str, dirnames: list[str], filenames: list[str]) -> None:
        if rel_dir in self._ignores:
            return
        self._ignores[rel_dir] = None
        site = self.detector.folder(rel_dir, [*dirnames, *filenames])
        if site is not None:
            for folder, why in site.skip:
                self._pruned.setdefault(folder, why)
        if self.selection.respect_gitignore and ".gitignore" in filenames:
            spec = self._ignores[rel_dir] = _read_ignore(self.root / rel_dir / ".gitignore")
            self._any_ignore = self._any_ignore or spec is not None

    # ---------------------------------------------------------------- decisions

    def _why_skipped(self, rel: str, is_dir: bool) -> str | None:
        if rel in self._pruned:
            return self._pruned[rel]
        floor = self._floor
        if floor is not None and rel.startswith(floor + "/"):
            ignored = self.selection.respect_gitignore and self._ignored(rel, is_dir, floor)
            return "ignored by .gitignore" if ignored else None
        if self._exclude is not None:
            policy_rel = self._policy_rel + rel
            if self._exclude.match_file(policy_rel + ("/" if is_dir else "")):
                return "excluded by the policy"
        if self.selection.respect_gitignore and self._ignored(rel, is_dir):
            return "ignored by .gitignore"
        return None

    def _ignored(self, rel: str, is_dir: bool, floor: str = "") -> bool:
        """git's rule: the deepest .gitignore with a matching pattern decides (only those
        at or below ``floor`` are asked)."""
        if not self._any_ignore:
            return False
        folder = rel
        while len(folder) > len(floor):
            folder = folder.rpartition("/")[0] if "/" in folder else ""
            spec = self._ignores.get(folder)
            if spec is not None:
                below = rel[len(folder) + 1:] if folder else rel
                result = spec.check_file(below + ("/" if is_dir else ""))
                if result.include is not None:
                    return bool(result.include)
            if not folder:
                return False
        return False

    def _own_output(self, absolute: str) -> str | None:
        return "a report this run writes" if absolute in self._outputs else None


def _spec(patterns: Sequence[str]) -> Any:
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


# DEFAULT_EXCLUDE as _translated makes it with pathspec 1.x (a test keeps the two equal):
# a run with the default excludes that meets no .gitignore — an archive, a built site —
# then never imports pathspec, a sixth of a cached run's start.
_DEFAULT_EXCLUDE_REGEX = "|".join(
    [f"(?:^(?:.+/)?{name}[^/]*(?:(?:/)|$))" for name in (
        "README", "CHANGELOG", "CHANGES", "CONTRIBUTING", "CODE_OF_CONDUCT", "LICENSE",
        "LICENCE", "SECURITY", "AUTHORS", "NOTICE")] + ["(?:^(?:.+/)?venv(?:/))"])


def _exclude_spec(patterns: Sequence[str]) -> Any:
    """The policy's excludes, asked once per file of the walk (see :func:`_translated`)."""
    if tuple(patterns) == DEFAULT_EXCLUDE:
        return _AnyOf(re.compile(_DEFAULT_EXCLUDE_REGEX))
    return _translated(patterns)


def _translated(patterns: Sequence[str]) -> Any:
    """A spec without ``!`` patterns matches a path when any pattern does, so they are asked
    as one regex (git's last-match-wins only matters when a pattern can re-include)."""
    spec = _spec(patterns)
    if spec is None:
        return None
    live = [p for p in spec.patterns if p.include is not None]
    if not live or any(p.include is False for p in live):
        return spec
    # The directory-mark group is named alike in every pattern: unnamed in the union.
    union = "|".join(f"(?:{p.regex.pattern.replace('(?P<ps_d>', '(?:')})" for p in live)
    return _AnyOf(re.compile(union))


class _AnyOf:
    """``match_file`` of a spec whose patterns all exclude: one compiled regex."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self._regex = regex

    def match_file(self, path: str) -> bool:
        return self._regex.match(_normal_file(path)) is not None


_SEPARATORS = [sep for sep in (os.sep, os.altsep) if sep and sep != "/"]


def _normal_file(path: str) -> str:
    """``pathspec.util.normalize_file`` (a test compares them): POSIX separators, and
    relative (no leading ``/`` or ``./``)."""
    for sep in _SEPARATORS:
        path = path.replace(sep, "/")
    if path.startswith("/"):
        return path[1:]
    return path[2:] if path.startswith("./") else path


def _read_ignore(file: Path) -> Any:
    try:
        with file.open("rb") as fh:
            text = fh.read(1_000_000).decode("utf-8", "replace")
    except OSError:
        return None
    return _spec(text.splitlines())


def _policy_prefix(policy_dir: Path | None, root: Path) -> str:
    """How a root-relative path is prefixed to be relative to the policy file's folder."""
    if policy_dir is None:
        return ""
    try:
        rel = root.relative_to(policy_dir.resolve()).as_posix()
    except ValueError:
        return ""
    return "" if rel == "." else rel + "/"
