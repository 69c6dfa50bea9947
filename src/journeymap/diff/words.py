"""Sentences made concrete for one output format, and the summary lines every format shares."""

from __future__ import annotations

import re
from collections.abc import Callable

from journeymap.diff.changes import Change, MapDiff, counts
from journeymap.diff.describe import Arg, Sentence, safe
from journeymap.i18n.english import counted

Quote = Callable[[Arg], str]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~$#])")


def plain_arg(arg: Arg) -> str:
    """Terminal text: map text in typographic quotes, ids and values as they are."""
    if arg.kind == "texts":
        return ", ".join(f"“{safe(v)}”" for v in arg.value)
    value = safe(str(arg.value))
    return f"“{value}”" if arg.kind == "text" else value


def md_escape(value: str, limit: int = 160) -> str:
    """Map text that cannot break Markdown. It always sits inside a line after our own
    words, so block syntax (lists, headings, rules) cannot start; every character that
    opens inline syntax (emphasis, code, links, images, HTML, tables, strikethrough, math)
    is backslash-escaped, newlines become spaces, and `@` gets a word joiner so a map
    cannot mention (and notify) people."""
    return _MD_SPECIAL.sub(r"\\\1", safe(value, limit)).replace("@", "@\u2060")


def md_code(value: str) -> str:
    """An id as inline code; anything that could close the code span is escaped instead."""
    cleaned = safe(value)
    if "`" in cleaned or not cleaned:
        return md_escape(cleaned)
    return f"`{cleaned}`"


def md_arg(arg: Arg) -> str:
    if arg.kind == "texts":
        return ", ".join(f"“{md_escape(v)}”" for v in arg.value)
    if arg.kind == "id":
        return md_code(str(arg.value))
    if arg.kind == "text":
        return f"“{md_escape(str(arg.value))}”"
    return str(arg.value)  # our own words and numbers


def fill(sentence: Sentence, quote: Quote) -> str:
    """The sentence with each argument formatted by `quote` (templates are our own text)."""
    return sentence.template.format(*(quote(arg) for arg in sentence.args))


def count_words(changes: list[Change]) -> str:
    """`4 added, 1 removed, 3 changed` in the fixed order of change kinds."""
    return ", ".join(f"{n} {kind}" for kind, n in counts(changes).items())


def map_summary(diff: MapDiff) -> str:
    """One line about one map: what happened to it, and how many changes of each kind."""
    if diff.status == "added":
        return f"map added ({plural(diff.steps, 'step')})"
    if diff.status == "deleted":
        return f"map deleted ({plural(diff.steps, 'step')})" if diff.steps else "map deleted"
    if not diff.changes:
        return "no changes"
    return f"{plural(len(diff.changes), 'change')}: {count_words(diff.changes)}"


def overall(maps: list[MapDiff]) -> str:
    """The run in one line: maps compared and what happened to them."""
    if not maps:
        return "no maps changed"
    by_status: dict[str, int] = {}
    for diff in maps:
        by_status[diff.status] = by_status.get(diff.status, 0) + 1
    changes = sum(len(d.changes) for d in maps)
    parts = [
        f"{by_status[s]} {s}"
        for s in ("modified", "added", "deleted", "unchanged")
        if by_status.get(s)
    ]
    head = f"{plural(len(maps), 'map')} compared: {', '.join(parts)}"
    return head + (f"; {plural(changes, 'change')}" if changes else "")


def plural(n: int, one: str, other: str | None = None) -> str:
    """`1 change`, `2 changes` by CLDR's English rules; `other` for a noun not made with -s."""
    return counted(n, one, other or f"{one}s")
