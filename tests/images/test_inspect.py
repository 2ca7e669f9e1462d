"""``provenance inspect``: folder expansion, hidden folders, named files, options, JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from provenance.cli import main
from provenance.schema import report_errors
from tests.images.builders import exif_bytes, write_jpeg, write_png


def inspect_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["inspect", *args, "--format", "json"])
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert report_errors(doc, "inspectReport") == []
    assert "images/s" in captured.err  # the photo desk sees the throughput
    return code, doc


def test_folders_expand_sorted_and_skip_hidden(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    write_jpeg(tmp_path / "b" / "z.jpg")
    write_png(tmp_path / "a" / "deep" / "y.PNG")
    write_jpeg(tmp_path / "a" / "x.jpeg")
    write_jpeg(tmp_path / ".cache" / "hidden.jpg")
    write_jpeg(tmp_path / "a" / ".dot.jpg")
    (tmp_path / "a" / "notes.txt").write_text("not an image", encoding="utf-8")
    _, doc = inspect_json(capsys, str(tmp_path))
    assert [(i["path"], i["format"]) for i in doc["images"]] == [
        ("a/deep/y.PNG", "png"), ("a/x.jpeg", "jpeg"), ("b/z.jpg", "jpeg")]


def test_named_file_is_read_whatever_its_extension(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data.bin").write_bytes(b"\x00\x01 not an image")
    write_jpeg(tmp_path / "p.jpg")
    code, doc = inspect_json(capsys, str(tmp_path / "data.bin"), str(tmp_path / "p.jpg"),
                             str(tmp_path / "p.jpg"))
    assert [(i["path"], i["status"]) for i in doc["images"]] == [
        ("data.bin", "unsupported"), ("p.jpg", "ok")]
    assert [f["rule"] for f in doc["images"][0]["findings"]] == ["IMG010"]
    assert code == 0  # IMG010 and IMG006 are info


def test_policy_generators_reach_the_reader(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    write_jpeg(tmp_path / "g.jpg", exif=exif_bytes(software="HouseGen 3", artist="Desk"))
    (tmp_path / "policy.toml").write_text('extra_generators = ["HouseGen"]\n', encoding="utf-8")
    _, plain = inspect_json(capsys, str(tmp_path / "g.jpg"))
    _, policy = inspect_json(capsys, str(tmp_path / "g.jpg"), "--config",
                             str(tmp_path / "policy.toml"))
    assert [i["ai"]["verdict"] for i in plain["images"] + policy["images"]] == [
        "unknown", "ai-generated"]


def test_importing_the_package_loads_no_heavy_library() -> None:
    code = ("import sys, provenance.images; "
            "print(sorted(m for m in ('PIL', 'c2pa', 'pillow_heif') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
