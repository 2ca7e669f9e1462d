"""Red-team row R10: a symlink swapped in while the audit reads never leads out of the root.

The reference check (``realpath``) and the open used to be two steps: a link to a file
outside the root swapped in between them leaked that file's metadata into the report. Now
images and articles are opened component by component below the root with ``O_NOFOLLOW``
(:mod:`provenance.beneath`). A thread flips files between a regular file and a link out of
the root while they are read again and again; the outside file's marker must never appear.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from provenance.articles import ArticleError, read_article_file
from provenance.beneath import OutsideRoot, open_beneath
from provenance.cli import main
from provenance.images import read_image

MARKER = "SECRET-OUTSIDE-ROOT"
LINKS = 30


def _xmp(credit: str) -> bytes:
    return ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
            'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
            f'photoshop:Credit="{credit}"/></rdf:RDF></x:xmpmeta>').encode()


@pytest.fixture()
def race(tmp_path: Path) -> Iterator[Path]:
    """``root/img/i{k}.jpg`` and ``root/a{k}.txt`` flip between a file in the root and a
    link to one outside it, in a background thread, for as long as the test runs."""
    outside, root = tmp_path / "outside", tmp_path / "root"
    (root / "img").mkdir(parents=True)
    (root / "stage").mkdir()
    outside.mkdir()
    Image.new("RGB", (8, 8)).save(outside / "secret.jpg", xmp=_xmp(MARKER))
    (outside / "secret.txt").write_text(f"By {MARKER}\n\nSEOUL (Reuters) - {MARKER}\n")
    Image.new("RGB", (8, 8)).save(root / "stage" / "good.jpg", xmp=_xmp("inside"))
    (root / "stage" / "good.txt").write_text("By Ann\n\nSEOUL (Reuters) - inside\n")
    names = [(f"img/i{k}.jpg", "jpg") for k in range(LINKS)] + \
            [(f"a{k}.txt", "txt") for k in range(LINKS)]
    for rel, ext in names:
        os.link(root / "stage" / f"good.{ext}", root / rel)
    (root / "a.html").write_text("<p>By Ann</p><p>SEOUL (Reuters) - x</p>" + "".join(
        f'<img src="img/i{k}.jpg">' for k in range(LINKS)))
    stop = threading.Event()

    def swap() -> None:
        while not stop.is_set():
            for rel, ext in names:
                link, plain = root / f"{rel}.l", root / f"{rel}.p"
                with_link = not (root / rel).is_symlink()
                if with_link:
                    os.symlink(outside / f"secret.{ext}", link)
                    os.replace(link, root / rel)
                else:
                    os.link(root / "stage" / f"good.{ext}", plain)
                    os.replace(plain, root / rel)

    thread = threading.Thread(target=swap, daemon=True)
    thread.start()
    try:
        yield root
    finally:
        stop.set()
        thread.join(timeout=10)


def test_r10_images_read_during_a_swap_never_show_the_outside_file(race: Path) -> None:
    # (Without ``root`` — the old open — about 2 in 3 of these reads showed the marker.)
    for _ in range(20):
        for k in range(LINKS):
            rel = f"img/i{k}.jpg"
            evidence = read_image(race / rel, rel, root=race)
            assert MARKER not in repr(evidence)
            assert evidence.credit in ("inside", None)


def test_r10_articles_read_during_a_swap_never_show_the_outside_file(race: Path) -> None:
    for _ in range(20):
        for k in range(LINKS):
            rel = f"a{k}.txt"
            try:
                items = read_article_file(race / rel, rel, root=race)
            except ArticleError as exc:
                assert MARKER not in str(exc)
                continue
            assert MARKER not in repr(items)


def test_r10_audits_during_a_swap_never_report_the_outside_file(race: Path) -> None:
    out = race.parent / "r.json"
    for _ in range(4):
        main(["audit", str(race / "a.html"), "--root", str(race), "--no-cache",
              "--no-progress", "--fail-on", "never", "--format", "json", "-o", str(out)])
        assert MARKER not in out.read_text(encoding="utf-8")


def test_open_beneath_follows_links_inside_the_root_only(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "f.txt").write_text("in")
    (tmp_path / "out.txt").write_text("out")
    os.symlink("b/f.txt", root / "a" / "rel-in")
    os.symlink(root / "a" / "b" / "f.txt", root / "abs-in")
    os.symlink("a/b", root / "dir-in")
    os.symlink("../out.txt", root / "rel-out")
    os.symlink(tmp_path / "out.txt", root / "abs-out")
    os.symlink("..", root / "a" / "up")
    os.symlink("loop", root / "loop")
    for rel in ("a/b/f.txt", "a/rel-in", "abs-in", "dir-in/f.txt", "a/up/a/b/f.txt"):
        fd = open_beneath(root, rel)
        with open(fd, "rb") as fh:
            assert fh.read() == b"in", rel
    for rel in ("rel-out", "abs-out", "../out.txt", "a/up/../out.txt", "a/../../out.txt"):
        with pytest.raises(OutsideRoot):
            open_beneath(root, rel)
    with pytest.raises(OSError, match="symbolic links"):
        open_beneath(root, "loop")
