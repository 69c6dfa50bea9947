"""Plain words for the YAML syntax errors people make in maps, placed where the cause is.

libyaml says "mapping values are not allowed in this context" for `title: Booking: a visit`
and reports an unclosed quote at the end of the file. The causes are few and recognisable:
an unquoted `: ` in a value, a quote that is never closed, a quote inside quoted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SHOWN = 60
"""Longest value quoted back in a hint; longer ones are cut with an ellipsis."""


@dataclass(frozen=True)
class Explanation:
    index: int
    message: str
    hint: str


def explain(exc: yaml.MarkedYAMLError, text: str) -> Explanation | None:
    """What a syntax error most likely means, or None when it is none of the known causes."""
    problem = exc.problem or ""
    start = exc.context_mark.index if exc.context_mark else None
    if "quoted scalar" in (exc.context or "") and "end of stream" in problem and start:
        return _unclosed(text, start)
    index = exc.problem_mark.index if exc.problem_mark else None
    if index is None:
        return None
    if "mapping values are not allowed" in problem:
        return _colon_in_value(text, index)
    return _after_quoted(text, index)


def _unclosed(text: str, start: int) -> Explanation:
    quote = text[start : start + 1]
    return Explanation(
        start,
        f"the quote {quote} opened here is never closed",
        f"end the text with {quote} on the same line",
    )


def _colon_in_value(text: str, index: int) -> Explanation | None:
    """`key: some: text`: libyaml points at the second colon; suggest quoting the value.

    In a list item whose first word is not a key (`- Learn: why: now`), the whole item is
    the text to quote.
    """
    line_start = text.rfind("\n", 0, index) + 1
    line = text[line_start : _line_end(text, index)]
    indent = len(line) - len(line.lstrip(" -"))
    key, colon, value = line[indent:].partition(": ")
    if line[:indent].rstrip().endswith("-") and not _KEY.fullmatch(key):
        key, colon, value = "", ": ", line[indent:]
    value = value.strip()
    if not colon or not value or ": " not in value or value[0] in "\"'[{":
        return None
    written = f"{key}: " if key else "- "
    return Explanation(
        line_start + indent + (len(key) + 2 if key else 0),
        "a value holding ': ' must be quoted",
        f"quote the value: {written}{_double_quoted(value)}",
    )


_KEY = re.compile(r"[a-z_][a-z0-9_]*")


def _after_quoted(text: str, index: int) -> Explanation | None:
    """An error just after a quoted value: a quote inside it, or a closing quote missing."""
    token = _quoted_before(text, index)
    if token is None:
        return None
    start, end = token.start_mark.index, token.end_mark.index
    quote = text[start]
    if "\n" in text[start:end]:
        return Explanation(
            start,
            f"the quoted text opened here runs on to line {token.end_mark.line + 1}",
            f"end the text with {quote} on the same line; the quote closes where a later line"
            f" has {quote}",
        )
    if text[index : index + 1].isspace() or index != end:
        return None
    return Explanation(
        start,
        f"text goes on after the quoted text {text[start:end]} closes",
        _INNER_QUOTE[quote],
    )


_INNER_QUOTE = {
    '"': 'write \\" for a quote inside "...", or quote the whole value with \'...\'',
    "'": "write '' for a quote inside '...', or quote the whole value with \"...\"",
}


def _quoted_before(text: str, index: int) -> yaml.ScalarToken | None:
    """The quoted scalar that ends nearest before `index` on its line, if any."""
    found: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(text[: _line_end(text, index)], Loader=_SCANNER):
            if token.start_mark.index >= index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                found = token
    except yaml.YAMLError:
        pass
    line_start = text.rfind("\n", 0, index) + 1
    if found is None or found.end_mark.index < line_start:
        return None
    return found


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _double_quoted(value: str) -> str:
    if value.endswith((" #", "#")) or " #" in value:
        value = value.split(" #", 1)[0].rstrip()
    shown = value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'
