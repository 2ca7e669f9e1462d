"""Atomic file output: reports appear whole or not at all.

A report is written to a temporary file in the destination folder and renamed over the
target only when complete, so Ctrl-C or a crash never leaves a half-written report
(``os.replace`` is atomic on POSIX and Windows within one file system).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[TextIO]:
    """Yield a text stream; on success it replaces ``path``, on any exception it vanishes."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _default_mode())  # mkstemp makes 0600; a report is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _default_mode() -> int:
    """0666 less the process umask, as ``open()`` would create the file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7f, *range(0x80, 0xa0))}


def safe_text(text: str) -> str:
    """``text`` fit for a terminal line: control characters (ESC, newlines, C1) and lone
    surrogates (an undecodable file name) shown as escapes instead of acting."""
    text = text.translate(_CONTROL)
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if any(
        "\ud800" <= ch <= "\udfff" for ch in text) else text
