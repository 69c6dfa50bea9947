"""One English sentence per change, shared by the text, Markdown and HTML reports.

A sentence is a template of our own words with numbered slots, and typed arguments: map
text (quoted, and escaped by each format as it needs), ids (code in Markdown and HTML) and
plain values. No format ever pastes map text into its markup unescaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from journeymap.diagnostics import printable
from journeymap.diff.changes import Change
from journeymap.i18n.english import counted
from journeymap.text.clean import plain_text

MARKERS = {
    "added": "+",
    "removed": "-",
    "changed": "~",
    "renamed": "~",
    "moved": ">",
    "reordered": ">",
}
NAMES = {
    "pain_point": "pain point",
    "blueprint_item": "item",
    "edge": "next",
}
MAX_TEXT = 160


@dataclass(frozen=True, slots=True)
class Arg:
    """`text` is map text, `id` an identifier, `value` a number or word of ours;
    `texts` holds several map texts."""

    kind: str
    value: str | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sentence:
    marker: str
    template: str
    args: tuple[Arg, ...]


def safe(text: str, limit: int = MAX_TEXT) -> str:
    """Map text made one short, inert line: no control or bidi characters, no newlines."""
    one_line = printable(" ".join(plain_text(text).split()))
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


def text(value: str) -> Arg:
    return Arg("text", value)


def ident(value: str) -> Arg:
    return Arg("id", value)


def word(value: str) -> Arg:
    return Arg("value", value)


def shown(value: Any, field: str | None = None) -> Arg:
    """A before/after value as an argument: texts quoted, numbers and flags as words."""
    if value is None or value == [] or value == "":
        return word("(none)")
    if isinstance(value, bool):
        return word("yes" if value else "no")
    if isinstance(value, int) and field == "emotion":
        return word(f"{value:+d}" if value else "0")
    if isinstance(value, int | float):
        return word(f"{value:g}")
    if isinstance(value, str):
        return text(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return Arg("texts", tuple(value))
    return text(json.dumps(value, ensure_ascii=False, sort_keys=True))


def sentence(change: Change) -> Sentence:
    """The words for one change."""
    marker = MARKERS[change.kind]
    template, args = _words(change)
    return Sentence(marker, template, tuple(args))


def _words(c: Change) -> tuple[str, list[Arg]]:
    if c.element == "map":
        return _field_words("map", None, c)
    if c.element in ("stage", "step"):
        return _container_words(c)
    if c.element in ("touchpoint", "metric", "edge", "link"):
        return _local_words(c)
    return _owned_words(c)


def _field_words(subject: str, key: Arg | None, c: Change) -> tuple[str, list[Arg]]:
    """`<subject> <field>: before → after`, with added/removed items for lists of text."""
    head, args = (f"{subject} {{0}} ", [key]) if key else (f"{subject} ", [])
    name = (c.field or "").replace("persona.", "persona ").replace("_", " ")
    n = len(args)
    before, after = c.before, c.after
    if _texts(before) and _texts(after) and before and after:
        gained = [v for v in after if v not in before]
        lost = [v for v in before if v not in after]
        if not gained and not lost:
            return head + name + " reordered", args
        parts, extra = [], []
        if gained:
            parts.append(f"added {{{n}}}")
            extra.append(Arg("texts", tuple(gained)))
        if lost:
            parts.append(f"removed {{{n + len(extra)}}}")
            extra.append(Arg("texts", tuple(lost)))
        return head + name + ": " + "; ".join(parts), args + extra
    template = head + name + f": {{{n}}} → {{{n + 1}}}"
    if c.direction:
        template += f" ({c.direction})"
    return template, [*args, shown(before, c.field), shown(after, c.field)]


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _container_words(c: Change) -> tuple[str, list[Arg]]:
    element, key = c.element, ident(c.id)
    if c.kind in ("added", "removed"):
        data = c.after if c.kind == "added" else c.before
        return _stage_words(c.kind, key, data) if element == "stage" else _step_words(c.kind, data)
    if c.kind == "renamed" and c.field == "id":
        same = "same steps" if element == "stage" else "same content"
        return f"{element} id {{0}} → {{1}} ({same})", [ident(c.before), ident(c.after)]
    if c.kind == "renamed":
        verb = "renamed" if element == "stage" else "retitled"
        return f"{element} {{0}} {verb}: {{1}} → {{2}}", [key, shown(c.before), shown(c.after)]
    if c.kind == "moved":
        return f"{element} {{0}} moved from stage {{1}} to stage {{2}}", [
            key,
            ident(c.before),
            ident(c.after),
        ]
    if c.kind == "reordered":
        within = " within its stage" if element == "step" else ""
        return f"{element} {{0}} moved{within} from position {{1}} to {{2}}", [
            key,
            word(str(c.before)),
            word(str(c.after)),
        ]
    return _field_words(element, key, c)


def _stage_words(kind: str, key: Arg, data: dict[str, Any]) -> tuple[str, list[Arg]]:
    """`stage <id> added: <title> (3 steps)`; stages with built-in titles have none."""
    steps = len(data.get("steps", ()))
    suffix = f" ({counted(steps, 'step', 'steps')})"
    if data.get("title"):
        return f"stage {{0}} {kind}: {{1}}{suffix}", [key, text(data["title"])]
    return f"stage {{0}} {kind}{suffix}", [key]


def _step_words(kind: str, data: dict[str, Any]) -> tuple[str, list[Arg]]:
    """`step <id> added to stage <stage>: <title or action>`."""
    where = "to" if kind == "added" else "from"
    label = data.get("title") or data.get("action") or ""
    args = [ident(data["id"]), ident(data["stage"]), text(label)]
    return f"step {{0}} {kind} {where} stage {{1}}: {{2}}", args


def _local_words(c: Change) -> tuple[str, list[Arg]]:
    """Touchpoints, metrics and next edges of one step; links of a blueprint."""
    if c.element == "touchpoint":
        data = c.after if c.kind == "added" else c.before
        if c.kind in ("added", "removed"):
            subject, args = _touchpoint(data)
            where = "to" if c.kind == "added" else "from"
            n = len(args)
            return f"{subject} {c.kind} {where} step {{{n}}}", [*args, ident(c.step or "")]
        channel, _, name = c.id.partition(":")
        subject, args = _touchpoint({"channel": channel, "name": name})
        n = len(args)
        field = (c.field or "").replace("_", " ")
        template = f"{subject} of step {{{n}}} {field}: {{{n + 1}}} → {{{n + 2}}}"
        return template, [*args, ident(c.step or ""), *_pair(c)]
    if c.element == "metric":
        step = ident(c.step or "")
        if c.kind == "added":
            return "metric {0} added to step {1}: {2}", [ident(c.id), step, shown(c.after)]
        if c.kind == "removed":
            return "metric {0} removed from step {1} (was {2})", [
                ident(c.id),
                step,
                shown(c.before),
            ]
        return "metric {0} of step {1}: {2} → {3}", [ident(c.id), step, *_pair(c)]
    source, target = c.id.split("->", 1)
    subject = "next" if c.element == "edge" else "link"
    ends = [ident(source), ident(target)]
    if c.kind in ("added", "removed"):
        data = c.after if c.kind == "added" else c.before
        label = data.get("label")
        if label:
            return f"{subject} {{0}} → {{1}} {c.kind} ({{2}})", [*ends, text(label)]
        return f"{subject} {{0}} → {{1}} {c.kind}", ends
    field = (c.field or "").replace("_", " ")
    return f"{subject} {{0}} → {{1}} {field}: {{2}} → {{3}}", [*ends, *_pair(c)]


def _touchpoint(data: dict[str, Any]) -> tuple[str, list[Arg]]:
    """A touchpoint by its channel (an id) and name (map text)."""
    if data.get("name"):
        return "touchpoint {0} {1}", [ident(data["channel"]), text(data["name"])]
    return "touchpoint {0}", [ident(data["channel"])]


def _pair(c: Change) -> list[Arg]:
    return [shown(c.before, c.field), shown(c.after, c.field)]


def _owned_words(c: Change) -> tuple[str, list[Arg]]:
    """Pain points, opportunities and blueprint items."""
    name, key = _owned_subject(c)
    data = c.after if c.kind == "added" else c.before
    step = ident(c.step or "")
    if c.kind == "added":
        return _added_owned(name, key, step, data)
    if c.kind == "removed":
        return _removed_owned(name, key, step, c)
    if c.kind == "renamed":
        return f"{name} id {{0}} → {{1}} (same content)", [ident(c.before), ident(c.after)]
    if c.kind == "moved":
        place = "step {1} to step {2}" if c.field == "step" else "{1} to {2}"
        return f"{name} {{0}} moved from {place}", [
            key or word(""),
            ident(c.before),
            ident(c.after),
        ]
    return _field_words(name, key or text(c.id.split(":", 1)[-1]), c)


def _removed_owned(name: str, key: Arg | None, step: Arg, c: Change) -> tuple[str, list[Arg]]:
    """`removed from step S`; a pain point that a step of the new map `resolves` is
    `resolved by step R (gone from step S)`: only a stated resolution resolves."""
    body = text(c.before["text"])
    if key is None:
        return f"{name} removed from step {{0}}: {{1}}", [step, body]
    if c.field != "resolved_by":
        return f"{name} {{0}} removed from step {{1}}: {{2}}", [key, step, body]
    steps = ", ".join(f"{{{n + 1}}}" for n in range(len(c.after)))
    by = [ident(resolver) for resolver in c.after]
    template = f"{name} {{0}} resolved by step {steps} (gone from step {{{len(by) + 1}}})"
    return template + f": {{{len(by) + 2}}}", [key, *by, step, body]


def _owned_subject(c: Change) -> tuple[str, Arg | None]:
    """What to call the element, and its id (None for a blueprint item without one, whose
    change id is `row:text`)."""
    if c.element != "blueprint_item":
        return NAMES.get(c.element, c.element), ident(c.id)
    if ":" in c.id:
        return f"{c.id.split(':', 1)[0]} item", None
    return f"{c.path.rsplit('/', 2)[-2]} item", ident(c.id)


def _added_owned(
    name: str, key: Arg | None, step: Arg, data: dict[str, Any]
) -> tuple[str, list[Arg]]:
    """`<name> <id> added in step <step>: <text> (severity 4, owner <owner>)`."""
    args = [step, text(data.get("text", ""))]
    template = f"{name} added in step {{0}}: {{1}}"
    if key is not None:
        args.insert(0, key)
        template = f"{name} {{0}} added in step {{1}}: {{2}}"
    details = [f"{field} {data[field]}" for field in ("severity", "impact") if data.get(field)]
    if data.get("owner"):
        details.append(f"owner {{{len(args)}}}")
        args.append(text(data["owner"]))
    tail = f" ({', '.join(details)})" if details else ""
    return template + tail, args
