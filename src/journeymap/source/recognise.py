"""Whether a file is a journey map or persona at all, decided before anything in it is echoed.

A scan meets every YAML file in a project: CI settings, secrets, data. Their keys and values
must not reach a terminal, a CI log or the site's index, so a file that does not start like a
map (`journeymap:` and a known `kind:`) is reported by what it lacks, never by what it holds.
"""

from __future__ import annotations

import dataclasses
import re
import stat
from pathlib import Path

from journeymap.diagnostics import Diagnostic

MAP_KINDS = ("current-state", "day-in-the-life", "future-state", "service-blueprint", "persona")
NOT_SHOWN = "the file is not a journey map or persona, so nothing else in it is shown"

_LINE_START = r"(?:\A|(?<=[\r\n]))"
_LINE_END = r"[ \t]*(?:#[^\r\n]*)?(?:[\r\n]|\Z)"
_VERSION_LINE = re.compile(_LINE_START + r"journeymap[ \t]*:")
_KIND_LINE = re.compile(
    _LINE_START + r"kind[ \t]*:[ \t]*(['\"]?)(?:" + "|".join(MAP_KINDS) + r")\1" + _LINE_END
)
_ECHOING = {
    "JM005": "YAML syntax error",
    "JM007": "duplicate key",
    "JM009": "explicit YAML tag is not allowed",
}
"""Refusals of the YAML stage whose message names a key, tag or value from the file (a
syntax error's hint quotes the line it suggests quoting)."""


def is_map_data(data: object) -> bool:
    """A mapping with a `journeymap` version and a known `kind`."""
    return isinstance(data, dict) and "journeymap" in data and data.get("kind") in MAP_KINDS


def looks_like_map(text: str) -> bool:
    """The same test on text that did not parse: top-level `journeymap:` and `kind:` lines."""
    return bool(_VERSION_LINE.search(text)) and bool(_KIND_LINE.search(text))


def without_content(diagnostic: Diagnostic, text: str) -> Diagnostic:
    """A YAML-stage refusal of a file that is not a map, with no key or tag of it named."""
    if diagnostic.code not in _ECHOING or looks_like_map(text):
        return diagnostic
    return dataclasses.replace(diagnostic, message=_ECHOING[diagnostic.code], hint=NOT_SHOWN)


def declares_map(path: Path) -> bool:
    """Whether a file found by a scan says it is a map: a top-level `journeymap:` line.

    For `validate --only-maps` (the pre-commit hook), which checks a whole repository's maps
    and must pass over its CI settings and data. A file that cannot be read as UTF-8 text,
    or is not a regular file, counts as a map, so the reader reports what is wrong with it.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return True
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
        text = head.decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return True
    return bool(_VERSION_LINE.search(text))


_HEAD_BYTES = 2 * 1024 * 1024
