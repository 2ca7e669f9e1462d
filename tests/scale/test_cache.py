"""The incremental cache: hits, misses and invalidation; a corrupt or unwritable cache.

Each test audits a small generated tree through :func:`run_audit_parallel` with a cache,
then changes one thing and checks which files were served from the cache (``hits``) and
that the report is byte-identical to an uncached audit of the same tree.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from provenance.audit import run_audit
from provenance.cache import (
    Cache,
    CacheLocationError,
    check_cache_location,
    default_cache_path,
    open_cache,
)
from provenance.engine import AuditConfig, RuleSetting
from provenance.parallel import run_audit_parallel
from tests.conftest import REPO
from tests.scale.corpus import CorpusSpec, generate
from tests.scale.support import config, render


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    # 10 articles in 8 files (jsonl holds several), 4 standalone images.
    generate(root, CorpusSpec(articles=10, standalone=4, share_every=3))
    return root


def _files(root: Path, kind: str) -> list[str]:
    folders = {"article": "articles", "image": "loose"}
    return sorted(p.relative_to(root).as_posix() for p in (root / folders[kind]).rglob("*.*"))


def _cached_audit(root: Path, db: Path, cfg: AuditConfig | None = None) -> tuple[str, Cache]:
    cfg = cfg or config(root)
    with open_cache(db, cfg) as cache:
        text = render(root, lambda f, c, b: run_audit_parallel(f, c, b, jobs=1, cache=cache),
                      cfg)
    return text, cache


def _fresh(root: Path, cfg: AuditConfig | None = None) -> str:
    return render(root, run_audit, cfg)


def test_second_run_is_served_from_the_cache(tree: Path, tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite3"
    cold, first = _cached_audit(tree, db)
    warm, second = _cached_audit(tree, db)
    units = len(_files(tree, "article")) + len(_files(tree, "image"))
    assert (first.hits, first.misses, first.problem) == (0, units, None)  # empty cache
    assert (second.hits, second.misses, second.problem) == (units, 0, None)
    assert cold == warm == _fresh(tree)


def test_touch_keeps_the_hit_but_new_bytes_miss(tree: Path, tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite3"
    _cached_audit(tree, db)
    article = tree / _files(tree, "article")[0]
    os.utime(article, ns=(1, 1))  # same bytes, new mtime: the hash says unchanged
    _, touched = _cached_audit(tree, db)
    assert touched.misses == 0
    import json
    import sqlite3

    with sqlite3.connect(db) as con:  # the new stat is remembered: no hashing next time
        [deps] = con.execute("SELECT deps FROM entries WHERE kind='article' AND rel=?",
                             (_files(tree, "article")[0],)).fetchone()
    assert json.loads(deps)[0][2] == 1
    article.write_text(article.read_text(encoding="utf-8") + "\nA late paragraph.\n",
                       encoding="utf-8")
    report, edited = _cached_audit(tree, db)
    assert edited.misses == 1
    assert report == _fresh(tree)


def test_an_image_change_invalidates_the_articles_showing_it(tree: Path, tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite3"
    _cached_audit(tree, db)
    shown = sorted((tree / "img").iterdir())[0]
    users = [a for a in _files(tree, "article")
             if f"img/{shown.name}" in (tree / a).read_text(encoding="utf-8")]
    assert users  # the generator's first image is shown by at least one article
    shown.write_bytes(shown.read_bytes()[:200])  # truncated: now unreadable
    report, after = _cached_audit(tree, db)
    assert after.misses == len(users)
    assert report == _fresh(tree)
    assert '"status": "unreadable"' in report


def test_a_missing_image_that_appears_invalidates(tree: Path, tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite3"
    shown = sorted((tree / "img").iterdir())[0]
    saved = shown.read_bytes()
    shown.unlink()
    first, _ = _cached_audit(tree, db)
    assert '"status": "missing"' in first
    shown.write_bytes(saved)
    report, after = _cached_audit(tree, db)
    assert after.misses >= 1 and '"status": "missing"' not in report
    assert report == _fresh(tree)


def test_a_config_change_misses_everything(tree: Path, tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite3"
    base = config(tree)
    _cached_audit(tree, db, base)
    later = AuditConfig(base.root, base.rules, base.now + timedelta(days=1))
    rules = dict(base.rules)
    rules["IMG006"] = RuleSetting(False, rules["IMG006"].severity, rules["IMG006"].options)
    quieter = AuditConfig(base.root, rules, base.now)
    for changed in (later, quieter):
        report, cache = _cached_audit(tree, db, changed)
        assert cache.hits == 0
        assert report == _fresh(tree, changed)


def test_now_tolerance_reuses_recent_entries_only(tree: Path, tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite3"
    base = config(tree)
    _cached_audit(tree, db, base)
    units = len(_files(tree, "article")) + len(_files(tree, "image"))
    hits = []
    for shift in (timedelta(days=1), timedelta(days=3), timedelta(days=-1)):
        cfg = AuditConfig(base.root, base.rules, base.now + shift)
        with open_cache(db, cfg, now_tolerance=timedelta(days=2)) as cache:
            render(tree, lambda f, c, b: run_audit_parallel(f, c, b, jobs=1, cache=cache), cfg)
        hits.append(cache.hits)
    # A day later: reused. Three days: too old, audited again (and stored at that time).
    # A day earlier than that: entries from the future are never reused.
    assert hits == [units, 0, 0]


def _damage_pages(db: Path) -> None:
    """Keep SQLite's header page, scribble over the rest (a torn write, a bad disk)."""
    data = bytearray(db.read_bytes())
    assert len(data) > 8192
    data[4096:] = b"\xde\xad" * ((len(data) - 4096) // 2)
    db.write_bytes(bytes(data))


def _damage_header(db: Path) -> None:
    db.write_bytes(db.read_bytes()[:16] + b"\x00\x01 nonsense " * 500)


@pytest.mark.parametrize("damage", [_damage_pages, _damage_header])
def test_a_corrupt_cache_is_rebuilt(tree: Path, tmp_path: Path, damage: Any) -> None:
    db = tmp_path / "cache.sqlite3"
    _cached_audit(tree, db)
    damage(db)
    report, cache = _cached_audit(tree, db)
    assert cache.problem is not None and cache.problem.startswith("rebuilt the corrupt cache")
    assert report == _fresh(tree)
    _, again = _cached_audit(tree, db)
    assert (again.misses, again.problem) == (0, None)
    assert again.hits == len(_files(tree, "article")) + len(_files(tree, "image"))


def test_a_file_that_is_not_a_cache_is_left_alone(tree: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Somebody's notes, given as --cache by mistake.\n", encoding="utf-8")
    report, cache = _cached_audit(tree, notes)
    assert not cache.enabled
    assert cache.problem is not None and "is not a provenance cache" in cache.problem
    assert notes.read_text(encoding="utf-8") == "Somebody's notes, given as --cache by mistake.\n"
    assert report == _fresh(tree)


def test_an_unwritable_cache_is_skipped(tree: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    report, cache = _cached_audit(tree, blocker / "cache.sqlite3")
    assert not cache.enabled
    assert cache.problem is not None and "unusable" in cache.problem
    assert report == _fresh(tree)


def test_a_read_only_cache_still_gives_hits(tree: Path, tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite3"
    _cached_audit(tree, db)
    cfg = config(tree)
    cache = Cache(db, cfg)
    cache._db.execute("PRAGMA query_only = ON")  # type: ignore[union-attr]
    with cache:
        article = tree / _files(tree, "article")[0]
        article.write_text(article.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
        report = render(tree, lambda f, c, b: run_audit_parallel(f, c, b, jobs=1, cache=cache),
                        cfg)
    assert cache.misses == 1 and cache.hits > 0
    assert cache.problem is not None and "not updated" in cache.problem
    assert report == _fresh(tree)


def test_cache_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "xdg" / "provenance" / "audit.sqlite3"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert default_cache_path() == Path.home() / ".cache" / "provenance" / "audit.sqlite3"
    audited = tmp_path / "archive"
    (audited / "2026").mkdir(parents=True)
    with pytest.raises(CacheLocationError):
        check_cache_location(audited / "2026" / "cache.sqlite3", [audited])
    check_cache_location(tmp_path / "elsewhere.sqlite3", [audited])


def test_dependency_list_matches_pyproject() -> None:
    """The cache key's dependency list is pyproject.toml's runtime dependencies."""
    import re
    import tomllib

    from provenance.cache import DEPENDENCIES

    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    names = [re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0] for req in project["dependencies"]]
    assert list(DEPENDENCIES) == names


def test_library_versions_agree_with_importlib_metadata() -> None:
    import importlib.metadata as metadata

    from provenance.cache import DEPENDENCIES, _library_versions

    expected = []
    for name in DEPENDENCIES:
        try:
            expected.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            expected.append(f"{name}==absent")
    assert _library_versions() == tuple(sorted(expected))


def test_a_cached_entry_with_a_lone_surrogate_is_repaired_as_a_fresh_one(
        tmp_path: Path) -> None:
    """Cache hits skip the report's encodability check only when the stored text proves it
    needless: an entry holding a lone surrogate (from a JSON ``\\ud800`` escape) is stored
    escaped and repaired again on every hit, with its ``repaired`` pointers."""
    root = tmp_path / "tree"
    root.mkdir()
    (root / "odd.json").write_text(
        '{"uri": "urn:x:1", "type": "text", "headline": "Ferry \\ud800 returns",'
        ' "body_text": "The harbour ferry is back (Reuters)."}', encoding="utf-8")
    (root / "plain.json").write_text(
        '{"uri": "urn:x:2", "type": "text", "headline": "Library opens late",'
        ' "body_text": "The library now opens until ten (AFP)."}', encoding="utf-8")
    db = tmp_path / "cache.sqlite3"
    cold, _ = _cached_audit(root, db)
    warm, second = _cached_audit(root, db)
    assert second.hits == 2
    assert cold == warm == _fresh(root)
    assert '"repaired"' in warm


def _report_with_baseline(root: Path, db: Path | None, baseline: dict[str, Any],
                          cold: bool = False) -> str:
    """The JSON report of ``root`` with a baseline, through the cache at ``db`` (all hits,
    or all misses when ``cold``) or without one."""
    import io

    from provenance.report import ReportBuilder, header
    from provenance.reporters.json import JsonReporter
    from provenance.walk import collect

    cfg = config(root)
    out = io.StringIO()
    builder = ReportBuilder([JsonReporter(out)], baseline=baseline)
    builder.start(header(".", None))
    found = collect([cfg.root], cfg.root)
    if db is None:
        run_audit(found, cfg, builder)
    else:
        with open_cache(db, cfg) as cache:
            run_audit_parallel(found, cfg, builder, jobs=1, cache=cache)
            assert (cache.hits == 0) if cold else (cache.misses == 0)
    return out.getvalue()


def test_cached_entries_meet_the_baseline_as_fresh_ones(tree: Path, tmp_path: Path) -> None:
    """A hit — or an entry the cache has just encoded — is written to the JSON report
    without being decoded, unless one of its findings is in the baseline: then it is
    decoded and marked as an entry fresh from a worker is."""
    import json

    from provenance.report import BaselineEntry

    db = tmp_path / "cache.sqlite3"
    _cached_audit(tree, db)
    fresh = json.loads(_fresh(tree))
    live = [(f["fingerprint"], f["rule"], a["path"]) for a in fresh["articles"]
            for f in a["findings"] if f["suppressed"] is None]
    assert len(live) >= 2
    baseline = {fp: BaselineEntry(fp, rule, path) for fp, rule, path in live[::2]}
    cached = _report_with_baseline(tree, db, baseline)
    assert cached == _report_with_baseline(tree, None, baseline)
    assert cached == _report_with_baseline(tree, tmp_path / "new.sqlite3", baseline, cold=True)
    assert json.loads(cached)["summary"]["baselined"] == len(baseline)


def _statements(root: Path, db: Path) -> tuple[str, Cache, list[str]]:
    """A cached audit of ``root``, with the SELECT statements it ran."""
    cfg = config(root)
    statements: list[str] = []
    with open_cache(db, cfg) as cache:
        assert cache._db is not None
        cache._db.set_trace_callback(statements.append)
        text = render(root, lambda f, c, b: run_audit_parallel(f, c, b, jobs=1, cache=cache),
                      cfg)
    return text, cache, [s for s in statements if s.startswith("SELECT")]


def test_lookups_read_the_cache_in_batches(tree: Path, tmp_path: Path) -> None:
    """One query per batch of files, not per file; a file name SQLite cannot hold (not
    UTF-8) sends its batch back to one query each, and the others still hit."""
    import os

    db = tmp_path / "cache.sqlite3"
    cold, _ = _cached_audit(tree, db)
    warm, cache, selects = _statements(tree, db)
    assert warm == cold
    assert cache.hits == len(_files(tree, "article")) + len(_files(tree, "image"))
    assert len(selects) == 2  # the articles, then the standalone images: a batch each
    assert all(" IN (" in s for s in selects)

    (tree / "articles" / os.fsdecode(b"caf\xe9.txt")).write_text(
        "By Ann Lee\n\nThe ferry runs again, officials said (AFP).\n", encoding="utf-8")
    cold, _ = _cached_audit(tree, db)
    warm, cache, selects = _statements(tree, db)
    assert warm == cold == _fresh(tree)
    articles = len(_files(tree, "article"))
    assert cache.hits == articles - 1 + len(_files(tree, "image"))  # the odd one is no entry
    assert len([s for s in selects if " IN (" in s]) == 1  # the images' batch
    assert len([s for s in selects if " IN (" not in s]) == articles - 1  # SQLite refused
    # to bind the odd name: the articles' batch never ran, and the odd file's own query
    # failed as it does without batches


@pytest.mark.parametrize(("text", "clean"), [
    ('{"headline": "Harbour news"}', True),
    ('{"headline": "Harbour \\ud800 news"}', False),
    ('{"headline": "Harbour \\uD83D news"}', False),  # either case of hex digits
    ('{"headline": "caf\\u00e9"}', True),
])
def test_a_stored_text_is_clean_only_without_a_surrogate_escape(text: str, clean: bool) -> None:
    from provenance.cache import _no_surrogate_escape

    assert _no_surrogate_escape(text) is clean


@pytest.mark.parametrize("with_text", [False, True], ids=["json", "json-and-text"])
def test_a_cold_run_hands_on_encoded_entries_only_to_a_report_that_writes_them(
        tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_text: bool) -> None:
    """Entries the cache has just encoded go to a JSON report as they are; a report that
    needs the entries themselves gets the worker's, never a decoded copy of their text."""
    import io

    from provenance.report import ReportBuilder, header
    from provenance.reporters.json import JsonReporter
    from provenance.reporters.text import TextReporter
    from provenance.walk import collect

    calls = {"add_article": 0, "add_encoded": 0}
    for name in calls:
        real = getattr(ReportBuilder, name)

        def counted(self: Any, *args: Any, _real: Any = real, _name: str = name,
                    **kwargs: Any) -> None:
            calls[_name] += 1
            _real(self, *args, **kwargs)

        monkeypatch.setattr(ReportBuilder, name, counted)
    cfg = config(tree)
    reporters: list[Any] = [JsonReporter(io.StringIO())]
    if with_text:
        reporters.append(TextReporter(io.StringIO()))
    builder = ReportBuilder(reporters)
    builder.start(header(".", None))
    with open_cache(tmp_path / "cache.sqlite3", cfg) as cache:
        run_audit_parallel(collect([cfg.root], cfg.root), cfg, builder, jobs=1, cache=cache)
    articles = builder.counts["articles"]
    assert articles > 0
    assert calls == ({"add_article": articles, "add_encoded": 0} if with_text
                     else {"add_article": 0, "add_encoded": articles})
