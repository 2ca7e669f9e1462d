"""Thumbnails: the one place pixels are decoded — only inside the root, never a crash."""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path

import pytest
from PIL import Image

from provenance.reporters import thumbnails
from provenance.reporters.thumbnails import safe_image_path, thumbnail_data_uri

PREFIX = "data:image/webp;base64,"


def decode(uri: str) -> Image.Image:
    assert uri.startswith(PREFIX)
    im = Image.open(io.BytesIO(base64.b64decode(uri[len(PREFIX):])))
    im.load()
    return im


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    base = tmp_path / "root"
    (base / "img").mkdir(parents=True)
    photo = Image.effect_noise((1200, 800), 60).convert("RGB")
    photo.save(base / "img" / "photo.jpg", quality=90)
    Image.new("RGBA", (200, 100), (255, 0, 0, 128)).save(base / "img" / "alpha.png")
    return base


def test_jpeg_becomes_small_webp(root: Path) -> None:
    uri = thumbnail_data_uri(root, "img/photo.jpg")
    assert uri is not None
    im = decode(uri)
    assert (im.format, im.size, im.mode) == ("WEBP", (96, 64), "RGB")
    assert len(uri) < 4000  # noise is the worst case; real photos give ~1-1.5 KB


def test_transparency_is_kept(root: Path) -> None:
    uri = thumbnail_data_uri(root, "img/alpha.png")
    assert uri is not None
    im = decode(uri)
    assert (im.size, im.mode) == ((96, 48), "RGBA")


@pytest.mark.parametrize("ref", [None, "", "img/none.jpg", "../outside.jpg",
                                 "https://example.invalid/a.jpg", "data:image/png;base64,AA",
                                 "file:///etc/passwd", "//cdn.invalid/a.jpg", "img", "a\0b"])
def test_refused_or_missing_gives_none(root: Path, ref: str | None) -> None:
    Image.new("RGB", (10, 10)).save(root.parent / "outside.jpg")
    assert thumbnail_data_uri(root, ref) is None


def test_absolute_and_symlinked_paths_outside_the_root(root: Path) -> None:
    outside = root.parent / "secret.jpg"
    Image.new("RGB", (10, 10)).save(outside)
    (root / "img" / "link.jpg").symlink_to(outside)
    assert thumbnail_data_uri(root, str(outside)) is None
    assert thumbnail_data_uri(root, "img/link.jpg") is None
    inside = root / "img" / "inside-link.jpg"
    inside.symlink_to(root / "img" / "photo.jpg")
    assert thumbnail_data_uri(root, "img/inside-link.jpg") is not None


def test_bad_files_never_raise(root: Path) -> None:
    (root / "img" / "empty.jpg").write_bytes(b"")
    (root / "img" / "junk.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 20)
    data = (root / "img" / "photo.jpg").read_bytes()
    (root / "img" / "truncated.jpg").write_bytes(data[: len(data) // 3])
    os.mkfifo(root / "img" / "fifo.jpg")  # would block a naive open()
    for name in ("empty.jpg", "junk.jpg", "truncated.jpg", "fifo.jpg"):
        assert thumbnail_data_uri(root, f"img/{name}") is None, name
    assert safe_image_path(root, "img/fifo.jpg") is None


def test_decompression_bomb_is_refused(root: Path) -> None:
    # 64 megapixels of a bilevel image compress to a few KB: the classic bomb shape.
    Image.new("1", (8000, 8000)).save(root / "img" / "bomb.png")
    assert (root / "img" / "bomb.png").stat().st_size < 100_000
    assert thumbnail_data_uri(root, "img/bomb.png") is None


def test_pillow_bomb_warning_is_an_error(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Below our own limit but above Pillow's (lowered here): its warning must not pass.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 600_000)  # 960,000 px: warns, no error
    assert thumbnail_data_uri(root, "img/photo.jpg") is None
    monkeypatch.setattr(thumbnails, "MAX_PIXELS", 10)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    assert thumbnail_data_uri(root, "img/photo.jpg") is None


# -- the pool the HTML report uses: decoding in worker processes, several at once ---------

def _pid_of_decoder(root: Path, rel_path: str, bound: Path | None) -> str:
    return f"{os.getpid()}:{rel_path}"


def _hang_on_bomb(root: Path, rel_path: str, bound: Path | None) -> str | None:
    if rel_path.endswith("photo.jpg"):
        import time

        time.sleep(60)
    return thumbnails.thumbnail_data_uri(root, rel_path, bound=bound)


def test_pool_gives_the_same_thumbnails_in_order_whatever_the_workers(root: Path) -> None:
    paths = ["img/photo.jpg", None, "img/missing.jpg", "img/alpha.png", "../outside.png"]
    expected = [thumbnail_data_uri(root, p) for p in paths]
    assert [e is not None for e in expected] == [True, False, False, True, False]
    for workers in (1, 2):
        assert thumbnails.ThumbnailPool(workers).data_uris(root, paths) == expected


def test_pool_decodes_in_worker_processes_not_this_one(root: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thumbnails, "_in_worker", _pid_of_decoder)
    got = thumbnails.ThumbnailPool(2).data_uris(root, ["img/photo.jpg", "img/alpha.png"] * 3)
    pids = {str(g).split(":")[0] for g in got}
    assert [str(g).split(":")[1] for g in got] == ["img/photo.jpg", "img/alpha.png"] * 3
    assert str(os.getpid()) not in pids and 1 <= len(pids) <= 2


def test_pool_a_hanging_decode_costs_its_timeout_and_only_its_thumbnail(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(thumbnails, "_in_worker", _hang_on_bomb)
    started = time.monotonic()
    got = thumbnails.ThumbnailPool(2, timeout_s=1.0).data_uris(
        root, ["img/alpha.png", "img/photo.jpg", "img/alpha.png"])
    assert time.monotonic() - started < 15
    assert [g is not None for g in got] == [True, False, True]


def test_pool_keeps_its_workers_for_the_length_of_a_with_block(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thumbnails, "_in_worker", _pid_of_decoder)
    with thumbnails.ThumbnailPool(1) as pool:
        first = pool.data_uris(root, ["img/photo.jpg"])
        second = pool.data_uris(root, ["img/alpha.png"])
    assert str(first[0]).split(":")[0] == str(second[0]).split(":")[0]
    again = thumbnails.ThumbnailPool(1).data_uris(root, ["img/photo.jpg"])
    assert str(again[0]).split(":")[0] != str(first[0]).split(":")[0]  # a new pool, new worker
