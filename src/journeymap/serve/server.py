"""The static server: files of one site directory on 127.0.0.1, pages with live reload.

It serves regular files inside the site only (no `..`, no hidden paths, no symlink that
leads out), never lists a directory, and answers only requests addressed to 127.0.0.1 or
localhost, so a web page cannot reach it through DNS rebinding.
"""

from __future__ import annotations

import contextlib
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

from journeymap.serve.reload import (
    BASE_POLICY,
    EVENTS_PATH,
    not_found_page,
    rewrite_policy,
    served_page,
)
from journeymap.serve.status import Status

HOST = "127.0.0.1"
_KEEPALIVE_SECONDS = 15.0
_RETRY_MS = 500  # how soon a page reconnects after the server restarts
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".css": "text/css; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}


class SiteServer(ThreadingHTTPServer):
    """One thread per request; an open event stream holds its thread until the page goes."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, root: Path, status: Status, port: int) -> None:
        self.root = root.resolve()
        self.status = status
        super().__init__((HOST, port), SiteHandler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_port}/"

    def hosts(self) -> set[str]:
        """The Host headers a local browser sends (without the port when it is 80)."""
        names = (HOST, "localhost")
        bare = set(names) if self.server_port == 80 else set()
        return {f"{name}:{self.server_port}" for name in names} | bare

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that goes away mid-response (a reload does that) is not an error."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"journeymap: serving a request failed: {error!r}", file=sys.stderr)


def locate(root: Path, url_path: str) -> Path | None:
    """The file a URL path names inside `root`, or None: outside, hidden, missing or a folder.

    A folder's `index.html` stands for the folder (only when the path ends with `/`).
    """
    relative = unquote(url_path)
    if "\0" in relative or "\\" in relative:
        return None
    parts = [part for part in relative.split("/") if part]
    if any(part.startswith(".") for part in parts):
        return None
    candidate = root.joinpath(*parts)
    if relative.endswith("/") or not parts:
        candidate = candidate / "index.html"
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root) or not resolved.is_file():
        return None
    return resolved


def _read(path: Path) -> bytes | None:
    """None when the file went away between finding and reading it (a rebuild removed it)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


class SiteHandler(BaseHTTPRequestHandler):
    def version_string(self) -> str:
        return "journeymap"

    @property
    def site(self) -> SiteServer:
        return cast(SiteServer, self.server)

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows builds and their problems, not every request."""

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _respond(self, *, head: bool) -> None:
        host = self.headers.get("Host")
        if host is not None and host.lower() not in self.site.hosts():
            self.send_error(HTTPStatus.FORBIDDEN, "Not a local address")
            return
        path = urlsplit(self.path).path
        if path == EVENTS_PATH and not head:
            self._stream_events()
            return
        found = locate(self.site.root, path)
        data = _read(found) if found is not None else None
        if found is None or data is None:
            self._send_page(HTTPStatus.NOT_FOUND, not_found_page(path), head=head)
        elif found.suffix == ".html":
            text = data.decode("utf-8", "surrogateescape")
            self._send_page(HTTPStatus.OK, text, head=head)
        else:
            self._send(HTTPStatus.OK, _TYPES.get(found.suffix), data, head=head)

    def _send_page(self, code: HTTPStatus, text: str, *, head: bool) -> None:
        generation, problems = self.site.status.snapshot()
        page = served_page(text, generation=generation, problems=problems)
        body = page.encode("utf-8", "surrogateescape")
        self._send(code, _TYPES[".html"], body, head=head, policy=rewrite_policy(BASE_POLICY))

    def _send(
        self,
        code: HTTPStatus,
        content_type: str | None,
        body: bytes,
        *,
        head: bool,
        policy: str = BASE_POLICY,
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _stream_events(self) -> None:
        """Server-sent events: the generation now, then each new one, until the page goes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen: str | None = None
        with contextlib.suppress(OSError):
            while (current := self.site.status.wait(seen, _KEEPALIVE_SECONDS)) is not None:
                message = ": keepalive\n\n" if current == seen else f"data: {current}\n\n"
                if seen is None:
                    message = f"retry: {_RETRY_MS}\n{message}"
                self.wfile.write(message.encode("ascii"))
                self.wfile.flush()
                seen = current
