"""The static server: files of one site directory, on 127.0.0.1 by default, with live reload.

It serves regular files inside the site only (no `..`, no hidden paths, no symlink that
leads out), never lists a directory, and answers only origin-form requests whose Host names
it (`origin`), so a web page cannot reach it through DNS rebinding. It stays up for others:
a request's line and headers must arrive whole, within 64 KiB and 100 headers (else 431),
within a few seconds (else the connection is closed); each connection has its own thread.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast
from urllib.parse import unquote

from journeymap.serve.origin import Origin, origin_form, url_host
from journeymap.serve.reload import (
    BASE_POLICY,
    EVENTS_PATH,
    PAGE_SCRIPTS,
    not_found_page,
    rewrite_policy,
    served_page,
)
from journeymap.serve.status import Status

HOST = "127.0.0.1"
HEADER_BYTES = 64 * 1024  # the request line and every header together
REQUEST_SECONDS = 5.0  # for the request line and headers to arrive
_DRAIN_BYTES = 16 * 1024 * 1024  # read past a refused request, so the client gets the answer
_DRAIN_SECONDS = 1.0
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

    def __init__(
        self,
        root: Path,
        status: Status,
        port: int,
        *,
        host: str = HOST,
        request_seconds: float = REQUEST_SECONDS,
    ) -> None:
        self.root = root.resolve()
        self.status = status
        self.request_seconds = request_seconds
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), SiteHandler)
        self.host = host
        self.origin = Origin(host, self.server_port)

    @property
    def url(self) -> str:
        return f"http://{url_host(self.host)}:{self.server_port}/"

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


class _Bounded:
    """The request's input while its headers are read: past `limit` bytes in all, the
    header line is "too long" (http.server answers 431)."""

    def __init__(self, raw: io.BufferedIOBase, limit: int) -> None:
        self.raw, self.left = raw, limit

    def readline(self, size: int = -1) -> bytes:
        line = self.raw.readline(self.left + 1 if size < 0 else min(size, self.left + 1))
        self.left -= len(line)
        if self.left < 0:
            raise http.client.LineTooLong("header section")
        return line


class SiteHandler(BaseHTTPRequestHandler):
    def version_string(self) -> str:
        return "journeymap"

    def setup(self) -> None:
        self.refused_early = self.hung_up = False
        super().setup()
        self.connection.settimeout(self.site.request_seconds)  # a stalled read or write ends it

    def handle_one_request(self) -> None:
        """With a deadline for the request line and headers: a client that sends them slowly
        (or never) loses its connection; it would otherwise hold a thread forever."""
        self.deadline = threading.Timer(self.site.request_seconds, self._hang_up)
        self.deadline.daemon = True
        self.deadline.start()
        try:
            super().handle_one_request()
        finally:
            self.deadline.cancel()

    def parse_request(self) -> bool:
        raw = self.rfile
        line: bytes = getattr(self, "raw_requestline", b"")
        self.rfile = cast(io.BufferedIOBase, _Bounded(raw, HEADER_BYTES - len(line)))
        try:
            parsed = super().parse_request()
        finally:
            self.rfile = raw
        self.deadline.cancel()
        if self.hung_up:  # what was read is a fragment, and nobody is there for an answer
            self.close_connection = True
            return False
        if not parsed:
            self.refused_early = True
            return False
        return self._for_this_server()

    def _for_this_server(self) -> bool:
        """Origin-form only, and one Host that names this server."""
        hosts = self.headers.get_all("Host") or []
        if not origin_form(self.path):
            self.send_error(HTTPStatus.BAD_REQUEST, "Only origin-form requests are served")
        elif len(hosts) != 1:
            self.send_error(HTTPStatus.BAD_REQUEST, "Exactly one Host header is required")
        elif not self.site.origin.allows(hosts[0]):
            self.send_error(HTTPStatus.FORBIDDEN, "Not an address of this server")
        else:
            return True
        return False

    def _hang_up(self) -> None:
        self.hung_up = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def finish(self) -> None:
        """After refusing a request whose rest is still coming, read (and drop) a bounded
        amount of it: closing with unread input resets the connection, and the client
        would lose the answer."""
        super().finish()
        if not self.refused_early:
            return
        end, left = time.monotonic() + _DRAIN_SECONDS, _DRAIN_BYTES
        with contextlib.suppress(OSError, ValueError):  # ValueError: no time left
            self.connection.shutdown(socket.SHUT_WR)
            while left > 0:
                self.connection.settimeout(end - time.monotonic())
                chunk = self.connection.recv(65536)
                if not chunk:
                    break
                left -= len(chunk)

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
        path = self.path.split("?", 1)[0].split("#", 1)[0]
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
        self._send(
            code,
            _TYPES[".html"],
            body,
            head=head,
            policy=rewrite_policy(f"{BASE_POLICY}; {PAGE_SCRIPTS}"),
        )

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
