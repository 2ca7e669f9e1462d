"""Benchmark the audit at scale (not a test): throughput ratios, cache speed-up, peak RSS.

    python bench/bench_audit.py [--articles N] [--out DIR] [--corpus C2PA_DIR]

One run generates N articles in every format (text, HTML, Markdown, ninjs, JSON Lines) with
1–3 megapixel JPEGs (EXIF/XMP, a share C2PA-signed with a throw-away test PKI) and PNGs with
text chunks, then times, each as a fresh process (interpreter start included):

* the article audit cold (empty cache) and cached, with ``--jobs 1`` and all cores, plus the
  serial in-process runner (what ``--jobs 1`` costs over it);
* the full audit with ``--jobs 1`` against ``exiftool -json -r`` on the same images: the
  generated images without C2PA (as generated, and hard-linked ``--plain-copies`` times),
  the generated C2PA-signed ones, and the real C2PA files of ``--corpus`` (hard-linked
  ``--c2pa-copies`` times): the copies make a run long enough that throughput, not the
  start of either program, is what is compared;
* ``provenance --version``: it must import neither PIL nor c2pa.

It prints ratios (machine-independent) next to the raw rates. Audit runs are the installed
``provenance audit`` command (with ``PYTHONPATH`` pointing at a byte-compiled snapshot of the
package). ``--driver`` uses a small in-process driver instead (``bench_audit.py drive``: the
same steps as the command, plus the serial in-process runner for comparison, and the peak RSS
of each worker sampled from /proc). Optional: ``--rss-articles 100000`` (peak RSS with a few
thousand shared images) and ``--html-articles 10000`` (HTML report size and its load time in
headless Chromium).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ENV = dict(os.environ)  # for every timed process; PYTHONPATH set to the snapshot

NOW = "2026-06-01T00:00:00+00:00"
SIZES = ((1280, 960), (1600, 1200), (2048, 1536))  # 1.2, 1.9 and 3.1 megapixels
IMAGE_EXTS = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".dng", ".gif", ".heic",
              ".heif", ".avif"}


# ------------------------------------------------------------------------------ driver


def drive(argv: Sequence[str]) -> int:
    """``bench_audit.py drive``: one audit as the CLI would run it; stats as JSON on stdout."""
    parser = argparse.ArgumentParser(prog="bench_audit.py drive")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--serial", action="store_true")
    parser.add_argument("--cache")
    parser.add_argument("--format", default="json")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    from provenance.audit import run_audit
    from provenance.cache import open_cache
    from provenance.engine import AuditConfig
    from provenance.parallel import run_audit_parallel
    from provenance.paths import common_root
    from provenance.report import ReportBuilder, header
    from provenance.reporters import make_reporter
    from provenance.walk import collect

    watcher = DescendantPeak()
    watcher.start()
    given = [Path(p) for p in args.paths]
    root = common_root(given)
    found = collect(given, root)
    cfg = AuditConfig.defaults(root, datetime.fromisoformat(NOW))
    cache = open_cache(Path(args.cache), cfg) if args.cache else None
    with open(args.output, "w", encoding="utf-8") as out:
        builder = ReportBuilder([make_reporter(args.format, out, root=root)])
        builder.start(header(os.path.relpath(root), None))
        if args.serial:
            tail = run_audit(found, cfg, builder)
        else:
            tail = run_audit_parallel(found, cfg, builder, jobs=args.jobs, cache=cache)
    if cache is not None:
        cache.close()
    stats = {"articles": tail["summary"]["articles"], "images": tail["summary"]["images"],
             "files": len(found), "hits": cache.hits if cache else 0,
             "rss_self_mb": _maxrss_mb(resource.RUSAGE_SELF),
             "rss_workers_mb": watcher.stop()}
    print(json.dumps(stats))
    return 0


class DescendantPeak(threading.Thread):
    """Samples the peak RSS (VmHWM) of every process below this one, every 50 ms.

    Workers are children of multiprocessing's fork server, not of the driver, so
    ``RUSAGE_CHILDREN`` never sees them; /proc does (Linux only; 0 elsewhere).
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(0.05):
            for pid in _descendants(os.getpid()):
                self.peak_kb = max(self.peak_kb, _hwm_kb(pid))

    def stop(self) -> float:
        self._halt.set()
        self.join()
        return self.peak_kb / 1024


def _descendants(top: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
    found: list[int] = []
    frontier = {top}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        found.extend(frontier)
    return found


def _hwm_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) if match else 0


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


# ------------------------------------------------------------------------------ timing


@dataclass
class Run:
    label: str
    seconds: float
    stats: dict[str, Any] = field(default_factory=dict)
    rss_mb: float = 0.0  # whole process tree (GNU time), where the driver cannot tell


def snapshot(out: Path) -> None:
    """Freeze the package for the bench: every timed run uses this copy.

    Others may be editing the checkout while the bench runs; runs would then measure
    different code, and the cache (keyed on the package's files) would miss.
    """
    target = out / "snapshot"
    shutil.copytree(REPO / "provenance", target / "provenance",
                    ignore=shutil.ignore_patterns("__pycache__"))
    # As pip installs it: byte-compiled (PYTHONDONTWRITEBYTECODE would otherwise make every
    # timed run compile the package from source).
    import compileall

    compileall.compile_dir(target, quiet=1)
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(target), ENV.get("PYTHONPATH")]))


def timed(label: str, command: Sequence[str]) -> Run:
    """Run ``command`` once under ``/usr/bin/time``; wall seconds and the tree's peak RSS."""
    wrapper = ["/usr/bin/time", "-f", "@@maxrss=%M"] if Path("/usr/bin/time").exists() else []
    started = time.perf_counter()
    done = subprocess.run([*wrapper, *command], capture_output=True, text=True, env=ENV,
                          check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1 = findings, expected
        sys.exit(f"{label}: exit {done.returncode}\n{done.stderr[-2000:]}")
    stats: dict[str, Any] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{") and line.endswith("}") and '"rss_self_mb"' in line:
            stats = json.loads(line)
    match = re.search(r"@@maxrss=(\d+)", done.stderr)
    return Run(label, seconds, stats, int(match.group(1)) / 1024 if match else 0.0)


def audit_command(paths: Sequence[Path], out: Path, *, jobs: int, cache: Path | None,
                  cli: bool, serial: bool = False, fmt: str = "json") -> list[str]:
    if cli:
        command = [sys.executable, "-m", "provenance", "audit", *map(str, paths), "--now", NOW,
                   "--format", fmt, "-o", str(out), "--jobs", str(jobs), "--no-progress"]
        return command + (["--cache", str(cache)] if cache else ["--no-cache"])
    command = [sys.executable, str(Path(__file__).resolve()), "drive", *map(str, paths),
               "--jobs", str(jobs), "-o", str(out), "--format", fmt]
    return command + (["--cache", str(cache)] if cache else []) + (["--serial"] if serial else [])


def exiftool_command(paths: Sequence[Path]) -> list[str]:
    return ["exiftool", "-json", "-r", "-q", "-q", *map(str, paths)]


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# ------------------------------------------------------------------------------ corpus


def _generator() -> None:
    """Make ``tests.scale.corpus`` importable (the generator lives with the scale tests)."""
    if str(REPO) not in sys.path:
        sys.path.append(str(REPO))


def build_corpus(out: Path, articles: int, signed_every: int) -> Any:
    _generator()
    from tests.scale.corpus import CorpusSpec, c2pa_signer, generate

    spec = CorpusSpec(articles=articles, image_sizes=SIZES, signed_every=signed_every,
                      standalone=10)
    corpus = generate(out / "corpus", spec, c2pa_signer())
    for name, files in (("unsigned", corpus.unsigned), ("signed", corpus.signed)):
        folder = out / name
        folder.mkdir()
        for file in files:
            os.link(file, folder / file.name)  # same bytes, no copy: only these images
    return corpus


def replicate(source: Path, target: Path, copies: int) -> int:
    """Hard links of every image in ``source``, ``copies`` times; returns the count."""
    images = sorted(p for p in source.iterdir() if p.suffix.lower() in IMAGE_EXTS)
    for n in range(copies):
        folder = target / f"copy{n:03d}"
        folder.mkdir(parents=True)
        for image in images:
            os.link(image, folder / image.name)
    return len(images) * copies


def version_imports() -> tuple[bool, float]:
    """(``provenance --version`` avoids PIL and c2pa, its wall time in seconds)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "provenance", "--version"],
                          capture_output=True, text=True, check=True, env=ENV)
    seconds = time.perf_counter() - started
    modules = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    heavy = {m for m in modules if m.split(".")[0] in ("PIL", "c2pa")}
    return not heavy, seconds


# ---------------------------------------------------------------------------- sections


def bench_articles(out: Path, units: int, cli: bool, repeat: int) -> dict[str, Run]:
    """Each configuration ``repeat`` times (caches emptied before each cold run); the
    fastest run of each counts, as usual on a shared, noisy machine."""
    root, n = out / "corpus", cpus()
    plan: list[tuple[str, dict[str, Any]]] = [
        ("serial (in-process runner)", dict(jobs=1, cache=None, serial=True)),
        ("jobs1-nocache", dict(jobs=1, cache=None)),
        ("jobs1-cold", dict(jobs=1, cache=out / "cache-1.sqlite3")),
        ("jobs1-cached", dict(jobs=1, cache=out / "cache-1.sqlite3")),
        (f"jobs{n}-cold", dict(jobs=n, cache=out / "cache-n.sqlite3")),
        (f"jobs{n}-cached", dict(jobs=n, cache=out / "cache-n.sqlite3")),
    ]
    best: dict[str, Run] = {}
    for _ in range(repeat):
        for name in ("cache-1.sqlite3", "cache-n.sqlite3"):
            (out / name).unlink(missing_ok=True)
        for label, options in plan:
            if cli and options.get("serial"):
                continue
            run = _audit_run(label, root, out / f"report-{label}.json", units, cli, options)
            if label not in best or run.seconds < best[label].seconds:
                best[label] = run
    reports = {(out / f"report-{label}.json").read_bytes() for label in best}
    print(f"  reports byte-identical across {len(best)} configurations: {len(reports) == 1}")
    return best


def _audit_run(label: str, root: Path, report: Path, units: int, cli: bool,
               options: dict[str, Any]) -> Run:
    run = timed(label, audit_command([root], report, cli=cli, **options))
    if label.endswith("-cached") and run.stats and run.stats["hits"] < units:
        # The cache keys on the package's source files; someone editing the tree during
        # the bench invalidates it. Measure again now that it is filled.
        print(f"  {label}: {run.stats['hits']} hits of {units} (code changed?), repeated")
        run = timed(label, audit_command([root], report, cli=cli, **options))
    return run


def bench_images(label: str, folder: Path, out: Path, cli: bool,
                 repeat: int) -> tuple[Run, Run]:
    """``provenance audit --jobs 1 --no-cache`` and ``exiftool -json -r``: best of ``repeat``."""
    command = audit_command([folder], out / f"images-{label}.json", jobs=1, cache=None, cli=cli)
    audit = min((timed(f"audit {label}", command) for _ in range(repeat)),
                key=lambda r: r.seconds)
    exif = min((timed(f"exiftool {label}", exiftool_command([folder])) for _ in range(repeat)),
               key=lambda r: r.seconds)
    return audit, exif


def bench_rss(out: Path, articles: int, cli: bool) -> tuple[Run, Run]:
    """The cold run (empty cache, all cores) of ``articles`` articles sharing at most 3,000
    images, and the cached run after it: peak RSS of each, and the cache's ratio at scale."""
    _generator()
    from tests.scale.corpus import CorpusSpec, generate

    spec = CorpusSpec(articles=articles, image_sizes=((640, 480),), max_images=3000,
                      standalone=0)
    started = time.perf_counter()
    generate(out / "rss", spec)
    print(f"  generated {articles} articles in {time.perf_counter() - started:.0f} s")
    runs = [timed(label, audit_command([out / "rss"], out / f"report-rss-{label}.json",
                                       jobs=cpus(), cache=out / "cache-rss.sqlite3", cli=cli))
            for label in ("rss-cold", "rss-cached")]
    same = len({(out / f"report-rss-{r.label}.json").read_bytes() for r in runs}) == 1
    print(f"  reports byte-identical, cold and cached: {same}")
    return runs[0], runs[1]


def bench_html(out: Path, articles: int, cli: bool) -> None:
    try:
        import provenance.reporters.html  # noqa: F401
    except ImportError:
        print("  provenance.reporters.html does not exist yet: skipped")
        return
    _generator()
    from tests.scale.corpus import CorpusSpec, generate

    generate(out / "html", CorpusSpec(articles=articles, image_sizes=((640, 480),)))
    report = out / "report.html"
    run = timed("audit to HTML", audit_command([out / "html"], report, jobs=cpus(), cache=None,
                                      cli=cli, fmt="html"))
    show(run, articles, "articles")
    print(f"  HTML report of {articles} articles: {report.stat().st_size / 1e6:.1f} MB "
          f"({report.stat().st_size / articles:.0f} bytes per article)")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("  chromium not found: load time not measured")
        return
    base = _chromium_load(browser, out / "empty.html", "<!doctype html><p>empty</p>")
    full = _chromium_load(browser, report, None)
    static = _chromium_load(browser, report, None, scripts=False)
    print(f"  headless Chromium load: {full / base:.1f}x an empty page's time "
          f"(with scripts off: {static / base:.1f}x)")


def _chromium_load(browser: str, page: Path, text: str | None, *, scripts: bool = True) -> float:
    """Seconds until Chromium has loaded ``page``, run its scripts and printed the DOM."""
    if text is not None:
        page.write_text(text, encoding="utf-8")
    flags = [] if scripts else ["--blink-settings=scriptEnabled=false"]
    started = time.perf_counter()
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", *flags,
                    "--dump-dom", page.resolve().as_uri()],
                   capture_output=True, check=False, timeout=600)
    return time.perf_counter() - started


# ----------------------------------------------------------------------------- report


def show(run: Run, units: int, unit: str) -> None:
    rate = units / run.seconds if run.seconds else 0.0
    rss = (f"main {run.stats['rss_self_mb']:.0f} MB, largest worker "
           f"{run.stats['rss_workers_mb']:.0f} MB" if run.stats else f"{run.rss_mb:.0f} MB")
    hits = f", {run.stats['hits']} cache hits" if run.stats.get("hits") else ""
    print(f"  {run.label:<30} {rate:8.1f} {unit}/s   peak RSS {rss}{hits}")


def ratio(name: str, fast: Run, slow: Run, target: float | None) -> None:
    value = slow.seconds / fast.seconds if fast.seconds else float("inf")
    if target is None:
        print(f"  {name:<58} {value:6.2f}x  (no target)")
        return
    verdict = "meets" if value >= target else "MISSES"
    print(f"  {name:<58} {value:6.2f}x  ({verdict} the {target:g}x target)")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["drive"]:
        return drive(argv[1:])
    args = _options(argv)
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="provenance-bench-"))
    if out.exists() and any(out.iterdir()):
        sys.exit(f"{out} is not empty: give an empty or new folder")
    out.mkdir(parents=True, exist_ok=True)
    try:
        return _bench(args, out)
    finally:
        if not args.out:
            shutil.rmtree(out, ignore_errors=True)


def _options(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", help="keep the corpus and reports here (default: a temp dir)")
    default_corpus = REPO.parent / "shared" / "corpus" / "c2pa"
    parser.add_argument("--corpus", default=str(default_corpus),
                        help="folder of real C2PA-signed files (skipped when absent)")
    parser.add_argument("--c2pa-copies", type=int, default=20)
    parser.add_argument("--plain-copies", type=int, default=10,
                        help="hard-linked copies of the generated images without C2PA")
    parser.add_argument("--signed-every", type=int, default=4,
                        help="every k-th generated JPEG is C2PA-signed")
    parser.add_argument("--driver", action="store_true",
                        help="time the in-process driver instead of `provenance audit`")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best counts)")
    parser.add_argument("--rss-articles", type=int, default=0)
    parser.add_argument("--html-articles", type=int, default=0)
    return parser.parse_args(argv)


def _bench(args: argparse.Namespace, out: Path) -> int:
    snapshot(out)
    clean, seconds = version_imports()
    print(f"provenance --version: {seconds * 1000:.0f} ms, imports neither PIL nor c2pa: {clean}")
    started = time.perf_counter()
    corpus = build_corpus(out, args.articles, args.signed_every)
    print(f"generated {corpus.articles} articles in {len(corpus.article_files)} files, "
          f"{len(corpus.images)} images ({len(corpus.signed)} C2PA-signed) "
          f"in {time.perf_counter() - started:.0f} s")
    print(f"\narticles ({cpus()} CPUs):")
    units = len(corpus.article_files) + len(corpus.standalone)
    runs = bench_articles(out, units, not args.driver, args.repeat)
    for run in runs.values():
        show(run, corpus.articles, "articles")
    has_exiftool = shutil.which("exiftool") is not None
    image_runs = _image_sections(args, out, corpus, has_exiftool)
    print("\nratios:")
    _ratios(runs, image_runs, has_exiftool)
    if args.rss_articles:
        print(f"\npeak RSS, {args.rss_articles} articles, <= 3000 shared images:")
        cold, cached = bench_rss(out, args.rss_articles, not args.driver)
        show(cold, args.rss_articles, "articles")
        show(cached, args.rss_articles, "articles")
        ratio(f"cached re-audit vs cold (--jobs {cpus()}, {args.rss_articles} articles)",
              cached, cold, 10)
    if args.html_articles:
        print(f"\nHTML report, {args.html_articles} articles:")
        bench_html(out, args.html_articles, not args.driver)
    return 0


def _image_sections(args: argparse.Namespace, out: Path, corpus: Any,
                    has_exiftool: bool) -> dict[str, tuple[Run, Run, int]]:
    sections: dict[str, tuple[Path, int]] = {
        "generated, no C2PA": (out / "unsigned", len(corpus.unsigned)),
    }
    if args.plain_copies > 1:
        count = replicate(out / "unsigned", out / "unsigned-copies", args.plain_copies)
        sections[f"generated, no C2PA x{args.plain_copies}"] = (out / "unsigned-copies", count)
    sections["generated, C2PA-signed"] = (out / "signed", len(corpus.signed))
    real = Path(args.corpus)
    if real.is_dir():
        count = replicate(real, out / "real-c2pa", args.c2pa_copies)
        sections[f"real C2PA files x{args.c2pa_copies}"] = (out / "real-c2pa", count)
    else:
        print(f"\n{real} is absent: the real C2PA comparison is skipped")
    results = {}
    for label, (folder, count) in sections.items():
        if not has_exiftool:
            print("exiftool not found (apt-get install -y libimage-exiftool-perl): skipped")
            break
        print(f"\nimages: {label} ({count} files)")
        audit, exif = bench_images(re.sub(r"\W+", "-", label), folder, out, not args.driver,
                                   args.repeat)
        show(audit, count, "images")
        show(exif, count, "images")
        results[label] = (audit, exif, count)
    return results


def _ratios(runs: dict[str, Run], images: dict[str, tuple[Run, Run, int]],
            has_exiftool: bool) -> None:
    n = cpus()
    for label, (audit, exif, count) in images.items():
        # The targets: 10x on images without C2PA, 2.5x on the real C2PA-signed files. The
        # generated signed images are 1-3 MP, so c2pa-rs hashes far more bytes per file.
        target = 10.0 if "no C2PA" in label else 2.5 if label.startswith("real") else None
        ratio(f"audit --jobs 1 vs exiftool, {label} ({count})", audit, exif, target)
    ratio("cached re-audit vs cold (--jobs 1)", runs["jobs1-cached"], runs["jobs1-cold"], 10)
    ratio(f"cached re-audit vs cold (--jobs {n})", runs[f"jobs{n}-cached"],
          runs[f"jobs{n}-cold"], 10)
    ratio(f"--jobs {n} vs --jobs 1 (cold)", runs[f"jobs{n}-cold"], runs["jobs1-cold"], 1)
    serial = runs.get("serial (in-process runner)")
    if serial is not None:
        extra = runs["jobs1-nocache"].seconds - serial.seconds
        print(f"  worker process overhead of --jobs 1 over the serial runner: "
              f"{extra:+.2f} s ({runs['jobs1-nocache'].seconds / serial.seconds:.2f}x)")
    if not has_exiftool:
        print("  (exiftool ratios skipped)")


if __name__ == "__main__":
    sys.exit(main())
