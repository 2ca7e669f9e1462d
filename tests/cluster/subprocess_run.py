"""What the cluster tests run in a subprocess of their own.

Dask's client and fsspec's drivers start threads that outlive them, and the local engine
forks its workers only from a process with a single thread (elsewhere it uses
forkserver, and the tests that patch readers in the parent rely on fork). So nothing here
runs inside the pytest process:

``python -m tests.cluster.subprocess_run cluster FILE``
    a ``LocalCluster`` of two workers on 127.0.0.1; its address is written to FILE; it
    closes on SIGTERM.
``python -m tests.cluster.subprocess_run compare SPEC_JSON``
    audit a folder with ``--engine local`` and on the cluster, and write both reports, the
    progress ticks and what the workers still keep to ``spec["out"]``.
"""

from __future__ import annotations

import functools
import json
import signal
import sys
import time
from pathlib import Path
from typing import Any


def _cluster(address_file: str) -> None:
    import dask
    import distributed

    def stop(signum: int, _frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    with dask.config.set({"distributed.worker.daemon": False}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     host="127.0.0.1", dashboard_address=None,
                                     silence_logs=50) as cluster:
        Path(address_file + ".tmp").write_text(cluster.scheduler_address, encoding="utf-8")
        Path(address_file + ".tmp").rename(address_file)
        while True:
            time.sleep(1)


def _compare(spec: dict[str, Any]) -> None:
    import distributed

    from provenance.engine_dask import run_audit_dask
    from provenance.parallel import run_audit_parallel
    from tests.cluster.hooks import kill_dask_worker_once, resident_token
    from tests.scale.support import misbehave, render

    root, scheduler = Path(spec["root"]), spec["scheduler"]
    timeout = float(spec.get("timeout_s", 30.0))
    plan = spec.get("plan")
    local_hook = functools.partial(misbehave, plan) if plan else None
    dask_hook = local_hook
    if spec.get("kill"):
        dask_hook = functools.partial(kill_dask_worker_once, spec["kill"], spec["marker"])
    local = render(root, lambda f, c, b: run_audit_parallel(
        f, c, b, jobs=int(spec.get("jobs", 2)), cache=None, timeout_s=timeout,
        worker_init=local_hook))
    ticks: list[int] = []
    dask = render(root, lambda f, c, b: run_audit_dask(
        f, c, b, scheduler=scheduler, timeout_s=timeout, worker_init=dask_hook,
        progress=ticks.append))
    with distributed.Client(scheduler) as client:
        tokens = list(client.run(resident_token).values())
    Path(spec["out"]).write_text(json.dumps({"local": local, "dask": dask, "ticks": ticks,
                                             "tokens": tokens}), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "cluster":
        _cluster(sys.argv[2])
    else:
        _compare(json.loads(sys.argv[2]))
