"""``provenance audit`` over web archives built at test time with warcio."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.e2e.helpers import audit_json
from tests.warc.builders import Rec, camera_jpeg, figure, generated_png, page, write_warc

SITE = "https://news.example"
DISCLOSED = "Illustration: this image is AI-generated."


def _audit(tmp_path: Path, *paths: Path, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    _, report = audit_json(tmp_path, *map(str, paths), "--no-cache", "--jobs", "1", *extra)
    return report


def _article(report: dict[str, Any], path: str) -> dict[str, Any]:
    return next(a for a in report["articles"] if a["path"] == path)


def _rules(entry: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(f["rule"], f["image"]) for f in entry["findings"]]


@pytest.fixture()
def crawl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, int]]:
    """One WARC: a page with a camera photo (GPS), an AI picture and two unreadable-by-us
    references, an image no page shows, a request, a warcinfo and a JSON response."""
    monkeypatch.chdir(tmp_path)
    images = (figure("img/harbour.jpg", "The harbour at dawn.")
              + figure(f"{SITE}/media/surge.png", "The surge, as imagined.")
              + figure("https://cdn.elsewhere.example/x.jpg", "A picture from elsewhere.")
              + figure("/media/never-archived.jpg", "Not in the crawl."))
    records = [
        Rec("warcinfo", kind="warcinfo"),
        Rec(f"{SITE}/2026/storm.html", kind="request"),
        Rec(f"{SITE}/2026/storm.html", page(
            "Storm floods the sea wall", "LISBON (Reuters) - The sea wall gave way on "
            "Monday night as the tide rose.", images)),
        Rec(f"{SITE}/2026/img/harbour.jpg", camera_jpeg(), "image/jpeg"),
        Rec(f"{SITE}/media/surge.png", generated_png(), "image/png"),
        Rec(f"{SITE}/media/orphan.jpg", camera_jpeg(gps=False), "image/jpeg"),
        Rec(f"{SITE}/api/stats.json", b'{"ok": true}', "application/json"),
        Rec(f"{SITE}/gone.html", page("Gone", "Moved."), status="404 Not Found"),
    ]
    warc = tmp_path / "crawl.warc.gz"
    return warc, write_warc(warc, records)


def test_pages_images_and_skipped_records(crawl: tuple[Path, dict[str, int]],
                                          tmp_path: Path) -> None:
    warc, offsets = crawl
    report = _audit(tmp_path, warc)
    page_at = offsets[f"response:{SITE}/2026/storm.html"]
    photo_at = offsets[f"response:{SITE}/2026/img/harbour.jpg"]
    ai_at = offsets[f"response:{SITE}/media/surge.png"]
    orphan_at = offsets[f"response:{SITE}/media/orphan.jpg"]
    assert [a["path"] for a in report["articles"]] == [f"crawl.warc.gz#{page_at}"]
    article = report["articles"][0]
    assert article["format"] == "html"
    assert article["headline"] == "Storm floods the sea wall"
    assert article["record"] == {"file": "crawl.warc.gz", "offset": page_at,
                                 "target_uri": f"{SITE}/2026/storm.html"}
    assert [(i["src"], i["path"], i["status"]) for i in article["images"]] == [
        ("img/harbour.jpg", f"crawl.warc.gz#{photo_at}", "ok"),
        (f"{SITE}/media/surge.png", f"crawl.warc.gz#{ai_at}", "ok"),
        ("https://cdn.elsewhere.example/x.jpg", None, "remote"),
        ("/media/never-archived.jpg", None, "remote"),
    ]
    assert article["images"][0]["gps"] is not None
    assert article["images"][1]["ai"]["verdict"] == "ai-generated"
    rules = _rules(article)
    assert ("IMG005", "img/harbour.jpg") in rules
    assert ("AID001", f"{SITE}/media/surge.png") in rules
    assert ("IMG003", "https://cdn.elsewhere.example/x.jpg") in rules
    assert ("IMG003", "/media/never-archived.jpg") in rules
    # The image no page shows is audited on its own, as in a folder.
    assert [(i["path"], i["record"]["target_uri"]) for i in report["images"]] == [
        (f"crawl.warc.gz#{orphan_at}", f"{SITE}/media/orphan.jpg")]
    # warcinfo, request, the JSON response and the 404 page are skipped and counted.
    assert report["summary"]["skipped"] == 4
    assert report["summary"]["articles"] == 1


def test_base_href_and_policy_base_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cdn = "https://static.news.example"
    body = page("Bridge reopens", "PORTO (AFP) - The bridge reopened.",
                figure("pics/bridge.jpg", "The bridge.") + figure(f"{cdn}/p/x.png", "AI."),
                head=f'<base href="{cdn}/assets/">')
    offsets = write_warc(tmp_path / "a.warc.gz", [
        Rec(f"{SITE}/bridge.html", body),
        Rec(f"{cdn}/assets/pics/bridge.jpg", camera_jpeg(gps=False), "image/jpeg"),
        Rec(f"{cdn}/p/x.png", generated_png(), "image/png"),
    ])
    report = _audit(tmp_path, tmp_path / "a.warc.gz")
    statuses = [i["status"] for i in report["articles"][0]["images"]]
    assert statuses == ["remote", "remote"]  # the CDN is not the page's origin
    (tmp_path / "provenance.toml").write_text(
        f'[site]\nbase_urls = ["{SITE}/", "{cdn}/"]\n', encoding="utf-8")
    report = _audit(tmp_path, tmp_path / "a.warc.gz")
    images = report["articles"][0]["images"]
    assert [i["path"] for i in images] == [
        f"a.warc.gz#{offsets[f'response:{cdn}/assets/pics/bridge.jpg']}",
        f"a.warc.gz#{offsets[f'response:{cdn}/p/x.png']}"]


def test_revisits_resolve_to_the_original_payload(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    body = page("Council passes budget", "BERLIN (dpa) - The council passed the budget.",
                figure("chart.png", DISCLOSED))
    offsets = write_warc(tmp_path / "r.warc.gz", [
        Rec(f"{SITE}/budget.html", body),
        Rec(f"{SITE}/chart.png", generated_png(), "image/png"),
        Rec(f"{SITE}/budget.html", kind="revisit"),
        Rec(f"{SITE}/chart.png", kind="revisit", mime="image/png"),
    ])
    report = _audit(tmp_path, tmp_path / "r.warc.gz")
    first, again = report["articles"]
    assert again["path"] == f"r.warc.gz#{offsets[f'revisit:{SITE}/budget.html']}"
    assert again["headline"] == first["headline"] == "Council passes budget"
    assert again["images"][0]["status"] == "ok"
    assert again["images"][0]["ai"]["verdict"] == "ai-generated"
    assert _rules(again) == _rules(first)
    assert report["images"] == []  # the image record is shown; its revisit is no image


def _two_pages(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    records = [
        Rec(f"{SITE}/one.html", page("First story", "PARIS (AFP) - One.",
                                     figure("one.jpg", "One."))),
        Rec(f"{SITE}/one.jpg", camera_jpeg(gps=False), "image/jpeg"),
        Rec(f"{SITE}/two.html", page("Second story", "ROME (ANSA) - Two.")),
        Rec(f"{SITE}/three.html", page("Third story", "OSLO (NTB) - Three.")),
    ]
    warc = tmp_path / "d.warc.gz"
    return warc, write_warc(warc, records)


def test_corrupt_gzip_member_costs_only_its_record(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    warc, offsets = _two_pages(tmp_path)
    data = bytearray(warc.read_bytes())
    two = offsets[f"response:{SITE}/two.html"]
    data[two + 12:two + 40] = b"\x00" * 28  # the member's deflate data, not its magic
    warc.write_bytes(bytes(data))
    report = _audit(tmp_path, warc)
    paths = [a["path"] for a in report["articles"]]
    assert paths == [f"d.warc.gz#{offsets[f'response:{SITE}/one.html']}",
                     f"d.warc.gz#{two}", f"d.warc.gz#{offsets[f'response:{SITE}/three.html']}"]
    broken = report["articles"][1]
    assert [f["rule"] for f in broken["findings"]] == ["INP001"]
    assert "gzip" in broken["findings"][0]["message"]
    assert report["articles"][2]["headline"] == "Third story"
    assert report["articles"][0]["images"][0]["status"] == "ok"


def test_truncated_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    warc, offsets = _two_pages(tmp_path)
    three = offsets[f"response:{SITE}/three.html"]
    data = warc.read_bytes()
    warc.write_bytes(data[:three + (len(data) - three) // 2])  # the last member cut short
    report = _audit(tmp_path, warc)
    last = report["articles"][-1]
    assert last["path"] == f"d.warc.gz#{three}"
    assert [f["rule"] for f in last["findings"]] == ["INP001"]
    assert "truncated" in last["findings"][0]["message"]
    assert report["articles"][1]["headline"] == "Second story"


def test_truncated_image_record_is_img002(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    warc = tmp_path / "u.warc"  # uncompressed: the record's Content-Length is too long
    offsets = write_warc(warc, [
        Rec(f"{SITE}/p.html", page("Pier", "NICE (AFP) - Pier.", figure("p.jpg", "Pier."))),
        Rec(f"{SITE}/p.jpg", camera_jpeg(gps=False), "image/jpeg"),
    ], gzip=False)
    warc.write_bytes(warc.read_bytes()[:-200])
    report = _audit(tmp_path, warc)
    image = report["articles"][0]["images"][0]
    assert image["path"] == f"u.warc#{offsets[f'response:{SITE}/p.jpg']}"
    assert image["status"] == "unreadable"
    assert ("IMG002", "p.jpg") in _rules(report["articles"][0])


def test_image_in_another_warc_of_the_set(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    write_warc(crawl / "a-pages.warc.gz", [
        Rec(f"{SITE}/quay.html", page("Quay", "DUBLIN (PA) - Quay.", figure("q.png", "Quay."))),
    ])
    offsets = write_warc(crawl / "b-media.warc.gz", [
        Rec(f"{SITE}/q.png", generated_png(), "image/png"),
    ])
    report = _audit(tmp_path, crawl)
    image = report["articles"][0]["images"][0]
    assert image["path"] == f"b-media.warc.gz#{offsets[f'response:{SITE}/q.png']}"
    assert image["ai"]["verdict"] == "ai-generated"
    assert report["images"] == []


def _findings(entry: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(f["rule"], f["severity"], f["message"], f["line"], f["column"], f["image"])
            for f in entry["findings"]]


def test_a_warc_of_the_examples_audits_like_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples' HTML page with its images, and the image no page shows: the same
    findings from the folder and from a WARC of them."""
    monkeypatch.chdir(tmp_path)
    examples = tmp_path / "examples"
    shutil.copytree(REPO / "examples", examples)
    folder = _audit(tmp_path, examples, extra=("--root", str(examples)))
    html = examples / "html" / "market-square.html"
    base = f"{SITE}/html/"
    records = [Rec(f"{base}market-square.html", html.read_bytes())]
    for name in sorted((examples / "html" / "img").iterdir()):
        records.append(Rec(f"{base}img/{name.name}", name.read_bytes(), "image/jpeg"))
    records.append(Rec(f"{SITE}/images/unlabelled-graphic.png",
                       (examples / "images" / "unlabelled-graphic.png").read_bytes(),
                       "image/png"))
    archived = tmp_path / "archived"
    archived.mkdir()
    write_warc(archived / "examples.warc.gz", records)
    report = _audit(tmp_path, archived / "examples.warc.gz")
    page_entry = _article(folder, "html/market-square.html")
    assert _findings(report["articles"][0]) == _findings(page_entry)
    assert _findings(report["articles"][0]) != []
    standalone = next(i for i in folder["images"]
                      if i["path"].endswith("unlabelled-graphic.png"))
    # A standalone image's messages name its path, which differs: compare all else.
    assert [_findings(_anonymous(i)) for i in report["images"]] == \
        [_findings(_anonymous(standalone))]


def _anonymous(entry: dict[str, Any]) -> dict[str, Any]:
    findings = [{**f, "message": f["message"].replace(entry["path"], "PATH"),
                 "image": "PATH" if f["image"] == entry["path"] else f["image"]}
                for f in entry["findings"]]
    return {**entry, "findings": findings}


def test_records_are_read_without_temporary_files(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  crawl: tuple[Path, dict[str, int]]) -> None:
    """Payloads are read in memory: the temporary folder stays as it was."""
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setenv("TMPDIR", str(spool))
    _audit(tmp_path, crawl[0])
    assert list(spool.iterdir()) == []


def test_show_files_lists_records(crawl: tuple[Path, dict[str, int]], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    from provenance.cli import main

    assert main(["audit", str(crawl[0]), "--show-files"]) == 0
    out = capsys.readouterr().out
    assert f"crawl.warc.gz#{crawl[1][f'response:{SITE}/2026/storm.html']}" in out


def test_json_report_is_schema_valid_for_gzip_less_and_damaged(tmp_path: Path) -> None:
    """A file that is not an archive at all, named .warc.gz: one INP001, no crash."""
    bogus = tmp_path / "bogus.warc.gz"
    bogus.write_bytes(gzip.compress(b"this is not a web archive\r\n\r\n"))
    report = _audit(tmp_path, bogus)
    assert [[f["rule"] for f in a["findings"]] for a in report["articles"]] == [["INP001"]]
    json.dumps(report)


@pytest.mark.parametrize("name", ["old.arc.gz", "old.arc"])
def test_arc_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    from tests.warc.builders import write_arc

    monkeypatch.chdir(tmp_path)
    write_arc(tmp_path / name, [
        Rec("http://news.example/a.html", page("Pier closed", "OSLO (NTB) - The pier closed.",
                                               figure("p.jpg", "The pier."))),
        Rec("http://news.example/p.jpg", camera_jpeg(), "image/jpeg"),
        Rec("http://news.example/site.css", b"body {}", "text/css"),
    ], gzip=name.endswith(".gz"))
    report = _audit(tmp_path, tmp_path / name)
    (article,) = report["articles"]
    assert article["path"].startswith(f"{name}#")
    assert article["record"]["target_uri"] == "http://news.example/a.html"
    assert article["images"][0]["status"] == "ok"
    assert ("IMG005", "p.jpg") in _rules(article)
    assert report["summary"]["skipped"] == 2  # the file's own header record, the stylesheet


def test_extract_reads_archived_pages(crawl: tuple[Path, dict[str, int]],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    from provenance.cli import main

    assert main(["extract", str(crawl[0]), "--format", "json"]) == 0
    (article,) = json.loads(capsys.readouterr().out)["articles"]
    assert article["headline"] == "Storm floods the sea wall"
    assert article["record"]["target_uri"] == f"{SITE}/2026/storm.html"


def test_pages_in_the_charset_their_server_declared(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cyrillic = page("Шторм разрушил мол", "МОСКВА (ТАСС) - Шторм разрушил мол в гавани.")
    latin = page("Tempête sur la côte", "PARIS (AFP) - La tempête a frappé la côte.",
                 head='<meta charset="iso-8859-1">')
    write_warc(tmp_path / "e.warc.gz", [
        Rec(f"{SITE}/ru.html", cyrillic.decode().encode("windows-1251"),
            "text/html; charset=windows-1251"),
        Rec(f"{SITE}/fr.html", latin.decode().encode("iso-8859-1"), "text/html"),
    ])
    report = _audit(tmp_path, tmp_path / "e.warc.gz")
    assert [a["headline"] for a in report["articles"]] == [
        "Шторм разрушил мол", "Tempête sur la côte"]
    assert all("INP001" not in {f["rule"] for f in a["findings"]} for a in report["articles"])
