"""Report output: files appear whole or not at all; text is made safe for a terminal.

A report is written to a temporary file in the destination folder and renamed over the
target only when complete, so Ctrl-C, SIGTERM or a crash never leaves a half-written report
(``os.replace`` is atomic on POSIX and Windows within one file system). What cannot be
renamed over — a device, a FIFO, ``/dev/stdout`` — is written straight into instead (see
:func:`atomic_write`). Every failure to write is an :class:`OutputError` naming the file, so
the CLI can exit 2 with one line instead of a traceback; :func:`output_problem` finds the
usual ones (missing folder, a folder named as the file, no permission) before an audit
starts.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

STDOUT = "-"
# Trees whose files are views of something else (a terminal, a pipe, a process's fd):
# a path through them is written into, never replaced.
_SPECIAL_TREES = ("/dev/", "/proc/")
_MAX_HOPS = 40  # as the kernel's ELOOP limit
_SEPARATORS = tuple({"/", os.sep})


class OutputError(Exception):
    """A report (or baseline) file that cannot be written; the message names it."""

    def __init__(self, path: Path | str, reason: str | BaseException) -> None:
        if isinstance(reason, OSError):
            reason = reason.strerror or str(reason)
        super().__init__(f"cannot write {str(path)!r}: {reason}")


def output_problem(file: str) -> str | None:
    """Why ``file`` cannot take a report, or ``None`` if it looks writable (checked before
    the audit, so a typo costs nothing; :func:`atomic_write` still reports the rarer
    failures it cannot foresee, such as a full disk)."""
    if file == "" or file.endswith(_SEPARATORS):
        return "an empty file name" if file == "" else "it names a folder"
    try:
        target = os.stat(file)
    except FileNotFoundError:
        return _folder_problem(Path(_final_target(file)).parent)
    except (OSError, ValueError) as exc:
        return exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)
    if stat.S_ISDIR(target.st_mode):
        return "it is a folder"
    if not _replaceable(file, target.st_mode):
        return None if os.access(file, os.W_OK) else "permission denied"
    return _folder_problem(Path(_final_target(file)).parent)


def _folder_problem(folder: Path) -> str | None:
    where = folder if str(folder) else Path(".")
    if not where.exists():
        return f"the folder {str(where)!r} does not exist"
    if not where.is_dir():
        return f"{str(where)!r} is not a folder"
    if not os.access(where, os.W_OK | os.X_OK):
        return f"the folder {str(where)!r} is not writable"
    return None


def _final_target(file: str) -> str:
    """``file`` with every symlink followed (lexically hop by hop, so a dangling link names
    the file it would create)."""
    path = os.path.abspath(file)
    for _ in range(_MAX_HOPS):
        if not os.path.islink(path):
            return path
        path = os.path.normpath(os.path.join(os.path.dirname(path), os.readlink(path)))
    return path


def _through_special_tree(file: str) -> bool:
    """Whether ``file`` or a symlink hop on its way lies in /dev or /proc."""
    path = os.path.abspath(file)
    for _ in range(_MAX_HOPS):
        if path.startswith(_SPECIAL_TREES):
            return True
        if not os.path.islink(path):
            return False
        path = os.path.normpath(os.path.join(os.path.dirname(path), os.readlink(path)))
    return False


def _replaceable(file: str, mode: int | None) -> bool:
    """A regular file (or none yet) outside /dev and /proc: written by rename."""
    return (mode is None or stat.S_ISREG(mode)) and not _through_special_tree(file)


class _ReportStream(io.TextIOWrapper):
    """A UTF-8 text stream whose write errors (a full disk, a closed pipe) are
    :class:`OutputError` naming the report, not an anonymous ``OSError`` from a reporter."""

    target = ""

    def write(self, s: str) -> int:
        try:
            return super().write(s)
        except OSError as exc:
            raise OutputError(self.target, exc) from exc

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            raise OutputError(self.target, exc) from exc

    def close(self) -> None:
        try:
            super().close()
        except OSError as exc:
            raise OutputError(self.target, exc) from exc


def _stream(fd: int, target: str) -> _ReportStream:
    out = _ReportStream(open(fd, "wb", closefd=True), encoding="utf-8",  # noqa: SIM115
                        newline="\n")
    out.target = target
    return out


@contextlib.contextmanager
def atomic_write(path: Path | str) -> Iterator[TextIO]:
    """Yield a text stream; on success it replaces ``path``, on any exception it vanishes.

    * A regular file (or a new one) is written to a hidden temporary file beside it and
      renamed over it when complete.
    * A symlink is followed: its final target is written that way (the link stays a link;
      a dangling link creates its target). A path that is, or leads through a symlink
      into, ``/dev`` or ``/proc`` (``/dev/stdout``, ``/dev/fd/3``) is written into.
    * A character device, FIFO or other non-regular file is written into directly, never
      replaced (so ``-o /dev/null`` stays a device); there, an exception cannot unwrite
      what was already sent.
    * A folder, a missing folder or no permission raises :class:`OutputError`, as does any
      failure to write, sync or rename; the temporary file is removed first.
    """
    file = str(path)
    problem = output_problem(file) if file == "" or file.endswith(_SEPARATORS) else None
    if problem is None:
        try:
            mode: int | None = os.stat(file).st_mode
        except FileNotFoundError:
            mode = None
        except (OSError, ValueError) as exc:
            raise OutputError(file, exc) from None
        problem = "it is a folder" if mode is not None and stat.S_ISDIR(mode) else None
    if problem is not None:
        raise OutputError(file, problem)
    if _replaceable(file, mode):
        with _replace(_final_target(file), file) as stream:
            yield stream
    else:
        with _write_into(file) as stream:
            yield stream


@contextlib.contextmanager
def _write_into(file: str) -> Iterator[TextIO]:
    try:
        fd = os.open(file, os.O_WRONLY | os.O_NOCTTY | os.O_TRUNC)
    except (OSError, ValueError) as exc:
        raise OutputError(file, exc) from None
    with _stream(fd, file) as stream:
        yield stream


@contextlib.contextmanager
def _replace(target: str, shown: str) -> Iterator[TextIO]:
    folder = os.path.dirname(target) or "."
    name = os.path.basename(target)
    import tempfile  # here: most runs write one report, and its import is a start-up cost

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(shown, exc) from None
    try:
        _own(shown, lambda: os.chmod(tmp, _default_mode()))  # mkstemp makes 0600
        with _stream(fd, shown) as stream:
            yield stream
            stream.flush()
            _own(shown, lambda: os.fsync(stream.fileno()))
        _own(shown, lambda: os.replace(tmp, target))
    except BaseException:
        _unlink(tmp)
        raise


def _own(shown: str, step: Callable[[], object]) -> None:
    """One step of the writer's own: an ``OSError`` there is an :class:`OutputError` (one
    thrown in by the caller's code is left as it is)."""
    try:
        step()
    except OSError as exc:
        raise OutputError(shown, exc) from None


def _unlink(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _default_mode() -> int:
    """0666 less the process umask, as ``open()`` would create the file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


# What a terminal, a CI log or a GitHub runner would act on rather than show: C0 and C1
# controls (ESC starts ANSI/OSC sequences, CR/LF start a new line that a runner parses as
# a workflow command), DEL, the Unicode line/paragraph separators, and the bidi controls
# that reorder what a reader sees (CVE-2021-42574, "Trojan Source").
_NAMED = {0x09: "\\t", 0x0a: "\\n", 0x0d: "\\r"}
_CONTROL: dict[int, str] = {
    **{c: _NAMED.get(c, f"\\x{c:02x}") for c in (*range(0x20), 0x7f, *range(0x80, 0xa0))},
    **{c: f"\\u{c:04x}" for c in (0x061c, 0x200e, 0x200f, 0x2028, 0x2029,
                                  *range(0x202a, 0x202f), *range(0x2066, 0x206a))},
}
UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROL) + "\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(text: str, *, keep: str = "") -> str:
    """``text`` fit for a terminal line: control characters (ESC, line breaks, C1), bidi
    controls and lone surrogates (an undecodable file name) shown as visible escapes
    (``\\n``, ``\\x1b``, ``\\u202e``, ``\\udce9``) instead of acting. Characters in
    ``keep`` (say ``"\\n"`` for a format that escapes line breaks its own way) pass."""
    if not UNSAFE.search(text):
        return text
    table = {c: v for c, v in _CONTROL.items() if chr(c) not in keep} if keep else _CONTROL
    return encodable(text.translate(table))


def safe_line(text: str) -> str:
    """:func:`safe_text` for a value that starts a printed line (a file name heading the
    text format's findings): a leading ``::`` — which a GitHub runner parses as a workflow
    command, after trimming whitespace — starts with ``\\x3a`` instead."""
    text = safe_text(text)
    stripped = text.lstrip()
    if stripped.startswith("::"):
        cut = len(text) - len(stripped)
        text = f"{text[:cut]}\\x3a{stripped[1:]}"
    return text


def encodable(text: str) -> str:
    """``text`` with each lone surrogate (which UTF-8 cannot encode) as a visible escape
    such as ``\\ud800``: the one repair rule for report text (see :mod:`provenance.report`)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
