"""Offsets to LSP positions in each encoding, and the token a diagnostic's range covers."""

from __future__ import annotations

import pytest
from lsprotocol import types

from journeymap.lsp.checking import token_end
from journeymap.lsp.positions import LineIndex

TEXT = "a: 😀x\r\nb: 'é q'\rc: {to: d, e: [1]}  # f\n"


@pytest.mark.parametrize(("encoding", "column"), [("utf-16", 5), ("utf-32", 4), ("utf-8", 7)])
def test_positions_count_the_negotiated_code_units(encoding: str, column: int) -> None:
    lines = LineIndex(TEXT, encoding)
    x = TEXT.index("x")
    assert lines.position(x) == types.Position(0, column)
    assert lines.offset(types.Position(0, column)) == x
    assert lines.position(TEXT.index("b")) == types.Position(1, 0)  # after CRLF
    assert lines.position(TEXT.index("c")) == types.Position(2, 0)  # after a lone CR
    assert lines.offset(types.Position(9, 9)) == len(TEXT)
    assert lines.offset(types.Position(1, 99)) == TEXT.index("\rc")


def test_pipeline_positions_are_code_points() -> None:
    lines = LineIndex(TEXT)
    assert lines.offset_of(1, 5) == TEXT.index("x")
    assert lines.offset_of(0, 0) == 0


@pytest.mark.parametrize(
    ("start", "token"),
    [("a:", "a"), ("'é", "'é q'"), ("{to", "{to: d, e: [1]}"), ("d,", "d"), ("[1", "[1]")],
)
def test_a_range_covers_the_whole_token(start: str, token: str) -> None:
    index = TEXT.index(start)
    assert TEXT[index : token_end(TEXT, index)] == token
