"""A build writes into a copy of the site and swaps it in whole.

The copy is made of hard links (unchanged files cost a link, not a copy: every writer
replaces files by rename and never writes into one), lives beside the site as a hidden
folder, and is swapped with the site in one `renameat2(RENAME_EXCHANGE)` on Linux. A
reader, a server or a deploy step sees the old site or the new one, never a mix; an
interrupted build leaves the old one exactly as it was, and no folder behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from journeymap.output import write_atomic
from journeymap.site.lock import SiteError
from journeymap.site.signals import deferred_signals

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NO_EXCHANGE = (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM)
_NO_LINK = (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EACCES)


def stage_prefix(live: Path) -> str:
    return f".{live.name}.journeymap-stage-"


class Stage:
    """The next site, made on first write; nothing is copied when nothing changes."""

    def __init__(self, live: Path) -> None:
        self.live = live
        self._path: Path | None = None

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = self.live.parent / (stage_prefix(self.live) + secrets.token_hex(6))
            try:
                _make_copy(self.live, self._path)
            except OSError as exc:
                raise SiteError(f"cannot prepare the site beside {self.live}: {exc}") from None
        return self._path

    def write(self, name: str, data: bytes) -> None:
        """Write `name` into the next site, unless the live site holds exactly these bytes."""
        with contextlib.suppress(OSError):
            if (self.live / name).read_bytes() == data:
                return
        write_atomic(self.path / name, data, durable=False)

    def remove(self, names: Iterable[str]) -> None:
        """Files the next site no longer has."""
        for name in names:
            if os.path.lexists(self.live / name):
                with contextlib.suppress(OSError):
                    os.unlink(self.path / name)

    def commit(self) -> None:
        """The next site becomes the site, in one step; the old one is removed."""
        if self._path is None:
            return
        with deferred_signals():
            try:
                old = _swap(self._path, self.live)
            except OSError as exc:
                hint = ""
                if exc.errno in (errno.EXDEV, errno.EBUSY):
                    hint = " (a mount point cannot be swapped: build into a folder inside it)"
                raise SiteError(f"cannot replace {self.live}: {exc.strerror}{hint}") from None
            self._path = old
            self.discard()

    def discard(self) -> None:
        if self._path is None:
            return
        with deferred_signals():
            shutil.rmtree(self._path, ignore_errors=True)
            self._path = None


@contextlib.contextmanager
def staged(live: Path) -> Iterator[Stage]:
    """A stage that is removed whatever happens; call `commit` to publish it."""
    sweep(live)
    stage = Stage(live)
    try:
        yield stage
    finally:
        stage.discard()


def sweep(live: Path) -> None:
    """Remove the stages of builds that were killed (SIGKILL, power cut) before cleaning up.

    Runs under the site's lock, so no other build is using one.
    """
    with contextlib.suppress(OSError):
        for entry in os.scandir(live.parent):
            if entry.name.startswith(stage_prefix(live)) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)


def _make_copy(live: Path, copy: Path) -> None:
    os.mkdir(copy)
    if live.is_dir():
        os.chmod(copy, stat.S_IMODE(live.stat().st_mode))
        _link_tree(live, copy)


def _link_tree(source: Path, target: Path) -> None:
    for entry in os.scandir(source):
        destination = target / entry.name
        if entry.is_dir(follow_symlinks=False):
            os.mkdir(destination, stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode))
            _link_tree(Path(entry.path), destination)
            continue
        try:
            os.link(entry.path, destination, follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            shutil.copy2(entry.path, destination, follow_symlinks=False)


def _swap(new: Path, live: Path) -> Path:
    """Put `new` at `live`; the path that now holds the old site (gone if there was none)."""
    if not os.path.lexists(live):
        os.rename(new, live)
        return new
    if _exchange(new, live):
        return new
    # No atomic exchange here (not Linux, or the file system lacks it): two renames, between
    # which the site is briefly absent, never mixed.
    old = live.parent / (stage_prefix(live) + "old-" + secrets.token_hex(6))
    os.rename(live, old)
    os.rename(new, live)
    return old


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    paths = (os.fsencode(first.absolute()), os.fsencode(second.absolute()))
    if renameat2(_AT_FDCWD, paths[0], _AT_FDCWD, paths[1], _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(second))
