"""Reading metadata never decodes pixels (PRODUCT.md non-negotiable) and never opens an image
with Pillow: the container scanners do the reading, Pillow only parses EXIF bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageFile

from provenance.cli import main
from tests.images.builders import exif_bytes, write_jpeg, write_png, write_webp, xmp_packet


def _forbidden(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("pixels decoded or image opened while reading metadata")


@pytest.fixture()
def camera_folder(tmp_path: Path) -> Path:
    for i in range(6):
        exif = exif_bytes(make="Fujifilm", model=f"X-T{i}", taken=f"2025:01:0{i + 1} 10:00:00",
                          artist=f"Photographer {i}")
        write_jpeg(tmp_path / f"cam{i}.jpg", (120 + i, 80), exif=exif,
                   xmp=xmp_packet("", f"<photoshop:Credit>Desk {i}</photoshop:Credit>"))
        write_png(tmp_path / f"shot{i}.png", (30, 20 + i), text={"Comment": f"frame {i}"},
                  exif=exif)
    write_webp(tmp_path / "w.webp", (16, 16), exif=exif_bytes(artist="Webp Artist"))
    return tmp_path


def test_folder_read_without_decoding(camera_folder: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The whole ``provenance inspect`` path, rules included, with decoding forbidden."""
    import json

    monkeypatch.setattr(Image.Image, "load", _forbidden)
    monkeypatch.setattr(ImageFile.ImageFile, "load", _forbidden)
    monkeypatch.setattr(Image, "open", _forbidden)
    assert main(["inspect", str(camera_folder), "--format", "json"]) == 0
    images = json.loads(capsys.readouterr().out)["images"]
    assert [(i["path"], i["status"], i["width"], i["height"], i["credit"]) for i in images] == (
        [(f"cam{i}.jpg", "ok", 120 + i, 80, f"Desk {i}") for i in range(6)]
        + [(f"shot{i}.png", "ok", 30, 20 + i, f"Photographer {i}") for i in range(6)]
        + [("w.webp", "ok", 16, 16, "Webp Artist")]
    )
    assert [i["captured"] for i in images[:6]] == [f"2025-01-0{i + 1}T10:00:00"
                                                   for i in range(6)]
