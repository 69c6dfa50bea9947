"""`journeymap validate --fix`: apply the safe fixes to files on disk, atomically.

A file is checked, fixed in memory and checked again (a fixed key can let the lint rules
run and find a misspelled id), at most a few rounds, then written once if anything changed.
Only the characters of the fixed tokens change; the encoding's BOM and every line ending
are kept.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journeymap.config import load_project
from journeymap.diagnostics import Diagnostic
from journeymap.fix import apply, safe_fixes
from journeymap.output import write_atomic
from journeymap.pipeline import check_source, open_session
from journeymap.runner import expand
from journeymap.source import parse_text
from journeymap.source.reading import ReadError, decode, read_bytes

_ROUNDS = 4


@dataclass(frozen=True)
class Fixed:
    display: str
    count: int


def fix_arguments(arguments: Iterable[str]) -> list[Fixed]:
    """Fix every map the arguments name; nothing when any argument is a usage error (the
    validation that follows reports it)."""
    expansion = expand(arguments)
    if expansion.missing or expansion.outside:
        return []
    fixed = (fix_file(path) for path in expansion.files)
    return [f for f in fixed if f is not None and f.count]


def fix_file(path: Path) -> Fixed | None:
    project, _ = load_project(path.parent)
    display = project.display(path)
    try:
        data = read_bytes(path, display)
        text = decode(data, display)
    except ReadError:
        return None  # validation reports it
    fixed, count = fixed_text(path, text, display)
    if count:
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        mode = os.stat(path).st_mode & 0o7777
        write_atomic(path, bom + fixed.encode("utf-8"))
        os.chmod(path, mode)
    return Fixed(display, count)


def fixed_text(path: Path, text: str, display: str) -> tuple[str, int]:
    """The text with every safe fix applied, and how many were applied."""
    count = 0
    session = open_session(load_project(path.parent)[0])
    for _ in range(_ROUNDS):
        source = parse_text(text, display)
        if isinstance(source, Diagnostic):
            break
        source.path = path
        edits = safe_fixes(source, check_source(source, session).diagnostics)
        if not edits:
            break
        text, count = apply(text, edits), count + len(edits)
    return text, count
