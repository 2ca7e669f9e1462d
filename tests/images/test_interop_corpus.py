"""Interop: every real file in the shared corpus gets the verdict and integrity its MANIFEST states.

Each row of ``corpus/c2pa/MANIFEST.tsv`` and ``corpus/ai-markers/MANIFEST.tsv`` is one case;
``expected_verdict`` may list alternatives as ``a|b``. Where integrity is ``failed`` the
reported codes must equal the MANIFEST's top-level ``validation_status_codes``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from provenance.images import read_image
from tests.conftest import SHARED

pytestmark = pytest.mark.interop

_FOLDERS = ("c2pa", "ai-markers")


def _rows() -> list[tuple[str, str]]:
    if SHARED is None:
        return [("-", "-")]  # one case that skips with the fixture's reason
    out = []
    for folder in _FOLDERS:
        with (SHARED / "corpus" / folder / "MANIFEST.tsv").open(encoding="utf-8") as fh:
            out += [(folder, row["file"]) for row in csv.DictReader(fh, delimiter="\t")]
    return out


def _manifest_row(corpus_dir: Path, folder: str, name: str) -> dict[str, str]:
    with (corpus_dir / folder / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return next(r for r in csv.DictReader(fh, delimiter="\t") if r["file"] == name)


@pytest.mark.parametrize(("folder", "name"), _rows(), ids=lambda v: str(v))
def test_corpus_file_matches_manifest(corpus_dir: Path, folder: str, name: str) -> None:
    row = _manifest_row(corpus_dir, folder, name)
    image = read_image(corpus_dir / folder / name, name)
    assert image.status == "ok", image.problem
    assert image.ai.verdict in row["expected_verdict"].split("|"), image.ai.to_dict()
    assert image.c2pa.integrity == row["expected_integrity"], image.c2pa.to_dict()
    if row["expected_integrity"] == "failed":
        assert image.c2pa.codes == row["validation_status_codes"].split(";")


def test_remote_only_manifest_is_named_not_fetched(corpus_dir: Path) -> None:
    image = read_image(corpus_dir / "c2pa" / "cloud.jpg", "cloud.jpg")
    assert image.c2pa.to_dict() == {
        "present": "remote-only", "validation": "none", "integrity": "unknown",
        "trust": "unknown", "codes": [], "claim_generator": None, "signer": None,
    }
