"""`watch` and `serve` from start to stop: build, (serve,) rebuild on every save.

Both run until Ctrl-C or SIGTERM, which reach the caller as KeyboardInterrupt or Terminated
after the server has stopped, a build's workers and stage are gone and a temporary site has
been removed.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from journeymap.serve.building import Build, first_build
from journeymap.serve.origin import url_host
from journeymap.serve.server import HOST, SiteServer
from journeymap.serve.status import Status
from journeymap.serve.watcher import rebuilds

Report = Callable[[Build], None]
_POLL_SECONDS = 0.1  # how soon the server notices it should stop


class ServeError(Exception):
    """The server cannot start (a port in use, say); the message is one line."""


def watch_site(
    directory: Path,
    out: Path,
    *,
    report: Report,
    stop: threading.Event | None = None,
    measures: Path | None = None,
) -> None:
    """Build into `out`, then again after every save (of the measures file too)."""
    report(first_build(directory, out, measures))
    for result in rebuilds(directory, out, stop=stop, measures=measures):
        report(result)


def serve_site(
    directory: Path,
    out: Path | None,
    *,
    port: int,
    host: str = HOST,
    report: Report,
    ready: Callable[[str, Path], None],
    stop: threading.Event | None = None,
    measures: Path | None = None,
) -> None:
    """Build, serve on `host`:`port` and reload open pages after every rebuild.

    Without `out` the site lives in a temporary directory, removed when serving ends.
    `ready` gets the URL and the site directory once the first build is served.
    """
    status = Status()
    with _site_directory(out) as site, _listening(site, status, host, port) as server:
        _publish(status, report, first_build(directory, site, measures))
        ready(server.url, site)
        for result in rebuilds(directory, site, stop=stop, measures=measures):
            _publish(status, report, result)


def _publish(status: Status, report: Report, result: Build) -> None:
    report(result)
    status.publish(result.problems)


@contextlib.contextmanager
def _site_directory(out: Path | None) -> Iterator[Path]:
    if out is not None:
        yield out
        return
    with tempfile.TemporaryDirectory(prefix="journeymap-serve-") as temporary:
        yield Path(temporary) / "site"


@contextlib.contextmanager
def _listening(site: Path, status: Status, host: str, port: int) -> Iterator[SiteServer]:
    """The server, bound before the first build so a busy port fails at once."""
    try:
        server = SiteServer(site, status, port, host=host)
    except OSError as exc:
        where = f"{url_host(host)}:{port}"
        raise ServeError(f"cannot listen on {where}: {exc.strerror or exc}") from None
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": _POLL_SECONDS},
        name="journeymap-serve",
        daemon=True,
    )
    thread.start()
    try:
        yield server
    finally:
        status.close()
        server.shutdown()
        server.server_close()
        thread.join()
