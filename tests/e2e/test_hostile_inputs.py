"""Hostile article input from the red-team table (R1, R2, R6): a finding, never exit 3.

Each case is built at test time and audited through the CLI: the report must be complete
(no ``errors[]``, so no exit 3) and name the problem as a finding.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from provenance.findings import fingerprint
from tests.e2e.helpers import audit_json

LEAD = "SEOUL (Reuters) - The harbour reopened on Monday."
BIG = "9" * 5000  # over Python's 4,300 digit limit for int()


def _findings(report: dict[str, Any], path: str) -> list[tuple[str, str]]:
    return [(f["rule"], f["message"]) for a in report["articles"] if a["path"] == path
            for f in a["findings"]]


def _rules(report: dict[str, Any], path: str) -> list[str]:
    return [rule for rule, _ in _findings(report, path)]


# ------------------------------------------------------------------ R1, R2: odd strings


def test_lone_surrogate_in_a_ninjs_image_src_is_img001(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        '{"headline": "x \\ud800", "byline": "Ann", "body_text": "' + LEAD + '", '
        '"associations": {"i": {"type": "picture", "renditions": {"o": {"href": '
        '"a\\ud800.jpg"}}}}}', encoding="utf-8")
    (tmp_path / "b.json").write_text(  # the HTML parser drops the surrogate itself
        '{"headline": "x", "byline": "Ann", '
        '"body_html": "<p>' + LEAD + '</p><img src=\\"b\\ud800.jpg\\">"}', encoding="utf-8")
    code, report = audit_json(tmp_path, str(tmp_path))
    assert (code, report["errors"]) == (1, [])
    assert [m for r, m in _findings(report, "a.json") if r == "IMG001"] == [
        "image 'a\\ud800.jpg' does not exist: no file can have that name (it holds a NUL or "
        "an invalid character)"]
    assert _rules(report, "b.json") == ["IMG001"]


def test_non_utf8_file_name_is_audited_under_its_escaped_name(tmp_path: Path) -> None:
    # Decision: the file is audited normally; its name keeps the surrogate escapes
    # os.fsdecode gives, fingerprints hash its original bytes, reporters escape it.
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("By Ann\n\n" + LEAD + "\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("By Ann\n\n" + LEAD + "\n", encoding="utf-8")
    code, first = audit_json(tmp_path, str(tmp_path))
    _, second = audit_json(tmp_path, str(tmp_path))
    assert (code, first["errors"]) == (0, [])
    assert len(first["articles"]) == 2
    prints = [[f["fingerprint"] for a in r["articles"] for f in a["findings"]]
              for r in (first, second)]
    assert prints[0] == prints[1]


def test_lone_surrogates_and_odd_names_are_cached(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.json").write_text('{"headline": "x \\ud800", "byline": "Ann", "body_text": "'
                                 + LEAD + '"}', encoding="utf-8")
    (tree / os.fsdecode(b"caf\xe9.txt")).write_text(f"By Ann\n\n{LEAD}\n", encoding="utf-8")
    db = str(tmp_path / "cache.sqlite3")
    _, cold = audit_json(tmp_path, str(tree), "--cache", db)
    _, warm = audit_json(tmp_path, str(tree), "--cache", db)
    assert cold["errors"] == [] and cold == warm
    assert len(cold["articles"]) == 2


def test_fingerprint_accepts_any_string() -> None:
    escaped = fingerprint("INP001", os.fsdecode(b"caf\xe9.txt"), None, None, "", 0)
    raw = b"\x1f".join([b"INP001", b"caf\xe9.txt", b"", b"", b"", b"0"])
    assert escaped == "v1:" + hashlib.sha256(raw).hexdigest()
    lone = fingerprint("IMG001", "a.json", None, "a\ud800.jpg", "a\ud800.jpg", 0)
    assert lone == fingerprint("IMG001", "a.json", None, "a\ud800.jpg", "a\ud800.jpg", 0)
    assert fingerprint("MET001", "plain.txt", None, None, "", 0) == "v1:" + hashlib.sha256(
        "\x1f".join(["MET001", "plain.txt", "", "", "", "0"]).encode()).hexdigest()


# ------------------------------------------------------------------ R6 (a): NUL in a src


@pytest.mark.parametrize(("name", "text"), [
    ("nul.html", f'<p>By Ann</p><p>{LEAD}</p><img src="x%00.jpg">'),
    ("nul.md", f"By Ann\n\n{LEAD}\n\n![harbour](x%00.jpg)\n"),
    ("nul.json", json.dumps({"headline": "h", "byline": "Ann",
                             "body_html": f'<p>{LEAD}</p><img src="x%00.jpg">'})),
])
def test_nul_in_an_image_src_is_img001_and_the_article_is_audited(
        tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, report = audit_json(tmp_path, str(tmp_path / name))
    assert (code, report["errors"]) == (1, [])
    assert _findings(report, name) == [
        ("IMG001", "image 'x%00.jpg' does not exist: no file can have that name (it holds "
                   "a NUL or an invalid character)")]


# ------------------------------------------------------------------ R6 (b), (c): front matter


@pytest.mark.parametrize("date", ["2026-02-30", "0000-01-01", "2026-03-01 10:00:00 +25:00"])
def test_impossible_yaml_date_is_met002_unparseable(tmp_path: Path, date: str) -> None:
    (tmp_path / "a.md").write_text(f"---\ntitle: T\nauthor: Ann\ndate: {date}\n---\n{LEAD}\n",
                                   encoding="utf-8")
    code, report = audit_json(tmp_path, str(tmp_path / "a.md"))
    assert report["errors"] == []
    assert _findings(report, "a.md") == [
        ("MET002", f"published date {date!r} cannot be parsed")]
    assert code == 0  # MET002 is a warning


def test_valid_yaml_dates_are_still_dates(tmp_path: Path) -> None:
    # (A date-only ``published`` fails the report schema's date-time pattern, before and
    # after this change: a separate problem, so a full timestamp here.)
    (tmp_path / "a.md").write_text(
        f"---\ntitle: T\nauthor: Ann\ndate: 2026-03-01 10:00:00+01:00\n---\n{LEAD}\n",
        encoding="utf-8")
    _, report = audit_json(tmp_path, str(tmp_path / "a.md"))
    assert report["articles"][0]["published"] == "2026-03-01T10:00:00+01:00"
    assert _findings(report, "a.md") == []


@pytest.mark.parametrize(("name", "text"), [
    ("big.json", '{"headline": "h", "byline": "Ann", "body_text": "' + LEAD + '", "v": '
                 + BIG + "}"),
    ("big.md", f"---\ntitle: T\nauthor: Ann\nv: {BIG}\n---\n{LEAD}\n"),
    ("bigjson.md", '{"title": "T", "author": "Ann", "v": ' + BIG + "}\n" + LEAD + "\n"),
])
def test_huge_integer_is_read_as_text(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, report = audit_json(tmp_path, str(tmp_path / name))
    assert (code, report["errors"], _findings(report, name)) == (0, [], [])


def test_huge_integer_in_toml_front_matter_is_inp001(tmp_path: Path) -> None:
    (tmp_path / "big.md").write_text(f"+++\ntitle = 'T'\nv = {BIG}\n+++\n{LEAD}\n",
                                     encoding="utf-8")
    code, report = audit_json(tmp_path, str(tmp_path / "big.md"))
    assert (code, report["errors"]) == (1, [])
    assert _findings(report, "big.md") == [
        ("INP001", "article could not be read: TOML front matter holds an integer too long "
                   "to read (over 4,300 digits)")]


# ------------------------------------------------------------------ R6 (e): year 9999


@pytest.mark.parametrize("published", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"])
def test_extreme_publication_date_with_an_exif_capture_time(
        tmp_path: Path, published: str) -> None:
    image = Image.new("RGB", (8, 8))
    exif = image.getexif()
    exif.get_ifd(0x8769)[0x9003] = "2026:03:01 10:00:00"
    (tmp_path / "img").mkdir()
    image.save(tmp_path / "img" / "c.jpg", exif=exif)
    (tmp_path / "a.html").write_text(
        f'<html><head><meta property="article:published_time" content="{published}">'
        f"</head><body><p>By Ann</p><p>{LEAD}</p><img src=\"img/c.jpg\"></body></html>",
        encoding="utf-8")
    code, report = audit_json(tmp_path, str(tmp_path / "a.html"), "--root", str(tmp_path))
    assert report["errors"] == [] and code in (0, 1)
    rules = _rules(report, "a.html")
    assert ("IMG008" in rules) == published.startswith("0001")


def test_non_utf8_image_name_is_audited(tmp_path: Path) -> None:
    Image.new("RGB", (8, 8)).save(tmp_path / os.fsdecode(b"lo\xf6se.png"))
    code, report = audit_json(tmp_path, str(tmp_path))
    assert report["errors"] == [] and code in (0, 1)
    assert [i["status"] for i in report["images"]] == ["ok"]


def test_percent_escaped_latin1_src_finds_the_latin1_file(tmp_path: Path) -> None:
    Image.new("RGB", (8, 8)).save(tmp_path / os.fsdecode(b"ph\xf6to.jpg"))
    (tmp_path / "a.html").write_text(f'<p>By Ann</p><p>{LEAD}</p><img src="ph%F6to.jpg">',
                                     encoding="utf-8")
    code, report = audit_json(tmp_path, str(tmp_path))
    assert report["errors"] == [] and code in (0, 1)
    assert [i["status"] for i in report["articles"][0]["images"]] == ["ok"]
    assert report["images"] == []  # referenced, so not standalone
