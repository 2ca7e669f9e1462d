"""Whole audits of articles with their images, and a worker's cost per article (not a test).

    python bench/bench_worker.py [--articles 3000] [--rounds 3] [--out DIR] [--aeb DIR]

Issue #16's first three rows, in one run:

1. **whole audit vs exiftool.** Two corpora are generated (``tests/scale/corpus.py``):
   ``--articles`` Markdown, HTML and ninjs articles in turn, showing exactly one image
   each, then exactly two, every image its own file (1.2–3.1 megapixel JPEGs with EXIF,
   XMP DigitalSourceType and credit, some GPS; PNGs with generator or author text; none
   C2PA-signed: ``bench_audit.py`` measures C2PA). ``provenance audit --jobs 1 --no-cache``
   over the corpus (articles and images, interpreter start included) is timed against
   ``exiftool -json -r`` over its images alone, each best of ``--rounds``;
2. **a worker's cost per article, by format**, in this process (CPU time, best of
   ``--rounds``), and where it goes: reading the file (``read``), the detectors
   (``detect``: attributions, disclosures, bylines, dates), resolving and reading its
   images (``images``), the rules (``rules``) and the report entry (``entry``). The
   targets: Markdown <= 0.3 ms and ninjs <= 0.2 ms for ``read + detect + rules``;
3. **HTML on real pages**: the same worker steps on the 181 pages of
   ``../shared/corpus/html-aeb`` (read in place, skipped when absent) against
   ``trafilatura.extract`` on the same pages in the same process (when installed; a
   comparison only, never a dependency). Target <= 0.2x.

Ratios are what to quote: absolute times depend on the machine and on what else runs.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from bench_audit import ENV, NOW, SIZES, audit_command, exiftool_command, snapshot  # noqa: E402

FORMATS = ("markdown", "html", "ninjs")
SUFFIX = {"markdown": ".md", "html": ".html", "ninjs": ".json"}
TARGETS = {"markdown": 0.3, "ninjs": 0.2}  # ms, read + detect + rules
PHASES = ("read", "detect", "images", "rules", "entry")


def generate(folder: Path, articles: int, images: int) -> Path:
    from tests.scale.corpus import CorpusSpec, generate

    spec = CorpusSpec(articles=articles, image_sizes=SIZES, images_per_article=images,
                      exact_images=True, share_every=0, standalone=0, formats=FORMATS)
    generate(folder, spec)
    return folder


def best_run(command: Sequence[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, env=ENV, check=False)
        seconds = time.perf_counter() - started
        if done.returncode not in (0, 1):  # 1: findings, expected
            sys.exit(f"{command[:3]}: exit {done.returncode}\n{done.stderr[-2000:]!r}")
        best = min(best, seconds)
    return best


def whole_audit(corpus: Path, out: Path, rounds: int, label: str) -> float | None:
    audit = best_run(audit_command([corpus], out / f"report-{label}.json", jobs=1, cache=None,
                                   cli=True), rounds)
    if shutil.which("exiftool") is None:
        print(f"  {label}: provenance {audit:.2f} s; exiftool not found "
              "(apt-get install -y libimage-exiftool-perl): no ratio")
        return None
    exif = best_run(exiftool_command([corpus / "img"]), rounds)
    return exif / audit


# ------------------------------------------------------------------------- worker cost


def phase_costs(corpus: Path, rounds: int) -> dict[str, dict[str, float]]:
    """ms per article of each phase, by format: CPU time of this process, best of rounds."""
    from provenance.engine import AuditConfig
    from provenance.paths import common_root
    from provenance.walk import collect

    root = common_root([corpus])
    found = [f for f in collect([corpus], root) if f.kind == "article"]
    cfg = AuditConfig.defaults(root, datetime.fromisoformat(NOW))
    costs = {}
    for fmt in FORMATS:
        files = [f for f in found if f.path.suffix == SUFFIX[fmt]]
        costs[fmt] = _phases(files, cfg, rounds)
    return costs


def _phases(files: list[Any], cfg: Any, rounds: int) -> dict[str, float]:
    from provenance import engine
    from provenance.articles.detect import annotate

    clock = time.process_time
    best = dict.fromkeys(PHASES, float("inf"))
    for _ in range(rounds):
        spent = dict.fromkeys(PHASES, 0.0)
        images = engine.ImageCache(cfg)  # a fresh cache: every image is read once a round
        for found in files:
            started = clock()
            items = engine._read_items(found, cfg)
            spent["read"] += clock() - started
            for article in items:
                started = clock()
                annotate(article, cfg.detect)
                spent["detect"] += clock() - started
                started = clock()
                resolved = engine._resolve_images(article, found.path, cfg, images)
                spent["images"] += clock() - started
                started = clock()
                findings = engine.run_rules(engine.Subject(article, tuple(resolved), cfg.now),
                                            cfg, article.path, article.index, [])
                spent["rules"] += clock() - started
                started = clock()
                engine.article_dict(article, resolved, findings)
                spent["entry"] += clock() - started
        for phase in PHASES:
            best[phase] = min(best[phase], spent[phase])
    return {phase: best[phase] / len(files) * 1000 for phase in PHASES}


def aeb_pages(corpus: Path) -> list[tuple[str, str]]:
    from provenance.articles.decode import decode_bytes

    pages = []
    for path in sorted((corpus / "html").iterdir()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        pages.append((path.name.removesuffix(".gz"), decode_bytes(data).text))
    return pages


def aeb_costs(pages: list[tuple[str, str]], rounds: int) -> tuple[float, float | None]:
    """(provenance read + detect + rules, trafilatura.extract): ms per page, best of rounds."""
    from provenance import engine
    from provenance.articles import parse_article_text
    from provenance.articles.detect import annotate
    from provenance.engine import AuditConfig
    from provenance.model import Article

    cfg = AuditConfig.defaults(Path.cwd(), datetime.fromisoformat(NOW))

    def ours(name: str, text: str) -> None:
        for article in parse_article_text(text, name, "html"):
            if isinstance(article, Article):
                annotate(article, cfg.detect)
                engine.run_rules(engine.Subject(article, (), cfg.now), cfg, name, None, [])

    mine = _per_page(pages, ours, rounds)
    try:
        import trafilatura
    except ImportError:
        return mine, None
    return mine, _per_page(pages, lambda _name, text: trafilatura.extract(text), rounds)


def _per_page(pages: list[tuple[str, str]], work: Callable[[str, str], Any],
              rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for name, text in pages:
            work(name, text)
        best = min(best, time.process_time() - started)
    return best / len(pages) * 1000


# -------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", help="keep the corpora and reports here (default: temp)")
    parser.add_argument("--aeb", default=str(REPO.parent / "shared" / "corpus" / "html-aeb"))
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="provenance-worker-"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        return _bench(args, out)
    finally:
        if not args.out:
            shutil.rmtree(out, ignore_errors=True)


def _bench(args: argparse.Namespace, out: Path) -> int:
    snapshot(out)
    corpora = {n: generate(out / f"corpus-{n}", args.articles, n) for n in (1, 2)}
    print(f"generated {args.articles} articles ({', '.join(FORMATS)} in turn) with one image "
          "each, and as many with two")

    print("\nworker cost per article, ms of CPU (one image each; best of "
          f"{args.rounds} rounds):")
    print(f"  {'format':<9}" + "".join(f"{p:>8}" for p in PHASES) + "   read+detect+rules")
    for fmt, cost in phase_costs(corpora[1], args.rounds).items():
        core = cost["read"] + cost["detect"] + cost["rules"]
        target = TARGETS.get(fmt)
        verdict = ("" if target is None else
                   f"  ({'meets' if core <= target else 'MISSES'} the {target:g} ms target)")
        print(f"  {fmt:<9}" + "".join(f"{cost[p]:8.3f}" for p in PHASES) + f"   {core:.3f}"
              + verdict)

    aeb = Path(args.aeb)
    if (aeb / "html").is_dir():
        mine, theirs = aeb_costs(aeb_pages(aeb), args.rounds)
        if theirs is None:
            print(f"\nAEB pages: {mine:.2f} ms a page; trafilatura not installed, no ratio")
        else:
            ratio = mine / theirs
            print(f"\nAEB pages (181 real pages), read + detect + rules vs trafilatura.extract: "
                  f"{mine:.2f} / {theirs:.2f} ms a page = {ratio:.3f}x "
                  f"({'meets' if ratio <= 0.2 else 'MISSES'} the 0.2x target)")
    else:
        print(f"\n{aeb} is absent: the AEB comparison is skipped")

    print("\nwhole audit --jobs 1 --no-cache vs exiftool -json -r on the images alone "
          f"(best of {args.rounds}):")
    for n, target in ((1, 4.0), (2, 5.0)):
        ratio = whole_audit(corpora[n], out, args.rounds, f"{n}-image")
        if ratio is not None:
            print(f"  {args.articles} articles, {n} image{'s' if n > 1 else ''} each: "
                  f"{ratio:.2f}x  ({'meets' if ratio >= target else 'MISSES'} the "
                  f"{target:g}x target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
