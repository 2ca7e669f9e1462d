"""Byte decoding: BOMs, UTF-16/32, line endings, the lenient read and its limits."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from provenance.articles import ArticleError
from provenance.articles.decode import Decoded, decode_bytes

SENTENCE = "Café owners in Évora say “the square is full again”.\r\nSecond line\rThird\n"
NORMALISED = "Café owners in Évora say “the square is full again”.\nSecond line\nThird\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (SENTENCE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), "utf-16-be"),
    (codecs.BOM_UTF32_LE + SENTENCE.encode("utf-32-le"), "utf-32-le"),
    (codecs.BOM_UTF32_BE + SENTENCE.encode("utf-32-be"), "utf-32-be"),
    (SENTENCE.encode("utf-16"), "utf-16-le"),  # Python writes a little-endian BOM
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf32be-bom",
        "utf16-codec"])
def test_bom_and_utf8_files_read_normally(data: bytes, encoding: str) -> None:
    assert decode_bytes(data) == Decoded(NORMALISED, encoding)


def test_a_few_bad_bytes_are_replaced_and_flagged() -> None:
    data = ("A long enough paragraph about the harbour. " * 10).encode() + b"\xff" + b" end"
    decoded = decode_bytes(data)
    assert (decoded.lenient, decoded.bad_bytes, decoded.encoding) == (True, 1, "utf-8")
    assert decoded.text.endswith("\ufffd end")


def test_genuine_replacement_characters_are_not_counted_as_bad() -> None:
    data = ("x" * 300 + "\ufffd").encode() + b"\xfe"
    assert decode_bytes(data).bad_bytes == 1


def test_latin1_text_is_unreadable_with_a_clear_message() -> None:
    data = "Ação e coração: não há pão sem ração.".encode("latin-1")
    with pytest.raises(ArticleError, match=r"not UTF-8 text: 9 invalid byte sequence\(s\) in "
                                           r"37 bytes, the first at byte 2"):
        decode_bytes(data)


def test_nul_bytes_mean_binary_or_utf16_without_bom() -> None:
    with pytest.raises(ArticleError, match="NUL bytes"):
        decode_bytes("plain words".encode("utf-16-le") + b"\xff")
    with pytest.raises(ArticleError, match="NUL bytes"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff")


@pytest.mark.parametrize("data", [b"\x00" * 64, b"text\x00more", "ab\x00".encode("utf-16")])
def test_valid_encodings_holding_nul_are_binary(data: bytes) -> None:
    with pytest.raises(ArticleError, match="NUL characters"):
        decode_bytes(data)


def test_nul_position_counts_normalised_characters() -> None:
    # The line endings are normalised first: "a\r\nb" is three characters, the NUL 4th.
    with pytest.raises(ArticleError, match="first at character 4"):
        decode_bytes(b"a\r\nb\x00")
    with pytest.raises(ArticleError, match="first at character 4"):  # é is one character
        decode_bytes("é b\x00".encode() + b"\r\n")


def test_plain_utf8_without_cr_or_nul_is_returned_as_decoded() -> None:
    decoded = decode_bytes("“Quoted” text\nand more".encode())
    assert (decoded.text, decoded.encoding, decoded.lenient) == (
        "“Quoted” text\nand more", "utf-8", False)


def test_a_bom_that_lies_is_unreadable() -> None:
    with pytest.raises(ArticleError, match="UTF-16-LE byte-order mark but byte 3"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00")
    with pytest.raises(ArticleError, match="UTF-8 byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"ok \xc3\x28")


def test_a_stray_nul_in_a_page_is_replaced_as_browsers_do() -> None:
    page = ("<html><body><article><h1>Tide tables</h1><p>By Ana Reis</p>"
            "<p>LISBON (Reuters) - The tide tables were reprinted\x00 after a misprint.</p>"
            + "<p>The harbour office thanked readers for pointing it out.</p>" * 3
            + "</article></body></html>").encode("utf-8")
    decoded = decode_bytes(page)
    assert "\x00" not in decoded.text and decoded.text.count("\ufffd") == 1
    assert (decoded.lenient, decoded.bad_bytes) == (True, 1)


def test_a_page_with_a_stray_nul_is_audited(tmp_path: Path) -> None:
    from provenance.articles import read_article_file

    body = "<p>The harbour office thanked readers for pointing it out.</p>" * 4
    (tmp_path / "tide.html").write_bytes(
        ("<html><body><article><h1>Tide tables</h1><p>By Ana Reis</p>"
         f"<p>LISBON (Reuters) - Reprinted\x00 tables.</p>{body}</article></body></html>")
        .encode())
    [article] = read_article_file(tmp_path / "tide.html", "tide.html")
    assert article.headline == "Tide tables"
