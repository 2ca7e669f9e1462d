"""The policy's excludes, asked as one regex when no pattern re-includes: pathspec's own
GitIgnoreSpec is the oracle for every pattern form and path below."""

from __future__ import annotations

import pathspec
import pytest

from provenance.walk import DEFAULT_EXCLUDE, _exclude_spec

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
