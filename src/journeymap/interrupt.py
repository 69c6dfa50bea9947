"""Stopping on a signal: SIGINT and SIGTERM both become exceptions in the main thread.

Ctrl-C already raises KeyboardInterrupt; SIGTERM (what `kill`, CI runners and service
managers send) would otherwise end the process at once, with no `finally` block run, so a
half-written site or temp file could be left. As an exception it unwinds like Ctrl-C, and
the CLI turns either into one line and the shell's conventional status (128 + signal).

`Terminated` derives from BaseException, like KeyboardInterrupt, so `except Exception`
blocks that keep a build going past a bad map do not swallow it.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

INTERRUPTED = 128 + signal.SIGINT
"""Exit status after SIGINT (Ctrl-C): 130."""
TERMINATED = 128 + signal.SIGTERM
"""Exit status after SIGTERM: 143."""


class Terminated(BaseException):
    """Raised in the main thread when the process receives SIGTERM."""


def install_signal_handlers() -> None:
    """SIGINT raises KeyboardInterrupt and SIGTERM raises Terminated, from now on.

    SIGINT is set even when it was ignored: a shell that starts a job in the background
    ignores SIGINT for it, and a build that cannot be stopped with `kill -INT` runs on.
    Only the main thread may set handlers; elsewhere (an embedding program) this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)


_STOPS = {signal.SIGINT, signal.SIGTERM}


def ignore_in_worker() -> None:
    """For worker processes: the parent owns stopping, so a Ctrl-C that reaches the whole
    process group does not print a traceback per worker; SIGTERM ends a worker at once.
    Workers forked inside `signals_blocked` get the stops delivered only from here on."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)


@contextlib.contextmanager
def signals_blocked() -> Iterator[None]:
    """Fork workers inside this: they start with SIGINT and SIGTERM blocked, so none arrives
    before `ignore_in_worker` has made it harmless (no traceback from a half-started worker);
    in this process they are delivered, and raise, when the block ends."""
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def exit_status(stop: BaseException) -> int:
    """The status for a stop: 143 after SIGTERM, else 130."""
    return TERMINATED if isinstance(stop, Terminated) else INTERRUPTED


def stop_message(status: int) -> str:
    """The one line printed when a run is stopped with `status`."""
    return "journeymap: terminated" if status == TERMINATED else "journeymap: interrupted"


def ignore_further_stops() -> None:
    """While the stop is reported: a second Ctrl-C must not add a traceback to the line."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
