"""The preview command: open the live `journeymap serve` page of the current map.

One `serve` process per project, started on first use on a free loopback port and ended
with the language server. Its output never reaches our stdout (that is the protocol's).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from pathlib import Path

from journeymap.config import real_path

COMMAND = "journeymap.preview"
_START_SECONDS = 120.0
"""The first build of a large project's site can take a while."""


class Previews:
    def __init__(self) -> None:
        self.running: dict[Path, tuple[asyncio.subprocess.Process, str]] = {}
        self._drains: list[asyncio.Task[None]] = []

    async def page(self, root: Path, path: Path) -> str:
        """The URL of a map's page on its project's live site (started if needed)."""
        relative = real_path(path).relative_to(real_path(root)).with_suffix(".html")
        return f"{await self._site(root)}/maps/{relative.as_posix()}"

    async def _site(self, root: Path) -> str:
        running = self.running.get(root)
        if running is not None and running[0].returncode is None:
            return running[1]
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "journeymap", "serve", str(root), "--port", "0"),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            url = await asyncio.wait_for(_announced_url(process), _START_SECONDS)
        except BaseException:
            _end(process)
            raise
        self._drains.append(asyncio.ensure_future(_drain(process)))
        self.running[root] = (process, url)
        return url

    def stop(self) -> None:
        for process, _ in self.running.values():
            _end(process)
        self.running.clear()


async def _announced_url(process: asyncio.subprocess.Process) -> str:
    """`serve` prints `serving at URL` once the site is built."""
    assert process.stdout is not None
    while line := await process.stdout.readline():
        text = line.decode("utf-8", "replace").strip()
        if text.startswith("serving at "):
            return text.removeprefix("serving at ").split()[0].rstrip("/")
    raise RuntimeError("journeymap serve ended before serving the site")


async def _drain(process: asyncio.subprocess.Process) -> None:
    """Read what `serve` prints after each rebuild, so its pipe never fills."""
    if process.stdout is not None:
        while await process.stdout.readline():
            pass


def _end(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
