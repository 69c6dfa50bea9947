"""Requests answered from the document store: completion, hover, navigation, rename,
code actions and the preview command. Each feature lives in its own module."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeymap.lsp.server import JourneymapServer


def register(server: JourneymapServer) -> None:
    """Nothing yet beyond diagnostics."""
