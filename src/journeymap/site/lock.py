"""One build of a site at a time: a second build waits for the first to finish.

The lock is `SITE/.journeymap/lock`. Each build's new site holds a hard link to the same
file, so the lock survives the swap; a waiter that finds the file replaced (the site was
removed meanwhile) locks again. A build that does not finish removes the lock and the
folders it made, so the site is left exactly as it was, even when it did not exist.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from journeymap.site.signals import deferred_signals

LOCK_FILE = ".journeymap/lock"


class SiteError(Exception):
    """The site directory cannot be used; the message is one line."""


@contextlib.contextmanager
def locked(site: Path) -> Iterator[None]:
    made, fd = _acquire(site)
    before = _identity(site)
    try:
        yield
    finally:
        with deferred_signals():
            if made and _identity(site) == before:
                _remove(made, site / LOCK_FILE)  # no new site was swapped in: leave it as it was
            os.close(fd)


def _acquire(site: Path) -> tuple[list[Path], int]:
    """The lock held, and what was made to hold it (file, then folders), for `_remove`."""
    path = site / LOCK_FILE
    waited = False
    while True:
        made = [p for p in (path, *path.parents) if not os.path.lexists(p)]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise SiteError(f"cannot write the site at {site}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not waited:
                print(f"journeymap: waiting for another build of {site}", file=sys.stderr)
                waited = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _identity(path) == _identity(fd):
            return made, fd
        os.close(fd)  # the file was removed while we waited: lock the one there now


def _identity(file: Path | int) -> tuple[int, int] | None:
    try:
        found = os.fstat(file) if isinstance(file, int) else os.stat(file)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _remove(made: list[Path], lock: Path) -> None:
    """Remove the lock file and the folders made for it, while still holding the lock."""
    for path in made:
        with contextlib.suppress(OSError):
            if path == lock:
                os.unlink(path)
            else:
                os.rmdir(path)
