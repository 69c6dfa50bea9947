"""Building maps across cores: a worker process per core, each with its own session.

Below a handful of maps, starting processes costs more than it saves, so small rebuilds
(the usual case after one save) run in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from journeymap.runner import available_cores
from journeymap.site.cache import Entry
from journeymap.site.work import Job, Worker

_PARALLEL_FROM = 8
_worker: Worker | None = None


def run_jobs(
    root: Path,
    site: Path,
    jobs: list[Job],
    *,
    jobs_count: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    measures: Path | None = None,
) -> dict[str, Entry]:
    """Build each job; entries by the map's path relative to the root."""
    cores = jobs_count or available_cores()
    if cores <= 1 or len(jobs) < _PARALLEL_FROM:
        worker = Worker(root, site, measures)
        done: dict[str, Entry] = {}
        for job in jobs:
            done[job.relative] = worker.build(job)
            if progress:
                progress(len(done), len(jobs))
        return done
    return _in_pool(root, site, jobs, cores, progress, measures)


def _in_pool(
    root: Path,
    site: Path,
    jobs: list[Job],
    cores: int,
    progress: Callable[[int, int], None] | None,
    measures: Path | None = None,
) -> dict[str, Entry]:
    size = max(1, min(16, len(jobs) // (cores * 4)))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    context = get_context("fork") if hasattr(os, "fork") else get_context()
    done: dict[str, Entry] = {}
    with ProcessPoolExecutor(
        max_workers=cores, mp_context=context, initializer=_start, initargs=(root, site, measures)
    ) as pool:
        for future in as_completed(pool.submit(_build_chunk, chunk) for chunk in chunks):
            done.update(future.result())
            if progress:
                progress(len(done), len(jobs))
    return done


def _start(root: Path, site: Path, measures: Path | None = None) -> None:
    global _worker
    _worker = Worker(root, site, measures)


def _build_chunk(chunk: list[Job]) -> dict[str, Entry]:
    assert _worker is not None
    return {job.relative: _worker.build(job) for job in chunk}
