"""Saves to builds: watch a project for changed maps, personas and config, rebuild each time.

watchfiles (inotify on Linux) groups a burst of events, as an editor's save makes, into one
change; a short debounce keeps the time from save to rebuilt page well under half a second.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import watchfiles

from journeymap.interrupt import Terminated
from journeymap.serve.building import Build, rebuild

DEBOUNCE_MS = 50
STEP_MS = 20
_SOURCES = frozenset({".yaml", ".yml"})
_CONFIG = "journeymap.toml"


class SourceFilter:
    """Keeps changes to map, persona and config files; drops the site and hidden paths."""

    def __init__(self, directory: Path, out: Path, measures: Path | None = None) -> None:
        self._root = directory.resolve()
        self._out = out.resolve()
        self.measures = _measures_file(self._root, measures)
        """The measures file drawn over the maps, watched wherever it is."""

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        changed = Path(path)
        if self.measures is not None and changed == self.measures:
            return True
        if changed.is_relative_to(self._out) or not changed.is_relative_to(self._root):
            return False
        if any(part.startswith(".") for part in changed.relative_to(self._root).parts):
            return False
        if changed.name == _CONFIG or changed.suffix in _SOURCES:
            return True
        # A removed folder may have held maps; its own event is all that is left of them.
        return change is watchfiles.Change.deleted and not changed.suffix


def project_root(directory: Path) -> Path:
    """The folder `build DIR` builds: the project's root (config.load_project's rule)."""
    from journeymap.config import find_root

    return find_root(directory) or directory.resolve()


def _measures_file(root: Path, measures: Path | None) -> Path | None:
    """The measures file drawn over the maps: `--measures`, else the project's (if any)."""
    if measures is not None:
        return measures.resolve()
    from journeymap.config import load_project

    configured = load_project(root)[0].analytics.measures
    return (root / configured).resolve() if configured else None


def rebuilds(
    directory: Path,
    out: Path,
    *,
    stop: threading.Event | None = None,
    measures: Path | None = None,
) -> Iterator[Build]:
    """A build after each change, until `stop` is set (or Ctrl-C, which propagates).
    The whole project is watched, as `build DIR` builds it: from the nearest folder with a
    journeymap.toml (else DIR itself), so a persona outside DIR reloads too. A measures file
    outside the project is watched too."""
    root = project_root(directory)
    keep = SourceFilter(root, out, measures)
    watched = keep.measures
    paths = [root] if watched is None or watched.is_relative_to(root) else [root, watched.parent]
    changes = watchfiles.watch(
        *paths,
        watch_filter=keep,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
    )
    with _noting_sigterm() as terminated:
        try:
            for _ in changes:
                yield rebuild(directory, out, measures)
        except KeyboardInterrupt:
            if terminated:
                raise Terminated from None
            raise


@contextlib.contextmanager
def _noting_sigterm() -> Iterator[list[int]]:
    """watchfiles turns any signal's exception into KeyboardInterrupt; this remembers when
    it was SIGTERM, so the caller still sees Terminated (and exits 143, not 130)."""
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is not threading.main_thread() or not callable(previous):
        yield []
        return
    seen: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        seen.append(signum)
        previous(signum, frame)

    signal.signal(signal.SIGTERM, note)
    try:
        yield seen
    finally:
        signal.signal(signal.SIGTERM, previous)
