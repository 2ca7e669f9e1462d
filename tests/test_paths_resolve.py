"""Image references resolved beneath the root: links to files and folders, in and out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance.paths import resolve_reference

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks as POSIX makes them")


@pytest.fixture()
def tree(tmp_path: Path) -> tuple[Path, Path]:
    root, outside = tmp_path / "site", tmp_path / "elsewhere"
    (root / "posts").mkdir(parents=True)
    (root / "img").mkdir()
    outside.mkdir()
    (root / "img" / "harbour.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    (outside / "secret.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    (root / "posts" / "story.md").write_text("# A story\n", encoding="utf-8")
    return root, outside


def _status(src: str, root: Path) -> tuple[str, str | None]:
    found = resolve_reference(src, root / "posts" / "story.md", root)
    return found.status, found.rel


def test_plain_files_resolve_or_go_missing(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    assert _status("../img/harbour.jpg", root) == ("ok", "img/harbour.jpg")
    assert _status("../img/lighthouse.jpg", root) == ("missing", "img/lighthouse.jpg")
    assert _status("../../elsewhere/secret.jpg", root) == ("outside-root", None)


def test_a_link_to_a_file_outside_is_refused(tree: tuple[Path, Path]) -> None:
    root, outside = tree
    os.symlink(outside / "secret.jpg", root / "img" / "linked.jpg")
    assert _status("../img/linked.jpg", root)[0] == "outside-root"


def test_a_linked_folder_leading_out_is_refused_for_present_and_missing_files(
        tree: tuple[Path, Path]) -> None:
    root, outside = tree
    os.symlink(outside, root / "img" / "shared")
    assert _status("../img/shared/secret.jpg", root)[0] == "outside-root"
    assert _status("../img/shared/absent.jpg", root)[0] == "outside-root"
    # The folder is remembered per process: a second picture in it is refused the same way.
    assert _status("../img/shared/secret.jpg", root)[0] == "outside-root"


def test_links_that_stay_inside_the_root_resolve(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    os.symlink(root / "img", root / "posts" / "pictures")
    os.symlink(root / "img" / "harbour.jpg", root / "img" / "alias.jpg")
    assert _status("pictures/harbour.jpg", root) == ("ok", "posts/pictures/harbour.jpg")
    assert _status("../img/alias.jpg", root) == ("ok", "img/alias.jpg")


def test_a_dangling_link_is_missing_and_a_looping_one_is_not_followed(
        tree: tuple[Path, Path]) -> None:
    root, _ = tree
    os.symlink(root / "img" / "gone.jpg", root / "img" / "dangling.jpg")
    os.symlink(root / "img" / "loop.jpg", root / "img" / "loop.jpg")
    assert _status("../img/dangling.jpg", root)[0] == "ok"  # present as a link; read fails
    assert _status("../img/loop.jpg", root)[0] in ("ok", "outside-root")


def test_inside_and_relative_are_pathlibs_relative_to() -> None:
    """The string test behind ``inside``/``relative`` (and reference resolution) against
    ``Path.relative_to`` over paths built from roots, names, ``.``, ``..`` and doubled
    slashes, absolute and relative."""
    from itertools import product
    from pathlib import PurePosixPath

    from provenance.paths import inside, relative

    parts = ["", "/", "//", "a", "b", "..", "."]
    texts = {"/".join(c) if c[0] not in ("/", "//") else c[0] + "/".join(c[1:])
             for n in range(1, 4) for c in product(parts, repeat=n)} - {""}
    paths = [Path(t) for t in sorted(texts)]
    for path, root in product(paths, paths):
        try:
            want: str | None = PurePosixPath(*path.relative_to(root).parts).as_posix() or "."
        except ValueError:
            want = None
        assert inside(path, root) == (want is not None), (path, root)
        if want is not None:
            assert relative(path, root) == want, (path, root)
        else:
            with pytest.raises(ValueError):
                relative(path, root)
