"""Hover: a step's action, stage, emotion and measured reach and drop-off; a pain point's
or item's text; a persona's name; a lint code's documentation; a key's schema description."""

from __future__ import annotations

import re

from lsprotocol import types

from journeymap.lsp import schema_facts
from journeymap.lsp.scope import definitions
from journeymap.lsp.symbols import Token
from journeymap.lsp.workspace import Document, Store

_CODE = re.compile(r"JM\d{3}")
_KEY = re.compile(r"[A-Za-z_][\w-]*(?=\s*:)")


def hover(store: Store, document: Document, position: types.Position) -> types.Hover | None:
    offset = document.lines.offset(position)
    token = document.index.at(offset)
    text = _about_token(store, document, token) if token else None
    text = text or _about_code(document, offset) or _about_key(document, offset)
    if text is None:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))


def _about_token(store: Store, document: Document, token: Token) -> str | None:
    found = definitions(store, document, token) if not token.defines else [(document, token)]
    if not found:
        return None
    home, target = found[0]
    if target.kind == "step":
        return _about_step(store, home, target)
    if target.kind == "map":
        return f"**{home.index.kind} map** `{target.name}`"
    name = target.text or target.name
    words = {"pain": "pain point", "opportunity": "opportunity", "item": "item"}
    heading = f"**{words.get(target.kind, target.kind)}** `{target.name}`"
    return f"{heading}\n\n{name}" if target.text else heading


def _about_step(store: Store, home: Document, step: Token) -> str:
    lines = [f"**step** `{step.name}` in stage `{step.container}`"]
    if step.text:
        lines += ["", step.text]
    if step.emotion is not None:
        lines += ["", f"emotion: {step.emotion:+g}"]
    lines += _measured(store, home, step.name)
    return "\n".join(lines)


def _measured(store: Store, home: Document, step_id: str) -> list[str]:
    """Reach and drop-off from the project's measures file, when it has this map's."""
    from journeymap.analytics.project_measures import project_measures

    project, _ = store.project(home.path)
    measures = project_measures(project)
    mapped = measures.maps.get(home.index.map_id or "") if measures else None
    step = mapped.steps.get(step_id) if mapped else None
    if step is None or step.suppressed:
        return []
    reach = f"{step.reach:,} cases" if step.reach is not None else "not measured"
    if step.share is not None:
        reach += f" ({step.share:.0%})"
    drop = f"{step.drop_off:,}" if step.drop_off is not None else "not measured"
    return ["", f"measured reach: {reach}; drop-off: {drop}"]


def _about_code(document: Document, offset: int) -> str | None:
    """A lint code under the cursor (in a `disable=` comment, say): the rule's documentation."""
    from journeymap.lint.docs import rule_page
    from journeymap.lint.registry import find

    line = document.lines.position(offset).line
    start = document.lines.starts[line]
    for match in _CODE.finditer(document.lines.line_text(line)):
        if start + match.start() <= offset <= start + match.end():
            rule = find(match.group())
            return rule_page(rule) if rule else None
    return None


def _about_key(document: Document, offset: int) -> str | None:
    line = document.lines.position(offset).line
    start = document.lines.starts[line]
    for match in _KEY.finditer(document.lines.line_text(line)):
        if start + match.start() <= offset <= start + match.end():
            description = schema_facts.descriptions().get(match.group())
            return f"**{match.group()}**: {description}" if description else None
    return None
