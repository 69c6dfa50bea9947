"""Ctrl-C and SIGTERM: one line on stderr, status 130 or 143, no traceback (journeymap.cli.main).

The command under test is a slow one added to the real app in a child process, so the signal
always arrives while a command runs, never before the handlers are in place.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

from journeymap.interrupt import INTERRUPTED, TERMINATED, Terminated, exit_status, stop_message

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
