"""Generate an audit corpus: articles in every format and images with real metadata.

Used by the scale tests (small images) and by ``bench/bench_audit.py`` (1–3 megapixel
images). Every sentence, packet and chunk is written here; nothing is copied from a corpus.

Layout under the output folder::

    articles/text/a00000.txt   plain-text scrapes (no image files, as real scrapes)
    articles/html/...          HTML pages with <figure>s
    articles/markdown/...      Markdown with YAML front matter
    articles/ninjs/...         ninjs items with picture associations
    articles/jsonl/...         JSON Lines exports, several items per file
    img/i00000.jpg|png         the images articles show (some shared between articles)
    loose/s00000.jpg           standalone images no article references

Each image is encoded once per kind and size, then varied by splicing metadata segments in,
so generating thousands of megapixel images stays fast. A share of the JPEGs is signed with
C2PA (c2pa-python's Builder) when a signing credential is given.
"""

from __future__ import annotations

import io
import json
import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

DST = "http://cv.iptc.org/newscodes/digitalsourcetype/"
FORMATS = ("text", "html", "markdown", "ninjs", "jsonl")
JSONL_PER_FILE = 4
IMAGE_KINDS = ("camera", "ai-png", "ai-edit", "plain", "png-text")

PLACES = ("Porto", "Braga", "Coimbra", "Faro", "Aveiro", "Evora", "Leiria", "Viseu")
SUBJECTS = (
    ("Harbour Ferry Returns After Winter Repairs", "the cross-harbour ferry"),
    ("Council Approves New Cycle Lanes", "the city council"),
    ("Library Opens Late on Weekdays", "the central library"),
    ("Tram Extension Reaches the Stadium", "the regional tram operator"),
    ("Fish Market Moves Beside the Old Docks", "the market traders' association"),
    ("River Path Reopens After Flood Works", "the parks department"),
)
SENTENCES = (
    "{who} said the work had finished on schedule and within the agreed budget.",
    "Residents had waited almost a year for the change, according to a local survey.",
    "Officials expect the number of weekend visitors to rise by the summer.",
    "The plan was approved by nine votes to four after a two-hour debate.",
    "A spokesperson for {who} said further improvements would follow next spring.",
    "Local shop owners welcomed the decision but asked for more parking nearby.",
)
AGENCIES = ("Reuters", "AFP", "Lusa", "EFE")


@dataclass(frozen=True)
class CorpusSpec:
    """What to generate. ``image_sizes`` are (width, height) in pixels."""

    articles: int
    image_sizes: tuple[tuple[int, int], ...] = ((64, 48),)  # used in turn
    images_per_article: int = 2  # articles show 0..this many images (text scrapes none)
    share_every: int = 5  # every k-th image slot reuses an earlier image (0: never)
    signed_every: int = 0  # every k-th JPEG is C2PA-signed (0: none)
    standalone: int = 3
    max_images: int | None = None  # once this many exist, articles only reuse them
    seed: int = 7
    formats: tuple[str, ...] = FORMATS  # article formats, used in turn
    exact_images: bool = False  # every article shows exactly images_per_article images


@dataclass
class Corpus:
    """What was written: files by role, for the tests and the benchmark to use."""

    root: Path
    article_files: list[Path] = field(default_factory=list)
    articles: int = 0
    images: list[Path] = field(default_factory=list)
    signed: list[Path] = field(default_factory=list)
    unsigned: list[Path] = field(default_factory=list)
    standalone: list[Path] = field(default_factory=list)


Signer = Callable[[bytes, str, str], bytes]  # (bytes, mime, dst term) -> signed bytes


# ------------------------------------------------------------------------------ images


def _base_pixels(size: tuple[int, int], seed: int) -> Image.Image:
    """Photo-like pixels (smoothed noise over a gradient) so JPEG sizes are realistic."""
    width, height = size
    rng = random.Random(seed)
    small = (max(1, width // 3), max(1, height // 3))
    noise = Image.frombytes("RGB", small, rng.randbytes(small[0] * small[1] * 3))
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    return Image.blend(gradient, noise.resize(size, Image.Resampling.BICUBIC), 0.6)


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, quality=85) if fmt == "JPEG" else image.save(out, fmt, compress_level=1)
    return out.getvalue()


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _png_chunk(ctype: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(body, zlib.crc32(ctype))
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", crc)


def _xmp(term: str, credit: str) -> bytes:
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
        'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
        f'Iptc4xmpExt:DigitalSourceType="{DST}{term}" photoshop:Credit="{credit}"/>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def _exif(index: int, *, gps: bool) -> bytes:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Harbourcam", f"HC-{index % 9 + 1}"
    exif[0x013B] = "Ana Lopes" if index % 3 else "Rui Martins"
    exif[0x8769] = {0x9003: f"2026:03:{index % 27 + 1:02d} 10:{index % 60:02d}:00",
                    0x9011: "+00:00"}
    if gps:
        exif[0x8825] = {1: "N", 2: (41.0, 8.0, 52.0), 3: "W", 4: (8.0, 37.0, 5.0)}
    return b"Exif\x00\x00" + exif.tobytes()


def _jpeg(base: bytes, *segments: bytes) -> bytes:
    """``base`` (a JPEG without metadata) with APP segments spliced in after SOI."""
    return base[:2] + b"".join(segments) + base[2:]


def _png(base: bytes, chunks: dict[str, str]) -> bytes:
    """``base`` (a PNG) with tEXt chunks before IEND."""
    extra = b"".join(_png_chunk(b"tEXt", k.encode("latin-1") + b"\x00" + v.encode("latin-1"))
                     for k, v in chunks.items())
    return base[:-12] + extra + base[-12:]


class _ImageMaker:
    """Writes image ``index`` of a given kind; encodes base pixels once per format."""

    def __init__(self, sizes: tuple[tuple[int, int], ...], signer: Signer | None,
                 signed_every: int) -> None:
        pixels = [_base_pixels(size, n) for n, size in enumerate(sizes)]
        self.jpegs = [_encode(p, "JPEG") for p in pixels]
        # News PNGs are graphics: few colours, so they compress far better than photos.
        self.pngs = [_encode(p.quantize(64, method=Image.Quantize.FASTOCTREE), "PNG")
                     for p in pixels]
        self.signer, self.signed_every = signer, signed_every
        self.jpeg_count = 0

    def kind(self, index: int) -> str:
        return IMAGE_KINDS[index % len(IMAGE_KINDS)]

    def write(self, folder: Path, stem: str, index: int) -> tuple[Path, bool]:
        kind = self.kind(index)
        if kind in ("ai-png", "png-text"):
            chunks = ({"parameters": f"a lighthouse at dusk, oil painting\nSteps: 20, "
                                     f"Sampler: Euler a, Seed: {index}, Size: 64x48"}
                      if kind == "ai-png" else
                      {"Author": "Newsroom Graphics", "Description": f"Chart number {index}"})
            path = folder / f"{stem}.png"
            path.write_bytes(_png(self.pngs[index % len(self.pngs)], chunks))
            return path, False
        data = self._jpeg_for(kind, index)
        self.jpeg_count += 1
        signed = bool(self.signer and self.signed_every
                      and self.jpeg_count % self.signed_every == 0)
        if signed and self.signer is not None:
            term = "trainedAlgorithmicMedia" if index % 2 else "digitalCapture"
            data = self.signer(data, "image/jpeg", term)
        path = folder / f"{stem}.jpg"
        path.write_bytes(data)
        return path, signed

    def _jpeg_for(self, kind: str, index: int) -> bytes:
        base = self.jpegs[index % len(self.jpegs)]
        xmp_header = b"http://ns.adobe.com/xap/1.0/\x00"
        if kind == "camera":
            return _jpeg(base, _segment(0xE1, _exif(index, gps=index % 4 == 0)),
                         _segment(0xE1, xmp_header + _xmp("digitalCapture", "Harbour Photos")))
        if kind == "ai-edit":
            term = "compositeWithTrainedAlgorithmicMedia"
            return _jpeg(base, _segment(0xE1, xmp_header + _xmp(term, "Newsroom Graphics")))
        return _jpeg(base, _segment(0xE1, _exif(index, gps=False)))


# ---------------------------------------------------------------------------- articles


@dataclass(frozen=True)
class _Story:
    index: int
    headline: str
    who: str
    place: str
    agency: str | None
    byline: str | None
    published: str
    updated: str
    paragraphs: tuple[str, ...]
    images: tuple[tuple[str, str, bool], ...]  # (src relative to the article, caption, ai)


def _story(index: int, rng: random.Random, images: list[tuple[str, bool]]) -> _Story:
    headline, who = SUBJECTS[index % len(SUBJECTS)]
    place = PLACES[index % len(PLACES)]
    paragraphs = tuple(rng.choice(SENTENCES).format(who=who.capitalize())
                       for _ in range(3 + index % 4))
    day = index % 27 + 1
    captions = []
    for n, (src, ai) in enumerate(images):
        disclosed = ai and index % 3 != 0  # every third AI image is left undisclosed
        text = ("Illustration generated with AI for this article." if disclosed
                else f"A view of {place} on the day of the announcement.")
        captions.append((src, f"{text} Picture {n + 1}.", ai))
    return _Story(
        index=index, headline=f"{headline} in {place}", who=who, place=place,
        agency=AGENCIES[index % len(AGENCIES)] if index % 7 else None,
        byline="Coastal News Desk" if index % 5 else None,
        published=f"2026-03-{day:02d}T09:00:00+00:00",
        updated=f"2026-03-{day:02d}T{11 if index % 11 else 8}:30:00+00:00",
        paragraphs=paragraphs, images=tuple(captions))


def _text(story: _Story) -> str:
    day = story.published[8:10]
    credit = "(With inputs from agencies.)" if story.agency else ""
    body = "\n\n".join(story.paragraphs)
    desk = story.byline or "Staff"
    return (f" date 2026-03-{day} Left Menu\n\n{story.headline}\n\n{story.paragraphs[0]}\n\n"
            f"{desk} | {story.place} | Updated: {day}-03-2026 11:30 WET | "
            f"Created: {day}-03-2026 09:00 WET\n\n{body}\n\n{credit}\n\nTRENDING\n\n"
            "Coastal Rail Fares Frozen for Another Year\n\nConnect us on\n")


def _lead(story: _Story) -> str:
    if story.agency:
        return f"{story.place.upper()} ({story.agency}) - {story.paragraphs[0]}"
    return story.paragraphs[0]


def _html(story: _Story) -> str:
    meta: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle",
                            "headline": story.headline, "datePublished": story.published,
                            "dateModified": story.updated}
    if story.byline:
        meta["author"] = {"@type": "Person", "name": story.byline}
    figures = "".join(f'<figure><img src="{src}" alt="Picture"><figcaption>{cap}'
                      "</figcaption></figure>\n" for src, cap, _ in story.images)
    paras = "".join(f"<p>{p}</p>\n" for p in story.paragraphs[1:])
    byline = f'<p class="byline">By {story.byline}</p>' if story.byline else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{story.headline}</title><script type=\"application/ld+json\">"
            f"{json.dumps(meta)}</script></head><body><nav><a href=\"/\">Home</a></nav>\n"
            f"<article><h1>{story.headline}</h1>{byline}<p>{_lead(story)}</p>\n{figures}"
            f"{paras}</article><footer><p>Coastal News</p></footer></body></html>\n")


def _markdown(story: _Story) -> str:
    front = [f"title: {story.headline}", f"date: {story.published}",
             f"updated: {story.updated}"] + ([f"author: {story.byline}"] if story.byline else [])
    parts = [f"# {story.headline}", _lead(story)]
    for src, cap, _ in story.images:
        parts += [f"![Picture]({src})", cap]
    parts += list(story.paragraphs[1:])
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(parts) + "\n"


def _ninjs(story: _Story) -> dict[str, Any]:
    item: dict[str, Any] = {
        "uri": f"urn:example:coastal-news:{story.index}", "type": "text",
        "headline": story.headline, "firstcreated": story.published,
        "versioncreated": story.updated,
        "body_text": "\n\n".join([_lead(story), *story.paragraphs[1:]]),
    }
    if story.byline:
        item["byline"] = story.byline
    if story.images:
        item["associations"] = {
            f"picture{n}": {"type": "picture", "description_text": cap,
                            "renditions": {"original": {"href": src}}}
            for n, (src, cap, _) in enumerate(story.images)}
    return item


# ---------------------------------------------------------------------------- generate


def _article_images(spec: CorpusSpec, index: int, fmt: str, written: list[tuple[str, bool]],
                    make: Callable[[], tuple[str, bool]]) -> list[tuple[str, bool]]:
    """(rel path under root, is AI) for each image this article shows."""
    if fmt == "text":
        return []
    count = (spec.images_per_article if spec.exact_images
             else index % (spec.images_per_article + 1))
    chosen = []
    for slot in range(count):
        full = spec.max_images is not None and len(written) >= spec.max_images
        reuse = full or (spec.share_every and written and (index + slot) % spec.share_every == 0)
        chosen.append(written[(index * 7 + slot) % len(written)] if reuse else make())
    return chosen


def generate(root: Path, spec: CorpusSpec, signer: Signer | None = None) -> Corpus:
    """Write the corpus under ``root`` (created) and describe what was written."""
    rng = random.Random(spec.seed)
    corpus = Corpus(root)
    for folder in ("img", "loose", *(f"articles/{f}" for f in FORMATS)):
        (root / folder).mkdir(parents=True, exist_ok=True)
    maker = _ImageMaker(spec.image_sizes, signer, spec.signed_every)
    written: list[tuple[str, bool]] = []

    def make() -> tuple[str, bool]:
        number = len(corpus.images)
        path, signed = maker.write(root / "img", f"i{number:05d}", number)
        (corpus.signed if signed else corpus.unsigned).append(path)
        corpus.images.append(path)
        ai = maker.kind(number) in ("ai-png", "ai-edit") or (signed and number % 2 == 1)
        written.append((path.relative_to(root).as_posix(), ai))
        return written[-1]

    jsonl: list[dict[str, Any]] = []
    for index in range(spec.articles):
        fmt = spec.formats[index % len(spec.formats)]
        chosen = _article_images(spec, index, fmt, written, make)
        srcs = [("../../" + rel, ai) for rel, ai in chosen]
        story = _story(index, rng, srcs)
        if fmt == "jsonl":
            jsonl.append(_ninjs(story))
            if len(jsonl) == JSONL_PER_FILE or index + len(spec.formats) >= spec.articles:
                _write_jsonl(root, corpus, index, jsonl)
                jsonl = []
        else:
            _write_article(root, corpus, index, fmt, story)
        corpus.articles += 1
    if jsonl:
        _write_jsonl(root, corpus, spec.articles, jsonl)
    for number in range(spec.standalone):
        path, _ = maker.write(root / "loose", f"s{number:05d}", number)
        corpus.standalone.append(path)
    return corpus


def _write_article(root: Path, corpus: Corpus, index: int, fmt: str, story: _Story) -> None:
    ext, text = {
        "text": (".txt", _text), "html": (".html", _html), "markdown": (".md", _markdown),
        "ninjs": (".json", lambda s: json.dumps(_ninjs(s), indent=2) + "\n"),
    }[fmt]
    path = root / "articles" / fmt / f"a{index:05d}{ext}"
    path.write_text(text(story), encoding="utf-8")
    corpus.article_files.append(path)


def _write_jsonl(root: Path, corpus: Corpus, index: int, items: list[dict[str, Any]]) -> None:
    path = root / "articles" / "jsonl" / f"a{index:05d}.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    corpus.article_files.append(path)


def c2pa_signer() -> Signer:
    """A signer using a fresh test PKI (tests/images/signing.py) and c2pa-python's Builder."""
    from tests.images.signing import actions_manifest, make_credential, sign

    credential = make_credential()

    def signer(data: bytes, mime: str, term: str) -> bytes:
        action = {"action": "c2pa.created", "digitalSourceType": DST + term}
        return sign(data, mime, actions_manifest(action, generator="provenance-bench"),
                    credential)

    return signer
