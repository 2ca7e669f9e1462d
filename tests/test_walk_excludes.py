"""The policy's excludes, asked as one regex when no pattern re-includes: pathspec's own
GitIgnoreSpec is the oracle for every pattern form and path below."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pathspec
import pathspec.util
import pytest

from provenance.walk import (
    _DEFAULT_EXCLUDE_REGEX,
    DEFAULT_EXCLUDE,
    _exclude_spec,
    _normal_file,
    _translated,
)

PATTERN_SETS = [
    list(DEFAULT_EXCLUDE),
    ["*.min.js", "/public/", "drafts/**", "a/**/b", "*.tmp", "build", "\\#notes"],
    ["docs/", "**/x/*.md", "?abc", "[a-c]*.txt", "  ", "# a comment"],
]
PATHS = ["README.md", "x/README", "venv/a.md", "a/venv/b.md", "public/x.html",
         "sub/public/x.html", "drafts/x", "drafts/a/b.md", "a/b", "a/c/b", "z.tmp", "build",
         "build/x", "b/build/y", "#notes", "docs/a", "docs", "q/x/y.md", "xabc", "b.txt",
         "d.txt", "venv", "readme.md", "CHANGELOG", "CHANGES.md", "posts/ok.md"]


@pytest.mark.parametrize("patterns", PATTERN_SETS)
def test_the_union_agrees_with_pathspec(patterns: list[str]) -> None:
    fast, oracle = _exclude_spec(patterns), pathspec.GitIgnoreSpec.from_lines(patterns)
    assert not isinstance(fast, pathspec.PathSpec)  # the union was built
    for path in [*PATHS, *(p + "/" for p in PATHS)]:
        assert fast.match_file(path) == oracle.match_file(path), path


def test_a_negation_keeps_gitignore_order() -> None:
    spec = _exclude_spec(["*.md", "!keep.md"])
    assert isinstance(spec, pathspec.PathSpec)
    assert spec.match_file("drop.md") and not spec.match_file("keep.md")


def test_no_patterns_no_spec() -> None:
    assert _exclude_spec([]) is None
    assert _exclude_spec(["# only a comment"]) is not None  # asked, never matching
    assert not _exclude_spec(["# only a comment"]).match_file("a.md")


def test_the_default_excludes_are_pathspecs_translation() -> None:
    """The default list is kept translated, so most runs never import pathspec; the
    installed pathspec must still translate it the same way."""
    assert _translated(DEFAULT_EXCLUDE)._regex.pattern == _DEFAULT_EXCLUDE_REGEX
    assert _exclude_spec(DEFAULT_EXCLUDE)._regex.pattern == _DEFAULT_EXCLUDE_REGEX


def test_a_walk_with_the_default_excludes_imports_no_pathspec(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About this archive\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("# Story\n\nThe pier reopened (AP).\n",
                                       encoding="utf-8")
    code = ("import sys; from provenance.walk import collect; from pathlib import Path; "
            f"found = collect([Path({str(tmp_path)!r})], Path({str(tmp_path)!r})); "
            "print([f.rel for f in found], 'pathspec' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["['story.md']", "False"]
    (tmp_path / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["['story.md']", "True"]


@pytest.mark.parametrize("path", ["a/b.md", "/a/b.md", "./a/b.md", "a//b", ".hidden/x",
                                  "../up", "", "/", "./", "a\\b"])
def test_paths_are_normalised_as_pathspec_does(path: str) -> None:
    assert _normal_file(path) == pathspec.util.normalize_file(path)


def test_a_bare_name_has_the_kind_its_path_has() -> None:
    """The walk's kind_of_name agrees with kind_of on every name a walk lists (no slash,
    no leading dot)."""
    from provenance.paths import kind_of, kind_of_name

    stems = ["story", "a.b", "x", "photo.final", "archive.warc", "page", "a..b", "q"]
    suffixes = ["", ".", ".md", ".MD", ".Markdown", ".html", ".htm", ".txt", ".json", ".jsonl",
                ".ndjson", ".jpg", ".JPEG", ".png", ".webp", ".tif", ".heic", ".avif", ".gz",
                ".warc", ".warc.gz", ".ARC.GZ", ".arc", ".tar.gz", ".md.bak", ".jpg.txt", "..md"]
    for stem in stems:
        for suffix in suffixes:
            name = stem + suffix
            assert kind_of_name(name) == kind_of(name), name
            assert kind_of(Path("/site/posts") / name) == kind_of(name), name
