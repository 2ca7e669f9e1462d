"""Web archives built at test time with warcio: pages, images, revisits and damage."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, PngImagePlugin
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DST = "http://cv.iptc.org/newscodes/digitalsourcetype/"


@dataclass(frozen=True)
class Rec:
    """One record to write: a response (or revisit of ``refers``), a request, or warcinfo."""

    uri: str
    body: bytes = b""
    mime: str = "text/html; charset=utf-8"
    kind: str = "response"
    status: str = "200 OK"
    refers: str | None = None  # revisit: the original's URI (its date is looked up)


def page(headline: str, body: str, images: str = "", head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head><title>{headline}</title>{head}</head><body>"
            f"<article><h1>{headline}</h1><p class=\"byline\">By Lena Okafor</p>"
            f"<p>{body}</p>{images}</article></body></html>").encode()


def figure(src: str, caption: str) -> str:
    return f"<figure><img src=\"{src}\" alt=\"\"><figcaption>{caption}</figcaption></figure>"


def camera_jpeg(gps: bool = True) -> bytes:
    image = Image.new("RGB", (48, 32), (150, 120, 80))
    exif = image.getexif()
    exif[0x010F], exif[0x0110], exif[0x013B] = "Harbourcam", "HC-7", "Ana Lopes"
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (38.0, 43.0, 20.0), 3: "W",
                                     4: (9.0, 8.0, 21.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def generated_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", "a tidal surge over a sea wall\nSteps: 20, Sampler: Euler a, "
                  "CFG scale: 7, Seed: 99, Size: 48x32, Model: test-model")
    out = io.BytesIO()
    Image.new("RGB", (48, 32), (40, 70, 120)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def write_warc(path: Path, records: list[Rec], *, gzip: bool = True) -> dict[str, int]:
    """Write ``records``; return each response/revisit URI's offset (first one wins)."""
    offsets: dict[str, int] = {}
    dates: dict[str, str] = {}
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for rec in records:
            offset = fh.tell()
            record = _record(writer, rec, dates)
            writer.write_record(record)
            if rec.kind == "response":
                dates.setdefault(rec.uri, record.rec_headers.get_header("WARC-Date"))
            offsets.setdefault(f"{rec.kind}:{rec.uri}", offset)
    return offsets


def _record(writer: WARCWriter, rec: Rec, dates: dict[str, str]) -> object:
    if rec.kind == "warcinfo":
        return writer.create_warcinfo_record(rec.uri, {"software": "tests"})
    if rec.kind == "request":
        return writer.create_warc_record(rec.uri, "request",
                                         payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
    http = StatusAndHeaders(rec.status, [("Content-Type", rec.mime)], protocol="HTTP/1.1")
    if rec.kind == "revisit":
        refers = rec.refers or rec.uri
        return writer.create_revisit_record(
            rec.uri, digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", refers_to_uri=refers,
            refers_to_date=dates[refers], http_headers=http)
    return writer.create_warc_record(rec.uri, "response", payload=io.BytesIO(rec.body),
                                     http_headers=http)


def _arc_record(url: str, mime: str, body: bytes, date: str = "20260301120000") -> bytes:
    return f"{url} 192.0.2.1 {date} {mime} {len(body)}\n".encode() + body + b"\n"


def write_arc(path: Path, records: list[Rec], *, gzip: bool = True) -> None:
    """An ARC 1.0 file (each record its own gzip member when ``gzip``), as older crawls are."""
    import gzip as gz

    version = b"1 0 Tests\nURL IP-address Archive-date Content-type Archive-length\n"
    parts = [_arc_record(f"filedesc://{path.name}", "text/plain", version)]
    for rec in records:
        http = f"HTTP/1.1 {rec.status}\r\nContent-Type: {rec.mime}\r\n\r\n".encode()
        parts.append(_arc_record(rec.uri, rec.mime.split(";")[0], http + rec.body))
    path.write_bytes(b"".join(gz.compress(p) for p in parts) if gzip else b"".join(parts))
