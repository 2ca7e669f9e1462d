"""Red-team rows R3 and R18: HTML thumbnails are decoded under limits and only inside roots.

R3: a 200 KB progressive JPEG with 20,000 empty scans cost minutes of decoding in the main
process. Such a file is now refused before decoding, and every thumbnail is decoded in a
helper worker under the per-file timeout. R18: ``report render`` of a tampered report
(``"root": "../../.."``) embedded any file it named; the render's own root bounds it too.
"""

from __future__ import annotations

import json
import struct
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from provenance.cli import main
from provenance.cli_report import report
from provenance.parallel import Isolated
from provenance.reporters.thumbnails import Thumbnailer, thumbnail_data_uri

NOW = "2026-03-10T00:00:00+00:00"


def _seg(marker: int, body: bytes) -> bytes:
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body


def scan_bomb(path: Path, width: int = 4000, height: int = 4000, scans: int = 5000) -> Path:
    """A grey progressive JPEG of ``scans`` empty AC scans: every scan walks the frame."""
    parts = [b"\xff\xd8", _seg(0xDB, b"\x00" + bytes([1] * 64)),
             _seg(0xC2, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"),
             _seg(0xC4, b"\x00" + bytes([1] + [0] * 15) + b"\x00"),
             _seg(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\xe0"),
             _seg(0xDA, b"\x01\x01\x00" + bytes([0, 0, 0])) + b"\x00",
             _seg(0xDA, b"\x01\x01\x00" + bytes([1, 63, 0])) * scans, b"\xff\xd9"]
    path.write_bytes(b"".join(parts))
    return path


def _hang(seconds: float) -> str:
    time.sleep(seconds)
    return "late"


def _answer(value: str) -> str:
    return value


def test_r3_scan_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    scan_bomb(tmp_path / "bomb.jpg")
    Image.new("RGB", (64, 64)).save(tmp_path / "fine.jpg", progressive=True)
    started = time.monotonic()
    assert thumbnail_data_uri(tmp_path, "bomb.jpg") is None
    assert time.monotonic() - started < 2
    assert thumbnail_data_uri(tmp_path, "fine.jpg") is not None  # a normal progressive JPEG


def test_r3_a_hanging_decode_costs_only_its_timeout() -> None:
    helper = Isolated(timeout_s=1.0, memory_mb=None)
    try:
        started = time.monotonic()
        ok, why = helper.call(_hang, 60.0)
        assert not ok and "timed out" in why
        assert time.monotonic() - started < 10
        assert helper.call(_answer, "next") == (True, "next")  # a fresh worker
    finally:
        helper.close()


def test_r3_thumbnailer_decodes_in_a_worker(tmp_path: Path) -> None:
    Image.new("RGB", (64, 64), (200, 10, 10)).save(tmp_path / "a.jpg")
    scan_bomb(tmp_path / "bomb.jpg")
    thumbs = Thumbnailer(timeout_s=20)
    try:
        assert (thumbs.data_uri(tmp_path, "a.jpg") or "").startswith("data:image/webp;base64,")
        assert thumbs.data_uri(tmp_path, "bomb.jpg") is None
    finally:
        thumbs.close()


def test_r3_html_report_of_a_scan_bomb_stays_fast(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "c"
    (root / "img").mkdir(parents=True)
    scan_bomb(root / "img" / "b.jpg", 7000, 7000, 20000)
    (root / "a.html").write_text('<p>By Ann</p><p>SEOUL (Reuters) - x</p><img src="img/b.jpg">')
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    code = main(["audit", "c", "--no-cache", "--no-progress", "--now", NOW, "--fail-on",
                 "never", "-o", "r.json", "--report", "html=r.html"])
    assert code == 0
    assert time.monotonic() - started < 20  # was 141 s
    assert "img/b.jpg" in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.fixture()
def tampered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A report whose root climbs out of the working folder to a file outside it."""
    secret = tmp_path / "secret" / "secret.jpg"
    secret.parent.mkdir()
    Image.new("RGB", (8, 8)).save(secret)
    work = tmp_path / "work"
    (work / "solo").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(work / "solo" / "x.jpg")
    monkeypatch.chdir(work)
    assert main(["audit", "solo", "--no-cache", "--no-progress", "--now", NOW,
                 "--fail-on", "never", "-o", "r.json"]) == 0
    doc = json.loads((work / "r.json").read_text(encoding="utf-8"))
    doc["root"] = "../" * 12
    doc["images"][0]["path"] = str(secret).lstrip("/")
    doc["images"] = doc["images"][:1]
    (work / "evil.json").write_text(json.dumps(doc), encoding="utf-8")
    return work


def test_r18_render_refuses_a_report_root_outside_the_working_folder(tampered: Path) -> None:
    result = CliRunner().invoke(report, ["render", "evil.json", "--format", "html",
                                         "-o", "evil.html"])
    assert result.exit_code == 0, result.output
    assert "data:image/webp" not in (tampered / "evil.html").read_text(encoding="utf-8")


def test_r18_render_refuses_paths_outside_its_root_option(tampered: Path) -> None:
    result = CliRunner().invoke(report, ["render", "evil.json", "--format", "html",
                                         "--root", "solo", "-o", "evil.html"])
    assert result.exit_code == 0, result.output
    assert "data:image/webp" not in (tampered / "evil.html").read_text(encoding="utf-8")


def test_r18_render_still_shows_images_under_both_roots(tampered: Path) -> None:
    result = CliRunner().invoke(report, ["render", "r.json", "--format", "html",
                                         "-o", "ok.html"])
    assert result.exit_code == 0, result.output
    assert "data:image/webp" in (tampered / "ok.html").read_text(encoding="utf-8")
