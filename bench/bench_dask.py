"""Benchmark the Dask engine (not a test): overhead and scaling against the local pool.

    python bench/bench_dask.py [--articles N] [--rounds R]

Generates N articles (text, Markdown, HTML in turn, sharing 20 photos; the generator of
``tests/cluster/corpus.py``), then audits them in-process, best of ``--rounds``:

* ``local-1`` / ``local-2``: ``--engine local`` with one and two worker processes;
* ``dask-1`` / ``dask-2``: ``--engine dask`` on a ``LocalCluster`` of one and of two
  single-threaded workers (started before the clock, as an existing cluster would be);

checks that every report is byte-identical to ``local-2``'s, and prints the times and the
ratios: Dask's overhead (dask-1 / local-1) and its scaling (dask-1 / dask-2). The default
is the issue's 10,000 articles.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _render(root: Path, run: Any) -> tuple[str, float]:
    from provenance.report import ReportBuilder, header
    from provenance.reporters.json import JsonReporter
    from provenance.walk import collect
    from tests.scale.support import config

    cfg = config(root)
    found = collect([cfg.root], cfg.root)
    out = io.StringIO()
    builder = ReportBuilder([JsonReporter(out)])
    builder.start(header(".", None))
    start = time.perf_counter()
    run(found, cfg, builder)
    return out.getvalue(), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()

    import dask
    import distributed

    from provenance.engine_dask import run_audit_dask
    from provenance.parallel import run_audit_parallel
    from tests.cluster.corpus import make_corpus

    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        root = make_corpus(Path(tmp) / "corpus", args.articles)
        times: dict[str, float] = {}
        reports: dict[str, str] = {}
        for jobs in (1, 2):
            for _ in range(args.rounds):
                text, seconds = _render(root, lambda f, c, b, j=jobs: run_audit_parallel(
                    f, c, b, jobs=j, cache=None))
                times[f"local-{jobs}"] = min(times.get(f"local-{jobs}", 1e9), seconds)
                reports[f"local-{jobs}"] = text
        for workers in (1, 2):
            with dask.config.set({"distributed.worker.daemon": False}), \
                    distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                             host="127.0.0.1", dashboard_address=None,
                                             silence_logs=40) as cluster:
                for _ in range(args.rounds):
                    text, seconds = _render(root, lambda f, c, b, a=cluster.scheduler_address:
                                            run_audit_dask(f, c, b, scheduler=a))
                    times[f"dask-{workers}"] = min(times.get(f"dask-{workers}", 1e9), seconds)
                    reports[f"dask-{workers}"] = text
    same = all(text == reports["local-2"] for text in reports.values())
    for name, seconds in times.items():
        print(f"{name:<8} {seconds:8.2f} s  {args.articles / seconds:8.1f} articles/s")
    print(f"byte-identical reports: {'yes' if same else 'NO'}")
    print(f"dask overhead, 1 worker: {times['dask-1'] / times['local-1']:.2f}x local-1; "
          f"2 workers: {times['dask-2'] / times['local-2']:.2f}x local-2")
    print(f"scaling 1 -> 2 workers: dask {times['dask-1'] / times['dask-2']:.2f}x, "
          f"local {times['local-1'] / times['local-2']:.2f}x")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
