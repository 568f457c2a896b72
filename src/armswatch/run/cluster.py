"""The Dask side of the Dask engine: the cluster, and partitions mapped over it in order.

``dask_client`` connects to a scheduler, or starts a ``LocalCluster`` (``workers``
processes, one thread each, no dashboard, bound to 127.0.0.1) and closes it after.
``map_partitions`` submits one task per partition with at most ``2 × threads`` in
flight and yields the results in input order.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from armswatch.errors import ClusterError
from armswatch.run.jobs import InputJob
from armswatch.run.local import RunOptions
from armswatch.run.partition import PartitionOutcome, analyze_partition
from armswatch.settings import get_setting

CONNECT_TIMEOUT = "10s"
LOCAL_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
"""Dask settings of the LocalCluster's workers, measured on the relevant ×8 benchmark:
the statistical profiler (a stack sample every 10 ms) costs about 20% of a spaCy
worker's CPU; and a fixed ``MALLOC_TRIM_THRESHOLD_`` turns off glibc's dynamic mmap
threshold, so every large numpy buffer is mmapped and unmapped again (5× the system
time). Turning both off took the benchmark's Dask run from 41 s to 31 s. Remote
clusters keep their own settings."""


def distributed() -> Any:
    """The ``distributed`` module (untyped; imported only when a cluster is used)."""
    import distributed as module

    return module


def map_partitions(
    client: Any, jobs: Iterable[InputJob], folder: Path, options: RunOptions, label: str
) -> Iterator[tuple[InputJob, PartitionOutcome]]:
    """Each job with the outcome of its task, in input order, ``2 × threads`` in flight."""
    threads = sum(client.nthreads().values())
    limit = 2 * max(1, options.workers, threads)
    analyzer = dict(options.analyzer_options)
    inflight: deque[tuple[InputJob, Any]] = deque()
    try:
        for job in jobs:
            key = f"armswatch-partition-{label}-{job.number:05d}"
            task = client.submit(analyze_partition, job, str(folder), analyzer, label, key=key)
            inflight.append((job, task))
            if len(inflight) >= limit:
                yield task_result(*inflight.popleft())
        while inflight:
            yield task_result(*inflight.popleft())
    finally:
        for _, task in inflight:
            task.cancel()


def task_result(job: InputJob, task: Any) -> tuple[InputJob, PartitionOutcome]:
    try:
        return job, task.result()
    except distributed().KilledWorker as exc:
        raise ClusterError(
            f"partition {job.number} killed its workers ({exc}); the partitions finished "
            "so far are kept: run the same command again (with more memory per worker)"
        ) from None
    except OSError as exc:  # raised on the worker: it could not write the partition
        raise ClusterError(f"partition {job.number} could not be written: {exc}") from None


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, else of a new LocalCluster (closed after)."""
    client_class = distributed().Client

    address = scheduler or get_setting("ARMSWATCH_DASK_SCHEDULER") or None
    if address is None:
        with (
            local_cluster(workers) as cluster,
            client_class(cluster, set_as_default=False) as client,
        ):
            yield client
        return
    try:
        client = client_class(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        yield client


def local_cluster(workers: int) -> Any:
    """A LocalCluster of ``workers`` processes, one thread each, no dashboard, on 127.0.0.1,
    with ``LOCAL_CONFIG`` for its workers."""
    import dask

    try:
        with dask.config.set(LOCAL_CONFIG):
            return distributed().LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
                silence_logs=logging.ERROR,
            )
    except (OSError, RuntimeError, TimeoutError) as exc:
        raise ClusterError(
            f"cannot start a local Dask cluster of {workers} workers: {exc}"
        ) from None
