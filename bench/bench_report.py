"""The HTML report at archive size: its bytes, and how fast it opens in headless Chromium.

    python bench/bench_report.py [--articles 10000] [--out DIR] [--repeat 5]

One run:

1. generates ``--articles`` articles in every input format with their images
   (``tests/scale/corpus.py``: 320x240 JPEGs and PNGs with real metadata, some shared);
2. audits them to a JSON report (``provenance audit --format json``), then renders the HTML
   report from it (``provenance report render``), timing the render (thumbnails included);
3. prints the report's size against the 5 MB target (issue #16);
4. opens an empty page and the report alternately ``--repeat`` times in headless Chromium
   (selenium with Debian's ``chromium-driver``) and compares the medians of three measures
   (the target, 3x an empty page, is for the first):

   * **first render** — navigation start to first contentful paint, each page by its own
     Paint Timing clock: for the report, its summary and first page of entries with their
     thumbnails, all plain HTML painted before any script runs;
   * **ready** — navigation start to the moment the report's script has indexed every
     entry, wired the filters and review buttons, and marked it
     (``performance.mark("provenance-rendered")``), against the empty page's ``load`` event;
   * **wall** — from ``driver.get`` to the same moment (the empty page: until ``get``
     returns at its ``load``), as seen from outside the browser.

Ratios, not seconds: absolute times depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TARGET_BYTES = 5_000_000
TARGET_RATIO = 3.0
EMPTY = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>empty</title>" \
        "</head><body><p>empty</p></body></html>\n"


def _options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", help="keep the corpus and reports here (empty or new)")
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args(argv)


def _provenance(*args: str, cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "provenance", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)
    if done.returncode == 3:  # a validator crashed on some files: the report is complete
        print(f"  note: provenance {args[0]} exited 3 (internal errors are in the report)")
    elif done.returncode not in (0, 1):
        sys.exit(f"provenance {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return time.perf_counter() - started


def build(out: Path, articles: int) -> Path:
    """Corpus, JSON report, HTML report; returns the HTML report's path."""
    if str(REPO) not in sys.path:
        sys.path.append(str(REPO))
    from tests.scale.corpus import CorpusSpec, generate

    started = time.perf_counter()
    generate(out / "corpus", CorpusSpec(articles=articles, image_sizes=((320, 240),),
                                        max_images=articles, standalone=0))
    print(f"  generated {articles} articles in {time.perf_counter() - started:.0f} s")
    seconds = _provenance("audit", "corpus", "--format", "json", "-o", "report.json",
                          "--no-cache", "--no-progress", "--fail-on", "never",
                          "--now", "2026-03-10T00:00:00+00:00", cwd=out)
    print(f"  audited to JSON in {seconds:.0f} s")
    seconds = _provenance("report", "render", "report.json", "--format", "html",
                          "-o", "report.html", cwd=out)
    print(f"  rendered the HTML report in {seconds:.1f} s (thumbnails included)")
    return out / "report.html"


def _driver() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-extensions", "--disable-background-networking"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def _open(driver: Any, page: Path, report: bool) -> tuple[float, float, float]:
    """(first contentful paint, ready, wall) in ms: see the module docstring."""
    driver.get("about:blank")
    started = time.perf_counter()
    driver.get(page.as_uri())
    if report:
        deadline = time.monotonic() + 120
        while not driver.execute_script("return document.body && "
                                        "document.body.hasAttribute('data-rendered')"):
            if time.monotonic() > deadline:
                sys.exit("the report never marked its first page as rendered")
            time.sleep(0.002)
    wall = (time.perf_counter() - started) * 1000
    paint = None
    deadline = time.monotonic() + 30
    while paint is None and time.monotonic() < deadline:  # an empty page paints after load
        paint = driver.execute_script(
            "var p = performance.getEntriesByName('first-contentful-paint');"
            "return p.length ? p[0].startTime : null")
        time.sleep(0.002)
    if report:
        ready = driver.execute_script(
            "return performance.getEntriesByName('provenance-rendered')[0].startTime")
    else:
        ready = driver.execute_script(
            "return performance.getEntriesByType('navigation')[0].loadEventEnd")
    return float(paint or 0.0), float(ready), wall


def measure(report: Path, empty: Path, repeat: int) -> dict[str, float]:
    driver = _driver()
    try:
        driver.set_window_size(1280, 900)
        _open(driver, empty, False)  # warm the browser up once
        _open(driver, report, True)
        empties, reports = [], []
        for _ in range(repeat):
            empties.append(_open(driver, empty, False))
            reports.append(_open(driver, report, True))
    finally:
        driver.quit()
    result = {}
    for k, name in enumerate(("first render", "ready", "wall")):
        base = statistics.median(e[k] for e in empties)
        full = statistics.median(r[k] for r in reports)
        result[name] = full / base
        target = f"({_verdict(full / base <= TARGET_RATIO)} the {TARGET_RATIO:g}x target)" \
            if k == 0 else "(no target)"
        print(f"  {name:<13} report {full:7.1f} ms, empty page {base:6.1f} ms: "
              f"{full / base:5.2f}x  {target}")
    return result


def _verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def main(argv: list[str] | None = None) -> int:
    args = _options(list(sys.argv[1:] if argv is None else argv))
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="provenance-report-"))
    if out.exists() and any(out.iterdir()):
        sys.exit(f"{out} is not empty: give an empty or new folder")
    out.mkdir(parents=True, exist_ok=True)
    try:
        report = build(out, args.articles)
        size = report.stat().st_size
        print(f"  HTML report of {args.articles} articles: {size / 1e6:.2f} MB "
              f"({size / args.articles:.0f} bytes per article; "
              f"{_verdict(size <= TARGET_BYTES)} the {TARGET_BYTES / 1e6:g} MB target)")
        empty = out / "empty.html"
        empty.write_text(EMPTY, encoding="utf-8")
        try:
            measure(report, empty, args.repeat)
        except ImportError:
            print("  selenium is not installed (pip install selenium): load time not measured")
    finally:
        if not args.out:
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
