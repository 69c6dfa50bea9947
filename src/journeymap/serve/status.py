"""The state every open page follows: a build generation and the last build's problems.

Pages are served with the generation they show; the event stream tells them the current
one, and a page whose generation is old reloads itself.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Sequence


class Status:
    """Shared between the build loop (which publishes) and the server's request threads."""

    def __init__(self) -> None:
        # A fresh token per server, so a page left open across a restart reloads too.
        self._token = secrets.token_hex(4)
        self._count = 0
        self._problems: tuple[str, ...] = ()
        self._closed = False
        self._changed = threading.Condition()

    @property
    def generation(self) -> str:
        return f"{self._token}-{self._count}"

    def snapshot(self) -> tuple[str, tuple[str, ...]]:
        """The generation and its problems, read together."""
        with self._changed:
            return self.generation, self._problems

    def publish(self, problems: Sequence[str]) -> None:
        """A build finished: a new generation, and wake every waiting stream."""
        with self._changed:
            self._count += 1
            self._problems = tuple(problems)
            self._changed.notify_all()

    def wait(self, seen: str | None, timeout: float) -> str | None:
        """The generation once it differs from `seen` (or at the timeout); None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self.generation != seen, timeout)
            return None if self._closed else self.generation

    def close(self) -> None:
        """The server is stopping: let every stream end."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
