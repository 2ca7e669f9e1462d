"""``inspect_paths``: folder expansion order, hidden folders, relative POSIX paths."""

from __future__ import annotations

from pathlib import Path

from provenance.images.inspect import inspect_paths
from tests.images.builders import write_jpeg, write_png


def test_folders_expand_sorted_and_skip_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    write_jpeg(tmp_path / "b" / "z.jpg")
    write_png(tmp_path / "a" / "deep" / "y.PNG")
    write_jpeg(tmp_path / "a" / "x.jpeg")
    write_jpeg(tmp_path / ".cache" / "hidden.jpg")
    write_jpeg(tmp_path / "a" / ".dot.jpg")
    (tmp_path / "a" / "notes.txt").write_text("not an image", encoding="utf-8")
    images = inspect_paths([tmp_path], tmp_path)
    assert [(i.path, i.format) for i in images] == [
        ("a/x.jpeg", "jpeg"), ("a/deep/y.PNG", "png"), ("b/z.jpg", "jpeg")]


def test_named_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(b"\x00\x01 not an image")
    write_jpeg(tmp_path / "p.jpg")
    images = inspect_paths([tmp_path / "data.bin", tmp_path / "p.jpg", tmp_path / "p.jpg"],
                           tmp_path)
    assert [(i.path, i.status) for i in images] == [("data.bin", "unsupported"), ("p.jpg", "ok")]


def test_options_reach_the_reader(tmp_path: Path) -> None:
    from tests.images.builders import exif_bytes

    write_jpeg(tmp_path / "g.jpg", exif=exif_bytes(software="HouseGen 3"))
    images = inspect_paths([tmp_path], tmp_path, extra_generators=["HouseGen"])
    assert [i.ai.verdict for i in images] == ["ai-generated"]


def test_importing_the_package_loads_no_heavy_library() -> None:
    import subprocess
    import sys

    code = ("import sys, provenance.images, provenance.images.inspect; "
            "print(sorted(m for m in ('PIL', 'c2pa', 'pillow_heif') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
