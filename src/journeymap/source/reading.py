"""Reading bytes safely and turning them into text, with located errors for every refusal."""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from journeymap.diagnostics import Diagnostic, at
from journeymap.source.lines import line_col

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A 1,000-step map is about 400 KB; anything larger is refused before parsing."""

# What we refuse: C0 controls except tab/LF/CR, DEL, every C1 control (NEL included: editors
# do not end a line there, libyaml does, so the two would disagree on what the file says), and
# the non-characters U+FFFE/U+FFFF. Lone surrogates cannot survive strict UTF-8 decoding.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class ReadError(Exception):
    """Raised with a ready diagnostic; the caller reports it and moves on."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.one_line())
        self.diagnostic = diagnostic


def read_bytes(path: Path, display: str, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a regular file of at most `limit` bytes; FIFOs and devices are never opened."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ReadError(at(display, 0, 0, "JM001", "file not found")) from None
    except OSError as exc:
        raise ReadError(at(display, 0, 0, "JM001", f"cannot read file: {exc.strerror}")) from None
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(at(display, 0, 0, "JM001", f"not a regular file ({_file_kind(info)})"))
    if info.st_size > limit:
        raise ReadError(_too_large(display, info.st_size, limit))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ReadError(at(display, 0, 0, "JM001", f"cannot read file: {exc.strerror}")) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ReadError(at(display, 0, 0, "JM001", "not a regular file"))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ReadError(_too_large(display, len(data), limit))
    return data


def _file_kind(info: os.stat_result) -> str:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _too_large(display: str, size: int, limit: int) -> Diagnostic:
    return at(
        display,
        0,
        0,
        "JM002",
        f"file is too large ({size:,} bytes; the limit is {limit:,})",
        hint="split the journey into several maps",
    )


def decode(data: bytes, display: str) -> str:
    """Strict UTF-8 (a leading BOM is accepted and dropped); anything else is refused."""
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            raise ReadError(_wrong_encoding(display, name))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul >= 0 and _looks_like_utf16(data):
        raise ReadError(_wrong_encoding(display, "UTF-16"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(_bad_byte(data, exc.start, display)) from None
    bad = _FORBIDDEN.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        raise ReadError(
            at(
                display,
                line,
                col,
                "JM004",
                f"{character_name(bad.group())} is not allowed in a map",
            )
        )
    return text


def character_name(char: str) -> str:
    """How a refused character is named in a message: its code point, never the character."""
    code = ord(char)
    if code == 0:
        return "NUL byte"
    if code == 0x85:
        return "control character U+0085 (NEL)"
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X}"
    if code in (0xFFFE, 0xFFFF):
        return f"non-character U+{code:04X}"
    return f"control character U+{code:04X}"


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:200]
    return sample.count(b"\x00") * 3 >= len(sample)


def _wrong_encoding(display: str, name: str) -> Diagnostic:
    return at(
        display, 1, 1, "JM003", f"file is {name} encoded; maps must be UTF-8", hint="save as UTF-8"
    )


def _bad_byte(data: bytes, index: int, display: str) -> Diagnostic:
    head = data[:index].decode("utf-8", errors="replace")
    line, col = line_col(head, len(head))
    return at(
        display,
        line,
        col,
        "JM003",
        f"invalid UTF-8 byte 0x{data[index]:02X}",
        hint="the file looks like Latin-1 or another legacy encoding; save it as UTF-8",
    )
