"""Building maps across cores: a worker process per core, each with its own session.

Below a handful of maps, starting processes costs more than it saves, so small rebuilds
(the usual case after one save) run in this process.

Workers ignore Ctrl-C (the terminal sends it to them too) and leave stopping to this
process, which kills them at once on any exception, KeyboardInterrupt included: what they
were writing is in the build's stage, which goes with them.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
from collections.abc import Callable
from multiprocessing import get_context
from pathlib import Path

from journeymap.interrupt import ignore_in_worker, signals_blocked
from journeymap.runner import available_cores
from journeymap.site.cache import Entry
from journeymap.site.work import Job, Worker

_PARALLEL_FROM = 8
_PR_SET_PDEATHSIG = 1
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
    with signals_blocked():  # until each worker has set its own handlers
        pool = context.Pool(cores, initializer=_start, initargs=(root, site, measures))
    with pool:  # leaving it terminates the workers: at once, finished or not
        for entries in pool.imap_unordered(_build_chunk, chunks):
            done.update(entries)
            if progress:
                progress(len(done), len(jobs))
    return done


def _start(root: Path, site: Path, measures: Path | None = None) -> None:
    """A worker: Ctrl-C is the parent's to handle; SIGTERM (how the pool stops a worker, and
    what it gets should the parent die) ends it silently."""
    global _worker
    _die_with_parent()
    ignore_in_worker()
    _worker = Worker(root, site, measures)


def _die_with_parent() -> None:
    """On Linux, the kernel sends SIGTERM to a worker whose parent dies (even by SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _build_chunk(chunk: list[Job]) -> dict[str, Entry]:
    assert _worker is not None
    return {job.relative: _worker.build(job) for job in chunk}
