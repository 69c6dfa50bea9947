"""`journeymap lsp` on the command line: options, and the missing extra as one line."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

from conftest import Result

Cli = Callable[..., Result]


def test_an_unknown_option_is_status_2(cli: Cli) -> None:
    assert cli("lsp", "--no-such-option").exit_code == 2


def test_without_the_lsp_extra_it_says_what_to_install(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "journeymap.lsp.server", None)
    result = cli("lsp", "--stdio")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("journeymap: the language server needs pygls and lsprotocol")
    assert result.stderr.rstrip().endswith("pip install 'journeymap[lsp]'")
    assert result.stderr.count("\n") == 1
