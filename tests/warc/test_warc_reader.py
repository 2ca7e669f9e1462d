"""The record layer (provenance.warc) and the index's URL keys, on archives built here."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance.archives import url_key
from provenance.paths import is_archive_name
from provenance.warc import RecordError, read_record, scan_archive
from tests.warc.builders import Rec, page, write_warc


@pytest.mark.parametrize(("a", "b"), [
    ("HTTPS://News.Example:443/img/a b.jpg#top", "https://news.example/img/a%20b.jpg"),
    ("http://news.example:80/x.png?w=800", "http://news.example/x.png?w=800"),
    ("https://news.example", "https://news.example/"),
])
def test_url_keys_match(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)


def test_url_keys_keep_what_differs() -> None:
    assert url_key("https://news.example/x.png?w=1") != url_key("https://news.example/x.png")
    assert url_key("http://news.example/x.png") != url_key("https://news.example/x.png")


def test_archive_names() -> None:
    assert all(map(is_archive_name, ["a.warc", "A.WARC.GZ", "b.arc", "b.arc.gz"]))
    assert not any(map(is_archive_name, ["a.warc.zst", "warc.txt", "a.gz"]))


def _raw_http_record(path: Path, headers: list[tuple[str, str]], body: bytes) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        record = writer.create_warc_record("https://news.example/a.html", "response",
                                           payload=io.BytesIO(body), http_headers=http,
                                           length=len(body))
        writer.write_record(record)


def test_chunked_and_gzip_content_are_undone(tmp_path: Path) -> None:
    html = page("Chunked", "OSLO (NTB) - Chunked and compressed.")
    coded = gzip.compress(html)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (coded[:50], coded[50:])) \
        + b"0\r\n\r\n"
    warc = tmp_path / "c.warc.gz"
    _raw_http_record(warc, [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked"),
                            ("Content-Encoding", "gzip")], chunked)
    with warc.open("rb") as fh:
        record = read_record(fh, warc.name, 0)
    assert record.status == 200 and record.mime == "text/html"
    assert record.payload == html


def test_every_damaged_member_is_reported_once_and_the_rest_read(tmp_path: Path) -> None:
    warc = tmp_path / "d.warc.gz"
    offsets = write_warc(warc, [Rec(f"https://news.example/{n}.html", page(f"S{n}", "Text."))
                                for n in range(6)])
    starts = [offsets[f"response:https://news.example/{n}.html"] for n in range(6)]
    data = bytearray(warc.read_bytes())
    for n in (0, 2, 3):  # the first member, and two in a row
        data[starts[n] + 12:starts[n] + 30] = b"\xff" * 18
    warc.write_bytes(bytes(data))
    with warc.open("rb") as fh:
        scanned = list(scan_archive(fh, warc.name))
    assert [(s.offset, s.problem is not None) for s in scanned] == [
        (starts[0], True), (starts[1], False), (starts[2], True), (starts[3], True),
        (starts[4], False), (starts[5], False)]
    with warc.open("rb") as fh, pytest.raises(RecordError, match="gzip"):
        read_record(fh, warc.name, starts[2])


def test_a_record_larger_than_one_read_is_whole(tmp_path: Path) -> None:
    import base64
    import os

    filler = base64.b64encode(os.urandom(600_000))  # incompressible: a ~800 KB member
    body = page("Long", "PARIS (AFP) - Long.").replace(b"</body>",
                                                       b"<!--" + filler + b"--></body>")
    warc = tmp_path / "big.warc.gz"
    offsets = write_warc(warc, [Rec("https://news.example/long.html", body),
                                Rec("https://news.example/next.html", page("Next", "Text."))])
    with warc.open("rb") as fh:
        assert read_record(fh, warc.name, 0).payload == body
        nxt = read_record(fh, warc.name, offsets["response:https://news.example/next.html"])
    assert b"Next" in nxt.payload
    with warc.open("rb") as fh, pytest.raises(RecordError, match="larger than"):
        read_record(fh, warc.name, 0, limit=100_000)


def test_uncompressed_damage_is_reported_after_the_last_good_record(tmp_path: Path) -> None:
    warc = tmp_path / "p.warc"
    offsets = write_warc(warc, [Rec(f"https://news.example/{n}.html", page(f"S{n}", "Text."))
                                for n in range(3)], gzip=False)
    second = offsets["response:https://news.example/1.html"]
    data = bytearray(warc.read_bytes())
    data[second:second + 8] = b"GARBAGE!"  # the second record's "WARC/1.x" line
    warc.write_bytes(bytes(data))
    with warc.open("rb") as fh:
        scanned = list(scan_archive(fh, warc.name))
    assert [(s.offset, s.problem is not None) for s in scanned] == [(0, False), (second, True)]
