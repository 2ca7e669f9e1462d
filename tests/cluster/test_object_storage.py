"""``s3://bucket/prefix/`` PATHs against a moto S3 server on 127.0.0.1, started here.

The audits run as subprocesses: fsspec's drivers keep an event-loop thread in the process
that used them, and the local engine forks its workers only from a single-threaded one.
The bucket is laid out with boto3 (synchronous, no threads left behind).
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

if importlib.util.find_spec("s3fs") is None or importlib.util.find_spec("moto") is None:
    pytest.skip("needs provenance[cloud] and moto[server]", allow_module_level=True)

from provenance.schema import report_errors  # noqa: E402
from tests.conftest import REPO  # noqa: E402
from tests.warc.builders import (  # noqa: E402
    Rec,
    camera_jpeg,
    figure,
    generated_png,
    page,
    write_warc,
)

BUCKET = "newsroom"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    # In a folder of its own: moto's request recorder writes its file where it runs.
    where = tmp_path_factory.mktemp("moto")
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                             str(port)], cwd=where, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                            env={**os.environ, "MOTO_RECORDER_FILEPATH":
                                 str(where / "moto_recording")})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the moto server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture()
def s3(endpoint: str, tmp_path: Path) -> dict[str, str]:
    """A newsroom bucket on the local server; returns the environment that reaches it."""
    import boto3

    env = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
    existing = [b["Name"] for b in client.list_buckets().get("Buckets", [])]
    if BUCKET in existing:
        for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    else:
        client.create_bucket(Bucket=BUCKET)
    photo = camera_jpeg()
    story = page("Harbour wall repaired", "LISBON (Reuters) - The wall was repaired.",
                 figure("img/photo.jpg", "The wall.") + figure("../../secret/leak.jpg", "X"))
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [
        Rec("https://news.example/s.html", page("Archived", "OSLO (NTB) - Archived.",
                                                figure("ai.png", "A picture."))),
        Rec("https://news.example/ai.png", generated_png(), "image/png"),
    ])
    for key, body in {
        "archive/2026/story.html": story,
        "archive/2026/img/photo.jpg": photo,
        "archive/2026/notes.bin": b"not audited",
        "archive/2026/crawl/crawl.warc.gz": warc.read_bytes(),
        "archive/2026-drafts/draft.txt": b"Draft\n\nNot in the prefix.\n",
        "secret/leak.jpg": photo,
    }.items():
        client.put_object(Bucket=BUCKET, Key=key, Body=body)
    return env


def _audit(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "provenance", "audit", *args, "--no-cache",
                           "--no-progress", "--now", "2026-03-10T00:00:00+00:00"],
                          cwd=tmp_path, env={**os.environ, **env, "PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, timeout=300)


def _recording(endpoint: str, action: str) -> bytes:
    method = "GET" if action == "download-recording" else "POST"
    request = urllib.request.Request(f"{endpoint}/moto-api/recorder/{action}", method=method)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return bytes(answer.read())


def test_a_prefix_is_the_root_and_nothing_outside_is_read(
        s3: dict[str, str], endpoint: str, tmp_path: Path) -> None:
    _recording(endpoint, "reset-recording")
    _recording(endpoint, "start-recording")
    done = _audit(tmp_path, s3, f"s3://{BUCKET}/archive/2026/", "--format", "json", "-o",
                  "report.json")
    _recording(endpoint, "stop-recording")
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report_errors(report) == []
    log = _recording(endpoint, "download-recording").decode("utf-8", "replace")
    assert report["root"] == f"s3://{BUCKET}/archive/2026/"
    paths = [a["path"] for a in report["articles"]]
    assert paths[-1] == "story.html"
    assert paths[0].startswith("crawl/crawl.warc.gz#")
    story = report["articles"][-1]
    assert [(i["path"], i["status"]) for i in story["images"]] == [
        ("img/photo.jpg", "ok"), (None, "outside-root")]
    assert {"IMG004", "IMG005"} <= {f["rule"] for f in story["findings"]}
    assert report["articles"][0]["images"][0]["ai"]["verdict"] == "ai-generated"
    # The server saw requests for the prefix only: no sibling prefix, no other key.
    assert "archive/2026/story.html" in log
    assert "secret" not in log and "2026-drafts" not in log and "notes.bin" not in log


def test_a_missing_prefix_is_a_usage_error(s3: dict[str, str], tmp_path: Path) -> None:
    done = _audit(tmp_path, s3, f"s3://{BUCKET}/nothing-here/")
    assert done.returncode == 2
    assert "does not exist" in done.stderr


def test_storage_path_with_root_is_refused(s3: dict[str, str], tmp_path: Path) -> None:
    done = _audit(tmp_path, s3, f"s3://{BUCKET}/archive/2026/", "--root", str(tmp_path))
    assert done.returncode == 2
    assert "must be the only PATH" in done.stderr


def test_storage_with_a_remote_scheduler_is_refused(s3: dict[str, str],
                                                    tmp_path: Path) -> None:
    done = _audit(tmp_path, s3, f"s3://{BUCKET}/archive/2026/", "--scheduler",
                  "tcp://127.0.0.1:9")
    assert done.returncode == 2
    assert "remote cluster" in done.stderr
