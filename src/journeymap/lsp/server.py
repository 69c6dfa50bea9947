"""The protocol wiring: each request or notification calls one feature function.

Every handler is wrapped by `guarded`: a bug or an unexpected input becomes a log line on
stderr and an empty answer, never a crash, and nothing but protocol reaches stdout.
Diagnostics are debounced: a burst of keystrokes is checked once, after the last one.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from journeymap import __version__
from journeymap.diagnostics import printable
from journeymap.lsp.checking import check_document, to_lsp
from journeymap.lsp.preview import Previews
from journeymap.lsp.workspace import Store

DEBOUNCE_SECONDS = 0.05
"""Changes of one document closer together than this are one burst of typing (editors send
one per keystroke), checked once after its last change."""

log = logging.getLogger("journeymap.lsp")
F = TypeVar("F", bound=Callable[..., Any])


def guarded(handler: F) -> F:
    @functools.wraps(handler)
    def run(*args: Any) -> Any:
        try:
            return handler(*args)
        except JsonRpcException:
            raise  # a deliberate error answer (an invalid new name, say)
        except Exception:
            log.exception("%s failed", handler.__name__)
            return None

    return run  # type: ignore[return-value]


class JourneymapServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("journeymap", __version__)
        self.store = Store()
        self.previews = Previews()
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.last_change: dict[str, float] = {}

    def schedule_check(self, uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
        """Check after `delay`; a change that comes sooner moves the check after itself.

        After a pause (no change or check of this document for `delay`), the first change is
        checked at once: the debounce folds bursts, it does not delay a single edit."""
        loop = asyncio.get_running_loop()
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        now = loop.time()
        idle = now - self.last_change.get(uri, float("-inf")) >= delay
        self.last_change[uri] = now
        self.pending[uri] = loop.call_later(0 if idle else delay, self.check_now, uri)

    @guarded
    def check_now(self, uri: str) -> None:
        try:
            self._check(uri)
        finally:  # changes read while this check ran are one burst with it
            self.last_change[uri] = asyncio.get_running_loop().time()

    def _check(self, uri: str) -> None:
        self.pending.pop(uri, None)
        document = self.store.get(uri)
        if document is None:
            return
        found: list[types.Diagnostic] = []
        if document.is_map or document.source is None:
            found = to_lsp(check_document(document, self.store), document)
        params = types.PublishDiagnosticsParams(uri, found, document.version)
        self.text_document_publish_diagnostics(params)

    def recheck_dependents(self, uri: str) -> None:
        """Open maps that read this file (a persona, a based_on map) are checked again."""
        changed = self.store.get(uri)
        if changed is None:
            return
        target = changed.path.resolve()
        for other in list(self.store.open.values()):
            if other.uri != uri and target in other.depends_on:
                self.schedule_check(other.uri)


def create_server() -> JourneymapServer:
    server = JourneymapServer()
    _register_sync(server)
    from journeymap.lsp import features

    features.register(server)
    return server


def _register_sync(server: JourneymapServer) -> None:
    @server.feature(types.INITIALIZED)
    @guarded
    def initialized(ls: JourneymapServer, params: types.InitializedParams) -> None:
        encoding = ls.workspace.position_encoding or "utf-16"
        ls.store.encoding = str(getattr(encoding, "value", encoding))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded
    def did_open(ls: JourneymapServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        ls.store.update(item.uri, item.text, item.version)
        ls.schedule_check(item.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded
    def did_change(ls: JourneymapServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        text = ls.workspace.get_text_document(uri).source
        ls.store.update(uri, text, params.text_document.version)
        ls.schedule_check(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded
    def did_save(ls: JourneymapServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.recheck_dependents(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded
    def did_close(ls: JourneymapServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.store.close(uri)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


class OneLine(logging.Formatter):
    """Log records as one line each on stderr: a malformed message or a failed handler is
    worth a line in the editor's log, not a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage().strip().split("\n", 1)[0]
        error = record.exc_info[1] if record.exc_info else None
        if error is not None:
            text += f": {type(error).__name__}: {error}"
        return printable(f"journeymap lsp: {text}")


def run_stdio() -> None:
    """Serve on stdin/stdout until the client exits or closes the pipe."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLine())
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    protocol = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print (a lint plugin's, say) cannot corrupt the protocol
    server = create_server()
    try:
        server.start_io(sys.stdin.buffer, protocol)
    finally:
        server.previews.stop()
