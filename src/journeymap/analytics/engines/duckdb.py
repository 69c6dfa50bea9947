"""The default engine: DuckDB embedded, reading the log in place (never copied or imported).

It makes the standard relation `jm_log` from the user's log (columns renamed, time turned
into UTC microseconds), checks the log once (empty, null case ids, unreadable or mixed-zone
timestamps), then runs the logical query's stages and results. Queries run on a worker
thread so Ctrl-C reaches the main thread at once and interrupts DuckDB.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import duckdb

from journeymap.analytics.engines.duckdb_lists import Statement, lists_plan
from journeymap.analytics.engines.duckdb_log import LogReader, raw_case_counts
from journeymap.analytics.errors import AnalyticsError, Interrupted
from journeymap.analytics.query import LogicalQuery, Part
from journeymap.analytics.source import LogSource

T = TypeVar("T")
Rows = list[tuple[Any, ...]]
DIALECT = "duckdb"


class DuckDBEngine:
    lists = True
    """Compute from per-case lists where that path applies (duckdb_lists); the tests
    turn it off to compare both paths."""

    def __init__(
        self,
        source: LogSource,
        *,
        timezone: str,
        memory_limit: str | None = None,
        threads: int | None = None,
        progress: bool = False,
    ) -> None:
        self.source = source
        self.progress = progress
        self._temp = tempfile.mkdtemp(prefix="journeymap-duckdb-")
        config: dict[str, Any] = {"temp_directory": self._temp}
        if memory_limit:
            config["memory_limit"] = memory_limit
        if threads:
            config["threads"] = threads
        try:
            self.con = duckdb.connect(":memory:", config=config)
            self.con.execute("SET TimeZone = ?", [timezone])
            # DuckDB watches for Ctrl-C only while its progress bar is on; it must not draw
            # it, though (on stdout, where the measures may be going): we draw our own.
            self.con.execute("SET enable_progress_bar = true")
            self.con.execute("SET enable_progress_bar_print = false")
            self.con.execute("SET preserve_insertion_order = false")
        except duckdb.Error as error:
            self.close()
            raise AnalyticsError(f"cannot start DuckDB: {_first_line(error)}") from None
        self.log = LogReader(self, source, timezone)

    def close(self) -> None:
        con = getattr(self, "con", None)
        if con is not None:
            with contextlib.suppress(duckdb.Error):
                con.close()
        shutil.rmtree(self._temp, ignore_errors=True)

    def __enter__(self) -> DuckDBEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, sql: str, what: str = "the log") -> Rows:
        """Run one statement and return its (aggregate) rows; DuckDB's errors become one
        line naming the source, Ctrl-C becomes Interrupted."""
        return self.interruptible(lambda: self._fetch(sql), what)

    def _fetch(self, sql: str) -> Rows:
        return self.con.execute(sql).fetchall()

    def run(
        self, query: LogicalQuery, inspect: Callable[[str, Rows], None] | None = None
    ) -> dict[str, Rows]:
        """Every part in order; `inspect` sees each result's rows as they come (and may
        refuse the log before the costly stages run)."""
        results: dict[str, Rows] = {}
        plan = lists_plan(query) if self.lists else None
        head = plan.head if plan else query.parts
        pending: list[Part | Statement] = [raw_case_counts(part) for part in head]
        made: dict[str, None] = {}
        try:
            while pending:
                part = pending.pop(0)
                rows = self.fetch(part.sql(DIALECT), "the measurement")
                if part.stage:
                    made[part.name] = None
                if part.result:
                    results[part.name] = rows
                    if inspect is not None:
                        inspect(part.name, rows)
                    if plan is not None and part.name == "checks":
                        pending += plan.rest(self._kept_events(), self.memory_bytes())
        finally:
            for name in made:
                self.con.execute(f"DROP TABLE IF EXISTS {name}")
        return results

    def _kept_events(self) -> int:
        """Events some step claims (the rows the lists gather), from the per-name counts."""
        rows = self.fetch("SELECT SUM(claimed) FROM jm_by_name", "the measurement")
        return int(rows[0][0] or 0)

    def memory_bytes(self) -> int:
        """DuckDB's memory limit (`--memory-limit`, or its default of 80% of the RAM)."""
        text = str(self.fetch("SELECT current_setting('memory_limit')", "DuckDB")[0][0])
        return parse_bytes(text)

    def interruptible(self, work: Callable[[], T], what: str) -> T:
        """Run `work` on the main thread. While it runs, Ctrl-C only marks itself (no
        KeyboardInterrupt in the middle of DuckDB), and a watchdog thread woken by the
        signal itself (Python's wakeup fd) interrupts the connection at once. The watchdog
        also shows progress on a terminal."""
        done = threading.Event()
        with _ctrl_c_watch() as (wakeup, nudge, pressed):
            watchdog = threading.Thread(target=self._watch, args=(done, wakeup), daemon=True)
            watchdog.start()
            try:
                value = work()
            except duckdb.Error as error:
                if pressed.is_set() or isinstance(error, duckdb.InterruptException):
                    raise Interrupted() from None
                message = _first_line(error)
                raise AnalyticsError(f"{self.source.name}: {what} failed: {message}") from None
            except RuntimeError as error:
                if pressed.is_set() or "interrupted" in str(error).lower():
                    raise Interrupted() from None
                raise
            finally:
                done.set()
                nudge()  # wake the watchdog now, not at its next poll (17 parts x 0.2 s)
                watchdog.join()
                if self.progress:
                    sys.stderr.write("\r\033[K")
                    sys.stderr.flush()
        if pressed.is_set():
            raise Interrupted()
        return value

    def _watch(self, done: threading.Event, wakeup: int | None) -> None:
        while not done.is_set():
            if wakeup is not None and select.select([wakeup], [], [], 0.2)[0]:
                if signal.SIGINT in os.read(wakeup, 64):
                    self.con.interrupt()
            elif wakeup is None:
                done.wait(0.2)
            if self.progress and not done.is_set():
                self._show_progress()

    def _show_progress(self) -> None:
        progress = self.con.query_progress()
        if progress >= 0:
            sys.stderr.write(f"\rjourneymap: measuring {self.source.name}: {progress:5.1f}%")
            sys.stderr.flush()


@contextlib.contextmanager
def _ctrl_c_watch() -> Iterator[tuple[int | None, Callable[[], None], threading.Event]]:
    """A pipe Python writes each signal's number to the moment it arrives, a nudge that
    wakes its reader when the work is done, and an event set by Ctrl-C instead of
    KeyboardInterrupt; no pipe off the main thread (no signals there)."""
    pressed = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield None, lambda: None, pressed
        return
    read, write = os.pipe()
    os.set_blocking(write, False)
    handler = signal.signal(signal.SIGINT, lambda number, frame: pressed.set())
    previous = signal.set_wakeup_fd(write, warn_on_full_buffer=False)

    def nudge() -> None:
        with contextlib.suppress(BlockingIOError):
            os.write(write, b"\0")

    try:
        yield read, nudge, pressed
    finally:
        signal.set_wakeup_fd(previous)
        signal.signal(signal.SIGINT, handler)
        os.close(read)
        os.close(write)


_UNITS = {"": 1, "B": 1, "BYTES": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
          "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}  # fmt: skip


def parse_bytes(text: str) -> int:
    """DuckDB's way of writing a size ('2.7 GiB', '476.8 MiB') as bytes; 1 GiB if unreadable."""
    found = re.fullmatch(r"\s*([0-9.]+)\s*([A-Za-z]*)\s*", text)
    unit = found and _UNITS.get(found.group(2).upper())
    if not found or not unit:
        return 2**30
    try:
        return int(float(found.group(1)) * unit)
    except ValueError:
        return 2**30


def _first_line(error: BaseException) -> str:
    """DuckDB's messages span lines (and quote the SQL); the user needs the first."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    if "magic bytes" in text or "to be a Parquet file" in text:
        return "not a Parquet file"
    for line in lines[1:3]:
        if line.lower().startswith(("original line", "csv error")):
            text += f" ({line})"
    return " ".join(text.split())[:400]
