"""``--engine dask``: the same report, byte for byte, as ``--engine local``.

Every Dask client runs in a subprocess (:mod:`tests.cluster.subprocess_run`): its threads
would otherwise stay in the pytest process and change how later tests' workers start.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")

from tests.cluster.corpus import make_corpus  # noqa: E402
from tests.conftest import REPO  # noqa: E402
from tests.warc.builders import Rec, camera_jpeg, figure, page, write_warc  # noqa: E402

NOW = "2026-03-10T00:00:00+00:00"
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A two-worker cluster on 127.0.0.1 for the module, as a user's would be."""
    where = tmp_path_factory.mktemp("cluster") / "address"
    proc = subprocess.Popen([sys.executable, "-m", "tests.cluster.subprocess_run", "cluster",
                             str(where)], cwd=REPO, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not where.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Dask cluster did not start")
            time.sleep(0.2)
        yield where.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _compare(tmp_path: Path, root: Path, scheduler: str, **spec: Any) -> dict[str, Any]:
    out = tmp_path / "compare.json"
    spec = {"root": str(root), "scheduler": scheduler, "out": str(out), **spec}
    subprocess.run([sys.executable, "-m", "tests.cluster.subprocess_run", "compare",
                    json.dumps(spec)], cwd=REPO, env=ENV, check=True, timeout=600)
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def _cli(tmp_path: Path, name: str, *args: str) -> subprocess.CompletedProcess[str]:
    out = tmp_path / f"{name}.json"
    return subprocess.run([sys.executable, "-m", "provenance", "audit", *args, "--format",
                           "json", "-o", str(out), "--now", NOW, "--no-progress",
                           "--no-cache"], cwd=tmp_path, env=ENV, capture_output=True,
                          text=True, timeout=600)


def _report(tmp_path: Path, name: str, *args: str) -> bytes:
    done = _cli(tmp_path, name, *args)
    assert done.returncode in (0, 1), done.stderr
    return (tmp_path / f"{name}.json").read_bytes()


def test_examples_on_a_local_cluster_of_two(tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    local = _report(tmp_path, "local", "examples", "--engine", "local")
    dask = _report(tmp_path, "dask", "examples", "--engine", "dask", "--jobs", "2")
    assert json.loads(local)["summary"]["articles"] == 8
    assert dask == local


def test_generated_corpus_is_byte_identical(tmp_path: Path, scheduler: str) -> None:
    root = make_corpus(tmp_path / "corpus", 300)
    result = _compare(tmp_path, root, scheduler)
    report = json.loads(result["dask"])
    assert report["summary"]["articles"] == 300
    assert {"AID001", "IMG001", "IMG005", "ATR001"} <= set(report["summary"]["by_rule"])
    assert result["dask"] == result["local"]
    # Progress comes from the futures, a chunk at a time, and counts every file audited.
    ticks = result["ticks"]
    assert sum(ticks) == 300 + len(report["images"]) and len(ticks) > 2
    # The workers gave up the run's pools when it ended: nothing lingers on the cluster.
    assert result["tokens"] == [None, None]


def test_scheduler_option_and_web_archives(tmp_path: Path, scheduler: str) -> None:
    site = "https://news.example"
    write_warc(tmp_path / "c.warc.gz", [
        Rec(f"{site}/{n}.html", page(f"Story {n}", "OSLO (NTB) - A story.",
                                     figure(f"p{n % 3}.jpg", "A photo.")))
        for n in range(40)
    ] + [Rec(f"{site}/p{n}.jpg", camera_jpeg(gps=n == 1), "image/jpeg") for n in range(3)])
    local = _report(tmp_path, "local", "c.warc.gz")
    dask = _report(tmp_path, "dask", "c.warc.gz", "--scheduler", scheduler)
    assert len(json.loads(local)["articles"]) == 40
    assert dask == local


def test_per_file_limits_hold_inside_a_dask_worker(tmp_path: Path, scheduler: str) -> None:
    root = make_corpus(tmp_path / "corpus", 12)
    plan = {"desk1/story00001.md": "hang", "img/photo4.jpg": "hang"}
    result = _compare(tmp_path, root, scheduler, plan=plan, timeout_s=1.5, jobs=1)
    assert result["dask"] == result["local"]
    report = json.loads(result["dask"])
    story = next(a for a in report["articles"] if a["path"] == "desk1/story00001.md")
    assert [f["rule"] for f in story["findings"]] == ["INP001"]
    assert "timed out" in story["findings"][0]["message"]
    blamed = [i for a in report["articles"] for i in a["images"]
              if i["path"] == "img/photo4.jpg"]
    assert blamed and all(i["status"] == "unreadable" for i in blamed)


def test_a_worker_lost_mid_task_is_rerun(tmp_path: Path, scheduler: str) -> None:
    root = make_corpus(tmp_path / "corpus", 40)
    marker = tmp_path / "killed"
    result = _compare(tmp_path, root, scheduler, kill="desk2/story00002.html",
                      marker=str(marker), jobs=1)
    assert marker.exists()  # a worker did die
    assert result["dask"] == result["local"]


def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nSEOUL (Reuters) - Text.\n", encoding="utf-8")
    done = _cli(tmp_path, "x", "a.txt", "--scheduler", "tcp://127.0.0.1:9")
    assert done.returncode == 2
    assert "cannot reach the Dask scheduler" in done.stderr
