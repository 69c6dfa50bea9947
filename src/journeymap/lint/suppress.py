"""Inline suppression: `# journeymap: disable=JM305` comments in a map.

- at the end of a line: silences those rules on that line;
- alone on a line: silences them on the next line that is not blank or a comment;
- `disable-file=`: silences them in the whole file.

A suppression that silences nothing is itself reported (JM300), so stale ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from journeymap.lint.registry import find
from journeymap.source.lines import split_lines

MARKER = "journeymap:"
_COMMENT = re.compile(
    r"(?:^|\s)#\s*journeymap:\s*(disable|disable-file)\s*=\s*([A-Za-z0-9_\-, ]+?)\s*$"
)


@dataclass
class Suppression:
    line: int
    col: int
    target: int | None
    """The line it applies to; None for the whole file."""
    codes: dict[str, str]
    """rule code -> the name as written."""
    unknown: list[str]
    used: set[str] = field(default_factory=set)

    def covers(self, code: str, line: int) -> bool:
        return code in self.codes and (self.target is None or self.target == line)


def parse(text: str) -> list[Suppression]:
    if MARKER not in text:
        return []
    lines = split_lines(text)
    found = []
    for index, raw in enumerate(lines):
        match = _COMMENT.search(raw) if MARKER in raw else None
        if match is None:
            continue
        col = raw.index("#", match.start()) + 1
        alone = not raw[: col - 1].strip()
        target = None if match.group(1) == "disable-file" else _target(lines, index, alone)
        codes, unknown = {}, []
        for name in (n.strip() for n in match.group(2).split(",") if n.strip()):
            rule = find(name)
            if rule is None:
                unknown.append(name)
            else:
                codes[rule.code] = name
        found.append(Suppression(index + 1, col, target, codes, unknown))
    return found


def _target(lines: list[str], index: int, alone: bool) -> int:
    if not alone:
        return index + 1
    for later in range(index + 1, len(lines)):
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return index + 2
