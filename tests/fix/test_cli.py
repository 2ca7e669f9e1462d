"""``provenance fix`` end to end on copies of examples/ and on folders built here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance.fixes import write as fix_write
from provenance.fixes.rewrite import image_data
from tests.fix.support import audit, build, copy_examples, fix, gps, rules

SEA_WALL = "markdown/img/sea-wall.jpg"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_examples_gps_finding_fixed_losslessly(tmp_path: Path) -> None:
    folder = copy_examples(tmp_path)
    before = audit(tmp_path, folder)
    assert ("markdown/sea-wall-storm.md", "IMG005", "img/sea-wall.jpg") in rules(before)
    pixels = image_data((folder / SEA_WALL).read_bytes(), "jpeg")
    fix(str(folder), "--root", str(folder))
    after = audit(tmp_path, folder)
    assert not any(rule == "IMG005" for _, rule, _ in rules(after))
    assert rules(after) == {r for r in rules(before) if r[1] != "IMG005"}
    assert image_data((folder / SEA_WALL).read_bytes(), "jpeg") == pixels
    assert gps(folder / SEA_WALL) is None


def test_examples_unsafe_fix_discloses_the_ai_image(tmp_path: Path) -> None:
    folder = copy_examples(tmp_path)
    page = folder / "html/market-square.html"
    original = page.read_text(encoding="utf-8")
    assert fix(str(folder), "--root", str(folder)) == 1  # the AID001 error remains
    assert page.read_text(encoding="utf-8") == original  # unsafe: not without the flag
    assert ("html/market-square.html", "AID001", "img/market-square-edited.jpg") in \
        rules(audit(tmp_path, folder))
    assert fix(str(folder), "--root", str(folder), "--unsafe-fixes") == 0  # warnings left
    assert not any(rule == "AID001" for _, rule, _ in rules(audit(tmp_path, folder)))
    edited = page.read_text(encoding="utf-8")
    inserted = " This image was edited with AI."  # the image is ai-composite
    at = edited.index(inserted)
    assert edited[:at] + edited[at + len(inserted):] == original  # every other byte kept
    assert edited[at + len(inserted):].startswith("</figcaption>")


def test_fix_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    folder = copy_examples(tmp_path)
    fix(str(folder), "--root", str(folder), "--unsafe-fixes")
    once = _snapshot(folder)
    fix(str(folder), "--root", str(folder), "--unsafe-fixes")
    assert _snapshot(folder) == once
    assert fix(str(folder), "--root", str(folder), "--unsafe-fixes", "--check") == 0


def test_diff_and_check_write_nothing(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_examples(tmp_path)
    original = _snapshot(folder)
    assert fix(str(folder), "--root", str(folder), "--check") == 1
    out = capsys.readouterr().out
    assert f"would fix {SEA_WALL}: IMG005" in out
    assert fix(str(folder), "--root", str(folder), "--diff", "--unsafe-fixes") == 1
    out = capsys.readouterr().out
    assert f"--- a/{SEA_WALL}" in out and "EXIF GPS" in out and "38.72222, -9.13917" in out
    assert "image data" in out and "unchanged" in out
    assert "+<figcaption>The renovated market square seen from the town hall steps. " \
        "This image was edited with AI.</figcaption>" in out
    assert "-<figcaption>The renovated market square seen from the town hall steps." \
        "</figcaption>" in out
    assert "# unsafe fix" not in out
    assert fix(str(folder), "--root", str(folder), "--diff") == 1
    out = capsys.readouterr().out
    assert "# unsafe fix (AID001): applied only with --unsafe-fixes\n--- a/html/market-square" \
        in out
    assert _snapshot(folder) == original


def test_select_and_ignore(tmp_path: Path) -> None:
    folder = copy_examples(tmp_path)
    original = _snapshot(folder)
    fix(str(folder), "--root", str(folder), "--ignore", "IMG005", "--unsafe-fixes",
        "--select", "IMG,AID")
    changed = {k for k, v in _snapshot(folder).items() if original[k] != v}
    assert changed == {"html/market-square.html"}
    fix(str(folder), "--root", str(folder), "--select", "img005")
    changed = {k for k, v in _snapshot(folder).items() if original[k] != v}
    assert changed == {"html/market-square.html", SEA_WALL}


def test_backup_keeps_the_original(tmp_path: Path) -> None:
    folder = copy_examples(tmp_path)
    original = (folder / SEA_WALL).read_bytes()
    fix(str(folder), "--root", str(folder), "--backup", ".orig")
    assert (folder / (SEA_WALL + ".orig")).read_bytes() == original
    assert (folder / SEA_WALL).read_bytes() != original
    assert fix(str(folder), "--root", str(folder), "--backup", "a/b") == 2


def test_mode_is_kept_and_no_temporary_file_left(tmp_path: Path) -> None:
    folder = copy_examples(tmp_path)
    os.chmod(folder / SEA_WALL, 0o640)
    fix(str(folder), "--root", str(folder))
    assert (folder / SEA_WALL).stat().st_mode & 0o777 == 0o640
    assert not [p for p in folder.rglob(".*") if p.is_file()]


def test_policy_credit_and_attribution(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "img").mkdir(parents=True)
    build("png", folder / "img/chart.png", exif=None, xmp=None)
    (folder / "story.md").write_text(
        "---\ntitle: Rates Rise Again\nauthor: Ana Lopes\ndate: 2026-03-02T08:00:00+01:00\n"
        "---\n\nThe central bank raised rates by a quarter point on Monday.\n\n"
        "![Chart of rates](img/chart.png)\n\nRates since 2020. Photo: Ana Lopes\n\n"
        "Economists expect one more rise this year.\n", encoding="utf-8")
    (folder / "provenance.toml").write_text(
        '[fix]\ncredit = "Coastal News Graphics"\n'
        'attribution = "(With inputs from agencies.)"\n', encoding="utf-8")
    before = rules(audit(tmp_path, folder))
    assert {r[1] for r in before} >= {"IMG006", "ATR001"}
    fix(str(folder), "--root", str(folder))
    assert "ATR001" in {r[1] for r in rules(audit(tmp_path, folder))}  # unsafe: kept
    assert "IMG006" not in {r[1] for r in rules(audit(tmp_path, folder))}
    fix(str(folder), "--root", str(folder), "--unsafe-fixes")
    assert not {"IMG006", "ATR001"} & {r[1] for r in rules(audit(tmp_path, folder))}
    text = (folder / "story.md").read_text(encoding="utf-8")
    assert text.endswith("one more rise this year.\n\n(With inputs from agencies.)\n")


def test_ai_image_gets_digital_source_type(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "img").mkdir(parents=True)
    build("png", folder / "img/harbour.png", exif=None, xmp=None)
    build("jpeg", folder / "img/square.jpg", exif=None, xmp=None)
    (folder / "story.md").write_text(
        "---\ntitle: Harbour Plan Unveiled\nauthor: Ana Lopes\n"
        "date: 2026-03-02T08:00:00+01:00\n---\n\n"
        "LISBON (Reuters) - The port authority showed its new harbour plan on Monday.\n\n"
        "![The planned harbour](img/harbour.png)\n\n"
        "This image was generated with AI for this article.\n\n"
        "The works start next year.\n\n"
        "![The square](img/square.jpg)\n\n"
        "This photo of the square was edited with AI to remove scaffolding.\n\n"
        "The square reopens in May.\n", encoding="utf-8")
    before = rules(audit(tmp_path, folder, "--select", "AID"))
    assert {(r[1], r[2]) for r in before} == {("AID004", "img/harbour.png"),
                                              ("AID004", "img/square.jpg")}
    fix(str(folder), "--root", str(folder))
    assert rules(audit(tmp_path, folder, "--select", "AID")) == set()
    from provenance.images import read_image

    harbour = read_image(folder / "img/harbour.png", "img/harbour.png")
    square = read_image(folder / "img/square.jpg", "img/square.jpg")
    assert harbour.ai.verdict == "ai-generated" and square.ai.verdict == "ai-composite"


def test_symlinked_image_is_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = build("jpeg", outside / "secret.jpg")
    original = target.read_bytes()
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "linked.jpg").symlink_to(target)
    fix(str(folder), "--root", str(folder))
    assert target.read_bytes() == original
    assert (folder / "linked.jpg").is_symlink()


def test_symlink_inside_the_root_stays_a_link(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    real = build("jpeg", folder / "real.jpg")
    (folder / "alias.jpg").symlink_to("real.jpg")
    fix(str(folder / "alias.jpg"), "--root", str(folder))
    assert (folder / "alias.jpg").is_symlink()  # the file it names is fixed, by its name
    assert gps(real) is None


def test_replace_refuses_a_name_that_became_a_symlink(tmp_path: Path) -> None:
    real = build("jpeg", tmp_path / "real.jpg")
    snap = fix_write.read(tmp_path, "real.jpg")
    (tmp_path / "alias.jpg").symlink_to("real.jpg")
    with pytest.raises(fix_write.Changed, match="symlink"):
        fix_write.replace(tmp_path, "alias.jpg", snap, b"new")
    real.unlink()
    (tmp_path / "other.jpg").write_bytes(snap.data)
    (tmp_path / "real.jpg").symlink_to("other.jpg")  # swapped for a link since the read
    with pytest.raises(fix_write.Changed):
        fix_write.replace(tmp_path, "real.jpg", snap, b"new")
    assert (tmp_path / "other.jpg").read_bytes() == snap.data


def test_file_changed_between_read_and_write_is_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_examples(tmp_path)
    real_read = fix_write.read

    def read_then_edit(root: Path, rel: str) -> fix_write.Snapshot:
        snap = real_read(root, rel)
        with (root / rel).open("ab") as fh:  # another editor saves meanwhile
            fh.write(b"\n")
        return snap

    monkeypatch.setattr("provenance.fixes.plan.read", read_then_edit)
    code = fix(str(folder), "--root", str(folder), "--select", "IMG005", "--fail-on", "warning")
    assert code == 1  # the finding remains
    err = capsys.readouterr().err
    assert f"{SEA_WALL}: IMG005 not fixed: the file changed between the read and the write" \
        in err
    assert gps(folder / SEA_WALL) is not None


def test_path_outside_root_is_a_usage_error(tmp_path: Path) -> None:
    folder = copy_examples(tmp_path)
    assert fix(str(folder), "--root", str(folder / "html")) == 2


def test_replace_never_writes_through_a_folder_link_out_of_the_root(tmp_path: Path) -> None:
    from provenance.beneath import OutsideRoot

    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    build("jpeg", root / "photo.jpg")
    snap = fix_write.read(root, "photo.jpg")
    (outside / "photo.jpg").write_bytes(snap.data)
    (root / "pics").symlink_to(outside)
    with pytest.raises(OutsideRoot):
        fix_write.replace(root, "pics/photo.jpg", snap, b"new")
    with pytest.raises(OutsideRoot):
        fix_write.read(root, "pics/photo.jpg")
    assert (outside / "photo.jpg").read_bytes() == snap.data
    assert not list(outside.glob(".*"))
