"""ninjs reader: IPTC's own 2.1 and 3.0 examples, and synthetic items of every version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from provenance.articles import (
    ArticleError,
    NotAnArticle,
    RecordError,
    parse_article_text,
    read_article_file,
)
from provenance.articles.ninjs import pick_rendition
from provenance.model import Article, Block, ImageRef, Suppression


def _one(item: Any) -> Article:
    [article] = parse_article_text(json.dumps(item), "item.json", "ninjs")
    assert isinstance(article, Article)
    return article


# --- the IPTC examples -------------------------------------------------------------------------


def _value(entries: Any, role: str | None = None) -> str | None:
    for entry in entries or []:
        if role is None or entry.get("role") == role:
            return str(entry["value"]).strip()
    return None


def _pictures(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The item itself when it is a picture, then its picture/graphic associations."""
    assoc = item.get("associations") or []
    assoc = list(assoc.values()) if isinstance(assoc, dict) else assoc
    found = [item] if item.get("type") in ("picture", "graphic") else []
    return found + [a for a in assoc if a.get("type") in ("picture", "graphic")]


def _expected(item: dict[str, Any]) -> dict[str, Any]:
    """What a reader must report, read straight from the JSON with the spec's key names."""
    headline = item.get("headline") or _value(item.get("headlines"), "main") or _value(
        item.get("headlines"))
    hrefs = [sorted(r["href"] for r in p.get("renditions", []) if "href" in r)
             for p in _pictures(item)]
    return {"headline": headline, "byline": item.get("by") or item.get("byline"),
            "images": hrefs,
            "published_raw": item.get("firstcreated") or item.get("firstCreated"),
            "updated_raw": item.get("versioncreated") or item.get("versionCreated")}


def _actual(article: Article, hrefs: list[list[str]]) -> dict[str, Any]:
    # The chosen rendition must be one of the picture's own: report its siblings' list.
    images = [next((h for h in hrefs if img.src in h), [img.src]) for img in article.images]
    return {"headline": article.headline, "byline": article.byline, "images": images,
            "published_raw": article.published_raw, "updated_raw": article.updated_raw}


@pytest.mark.interop
def test_every_iptc_example_reads_with_its_headline_byline_and_images(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "ninjs").glob("examples-*/*.json"))
    assert files, "no ninjs examples found"
    expected: dict[str, Any] = {}
    actual: dict[str, Any] = {}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        rel = path.relative_to(corpus_dir).as_posix()
        results = read_article_file(path, rel)
        assert all(isinstance(r, Article) for r in results), rel
        for number, (item, article) in enumerate(zip(items, results, strict=True), start=1):
            assert isinstance(article, Article)
            key = f"{rel}#{number}"
            expected[key] = _expected(item)
            actual[key] = _actual(article, expected[key]["images"])
            assert article.index == (number if isinstance(data, list) else None), key
            assert all(b.line is None for b in article.blocks), key
    assert actual == expected


@pytest.mark.interop
def test_picture_captions_come_from_the_descriptions(corpus_dir: Path) -> None:
    for path in sorted((corpus_dir / "ninjs").glob("examples-*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        for item, article in zip(items, read_article_file(path, path.name), strict=True):
            assert isinstance(article, Article)
            pictures = [p for p in _pictures(item) if p.get("renditions")]
            for picture, image in zip(pictures, article.images, strict=True):
                texts = [d["value"].strip() for d in picture.get("descriptions", [])]
                if any(d.get("role") in ("caption", "text") for d in
                       picture.get("descriptions", [])):
                    assert image.caption in texts, path.name
                    assert Block("caption", image.caption, None, image.src) in article.blocks
                else:
                    assert image.caption is None or image.caption in texts, path.name


@pytest.mark.interop
def test_a_truncated_copy_of_an_example_is_an_article_error(corpus_dir: Path,
                                                             tmp_path: Path) -> None:
    source = corpus_dir / "ninjs" / "examples-3.0" / "ninjsExSimpleText_3.json"
    broken = tmp_path / "broken.json"
    data = source.read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(ArticleError, match=r"malformed JSON at line \d+ column \d+"):
        read_article_file(broken, "broken.json")


# --- synthetic items ---------------------------------------------------------------------------

NINJS_1X: dict[str, Any] = {
    "uri": "urn:example:1x:ferry",
    "type": "text",
    "headline": "Night ferry adds a second crossing",
    "byline": "Ana Lind",
    "located": "Helsingborg",
    "firstcreated": "2024-02-01T06:00:00Z",
    "versioncreated": "2024-02-01T07:30:00Z",
    "copyrightholder": "Sound Wire",
    "description_text": "The operator answers a winter rush.",
    "body_text": "The ferry will sail twice nightly.\n\nTickets go on sale on Friday.",
    "associations": {
        "featureimage": {
            "type": "picture",
            "description_text": "The ferry leaving port at night.",
            "renditions": {
                "thumb": {"href": "https://img.example/ferry-t.jpg", "width": 160,
                          "height": 90},
                "large": {"href": "https://img.example/ferry-l.jpg", "width": 1600,
                          "height": 900},
            },
        },
        "clip": {"type": "video", "renditions": {"mp4": {"href": "https://v.example/a.mp4"}}},
    },
}


def test_ninjs_1x_single_keys_and_dict_associations() -> None:
    article = _one(NINJS_1X)
    src = "https://img.example/ferry-l.jpg"
    assert (article.headline, article.byline, article.dateline) == (
        "Night ferry adds a second crossing", "Ana Lind", "Helsingborg")
    assert (article.published_raw, article.updated_raw) == (
        "2024-02-01T06:00:00Z", "2024-02-01T07:30:00Z")
    assert article.attribution_hints == ["Sound Wire"]
    assert article.blocks == [
        Block("headline", "Night ferry adds a second crossing"),
        Block("meta", "Ana Lind"),
        Block("standfirst", "The operator answers a winter rush."),
        Block("body", "The ferry will sail twice nightly."),
        Block("body", "Tickets go on sale on Friday."),
        Block("caption", "The ferry leaving port at night.", None, src),
    ]
    assert article.images == [ImageRef(src=src, caption="The ferry leaving port at night.",
                                       position=6)]


NINJS_3X: dict[str, Any] = {
    "uri": "urn:example:3x:market",
    "type": "text",
    "headlines": [{"role": "sub", "value": "A subhead"},
                  {"role": "main", "value": "Covered market reopens"}],
    "bylines": [{"byline": "Tomas Berg"}, {"name": "Ida Holm"}],
    "firstCreated": "2025-04-01T09:00:00+02:00",
    "versionCreated": "2025-04-01T10:00:00+02:00",
    "copyrightHolder": "Harbour News",
    "infoSources": [{"name": "Nordic Agency"}, {"name": "Harbour News"}],
    "language": "sv",
    "bodies": [
        {"role": "main", "contentType": "text/html", "value": "<p>Stalls opened.</p>"},
        {"role": "plain", "contentType": "text/plain",
         "value": "Stalls opened at eight.\nFish sold out by noon."},
    ],
    "associations": [
        {"type": "graphic", "headlines": [{"role": "main", "value": "Map of the stalls"}],
         "renditions": [{"href": "https://img.example/map.svg", "contentType": "image/svg+xml"},
                        {"href": "https://img.example/map.pdf",
                         "contentType": "application/pdf"}]},
        {"type": "audio", "renditions": [{"href": "https://a.example/x.mp3"}]},
    ],
    "provenance": {"disable": [{"rule": "atr003", "reason": "house agency"}]},
}


def test_ninjs_3x_camel_case_lists_and_plain_text_body_preferred() -> None:
    article = _one(NINJS_3X)
    assert (article.headline, article.byline) == ("Covered market reopens",
                                                  "Tomas Berg, Ida Holm")
    assert (article.published_raw, article.updated_raw, article.language) == (
        "2025-04-01T09:00:00+02:00", "2025-04-01T10:00:00+02:00", "sv")
    assert article.attribution_hints == ["Harbour News", "Nordic Agency"]
    src = "https://img.example/map.svg"
    assert article.blocks == [
        Block("headline", "Covered market reopens"),
        Block("meta", "Tomas Berg, Ida Holm"),
        Block("body", "Stalls opened at eight."),
        Block("body", "Fish sold out by noon."),
        Block("caption", "Map of the stalls", None, src),
    ]
    assert article.images == [ImageRef(src=src, caption="Map of the stalls", position=5)]
    assert article.suppressions == [Suppression("ATR003", "house agency", None, "file")]


def test_html_body_when_there_is_no_plain_text() -> None:
    article = _one({"uri": "urn:x", "body_html": "<p>First  point.</p><p>Second point.</p>"})
    assert [(b.zone, b.text, b.line) for b in article.blocks] == [
        ("body", "First point.", None), ("body", "Second point.", None)]


def test_nitf_body_reads_only_the_body_content() -> None:
    nitf = ("<nitf><head><title>Ignored title</title></head><body><body.head>"
            "<hedline><hl1>Ignored hedline</hl1></hedline></body.head><body.content>"
            "<p>Only this paragraph.</p></body.content></body></nitf>")
    article = _one({"uri": "urn:x", "bodies": [{"contentType": "text/vnd.IPTC.NITF",
                                                "value": nitf}]})
    assert [b.text for b in article.blocks] == ["Only this paragraph."]


@pytest.mark.parametrize(("renditions", "expected"), [
    ([{"href": "a.jpg", "width": 10, "height": 10}, {"href": "b.jpg", "width": 20,
                                                      "height": 20}], "b.jpg"),
    ([{"href": "a.jpg"}, {"href": "b.jpg"}], "a.jpg"),
    ([{"href": "a.jpg", "width": 5, "height": 5}, {"href": "b.jpg", "width": 5,
                                                    "height": 5}], "a.jpg"),
    ([{"name": "no-href"}, {"href": "v.mp4", "contentType": "video/mp4", "width": 900,
                            "height": 900}, {"href": "c.jpg"}], "c.jpg"),
    ({"small": {"href": "s.jpg", "width": 1, "height": 1},
      "big": {"href": "l.jpg", "width": 2, "height": 2}}, "l.jpg"),
    ([{"href": "t.jpg", "width": True, "height": 99}, {"href": "u.jpg", "width": 2,
                                                       "height": 2}], "u.jpg"),
    ([], None),
    ("not a list", None),
])
def test_pick_rendition(renditions: Any, expected: str | None) -> None:
    assert pick_rendition(renditions) == expected


@pytest.mark.parametrize(("uri", "expected"), [
    ("https://photos.example/item/77", ["https://photos.example/item/77"]),
    ("urn:photo:77", []),
])
def test_picture_without_renditions_falls_back_to_an_http_uri(uri: str,
                                                             expected: list[str]) -> None:
    article = _one({"uri": "urn:story", "headline": "Dock", "associations": [
        {"type": "picture", "uri": uri, "descriptions": [{"role": "caption", "value": "Dock."}]}
    ]})
    assert [i.src for i in article.images] == expected


def test_event_item_without_headline_or_images_is_not_an_error() -> None:
    article = _one({"uri": "urn:event:1", "type": "event", "title": "Budget hearing",
                    "descriptions": [{"role": "text", "value": "Hearing at the assembly."}]})
    assert (article.headline, article.images) == (None, [])
    assert article.blocks == [Block("standfirst", "Hearing at the assembly.")]


def test_fields_of_the_wrong_type_are_ignored_not_fatal() -> None:
    article = _one({"uri": "urn:odd", "headline": 42, "by": ["x"], "bodies": "nope",
                    "associations": [7, {"type": "picture", "renditions": "none"}],
                    "located": {"name": 3}, "infosources": [None, {"name": "Kept"}]})
    assert (article.headline, article.byline, article.dateline, article.blocks,
            article.images, article.attribution_hints) == (None, None, None, [], [], ["Kept"])


def test_array_items_get_indexes_and_non_ninjs_items_are_skipped_records() -> None:
    doc = [{"uri": "urn:a", "headline": "First"}, "just a string", {"colour": "blue"},
           {"uri": "urn:b", "headline": "Fourth"}]
    results = parse_article_text(json.dumps(doc), "many.json", "ninjs")
    summary = [(r.index, r.headline) if isinstance(r, Article) else (r.index, r.kind)
               for r in results]
    assert summary == [(1, "First"), (2, "skipped"), (3, "skipped"), (4, "Fourth")]
    assert all(r.path == "many.json" for r in results if isinstance(r, Article))
    assert isinstance(results[1], RecordError)
    assert results[1].message == "item 2 is not a JSON object"


@pytest.mark.parametrize("doc", [
    {"colour": "blue"}, {"uri": ""}, [], [1, 2], [{"size": 3}], "a string", 17, None,
], ids=["no-keys", "empty-uri", "empty-array", "scalars", "non-ninjs-array", "string",
        "number", "null"])
def test_json_that_is_not_ninjs_is_not_an_article(doc: Any) -> None:
    with pytest.raises(NotAnArticle):
        parse_article_text(json.dumps(doc), "x.json", "ninjs")


@pytest.mark.parametrize(("text", "message"), [
    ('{"uri": "urn:a", "headline": "unterminated}', r"malformed JSON at line 1 column \d+"),
    ('{"uri": "urn:a",\n "headline": }', r"malformed JSON at line 2 column 14"),
    ("", r"malformed JSON at line 1 column 1"),
    ("[" * 100_000 + "]" * 100_000, r"nested too deeply"),
    ('{"a":' * 50_000 + "1" + "}" * 50_000, r"nested too deeply"),
])
def test_malformed_json_is_an_article_error(text: str, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        parse_article_text(text, "bad.json", "ninjs")


def test_deeply_nested_json_file_is_an_article_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"uri": "urn:deep", "x": ' + "[" * 200_000 + "]" * 200_000 + "}")
    with pytest.raises(ArticleError, match="nested too deeply"):
        read_article_file(path, "deep.json")
