"""Property: whatever bytes a file holds, ``read_image`` returns a status and never raises."""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from provenance.images import read_image
from provenance.images.containers import HEAD
from tests.images.builders import (
    DST,
    exif_bytes,
    png_chunk,
    unicode_comment,
    write_jpeg,
    write_png,
    write_webp,
    xmp_packet,
)

_XMP = xmp_packet(f'Iptc4xmpExt:DigitalSourceType="{DST}digitalCapture"')
_EXIF = exif_bytes(make="Sony", artist="Fuzz", taken="2020:01:01 00:00:00", gps=(1.0, 2.0),
                   user_comment=unicode_comment("Steps: 3"))


def _seeds() -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        Image.new("RGB", (9, 7)).save(folder / "s.tif", "TIFF", tiffinfo={700: _XMP})
        Image.new("P", (9, 7)).save(folder / "s.gif", "GIF")
        paths = [
            folder / "s.tif",
            folder / "s.gif",
            write_jpeg(folder / "s.jpg", exif=_EXIF, xmp=_XMP, iptc={110: "Credit"}),
            write_png(folder / "s.png", text={"parameters": "x\nSteps: 2"}, exif=_EXIF, xmp=_XMP),
            write_webp(folder / "s.webp", exif=_EXIF, xmp=_XMP),
        ]
        seeds = {p.suffix: p.read_bytes() for p in paths}
        seeds.update(_large_seeds(folder))
        return seeds


def _large_seeds(folder: Path) -> dict[str, bytes]:
    """JPEG and PNG well past the first read (``HEAD``): their headers beyond it are read
    with pread, so the fuzzing covers that path too; the PNG has a text chunk after IDAT."""
    noise = Image.frombytes("RGB", (240, 240), random.Random(7).randbytes(240 * 240 * 3))
    noise.save(folder / "b.jpg", "JPEG", quality=95, exif=_EXIF, xmp=_XMP)
    noise.save(folder / "b.png", "PNG")
    png = (folder / "b.png").read_bytes()
    late = png_chunk(b"tEXt", b"parameters\x00late\nSteps: 4, Sampler: Euler")
    seeds = {"-large.jpg": (folder / "b.jpg").read_bytes(),
             "-large.png": png[:-12] + late + png[-12:]}
    assert all(len(data) > 16 * HEAD for data in seeds.values())
    return seeds


SEEDS = _seeds()


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@settings(max_examples=int(os.environ.get("PROVENANCE_FUZZ_EXAMPLES", "80")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_files_never_raise(tmp_path: Path, suffix: str, data: st.DataObject) -> None:
    original = bytearray(SEEDS[suffix])
    cut = data.draw(st.integers(min_value=0, max_value=len(original)), label="cut")
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255)),
                               max_size=6), label="flips")
    for index, value in flips:
        original[index] = value
    path = tmp_path / f"f{suffix}"
    path.write_bytes(bytes(original[:cut] if data.draw(st.booleans()) else original))
    image = read_image(path, path.name)
    assert image.status in {"ok", "unreadable", "unsupported"}
    assert (image.problem is None) == (image.status == "ok")
