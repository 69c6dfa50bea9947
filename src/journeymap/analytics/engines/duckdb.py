"""The default engine: DuckDB embedded, reading the log in place (never copied or imported).

It makes the standard relation `jm_log` from the user's log (columns renamed, time turned
into UTC microseconds), checks the log once (empty, null case ids, unreadable or mixed-zone
timestamps), then runs the logical query's stages and results. Queries run on a worker
thread so Ctrl-C reaches the main thread at once and interrupts DuckDB.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import duckdb

from journeymap.analytics.engines.duckdb_log import LogReader
from journeymap.analytics.errors import AnalyticsError, Interrupted
from journeymap.analytics.query import LogicalQuery
from journeymap.analytics.source import LogSource

T = TypeVar("T")
Rows = list[tuple[Any, ...]]
DIALECT = "duckdb"


class DuckDBEngine:
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
        try:
            for part in query.parts:
                rows = self.fetch(part.sql(DIALECT), "the measurement")
                if not part.stage:
                    results[part.name] = rows
                    if inspect is not None:
                        inspect(part.name, rows)
        finally:
            for name in query.stages:
                self.con.execute(f"DROP TABLE IF EXISTS {name}")
        return results

    def interruptible(self, work: Callable[[], T], what: str) -> T:
        """Run `work` on the main thread, where DuckDB itself watches for Ctrl-C and stops
        the query at once; a helper thread shows progress on a terminal meanwhile."""
        done = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(done,), daemon=True)
        if self.progress:
            watcher.start()
        try:
            return work()
        except (KeyboardInterrupt, duckdb.InterruptException):
            raise Interrupted() from None
        except duckdb.Error as error:
            raise AnalyticsError(
                f"{self.source.name}: {what} failed: {_first_line(error)}"
            ) from None
        except RuntimeError as error:
            if "interrupted" in str(error).lower():
                raise Interrupted() from None
            raise
        finally:
            done.set()
            if watcher.is_alive():
                watcher.join()
                sys.stderr.write("\r\033[K")
                sys.stderr.flush()

    def _watch(self, done: threading.Event) -> None:
        while not done.wait(0.2):
            progress = self.con.query_progress()
            if progress >= 0:
                sys.stderr.write(f"\rjourneymap: measuring {self.source.name}: {progress:5.1f}%")
                sys.stderr.flush()


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
