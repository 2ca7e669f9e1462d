"""A cache whose SQLite pages are sound but whose stored rows are damaged (red-team R5).

A flipped byte in a row's payload (caught by its checksum: a hit's entries are written to
the report without being parsed) or dependency JSON, or JSON of the wrong shape, must cost
only that entry: it is dropped and recomputed, the report is the uncached one, and
the next run is served from the cache again.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from provenance.audit import run_audit
from provenance.cache import Cache, open_cache
from provenance.parallel import run_audit_parallel
from tests.scale.corpus import CorpusSpec, generate
from tests.scale.support import config, render


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    generate(root, CorpusSpec(articles=6, standalone=2, share_every=3))
    return root


def _cached_audit(root: Path, db: Path) -> tuple[str, Cache]:
    cfg = config(root)
    with open_cache(db, cfg) as cache:
        text = render(root, lambda f, c, b: run_audit_parallel(f, c, b, jobs=1, cache=cache),
                      cfg)
    return text, cache


def _flip_payload(text: str) -> str:
    """One bit of the last stored line changed: the row's checksum no longer agrees."""
    return text[:-2] + chr(ord(text[-2]) ^ 1) + text[-1]


def _resealed(body: str) -> Callable[[str], str]:
    """Replace the payload by ``body`` under a checksum that agrees: damage that only the
    payload's shape can reveal."""
    return lambda text: f"{zlib.crc32(body.encode())}\n{body}"


def _one_entry_less(text: str) -> str:
    """An article row missing its last entry line, resealed: entries and tallies disagree."""
    lines = text.partition("\n")[2].split("\n")
    body = "\n".join(lines[:-1] if len(lines) > 1 else lines)  # image rows are one line
    return f"{zlib.crc32(body.encode())}\n{body}"


def _flip_deps(text: str) -> str:
    return text[:-1] + "}" if text.endswith("]") else text + "x"


def _damage(db: Path, column: str, change: Callable[[str], str]) -> int:
    with sqlite3.connect(db) as con:
        rows = con.execute(f"SELECT root, kind, rel, {column} FROM entries").fetchall()
        for root, kind, rel, value in rows:
            con.execute(f"UPDATE entries SET {column}=? WHERE root=? AND kind=? AND rel=?",
                        (change(value), root, kind, rel))
    return len(rows)


@pytest.mark.parametrize(("column", "change"), [
    ("payload", _flip_payload),
    ("payload", lambda text: "[]"),  # no checksum line
    ("payload", _resealed("[]")),  # valid JSON, wrong shape
    ("payload", _resealed('{"referenced": [], "skipped": 0, "tallies": 1, "entry": 1,'
                          ' "errors": []}')),
    ("payload", _one_entry_less),
    ("deps", _flip_deps),
    ("deps", lambda text: '[["a", 1]]'),
], ids=["payload-flipped", "payload-unsealed", "payload-list", "payload-wrong-type",
        "payload-entry-missing", "deps-flipped", "deps-short"])
def test_a_damaged_row_is_dropped_and_recomputed(
        tree: Path, tmp_path: Path, column: str, change: Callable[[str], str]) -> None:
    db = tmp_path / "cache.sqlite3"
    _cached_audit(tree, db)
    damaged = _damage(db, column, change)
    assert damaged > 0
    report, cache = _cached_audit(tree, db)
    assert report == render(tree, run_audit, config(tree))
    assert cache.misses > 0
    _, again = _cached_audit(tree, db)
    assert (again.misses, again.problem) == (0, None)
