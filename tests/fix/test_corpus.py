"""Fixes on the real corpus files they apply to (copies in a temporary folder; the corpus
itself is never written): camera JPEGs with MakerNotes and a PNG with an eXIf chunk lose
their GPS and nothing else, per exiftool; signed corpus images are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from provenance.fixes.image import ImagePlan, fix_image
from provenance.fixes.rewrite import image_data
from provenance.images import read_image
from tests.fix.support import exiftool_tags, fix, gps

# Corpus files with GPS and no C2PA manifest (checked below, not assumed).
GPS_FILES = ("generators/trap_canon_lightroom_history_gps.jpg",
             "generators/trap_dji_flir_drone_gps.jpg",
             "generators/trap_nikon_empty_usercomment.jpg",
             "generators/trap_pixel_hdrplus_gps.jpg",
             "generators/trap_png_exif_gps_empty_usercomment.png")
SIGNED_WITH_GPS = ("c2pa/nikon-20221019-building.jpeg",)


def _copy(corpus_dir: Path, rel: str, tmp_path: Path) -> Path:
    source = corpus_dir / rel
    if not source.is_file():
        pytest.skip(f"{rel} is not in this corpus")
    target = tmp_path / "site" / Path(rel).name
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(source, target)
    return target


@pytest.mark.parametrize("rel", GPS_FILES)
def test_corpus_gps_removed_losslessly(corpus_dir: Path, tmp_path: Path, rel: str) -> None:
    path = _copy(corpus_dir, rel, tmp_path)
    evidence = read_image(path, path.name)
    assert evidence.gps is not None and evidence.c2pa.present == "none"
    before = path.read_bytes()
    tags_before = exiftool_tags(path)
    assert fix(str(path.parent), "--root", str(path.parent)) in (0, 1)
    after = path.read_bytes()
    assert gps(path) is None
    assert image_data(after, evidence.format or "") == image_data(before, evidence.format or "")
    assert fix_image(after, evidence.format or "", ImagePlan(gps=True)) == after
    tags_after = exiftool_tags(path)
    if tags_before is not None and tags_after is not None:
        gone = set(tags_before) - set(tags_after)
        assert gone and all("GPS" in k for k in gone), gone
        assert set(tags_after) <= set(tags_before)
        assert {k: tags_after[k] for k in tags_after} == \
            {k: tags_before[k] for k in tags_after}


@pytest.mark.parametrize("rel", SIGNED_WITH_GPS)
def test_corpus_signed_image_refused(corpus_dir: Path, tmp_path: Path, rel: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = _copy(corpus_dir, rel, tmp_path)
    before = path.read_bytes()
    assert read_image(path, path.name).c2pa.present == "embedded"
    fix(str(path.parent), "--root", str(path.parent))
    assert path.read_bytes() == before
    assert "IMG005 not fixed: the image carries a C2PA manifest" in capsys.readouterr().err
