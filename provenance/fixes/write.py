"""Read and replace a file under the root: atomically, never through a link, never outside.

A fix reads the file through :func:`provenance.beneath.open_beneath` (each folder opened
``O_NOFOLLOW`` from the root down) and remembers its identity — device, inode, size and
modification time in nanoseconds. :func:`replace` then opens the same folder the same way,
writes the new content to a temporary file *in that folder descriptor* (``O_EXCL``), fsyncs
it, checks that the name still holds the very file that was read (not a symlink, not a
file changed since — else :class:`Changed`, and nothing is written) and renames the
temporary file over it with ``renameat``. A crash leaves the original or the new file,
never half of one; a stray temporary file is hidden (``.name.fix-*.tmp``).

Mode: the new file gets the original's permission bits. Modification time: the new file's
own (now), as any editor does — build tools and caches must see the change. With
``backup`` the original is first hard-linked (else copied) to ``name + suffix`` in the
same folder; an existing backup is replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from provenance.beneath import open_beneath, open_regular

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
MAX_FIX_BYTES = 256 * 1024 * 1024


class Changed(Exception):
    """The file changed (or was replaced by a link) between the read and the write."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A file's content as read, and what identifies that version of it."""

    data: bytes
    identity: tuple[int, int, int, int, int]


def _identity(info: os.stat_result) -> tuple[int, int, int, int, int]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_mode)


def read(root: Path, rel: str) -> Snapshot:
    """The regular file ``root/rel``, read without following a link out of ``root``.

    Raises ``OSError`` (:class:`~provenance.beneath.OutsideRoot` among them)."""
    fd = open_regular(root / rel, root, rel)
    try:
        info = os.fstat(fd)
        if info.st_size > MAX_FIX_BYTES:
            raise OSError(errno.EFBIG, "too large to fix")
        with open(os.dup(fd), "rb") as stream:
            data = stream.read()
        if len(data) != info.st_size:
            raise Changed("the file changed while it was read")
        return Snapshot(data, _identity(info))
    finally:
        os.close(fd)


def replace(root: Path, rel: str, before: Snapshot, data: bytes,
            backup: str | None = None) -> None:
    """Write ``data`` over ``root/rel`` if it is still the file ``before`` was read from."""
    folder, _, name = rel.rpartition("/")
    dir_fd = _open_folder(root, folder)
    try:
        info = _current(dir_fd, name, before)
        tmp = f".{name}.fix-{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
                     stat.S_IMODE(info.st_mode), dir_fd=dir_fd)
        try:
            _write_all(fd, data)
            _current(dir_fd, name, before)  # again, as late as possible
            if backup:
                _backup(dir_fd, name, name + backup, before.data)
            os.rename(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=dir_fd)
            raise
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _open_folder(root: Path, folder: str) -> int:
    flags = os.O_RDONLY | _DIRECTORY | _CLOEXEC
    if not folder:
        return os.open(os.path.realpath(root), flags)
    return open_beneath(root, folder, flags)


def _current(dir_fd: int, name: str, before: Snapshot) -> os.stat_result:
    info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    if stat.S_ISLNK(info.st_mode):
        raise Changed("the path is a symlink, which is never written through (fix the "
                      "file it names)")
    if not stat.S_ISREG(info.st_mode) or _identity(info) != before.identity:
        raise Changed("the file changed between the read and the write")
    return info


def _write_all(fd: int, data: bytes) -> None:
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def _backup(dir_fd: int, name: str, target: str, data: bytes) -> None:
    """Keep the original as ``target`` beside it (replacing an older backup)."""
    with contextlib.suppress(FileNotFoundError):
        info = os.stat(target, dir_fd=dir_fd, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EEXIST, f"the backup name {target!r} is not a regular file")
        os.unlink(target, dir_fd=dir_fd)
    try:
        os.link(name, target, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
                     0o600, dir_fd=dir_fd)
        _write_all(fd, data)
