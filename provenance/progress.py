"""The live progress display of an audit on a terminal: files done of files found.

Shown only when a person watches: stdout and stderr are terminals, ``TERM`` is not
``dumb``, no ``CI`` variable is set, and neither ``--no-progress`` nor ``--quiet`` was given
— never in a CI log or a redirected run. It is a `rich <https://rich.readthedocs.io>`_ live
display on the terminal: lines printed meanwhile (streamed findings, warnings) are shown
*above* the bar instead of sharing its line.

It counts files, not references, and reaches 100 %: the engine ticks once per article file
and per standalone image; an image file shown by an article is ticked when the first
article showing it is reported (this object is also a reporter, to see those entries);
whatever is left (a file a reader dropped) is ticked when the report finishes, and the bar
stops there at 100 %, above the summary.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any

REDRAWS_PER_SECOND = 10

def wanted(disabled: bool, total: int) -> bool:
    """Whether a progress display belongs on this run (see the module docstring)."""
    if disabled or total < 2:
        return False
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return _isatty(sys.stdout) and _isatty(sys.stderr)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class LiveStdout(io.TextIOBase):
    """stdout as it is *now*: while the display runs, ``sys.stdout`` is rich's proxy that
    prints whole lines above the bar, so a reporter made before the display started still
    writes through it. Only whole lines go to the proxy (it would end a partial one with a
    line break of its own when the display stops); the rest waits for the next write."""

    def __init__(self) -> None:
        super().__init__()
        self._tail = ""

    def write(self, text: str) -> int:
        whole = self._tail + text
        if _redirected():
            cut = whole.rfind("\n") + 1
            self._tail, whole = whole[cut:], whole[:cut]
        else:
            self._tail = ""
        if whole:
            sys.stdout.write(whole)
        return len(text)

    def flush(self) -> None:
        if self._tail and not _redirected():
            sys.stdout.write(self._tail)
            self._tail = ""
        sys.stdout.flush()

    def isatty(self) -> bool:
        return _isatty(sys.stdout)

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(sys.stdout, "encoding", None) or "utf-8")


def _redirected() -> bool:
    """Is ``sys.stdout`` rich's proxy (a progress display is running)?"""
    proxy = sys.modules.get("rich.file_proxy")
    return proxy is not None and isinstance(sys.stdout, proxy.FileProxy)


class AuditProgress:
    """``auditing ━━━━━━━━━━━━ 46% 920/2,000 files 0:00:12``; a reporter too."""

    def __init__(self, found: Sequence[Any]) -> None:
        self.total = len(found)
        self._images = {f.rel for f in found if f.kind == "image"}
        self._shown: set[str] = set()
        self._progress: Any = None
        self._task: Any = None
        self._drawn = 0.0
        self.done = 0

    def __enter__(self) -> AuditProgress:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            TextColumn("auditing"), BarColumn(), TaskProgressColumn(),
            MofNCompleteColumn(), TextColumn("files"), TimeElapsedColumn(),
            console=Console(soft_wrap=True), redirect_stdout=True, redirect_stderr=True,
            auto_refresh=False)
        self._progress.__enter__()
        self._task = self._progress.add_task("auditing", total=self.total)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._progress.__exit__(kind, exc, tb)

    def tick(self, count: int = 1) -> None:
        """One more file done (the engine's progress callback). Redrawn here, at most
        :data:`REDRAWS_PER_SECOND` times a second, not by a refresh thread: with a second
        thread running the engine could no longer start its workers by ``fork``."""
        self.done = min(self.total, self.done + count)
        self._progress.update(self._task, completed=self.done)
        now = time.monotonic()
        if now - self._drawn >= 1 / REDRAWS_PER_SECOND:
            self._drawn = now
            self._progress.refresh()

    # --- reporter: image files shown by articles ----------------------------------------

    def start(self, header: Mapping[str, Any]) -> None:
        pass

    def article(self, entry: Mapping[str, Any]) -> None:
        self._show([image.get("path") for image in entry["images"]])

    def article_encoded(self, text: str, tally: Any) -> None:
        self._show([path for path, _ in tally.images])

    def _show(self, paths: Sequence[Any]) -> None:
        for path in paths:
            if path in self._images and path not in self._shown:
                self._shown.add(path)
                self.tick()

    def image(self, entry: Mapping[str, Any]) -> None:
        pass

    def finish(self, tail: Mapping[str, Any]) -> None:
        """All files done: the bar shows 100 % and stops, so the summary the text
        reporter writes next (this reporter comes first) is printed below it."""
        self.tick(self.total - self.done)
        self._progress.refresh()
        self._progress.stop()
