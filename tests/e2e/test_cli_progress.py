"""The progress display (issue 15): on a terminal only, counting files, reaching 100 %,
with the findings printed above it — run under a real pseudo-terminal."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from provenance.paths import Found
from provenance.progress import AuditProgress
from tests.images.builders import write_jpeg

pty = pytest.importorskip("pty")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    """12 stories showing one shared photo, and one photo no story shows: 14 files."""
    root = tmp_path / "archive"
    (root / ".git").mkdir(parents=True)
    (root / "img").mkdir()
    for n in range(12):
        (root / f"story{n:02}.md").write_text(
            f"---\ntitle: Harbour story {n}\n---\n\nThe harbour reopened on day {n}.\n\n"
            "![Harbour](img/harbour.jpg)\n", encoding="utf-8")
    write_jpeg(root / "img/harbour.jpg")
    write_jpeg(root / "img/spare.jpg")
    return root


def _run(root: Path, *args: str, stdout_tty: bool = True,
         env: dict[str, str] | None = None) -> tuple[str, str]:
    """``provenance audit`` with stderr (and stdout, unless told) on a pseudo-terminal;
    returns (what the terminal showed, what went to a redirected stdout)."""
    master, slave = pty.openpty()
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "FORCE_COLOR")}
    base.update({"COLUMNS": "120", "TERM": "xterm", **(env or {})})
    redirected = root.parent / "stdout.txt"
    with redirected.open("wb") as plain:
        proc = subprocess.Popen(
            [sys.executable, "-m", "provenance", "audit", ".", "--no-cache", "--select",
             "MET001", *args], cwd=root, env=base, stdin=subprocess.DEVNULL,
            stdout=slave if stdout_tty else plain, stderr=slave)
        os.close(slave)
        shown = b""
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        assert proc.wait(timeout=60) == 0
        os.close(master)
    return shown.decode("utf-8", "replace"), redirected.read_text("utf-8")


def test_progress_counts_files_reaches_100_and_keeps_findings_above(archive: Path) -> None:
    shown, _ = _run(archive)
    text = ANSI.sub("", shown)
    # 12 articles + 2 image files = 14 (not 13 references + 1), and it gets there.
    assert re.search(r"auditing .* 100% +14/14 files", text), text[-600:]
    assert "/15 files" not in text and "/13 files" not in text
    final = text.rindex("14/14 files")
    # Every finding and the summary reach the terminal on lines of their own, the summary
    # after the finished bar.
    lines = [line.rstrip("\r").split("\r")[-1] for line in text.split("\n")]
    findings = [line for line in lines if "MET001" in line]
    assert len(findings) == 12 and all(line.lstrip().startswith("-") for line in findings)
    summary = text.index("12 articles, 2 images (13 references)")
    assert summary > final


def test_no_progress_when_stdout_is_redirected(archive: Path) -> None:
    shown, written = _run(archive, stdout_tty=False)
    assert "auditing" not in shown
    assert "auditing" not in written and written.count("MET001") == 12


@pytest.mark.parametrize(("flag", "env"), [("--no-progress", {}), ("--quiet", {}),
                                           (None, {"CI": "true"}), (None, {"TERM": "dumb"})])
def test_no_progress_when_asked_or_in_ci(archive: Path, flag: str | None,
                                         env: dict[str, str]) -> None:
    shown, _ = _run(archive, *([flag] if flag else []), env=env)
    assert "auditing" not in shown and "files" not in ANSI.sub("", shown)
    assert shown.count("MET001") == 12


def _found(*items: tuple[str, str]) -> list[Found]:
    return [Found(kind, f"/archive/{rel}", rel) for kind, rel in items]


def test_an_image_file_shown_by_articles_is_counted_once() -> None:
    found = _found(("article", "a.md"), ("article", "b.md"), ("image", "img/x.jpg"),
                   ("image", "img/y.jpg"))
    display = AuditProgress(found)
    threads = threading.active_count()
    with display:
        assert threading.active_count() == threads  # no refresh thread: workers still fork
        entry: dict[str, Any] = {"images": [{"path": "img/x.jpg"}, {"path": "img/x.jpg"},
                                            {"path": None}, {"path": "img/gone.jpg"}]}
        display.article(entry)
        display.tick()  # the engine's tick for a.md
        display.article(entry)
        display.tick()
        assert display.done == 3  # a.md, b.md, img/x.jpg once; img/y.jpg is still to come
        display.image({"path": "img/y.jpg"})
        display.tick()
        assert display.done == 4 == display.total
        display.finish({})
        assert display.done == 4


def test_live_stdout_holds_a_partial_line_only_while_the_display_runs(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console
    from rich.file_proxy import FileProxy

    from provenance.progress import LiveStdout

    out = LiveStdout()
    out.write('{"a": 1,')
    assert capsys.readouterr().out == '{"a": 1,'  # no display: straight through
    shown = Console(file=sys.__stderr__, force_terminal=False)
    real = sys.stdout
    monkeypatch.setattr(sys, "stdout", FileProxy(shown, real))
    out.write(' "b": 2}\n{"c": ')
    held = capsys.readouterr().out
    monkeypatch.setattr(sys, "stdout", real)  # the display stopped
    out.write("3}")
    out.flush()
    assert held == "" and capsys.readouterr().out == '{"c": 3}'
