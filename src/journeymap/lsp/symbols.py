"""What a parsed map defines and refers to, with the exact offsets of every id token.

Built from the loader's node tree (journeymap.source), whose marks are character offsets
into the text: an edit of a token's offsets changes that id and nothing else on the line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

_ITEM_KINDS = {"pain_points": "pain", "opportunities": "opportunity"}
_TEXT_KEYS = ("action", "text", "name", "title")


@dataclass(frozen=True, slots=True)
class Token:
    """One id as written: a definition (`id: ...`) or a reference to one."""

    name: str
    kind: str
    """step, stage, pain, opportunity, item, map, persona (id or file) or file (based_on)."""
    start: int
    end: int
    defines: bool
    container: str | None = None
    """The stage of a step, the step of an item."""
    text: str | None = None
    emotion: float | None = None
    span: tuple[int, int] = (0, 0)
    """The whole mapping a definition names, for the outline."""
    foreign: bool = False
    """A `resolves` id: it names a pain point of the `based_on` map."""


@dataclass
class Index:
    tokens: list[Token] = field(default_factory=list)
    kind: str | None = None
    map_id: str | None = None

    def definitions(self, kind: str | None = None) -> list[Token]:
        return [t for t in self.tokens if t.defines and kind in (None, t.kind)]

    def at(self, offset: int) -> Token | None:
        """The token under the cursor (its end counts, where a cursor stops after typing)."""
        return next((t for t in self.tokens if t.start <= offset <= t.end), None)


def index_of(root: yaml.Node | None) -> Index:
    index = Index()
    if not isinstance(root, yaml.MappingNode):
        return index
    top = dict(_pairs(root))
    index.kind = _scalar(top.get("kind"))
    for key, value in _pairs(root):
        index.tokens.extend(_top_level(key, value, index, root))
    return index


def _top_level(key: str, value: yaml.Node, index: Index, root: yaml.Node) -> Iterator[Token]:
    if key == "id" and isinstance(value, yaml.ScalarNode):
        index.map_id = str(value.value)
        kind = "persona" if index.kind == "persona" else "map"
        text = _scalar(dict(_pairs(root)).get("name" if kind == "persona" else "title"))
        yield _token(value, kind, True, text=text, span=_span(root))
    elif key == "persona" and isinstance(value, yaml.ScalarNode):
        yield _token(value, "persona", False)
    elif key == "based_on" and isinstance(value, yaml.ScalarNode):
        yield _token(value, "file", False)
    elif key == "stages":
        for stage in _mappings(value):
            yield from _stage(stage)
    elif key == "links":
        for link in _mappings(value):
            for end, node in _pairs(link):
                if end in ("from", "to") and isinstance(node, yaml.ScalarNode):
                    yield _token(node, "item", False)


def _stage(stage: yaml.MappingNode) -> Iterator[Token]:
    fields = dict(_pairs(stage))
    stage_id = _scalar(fields.get("id"))
    if isinstance(fields.get("id"), yaml.ScalarNode):
        yield _token(
            fields["id"], "stage", True, span=_span(stage), text=_scalar(fields.get("title"))
        )
    for step in _mappings(fields.get("steps")):
        yield from _step(step, stage_id)


def _step(step: yaml.MappingNode, stage_id: str | None) -> Iterator[Token]:
    fields = dict(_pairs(step))
    step_id = _scalar(fields.get("id"))
    if isinstance(fields.get("id"), yaml.ScalarNode):
        text = next((_scalar(fields.get(k)) for k in _TEXT_KEYS if k in fields), None)
        emotion = _number(fields.get("emotion"))
        yield _token(fields["id"], "step", True, stage_id, text, emotion, _span(step))
    for key, value in _pairs(step):
        if key == "next" and isinstance(value, yaml.SequenceNode):
            yield from _next(value)
        elif key == "resolves":
            yield from (_token(n, "pain", False, foreign=True) for n in _scalars(value))
        elif isinstance(value, yaml.SequenceNode):
            yield from _items(key, value, step_id)


def _next(value: yaml.SequenceNode) -> Iterator[Token]:
    for item in value.value:
        if isinstance(item, yaml.ScalarNode):
            yield _token(item, "step", False)
        elif isinstance(item, yaml.MappingNode):
            target = dict(_pairs(item)).get("to")
            if isinstance(target, yaml.ScalarNode):
                yield _token(target, "step", False)


def _items(key: str, value: yaml.SequenceNode, step_id: str | None) -> Iterator[Token]:
    kind = _ITEM_KINDS.get(key, "item")
    for item in _mappings(value):
        fields = dict(_pairs(item))
        if isinstance(fields.get("id"), yaml.ScalarNode):
            text = next((_scalar(fields.get(k)) for k in _TEXT_KEYS if k in fields), None)
            yield _token(fields["id"], kind, True, step_id, text, span=_span(item))
        for node in _scalars(fields.get("addresses")):
            yield _token(node, "pain", False)


def _token(
    node: yaml.Node,
    kind: str,
    defines: bool,
    container: str | None = None,
    text: str | None = None,
    emotion: float | None = None,
    span: tuple[int, int] = (0, 0),
    *,
    foreign: bool = False,
) -> Token:
    start, end = int(node.start_mark.index), int(node.end_mark.index)
    if getattr(node, "style", None) in ("'", '"'):  # the id inside its quotes
        start, end = start + 1, end - 1
    return Token(
        str(node.value), kind, start, end, defines, container, text, emotion, span, foreign
    )


def _span(node: yaml.Node) -> tuple[int, int]:
    return int(node.start_mark.index), int(node.end_mark.index)


def _pairs(node: yaml.Node | None) -> Iterator[tuple[str, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield str(key.value), value


def _mappings(node: yaml.Node | None) -> Iterator[yaml.MappingNode]:
    if isinstance(node, yaml.SequenceNode):
        yield from (n for n in node.value if isinstance(n, yaml.MappingNode))


def _scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.SequenceNode):
        yield from (n for n in node.value if isinstance(n, yaml.ScalarNode))


def _scalar(node: yaml.Node | None) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _number(node: yaml.Node | None) -> float | None:
    try:
        return float(node.value) if isinstance(node, yaml.ScalarNode) else None
    except ValueError:
        return None
