"""Benchmark web archive input (not a test): provenance against the least a user would do.

    python bench/bench_warc.py [--pages N] [--images-per-page K] [--corpus DIR] [--rounds R]

Builds, at bench time and with warcio, two gzip WARCs from the real pages of
``../shared/corpus/html-aeb`` (read in place), cycled to ``--pages`` records with unique
target URIs: one with the pages alone, one with ``--images-per-page`` generated JPEGs (EXIF
with GPS and credit, 1200x800) per page as image ``response`` records the page shows, plus a
``request`` record per page as crawlers write them. Then it times, each a fresh process:

* ``iterate-warcio`` / ``iterate-fastwarc``: reading every record's payload — the choice of
  the scanning library (``provenance/warc.py``);
* ``baseline``: FastWARC iteration plus ``trafilatura.extract`` of every HTML response, in one
  process — the least a user would otherwise do to get the text out of a crawl;
* ``provenance-1`` / ``provenance-all``: ``provenance audit crawl.warc.gz --format json``
  with ``--jobs 1`` and all cores, on the pages-only WARC and on the WARC with images.

and prints the times, the ratios against the baseline, and the cost per page and per image
(images: the difference between the two WARCs, divided by the images read) that the
capacity plan in ``bench/README.md`` uses. Best of ``--rounds`` runs.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

ITERATE = {
    "iterate-warcio": """
import sys
from warcio.archiveiterator import ArchiveIterator
n = 0
with open(sys.argv[1], "rb") as fh:
    for rec in ArchiveIterator(fh):
        n += len(rec.content_stream().read())
print(n)
""",
    "iterate-fastwarc": """
import sys
from fastwarc.warc import ArchiveIterator
n = 0
with open(sys.argv[1], "rb") as fh:
    for rec in ArchiveIterator(fh, parse_http=True):
        n += len(rec.reader.read())
print(n)
""",
    "baseline": """
import sys
import trafilatura
from fastwarc.warc import ArchiveIterator, WarcRecordType
n = 0
with open(sys.argv[1], "rb") as fh:
    for rec in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
        if (rec.http_headers.get("Content-Type") or "").startswith("text/html"):
            text = trafilatura.extract(rec.reader.read().decode("utf-8", "replace"))
            n += len(text or "")
print(n)
""",
}


def _pages(corpus: Path) -> list[bytes]:
    return [gzip.decompress(p.read_bytes()) for p in sorted((corpus / "html").glob("*.gz"))]


def _jpeg(seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (1200, 800), (seed % 256, 80, 140))
    exif = image.getexif()
    exif[0x013B] = "Bench Photographer"
    exif.get_ifd(0x8825).update({1: "N", 2: (38.0, 43.0, 20.0), 3: "W", 4: (9.0, 8.0, 21.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=85)
    return out.getvalue()


def build(path: Path, pages: list[bytes], count: int, per_page: int,
          records: bool = True) -> tuple[int, int]:
    """Write the WARC; returns (pages, image records). Each page gets ``per_page`` figures
    on its own origin (``/media/N-K.jpg``); with ``records`` their image records are
    written too, without them the references stay remote (IMG003) and nothing is read."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    photos = [_jpeg(n) for n in range(8)]
    images = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(count):
            uri = f"https://site{n % 50}.example/news/{n}.html"
            figures = "".join(f'<figure><img src="/media/{n}-{k}.jpg"><figcaption>Photo '
                              f'{k}.</figcaption></figure>' for k in range(per_page))
            body = pages[n % len(pages)].replace(b"</body>", figures.encode() + b"</body>", 1)
            writer.write_record(writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            html = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=html))
            for k in range(per_page if records else 0):
                url = f"https://site{n % 50}.example/media/{n}-{k}.jpg"
                jpeg = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")],
                                        protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    url, "response", payload=io.BytesIO(photos[(n + k) % len(photos)]),
                    http_headers=jpeg))
                images += 1
    return count, images


def _time(cmd: list[str], rounds: int, env: dict[str, str]) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, env=env, cwd=REPO)
        best = min(best, time.perf_counter() - start)
    return best


def _audit(warc: Path, jobs: int, out: Path) -> list[str]:
    return [sys.executable, "-m", "provenance", "audit", str(warc), "--format", "json", "-o",
            str(out), "--no-cache", "--no-progress", "--jobs", str(jobs), "--fail-on", "never"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--images-per-page", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    shared = Path(os.environ.get("PROVENANCE_SHARED", REPO.parent / "shared"))
    parser.add_argument("--corpus", type=Path, default=shared / "corpus" / "html-aeb")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as tmp:
        folder = Path(tmp)
        pages = _pages(args.corpus)
        bare, rich = folder / "pages.warc.gz", folder / "pages-images.warc.gz"
        build(bare, pages, args.pages, args.images_per_page, records=False)
        _, images = build(rich, pages, args.pages, args.images_per_page)
        print(f"{args.pages} pages ({len(pages)} distinct); {images} image records; "
              f"{bare.stat().st_size / 1e6:.1f} MB and {rich.stat().st_size / 1e6:.1f} MB")
        results: dict[str, float] = {}
        for name, code in ITERATE.items():
            script = folder / f"{name}.py"
            script.write_text(code, encoding="utf-8")
            results[name] = _time([sys.executable, str(script), str(bare)], args.rounds, env)
        out = folder / "report.json"
        for label, warc in (("pages", bare), ("pages+images", rich)):
            for jobs in (1, 0):
                key = f"provenance-{'1' if jobs == 1 else 'all'} {label}"
                results[key] = _time(_audit(warc, jobs, out), args.rounds, env)
        _report(results, args.pages, images)


def _report(results: dict[str, float], pages: int, images: int) -> None:
    base = results["baseline"]
    for name, seconds in results.items():
        print(f"{name:<32} {seconds:8.2f} s   {pages / seconds:8.1f} pages/s   "
              f"{seconds / base:5.2f}x baseline")
    print(f"fastwarc vs warcio iteration: "
          f"{results['iterate-warcio'] / results['iterate-fastwarc']:.1f}x faster")
    one = results["provenance-1 pages"]
    per_image = (results["provenance-1 pages+images"] - one) / max(1, images)
    print(f"one core: {1000 * one / pages:.1f} ms per page (interpreter start included), "
          f"{1000 * per_image:.1f} ms per image")


if __name__ == "__main__":
    main()
