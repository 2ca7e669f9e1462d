"""Property: whatever a file holds, reading and auditing it ends in articles or a finding.

Seeds are the bundled examples in every format; hypothesis cuts them, flips bytes and splices
in hostile fragments (deep nesting, stray markup, odd encodings). The audit of such a file must
never crash: no internal error, only articles, INP001 findings or a skip.

Normal runs use a small budget; a long run is ``PROVENANCE_FUZZ_EXAMPLES=5000 pytest
tests/test_fuzz_articles.py`` (README, "Fuzzing").
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.engine import AuditConfig, ImageCache, audit_article_file
from provenance.paths import Found
from tests.conftest import REPO

BUDGET = int(os.environ.get("PROVENANCE_FUZZ_EXAMPLES", "40"))
SEEDS = {p.suffix: p.read_bytes() for p in sorted((REPO / "examples").rglob("*"))
         if p.suffix in (".txt", ".html", ".md", ".json", ".jsonl")}
FRAGMENTS = [b"[" * 5000, b"{\"a\":" * 3000, b"<div>" * 4000, b"\xff\xfe\x00", b"\xef\xbb\xbf",
             b"---\n", b"+++\n", b"<!-- provenance: disable=", b"\x00", b"\r\n" * 50,
             b"![x](../../../etc/passwd)", b"<img src='file:///etc/hosts'>", "é".encode(),
             b"(With inputs from ", b"This image is AI-generated", b"\"headline\": ",
             b"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"]


@settings(max_examples=BUDGET, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(suffix=st.sampled_from(sorted(SEEDS)), data=st.data())
def test_mutated_articles_never_crash_the_audit(tmp_path: Path, suffix: str,
                                                data: st.DataObject) -> None:
    content = bytearray(SEEDS[suffix])
    for _ in range(data.draw(st.integers(0, 4), label="edits")):
        at = data.draw(st.integers(0, len(content)), label="at")
        edit = data.draw(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=64)),
                         label="edit")
        content[at:at + data.draw(st.integers(0, 32), label="drop")] = edit
    path = tmp_path / f"article{suffix}"
    path.write_bytes(bytes(content))
    cfg = AuditConfig.defaults(tmp_path, datetime(2026, 3, 10, tzinfo=UTC))
    outcome = audit_article_file(Found("article", path, path.name), cfg, ImageCache(cfg))
    assert outcome.errors == []
    assert outcome.articles or outcome.skipped
    for article in outcome.articles:
        assert {f["rule"] for f in article["findings"]} <= {
            "ATR001", "ATR002", "ATR003", "AID001", "AID002", "AID003", "AID004", "IMG001",
            "IMG002", "IMG003", "IMG004", "IMG005", "IMG006", "IMG007", "IMG008", "IMG009",
            "IMG010", "MET001", "MET002", "INP001", "SUP001"}


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_seeds_read_cleanly(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"seed{suffix}"
    path.write_bytes(SEEDS[suffix])
    cfg = AuditConfig.defaults(tmp_path, datetime(2026, 3, 10, tzinfo=UTC))
    outcome = audit_article_file(Found("article", path, path.name), cfg, ImageCache(cfg))
    assert outcome.errors == [] and outcome.articles
    assert all("INP001" not in {f["rule"] for f in a["findings"]} for a in outcome.articles)
