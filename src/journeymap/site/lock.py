"""One build of a site at a time: a second build waits for the first to finish.

With the lock held, a build writes every file atomically and the pages last, so a reader
never sees a half-written file, and two builds never mix their outputs.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

LOCK_FILE = ".journeymap/lock"


class SiteError(Exception):
    """The site directory cannot be used; the message is one line."""


@contextlib.contextmanager
def locked(site: Path) -> Iterator[None]:
    path = site / LOCK_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise SiteError(f"cannot write the site at {site}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"journeymap: waiting for another build of {site}", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
