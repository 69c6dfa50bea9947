"""`-o` naming a stream (a FIFO, /dev/null, /dev/stdout) writes into it, never renames over it.

As root, a rename over /dev/null would replace the device node with a regular file; the
tests use a FIFO in a temporary folder so that a regression cannot harm the machine.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from journeymap.output import publish, write_atomic


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_write_atomic_writes_into_a_fifo_and_leaves_it_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    write_atomic(fifo, "measures\n")
    reader.join(timeout=10)
    assert received == [b"measures\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_publish_copies_a_finished_file_into_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "events.parquet"
    os.mkfifo(fifo)
    temporary = tmp_path / ".events.parquet.tmp"
    temporary.write_bytes(b"PAR1")
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    publish(temporary, fifo)
    reader.join(timeout=10)
    assert received == [b"PAR1"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert not temporary.exists()


def test_a_regular_file_is_still_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    target.write_text("old", "utf-8")
    write_atomic(target, "new")
    assert target.read_text("utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]
