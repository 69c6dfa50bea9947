"""SVG renderer: a laid-out Scene to a standalone, accessible, deterministic SVG document.

The skeleton (root, title, description, styles, symbols, markers) is a jinja2 template; the
thousands of primitives are written by small functions here, which is several times faster
than a template loop. Every piece of text and every attribute value goes through `esc`, which
also makes it inert (`plain_text`: the character policy, U+200B removed): the picture stays
well-formed and cannot reorder its own words whatever text a layout function forgot to clean.
Each text run is isolated by the `unicode-bidi: plaintext` rule of the skeleton.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from journeymap.layout.scene import Circle, Element, Group, Icon, Line, Path, Rect, Scene, Text
from journeymap.render.env import environment
from journeymap.render.icons import symbol
from journeymap.text.clean import plain_text

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def esc(value: str) -> str:
    """XML escaping for text and attribute values; the common no-op case stays cheap."""
    value = plain_text(value)
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&#34;")
            .replace("'", "&#39;")
        )
    return value


_NUMBERS: dict[float, str] = {}


def num(value: float) -> str:
    """One decimal, no exponent, no trailing `.0`, no `-0`: the same text on every machine.

    Memoised: a picture repeats the same few thousand coordinates many times.
    """
    text = _NUMBERS.get(value)
    if text is None:
        if len(_NUMBERS) > 100_000:  # bounded for long-running `serve`
            _NUMBERS.clear()
        rounded = round(value, 1)
        whole = int(rounded)
        text = _NUMBERS[value] = str(whole) if whole == rounded else str(rounded)
    return text


def render_svg(scene: Scene) -> str:
    """The scene as an `<svg>` element, ready to inline in HTML; see `standalone_svg`."""
    writer = _Writer(scene.id_prefix)
    body = "".join(writer.element(e) for e in scene.elements)
    symbols = "".join(symbol(name, f"{writer.prefix}i-{name}") for name in sorted(writer.icons))
    template = environment().get_template("scene.svg.j2")
    return template.render(
        scene=scene, num=num, prefix=writer.prefix, symbols=Markup(symbols), body=Markup(body)
    )


def standalone_svg(inline: str) -> str:
    """An .svg file: the inline SVG with its XML declaration."""
    return XML_DECLARATION + inline


class _Writer:
    """Writes primitives and remembers which icon symbols the picture needs."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.icons: set[str] = set()

    def element(self, element: Element) -> str:
        if isinstance(element, Icon):
            self.icons.add(element.name)
        elif isinstance(element, Group):
            return _group(element, self)
        return _WRITERS[type(element)](element, self.prefix)


def _style(css: str) -> str:
    return f' class="{esc(css)}"' if css else ""


def _stroke(stroke: str, width: float, dash: str) -> str:
    if stroke == "none":
        return ""
    out = f' stroke="{esc(stroke)}"'
    if width != 1:
        out += f' stroke-width="{num(width)}"'
    if dash:
        out += f' stroke-dasharray="{esc(dash)}"'
    return out


def _rect(e: Rect, prefix: str) -> str:
    radius = f' rx="{num(e.radius)}"' if e.radius else ""
    return (
        f'<rect x="{num(e.x)}" y="{num(e.y)}" width="{num(e.w)}" height="{num(e.h)}"{radius}'
        f' fill="{esc(e.fill)}"{_stroke(e.stroke, e.stroke_width, e.dash)}{_style(e.css)}/>'
    )


def _line(e: Line, prefix: str) -> str:
    return (
        f'<line x1="{num(e.x1)}" y1="{num(e.y1)}" x2="{num(e.x2)}" y2="{num(e.y2)}"'
        f"{_stroke(e.stroke, e.stroke_width, e.dash)}{_style(e.css)}/>"
    )


def _path(e: Path, prefix: str) -> str:
    markers = ""
    if e.marker_start:
        markers += f' marker-start="url(#{prefix}{esc(e.marker_start)})"'
    if e.marker_end:
        markers += f' marker-end="url(#{prefix}{esc(e.marker_end)})"'
    opacity = f' opacity="{num(e.opacity)}"' if e.opacity != 1 else ""
    return (
        f'<path d="{esc(e.d)}" fill="{esc(e.fill)}"{_stroke(e.stroke, e.stroke_width, e.dash)}'
        f"{markers}{opacity}{_style(e.css)}/>"
    )


def _circle(e: Circle, prefix: str) -> str:
    return (
        f'<circle cx="{num(e.cx)}" cy="{num(e.cy)}" r="{num(e.r)}" fill="{esc(e.fill)}"'
        f"{_stroke(e.stroke, e.stroke_width, '')}{_style(e.css)}/>"
    )


def _text(e: Text, prefix: str) -> str:
    attributes = f' font-size="{num(e.size)}" fill="{esc(e.color)}"'
    if e.bold:
        attributes += ' font-weight="bold"'
    if e.italic:
        attributes += ' font-style="italic"'
    if e.anchor != "start":
        attributes += f' text-anchor="{e.anchor}"'
    if e.strike:
        attributes += ' text-decoration="line-through"'
    if e.halo:
        attributes += (
            f' stroke="{esc(e.halo)}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
        )
    attributes += _style(e.css)
    if len(e.lines) == 1:
        return f'<text x="{num(e.x)}" y="{num(e.y)}"{attributes}>{esc(e.lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{num(e.x)}" y="{num(e.y + i * e.line_height)}">{esc(line)}</tspan>'
        for i, line in enumerate(e.lines)
    )
    return f"<text{attributes}>{spans}</text>"


def _icon(e: Icon, prefix: str) -> str:
    return (
        f'<use href="#{prefix}i-{esc(e.name)}" x="{num(e.x)}" y="{num(e.y)}"'
        f' width="{num(e.size)}" height="{num(e.size)}" color="{esc(e.color)}"/>'
    )


def _group(e: Group, writer: _Writer) -> str:
    attributes = ""
    if e.id:
        attributes += f' id="{esc(e.id)}"'
    if e.dx or e.dy:
        attributes += f' transform="translate({num(e.dx)} {num(e.dy)})"'
    attributes += _style(e.css)
    title = f"<title>{esc(e.label)}</title>" if e.id and e.label else ""
    children = "".join(writer.element(child) for child in e.children)
    return f"<g{attributes}>{title}{children}</g>"


_WRITERS: dict[type, Callable[[object, str], str]] = {
    Rect: _rect,  # type: ignore[dict-item]
    Line: _line,  # type: ignore[dict-item]
    Path: _path,  # type: ignore[dict-item]
    Circle: _circle,  # type: ignore[dict-item]
    Text: _text,  # type: ignore[dict-item]
    Icon: _icon,  # type: ignore[dict-item]
}
