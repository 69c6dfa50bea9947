"""Cell content as measured blocks: cards, chips and list items, positioned relative to (0, 0).

A lane builds blocks for a step; the grid stacks them in the cell and moves each into place
with a group offset, so nothing is measured twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from journeymap.layout.context import Context, baseline
from journeymap.layout.scene import Circle, Element, Icon, Rect, Text, r1

PAD = 8.0
ICON = 14.0
ICON_GAP = 6.0


@dataclass(frozen=True, slots=True)
class Block:
    width: float
    height: float
    elements: tuple[Element, ...]
    key: str = ""
    """An item id (blueprint links point at it) or another stable name."""
    label: str = ""
    css: str = ""


@dataclass(frozen=True, slots=True)
class Style:
    fill: str
    border: str
    text: str
    icon_color: str = ""
    italic: bool = False
    bold: bool = False
    radius: float = 6.0
    strike: bool = False
    css: str = "card"


@dataclass(frozen=True, slots=True)
class Meta:
    """A small secondary line under a card's text (owner, system, a wait)."""

    text: str
    color: str
    icon: str = ""


@dataclass
class _Cursor:
    y: float
    elements: list[Element] = field(default_factory=list)


def card(
    ctx: Context,
    width: float,
    text: str,
    style: Style,
    *,
    icon: str = "",
    meta: Sequence[Meta] = (),
    dots: tuple[int, int, str] | None = None,
    max_lines: int = 6,
    key: str = "",
) -> Block:
    """A rounded box with an optional icon, wrapped text, a severity/impact dot row and meta."""
    size = ctx.size
    text_x = PAD + (ICON + ICON_GAP if icon else 0.0)
    text_w = width - text_x - PAD
    cursor = _Cursor(PAD)
    if dots is not None:
        _dot_row(cursor, text_x, dots)
    lines = ctx.lines(text, text_w, size, bold=style.bold, max_lines=max_lines)
    _text(cursor, ctx, text_x, lines, size, style.text, style)
    for item in meta:
        _meta(cursor, ctx, text_x, text_w, item)
    height = r1(cursor.y + PAD)
    frame = Rect(0, 0, r1(width), height, style.fill, style.border, style.radius, css=style.css)
    parts: list[Element] = [frame]
    if icon:
        parts.append(Icon(icon, PAD, PAD + 1, ICON, style.icon_color or style.text))
    parts.extend(cursor.elements)
    return Block(r1(width), height, tuple(parts), key=key, label=text, css=style.css)


def _dot_row(cursor: _Cursor, x: float, dots: tuple[int, int, str]) -> None:
    """Filled and hollow dots (severity 3 of 5 as ●●●○○): readable without colour."""
    filled, total, color = dots
    for index in range(total):
        cx = x + 4 + index * 11
        fill = color if index < filled else "none"
        cursor.elements.append(Circle(r1(cx), r1(cursor.y + 4), 4, fill, color, 1.2))
    cursor.y += 13


def _text(
    cursor: _Cursor,
    ctx: Context,
    x: float,
    lines: tuple[str, ...],
    size: float,
    color: str,
    style: Style,
) -> None:
    if not lines:
        return
    height = ctx.line_height(size)
    cursor.elements.append(
        Text(
            r1(x),
            r1(baseline(cursor.y, 0, size, height)),
            lines,
            size,
            color,
            r1(height),
            bold=style.bold,
            italic=style.italic,
            strike=style.strike,
        )
    )
    cursor.y += len(lines) * height


def _meta(cursor: _Cursor, ctx: Context, x: float, width: float, item: Meta) -> None:
    size = ctx.small
    offset = ICON_GAP + 11 if item.icon else 0.0
    lines = ctx.lines(item.text, width - offset, size, max_lines=2)
    if not lines:
        return
    cursor.y += 3
    if item.icon:
        cursor.elements.append(Icon(item.icon, r1(x), r1(cursor.y + 2), 11, item.color))
    plain = Style(fill="none", border="none", text=item.color)
    _text(cursor, ctx, x + offset, lines, size, item.color, plain)


def plain_item(
    ctx: Context,
    width: float,
    text: str,
    color: str,
    *,
    icon: str = "",
    icon_color: str = "",
    italic: bool = False,
    max_lines: int = 4,
    size: float | None = None,
) -> Block:
    """A list item without a frame: icon and wrapped text."""
    size = size or ctx.size
    text_x = ICON + ICON_GAP if icon else 0.0
    lines = ctx.lines(text, width - text_x, size, max_lines=max_lines)
    height = ctx.line_height(size)
    parts: list[Element] = []
    if icon:
        parts.append(Icon(icon, 0, r1((height - ICON) / 2), ICON, icon_color or color))
    parts.append(
        Text(
            r1(text_x),
            r1(baseline(0, 0, size, height)),
            lines,
            size,
            color,
            r1(height),
            italic=italic,
        )
    )
    return Block(r1(width), r1(len(lines) * height), tuple(parts), label=text)


def stack(blocks: Sequence[Block], gap: float) -> float:
    """Total height of blocks stacked with `gap` between them."""
    if not blocks:
        return 0.0
    return r1(sum(b.height for b in blocks) + gap * (len(blocks) - 1))
