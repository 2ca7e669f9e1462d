"""Open a file under the audit root without ever following a link out of it.

``resolve_reference`` and the walk check with ``realpath`` that a file lies inside the root,
but a symlink swapped between that check and the ``open`` would still lead out (a TOCTOU
race: red-team row R10). :func:`open_beneath` therefore opens ``root/rel`` one component at
a time, each with ``O_NOFOLLOW`` relative to the folder descriptor opened before it
(``openat``), starting from the root. A symlink met on the way is read (``readlinkat``) and
interpreted here, against the folders already held: ``..`` may not climb above the root,
and an absolute target must name a place under it. A link inside the root that stays
inside still works; one that leads out — whenever it was swapped in — is never followed.

This is ``openat2(RESOLVE_BENEATH)`` done portably (POSIX ``dir_fd``), except that links
inside the root are allowed, as the audit allows them. Where ``dir_fd`` is not supported
(Windows), the path is opened as it is.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

MAX_LINKS = 40  # as the kernel's own limit on links followed in one lookup
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class OutsideRoot(PermissionError):
    """The path, or a link on it, leads outside the root: nothing was opened there."""

    def __init__(self) -> None:
        super().__init__(errno.EACCES, "a symlink on the path leads outside the audit root")


def supported() -> bool:
    """Whether this platform opens relative to a folder descriptor."""
    return os.open in os.supports_dir_fd and bool(_NOFOLLOW)


def open_beneath(root: Path | str, rel: str, flags: int = os.O_RDONLY, *,
                 check: Callable[[os.stat_result], None] | None = None) -> int:
    """A descriptor of ``root/rel`` opened with ``flags``, never leaving ``root``.

    ``rel`` is the POSIX path relative to the root. ``check`` sees the file's ``lstat``
    (after links are resolved) before it is opened and may raise, e.g. to refuse a FIFO
    without opening it. Raises :class:`OutsideRoot` when a link leads out, else the
    ``OSError`` of the failing step.
    """
    if not supported():  # pragma: no cover - Windows
        if check is not None:
            check(os.stat(Path(root) / rel))
        return os.open(Path(root) / rel, flags)
    parts = _split(rel)
    if not parts:
        raise IsADirectoryError(errno.EISDIR, "the audit root itself is not a file")
    real_root = _real_root(os.fspath(root))
    stack = [os.open(real_root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)]
    try:
        return _walk(stack, parts, real_root, flags, check)
    finally:
        for fd in stack:
            os.close(fd)


@lru_cache(maxsize=64)
def _real_root(root: str) -> str:
    """The audit root with its links resolved, once per root and process: the user named
    the root, and every file under it is then walked from it without following links."""
    return os.path.realpath(root)


def _walk(stack: list[int], parts: list[str], real_root: str, flags: int,
          check: Callable[[os.stat_result], None] | None) -> int:
    links = 0
    while parts:
        name = parts.pop(0)
        if name == "..":
            if len(stack) == 1:
                raise OutsideRoot()
            os.close(stack.pop())
            continue
        info = os.stat(name, dir_fd=stack[-1], follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            links += 1
            if links > MAX_LINKS:
                raise OSError(errno.ELOOP, "Too many levels of symbolic links")
            parts[:0] = _follow(os.readlink(name, dir_fd=stack[-1]), real_root, stack)
            continue
        if parts:  # a folder on the way
            stack.append(os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC,
                                 dir_fd=stack[-1]))
            continue
        if check is not None:
            check(info)
        # O_NOFOLLOW: a link swapped in since the stat fails here (ELOOP), never followed
        return os.open(name, flags | _NOFOLLOW | _CLOEXEC, dir_fd=stack[-1])
    raise IsADirectoryError(errno.EISDIR, "the path names a folder")


def _follow(target: str, real_root: str, stack: list[int]) -> list[str]:
    """The components a link's target adds to the walk; an absolute target restarts it
    at the root (closing the folders held below it) when it lies under the root."""
    if not target.startswith("/"):
        return _split(target)
    inner = os.path.relpath(os.path.normpath(target), real_root)
    if inner == ".." or inner.startswith("../") or os.path.isabs(inner):
        raise OutsideRoot()
    while len(stack) > 1:
        os.close(stack.pop())
    return _split(inner)


def _split(path: str) -> list[str]:
    return [p for p in path.split("/") if p not in ("", ".")]


class NotRegular(OSError):
    """The path names a folder, FIFO, socket or device: it is never opened for reading."""

    def __init__(self, folder: bool) -> None:
        super().__init__(errno.EISDIR if folder else errno.EINVAL,
                         "a folder" if folder else "not a regular file")
        self.folder = folder


def _require_regular(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise NotRegular(stat.S_ISDIR(info.st_mode))


def open_regular(path: Path | str, root: Path | str | None = None, rel: str = "") -> int:
    """A read-only descriptor of a regular file: beneath ``root`` (as :func:`open_beneath`)
    when given, else ``path`` as it is. The file is checked before it is opened (opening a
    FIFO waits for a writer) and again on the descriptor, opened ``O_NONBLOCK`` so that one
    swapped in between cannot block. Raises :class:`NotRegular`, :class:`OutsideRoot` or
    the ``OSError`` of the open."""
    flags = os.O_RDONLY | os.O_NONBLOCK | _CLOEXEC
    if root is not None:
        fd = open_beneath(root, rel, flags, check=_require_regular)
    else:
        _require_regular(os.stat(path))
        fd = os.open(path, flags)
    try:
        _require_regular(os.fstat(fd))
    except BaseException:
        os.close(fd)
        raise
    return fd
