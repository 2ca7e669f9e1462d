"""The parallel runner: same report as the serial one, and killable workers.

Byte-identical JSON for ``jobs=1``, ``jobs=2`` and :func:`provenance.audit.run_audit` on a
generated corpus in every format; a hanging, crashing or memory-hungry reader costs one
file a finding (INP001 / IMG002) while the audit completes; Ctrl-C leaves no worker alive.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from provenance.audit import run_audit
from provenance.parallel import run_audit_parallel
from tests.scale.corpus import CorpusSpec, generate
from tests.scale.support import misbehave, record_pid, render

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate(root, CorpusSpec(articles=300, standalone=4))
    return root


def test_jobs_do_not_change_the_report(corpus: Path) -> None:
    ticks: dict[str, int] = {"serial": 0, "two": 0}

    def counter(name: str) -> Callable[[int], None]:
        return lambda n: ticks.__setitem__(name, ticks[name] + n)

    serial = render(corpus, lambda f, c, b: run_audit(f, c, b, counter("serial")))
    one = render(corpus, lambda f, c, b: run_audit_parallel(f, c, b, jobs=1, cache=None))
    two = render(corpus, lambda f, c, b: run_audit_parallel(f, c, b, jobs=2, cache=None,
                                                            progress=counter("two")))
    assert one == serial
    assert two == serial
    summary = json.loads(serial)["summary"]
    assert (summary["articles"], summary["skipped"]) == (300, 0)
    files = len(list((corpus / "articles").rglob("*.*"))) + len(list((corpus / "loose").iterdir()))
    assert ticks == {"serial": files, "two": files}


# ------------------------------------------------------------------ misbehaving readers


def _photo(path: Path) -> None:
    xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
           'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
           'rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
           'photoshop:Credit="Harbour Photos"/></rdf:RDF></x:xmpmeta>')
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (32, 24), (90, 120, 150)).save(path, "JPEG", xmp=xmp.encode())


STORY = """\
---
title: Ferry Timetable Returns to Normal
author: Ana Lopes
date: 2026-03-02T08:00:00+00:00
---

# Ferry Timetable Returns to Normal

FARO (Lusa) - The harbour ferry resumed its full timetable on Monday after repairs.

![The ferry at the quay](img/{first}.jpg)

The ferry at the quay on Monday. Photo: Ana Lopes

![Passengers boarding](img/fine.jpg)

Passengers boarding the first sailing. Photo: Ana Lopes
"""


def _tree(root: Path, first: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.md").write_text(STORY.format(first=first), encoding="utf-8")
    for name in (first, "fine"):
        _photo(root / "img" / f"{name}.jpg")
    _photo(root / "loose" / f"{first}-alone.jpg")
    return root


def _audit(root: Path, plan: dict[str, str], **options: Any) -> dict[str, Any]:
    hook = functools.partial(misbehave, plan)
    text = render(root, lambda f, c, b: run_audit_parallel(
        f, c, b, jobs=options.pop("jobs", 1), cache=None, worker_init=hook, **options))
    report: dict[str, Any] = json.loads(text)
    return report


def _findings(entry: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [(f["rule"], f["image"], f["message"]) for f in entry["findings"]]


def _image_states(entry: dict[str, Any]) -> list[tuple[str, str]]:
    return [(i["src"], i["status"]) for i in entry["images"]]


@pytest.mark.parametrize("action, why", [
    ("hang", "reading timed out after 1 s"),
    ("abort", "reading stopped the worker process (SIGABRT, possibly over the 1024 MB "
              "memory limit)"),
])
def test_a_bad_image_costs_only_itself(tmp_path: Path, action: str, why: str) -> None:
    root = _tree(tmp_path, "bad")
    plan = {"img/bad.jpg": action, "loose/bad-alone.jpg": action}
    report = _audit(root, plan, timeout_s=1.0)
    [article] = report["articles"]
    assert _image_states(article) == [("img/bad.jpg", "unreadable"), ("img/fine.jpg", "ok")]
    assert _findings(article) == [
        ("IMG002", "img/bad.jpg", f"image 'img/bad.jpg' is unreadable: {why}")]
    assert [(i["path"], i["status"]) for i in report["images"]] == [
        ("loose/bad-alone.jpg", "unreadable")]
    assert _findings(report["images"][0]) == [
        ("IMG002", "loose/bad-alone.jpg",
         f"image 'loose/bad-alone.jpg' is unreadable: {why}")]
    assert report["errors"] == []


def test_memory_limit_applies_in_the_worker(tmp_path: Path) -> None:
    root = _tree(tmp_path, "huge")
    report = _audit(root, {"img/huge.jpg": "bloat"}, memory_mb=512)
    [article] = report["articles"]
    assert _findings(article) == [
        ("IMG002", "img/huge.jpg",
         "image 'img/huge.jpg' is unreadable: reading needs more than the 512 MB memory limit")]
    assert report["summary"]["images"] == 3  # the worker survived to read the others


def test_a_hanging_article_becomes_inp001(tmp_path: Path) -> None:
    root = _tree(tmp_path, "first")
    (root / "stuck.txt").write_text("By Ann\n\nSEOUL (Reuters) - A reader that never ends.\n")
    started = time.monotonic()
    report = _audit(root, {"stuck.txt": "hang"}, timeout_s=1.0, jobs=2)
    assert time.monotonic() - started < 20
    assert [(a["path"], a["format"]) for a in report["articles"]] == [
        ("story.md", "markdown"), ("stuck.txt", "text")]
    assert _findings(report["articles"][1]) == [
        ("INP001", None, "article could not be read: reading timed out after 1 s")]
    assert _findings(report["articles"][0]) == []


CTRL_C = """\
import functools, sys
from pathlib import Path
from provenance.output import atomic_write
from provenance.parallel import run_audit_parallel
from provenance.reporters.json import JsonReporter
from tests.scale.support import config, record_pid, render

if __name__ == "__main__":
    root, pids, out = (Path(a) for a in sys.argv[1:4])
    with atomic_write(out) as stream:
        stream.write(render(root, lambda f, c, b: run_audit_parallel(
            f, c, b, jobs=2, cache=None, timeout_s=600,
            worker_init=functools.partial(record_pid, str(pids), {"stuck.txt": "hang"}))))
"""


def test_ctrl_c_kills_workers_and_writes_no_report(tmp_path: Path) -> None:
    root, pids = _tree(tmp_path / "tree", "first"), tmp_path / "pids"
    pids.mkdir()
    (root / "stuck.txt").write_text("By Ann\n\nSEOUL (Reuters) - A reader that never ends.\n")
    script = tmp_path / "audit.py"
    script.write_text(CTRL_C, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(root), str(pids),
                             str(tmp_path / "report.json")], cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)},
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while (len(list(pids.iterdir())) < 2 and time.monotonic() < deadline
           and proc.poll() is None):
        time.sleep(0.05)
    time.sleep(0.3)  # let the hanging article reach its worker
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode != 0 and "KeyboardInterrupt" in err
    assert not (tmp_path / "report.json").exists()
    workers = [int(p.name) for p in pids.iterdir()]
    assert len(workers) == 2
    for pid in workers:
        assert not _alive(pid)


def _alive(pid: int) -> bool:
    for _ in range(50):  # an orphaned zombie is reaped by init shortly
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return False
        if "\nState:\tZ" in status:
            return False
        time.sleep(0.1)
    return True


def test_no_worker_outlives_a_run(tmp_path: Path) -> None:
    root, pids = _tree(tmp_path / "tree", "first"), tmp_path / "pids"
    pids.mkdir()
    render(root, lambda f, c, b: run_audit_parallel(
        f, c, b, jobs=2, cache=None, worker_init=functools.partial(record_pid, str(pids))))
    workers = [int(p.name) for p in pids.iterdir()]
    assert workers and not any(_alive(pid) for pid in workers)


# ----------------------------------------------------------------- batches, start methods


@pytest.fixture(params=["fork", "forkserver"])
def start(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with workers started each way (fork is what Linux uses by default;
    forkserver is the fallback while a thread runs, and what macOS-like setups get)."""
    import provenance.parallel as parallel

    method: str = request.param
    monkeypatch.setattr(parallel, "start_method", lambda: method)
    return method


def test_a_hang_inside_a_batch_costs_only_that_file(tmp_path: Path, start: str) -> None:
    """Files travel in batches: the one that hangs is blamed, those before and after it in
    the same batch (whose answers went down with the worker) are audited again."""
    names = [f"loose/p{i:02d}.jpg" for i in range(20)]
    for name in names:
        _photo(tmp_path / name)
    report = _audit(tmp_path, {"loose/p09.jpg": "hang"}, timeout_s=1.0)
    assert [(i["path"], i["status"]) for i in report["images"]] == [
        (name, "unreadable" if name == "loose/p09.jpg" else "ok") for name in names]
    assert [f["rule"] for i in report["images"] for f in i["findings"]] == ["IMG002"]


def test_start_methods_give_the_same_report(corpus: Path, start: str) -> None:
    serial = render(corpus, lambda f, c, b: run_audit(f, c, b))
    assert render(corpus, lambda f, c, b: run_audit_parallel(f, c, b, jobs=2, cache=None)) \
        == serial
