"""Ctrl-C and SIGTERM: one line on stderr, status 130 or 143, no traceback (journeymap.cli.main).

The command under test is a slow one added to the real app in a child process, so the signal
always arrives while a command runs, never before the handlers are in place.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, ClassVar

import pytest

from conftest import MINIMAL_MAP
from journeymap import runner
from journeymap.interrupt import INTERRUPTED, TERMINATED, Terminated, exit_status, stop_message
from journeymap.runner import FileReport, check_paths

CHECK_CHUNK = runner._check_chunk

SLOW_COMMAND = textwrap.dedent(
    """
    import sys, time
    from journeymap.cli import app, main

    @app.command("slow")
    def slow() -> None:
        try:
            print("ready", flush=True)
            time.sleep(60)
        finally:
            print("cleaned up", flush=True)

    sys.argv = ["journeymap", "slow"]
    main()
    """
)


def run_and_signal(signum: int, *, ignore_sigint: bool = False) -> subprocess.CompletedProcess[str]:
    def before() -> None:
        if ignore_sigint:  # as a shell does for a background job
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_COMMAND],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=before,
    )
    assert process.stdout is not None
    ready = process.stdout.readline()
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=30)
    stdout = ready + stdout
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.parametrize(
    ("signum", "status", "line"),
    [
        (signal.SIGINT, 130, "journeymap: interrupted\n"),
        (signal.SIGTERM, 143, "journeymap: terminated\n"),
    ],
    ids=["SIGINT", "SIGTERM"],
)
def test_a_stopped_command_says_so_in_one_line_and_exits_with_the_signal_status(
    signum: int, status: int, line: str
) -> None:
    result = run_and_signal(signum)
    assert result.returncode == status
    assert result.stderr == line
    assert result.stdout == "ready\ncleaned up\n"  # the stop unwound: finally blocks ran


def test_ctrl_c_stops_a_run_started_with_sigint_ignored() -> None:
    result = run_and_signal(signal.SIGINT, ignore_sigint=True)
    assert result.returncode == 130
    assert result.stderr == "journeymap: interrupted\n"


def test_statuses_and_lines_follow_the_shell_convention() -> None:
    assert (INTERRUPTED, TERMINATED) == (130, 143)
    assert exit_status(KeyboardInterrupt()) == 130
    assert exit_status(Terminated()) == 143
    assert stop_message(130) == "journeymap: interrupted"
    assert stop_message(143) == "journeymap: terminated"


def test_terminated_is_not_caught_by_except_exception() -> None:
    """A build that keeps going past a failing map must not swallow the stop."""
    with pytest.raises(Terminated):
        try:
            raise Terminated
        except Exception:  # pragma: no cover - the point is that this does not run
            pytest.fail("Terminated was caught as an Exception")


class RecordedPool(ProcessPoolExecutor):
    """The runner's pool, kept so the test knows exactly its workers (not other tests')."""

    made: ClassVar[list[ProcessPoolExecutor]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        RecordedPool.made.append(self)


def check_then_hold(paths: list[str], with_lint: bool, measures: Path | None) -> list[FileReport]:
    """A chunk that holds its worker for a minute, as a big one would, except the first
    (so a report arrives): a worker that is not ended outlives the test's wait for it.
    Module-level, so the forked workers unpickle it by name."""
    reports = CHECK_CHUNK(paths, with_lint, measures)
    if Path(paths[0]).name != "m00.yaml":
        time.sleep(60)
    return reports


def exit_code(worker: BaseProcess, timeout: float) -> int | None:
    """The worker's exit code once it has ended. Not join(): the pool's own thread reaps
    its workers too, and a join that loses that race returns before the code is known."""
    deadline = time.monotonic() + timeout
    while worker.exitcode is None and time.monotonic() < deadline:
        time.sleep(0.01)
    return worker.exitcode


def test_a_stop_during_a_parallel_check_ends_the_workers_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate's workers hold up to 64 files each; a stop ends them rather than waiting."""
    monkeypatch.setattr(runner, "ProcessPoolExecutor", RecordedPool)
    monkeypatch.setattr(RecordedPool, "made", [])
    monkeypatch.setattr(runner, "_check_chunk", check_then_hold)
    for number in range(60):
        (tmp_path / f"m{number:02}.yaml").write_text(MINIMAL_MAP.format(id=f"m{number}"), "utf-8")
    reports = check_paths(sorted(tmp_path.glob("*.yaml")), jobs=2)
    next(reports)
    [pool] = RecordedPool.made
    workers = list(pool._processes.values())
    assert len(workers) == 2
    with pytest.raises(KeyboardInterrupt):
        reports.throw(KeyboardInterrupt)
    for worker in workers:
        assert exit_code(worker, timeout=30) == -signal.SIGTERM
