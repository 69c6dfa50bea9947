"""Checks of journeymap.toml's `[analytics]` table that the schema cannot express.

The time zone must be one the zone database knows (with a did-you-mean), and paths written
in the project file must stay inside the project root: a shared project must not make
`measure` read, or `render` overlay, a file elsewhere on the reader's machine.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from pathlib import Path
from typing import Any

Problem = tuple[tuple[str, ...], str, str, str | None]

_TABLE_SUFFIX = re.compile(r"^(?P<file>.+\.(?:duckdb|db|ddb)):(?P<table>[^/\\]+)$")


def analytics_problems(data: dict[str, Any], root: Path) -> list[Problem]:
    table = data.get("analytics")
    if not isinstance(table, dict):
        return []
    found: list[Problem] = []
    zone = table.get("timezone")
    if isinstance(zone, str):
        found.extend(_zone_problems(zone))
    for key in ("events", "measures"):
        value = table.get(key)
        if isinstance(value, str):
            found.extend(_path_problems(key, value, root))
    return found


def log_file_part(value: str) -> str:
    """The file of `events`: `app.duckdb:events` names table `events` in `app.duckdb`."""
    matched = _TABLE_SUFFIX.match(value)
    return matched.group("file") if matched else value


@functools.cache
def known_zones() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def zone_hint(zone: str) -> str | None:
    """None for a zone the zone database knows; else what to write instead."""
    zones = known_zones()
    if zone in zones or len(zones) <= 1:
        return None
    close = difflib.get_close_matches(zone, sorted(zones), n=1)
    return f"did you mean {close[0]!r}?" if close else "use an IANA name such as 'Europe/Paris'"


def _zone_problems(zone: str) -> list[Problem]:
    hint = zone_hint(zone)
    if hint is None:
        return []
    return [(("analytics", "timezone"), "JM105", f"unknown time zone {zone!r}", hint)]


def _path_problems(key: str, value: str, root: Path) -> list[Problem]:
    part = log_file_part(value) if key == "events" else value
    pointer = ("analytics", key)
    if "://" in part or Path(part).is_absolute() or part.startswith("~"):
        hint = "write a path relative to the project root; give other logs with --events"
        return [(pointer, "JM201", f"{key} must be a path inside the project, not {value!r}", hint)]
    real_root = os.path.realpath(root)
    target = os.path.realpath(root / _glob_base(part))
    if os.path.commonpath([real_root, target]) != real_root:
        hint = "paths in journeymap.toml stay inside the project; give other logs with --events"
        return [(pointer, "JM202", f"{key} {value!r} leads outside the project root", hint)]
    return []


def _glob_base(part: str) -> str:
    """The folders of a glob before its first wildcard: what the path can reach."""
    pieces: list[str] = []
    for piece in Path(part).parts:
        if any(c in piece for c in "*?["):
            break
        pieces.append(piece)
    return os.path.join(*pieces) if pieces else "."
