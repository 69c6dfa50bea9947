"""Icons stay inert, in-bounds SVG geometry, and symbol ids cannot break out of markup."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from journeymap.i18n import labels
from journeymap.render.icons import CHANNEL_ICONS, ICONS, symbol

MARKERS = {
    *("pain", "opportunity", "metric", "moment", "fail", "wait", "thought", "question"),
    *("motivation", "persona", "time", "place", "check", "new", "changed", "removed"),
    *("evidence", "system", "link"),
}

ALLOWED = {
    "path": {"d"},
    "circle": {"cx", "cy", "r"},
    "ellipse": {"cx", "cy", "rx", "ry"},
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "line": {"x1", "y1", "x2", "y2"},
    "polyline": {"points"},
    "polygon": {"points"},
}

_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d*\.\d+|\d+\.?)(?:[eE][-+]?\d+)?")
_ARITY = {"M": 2, "L": 2, "T": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "A": 7, "Z": 0}

Point = tuple[float, float]


def _elements(name: str) -> list[ET.Element]:
    root = ET.fromstring(f"<svg>{''.join(ICONS[name])}</svg>")
    return list(root)


def _groups(d: str) -> Iterator[tuple[str, list[float]]]:
    """Split path data into (command, arguments) with implicit repeats made explicit."""
    command = ""
    numbers: list[float] = []
    for token in _TOKEN.findall(d):
        if token.isalpha():
            yield from _chunks(command, numbers)
            command, numbers = token, []
        else:
            numbers.append(float(token))
    yield from _chunks(command, numbers)


def _chunks(command: str, numbers: list[float]) -> Iterator[tuple[str, list[float]]]:
    arity = _ARITY.get(command.upper(), 0)
    if arity == 0:
        assert numbers == [], (command, numbers)
        if command:
            yield command, []
        return
    assert numbers and len(numbers) % arity == 0, (command, numbers)
    for start in range(0, len(numbers), arity):
        repeat = {"M": "L", "m": "l"}.get(command, command) if start else command
        yield repeat, numbers[start : start + arity]


def _arc_points(
    start: Point, end: Point, rx: float, ry: float, angle: float, large: float, sweep: float
) -> list[Point]:
    """Sample an elliptical arc (SVG spec, appendix B.2.4) so its bulge is bounded too."""
    rx, ry = abs(rx), abs(ry)
    if start == end or rx == 0 or ry == 0:
        return [end]
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    dx, dy = (start[0] - end[0]) / 2, (start[1] - end[1]) / 2
    x1, y1 = cos * dx + sin * dy, -sin * dx + cos * dy
    scale = max(1.0, math.hypot(x1 / rx, y1 / ry))
    rx, ry = rx * scale, ry * scale
    num = max(0.0, (rx * ry) ** 2 - (rx * y1) ** 2 - (ry * x1) ** 2)
    root = math.sqrt(num / ((rx * y1) ** 2 + (ry * x1) ** 2))
    root = -root if bool(large) == bool(sweep) else root
    cx1, cy1 = root * rx * y1 / ry, -root * ry * x1 / rx
    theta = math.atan2((y1 - cy1) / ry, (x1 - cx1) / rx)
    delta = math.atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx) - theta
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    samples = [theta + delta * i / 32 for i in range(33)]
    return [
        (
            mx + cos * (cx1 + rx * math.cos(t)) - sin * (cy1 + ry * math.sin(t)),
            my + sin * (cx1 + rx * math.cos(t)) + cos * (cy1 + ry * math.sin(t)),
        )
        for t in samples
    ]


def _path_points(d: str) -> list[Point]:
    """Absolute end and control points of a path, enough to bound it without a renderer."""
    points: list[Point] = []
    x = y = start_x = start_y = 0.0
    for command, args in _groups(d):
        upper, rel = command.upper(), command.islower()
        ox, oy = (x, y) if rel else (0.0, 0.0)
        if upper == "Z":
            x, y = start_x, start_y
            continue
        if upper == "H":
            x = args[0] + ox
        elif upper == "V":
            y = args[0] + oy
        elif upper == "A":
            end = (args[5] + ox, args[6] + oy)
            points.extend(_arc_points((x, y), end, *args[:5]))
            x, y = end
        else:
            pairs = list(zip(args[::2], args[1::2], strict=True))
            points.extend((px + ox, py + oy) for px, py in pairs[:-1])
            x, y = pairs[-1][0] + ox, pairs[-1][1] + oy
        if upper == "M":
            start_x, start_y = x, y
        points.append((x, y))
    return points


def _points(element: ET.Element) -> list[Point]:
    """Every coordinate an element can reach, including circle and rect extents."""
    a = {key: element.get(key, "") for key in ALLOWED[element.tag]}
    if element.tag == "path":
        return _path_points(a["d"])
    if element.tag in {"polyline", "polygon"}:
        values = [float(v) for v in a["points"].replace(",", " ").split()]
        return list(zip(values[::2], values[1::2], strict=True))
    if element.tag == "line":
        return [(float(a["x1"]), float(a["y1"])), (float(a["x2"]), float(a["y2"]))]
    if element.tag == "rect":
        x, y = float(a["x"]), float(a["y"])
        return [(x, y), (x + float(a["width"]), y + float(a["height"]))]
    cx, cy = float(a["cx"]), float(a["cy"])
    rx = float(a.get("r") or a["rx"])
    ry = float(a.get("r") or a["ry"])
    return [(cx - rx, cy - ry), (cx + rx, cy + ry)]


@pytest.mark.parametrize("name", sorted(ICONS))
def test_icon_uses_only_allowed_elements_and_attributes(name: str) -> None:
    elements = _elements(name)
    assert elements
    for element in elements:
        assert element.tag in ALLOWED, element.tag
        assert set(element.attrib) <= ALLOWED[element.tag], element.attrib
        assert list(element) == [] and not (element.text or "").strip()


@pytest.mark.parametrize("name", sorted(ICONS))
def test_icon_coordinates_stay_on_the_grid(name: str) -> None:
    for element in _elements(name):
        for x, y in _points(element):
            assert 0 <= x <= 24 and 0 <= y <= 24, (name, ET.tostring(element), x, y)


def test_path_parser_handles_relative_and_implicit_commands() -> None:
    points = _path_points("M2 3l1 1 1 1h2v-2a1 1 0 0 1 1 1z")
    assert points[:5] == [(2, 3), (3, 4), (4, 5), (6, 5), (6, 3)]
    assert points[-1] == (7, 4)


def test_arc_sampling_finds_the_bulge() -> None:
    points = _arc_points((2, 12), (22, 12), 10, 10, 0, 0, 1)
    assert min(y for _, y in points) == pytest.approx(2)
    assert max(y for _, y in points) == pytest.approx(12)


def test_every_channel_and_marker_has_an_icon() -> None:
    assert len(CHANNEL_ICONS) == 12
    assert set(CHANNEL_ICONS) | MARKERS <= set(ICONS)


def test_channel_icons_match_channel_labels() -> None:
    channel_keys = {key.removeprefix("channel.") for key in labels("en") if key[:8] == "channel."}
    assert channel_keys == set(CHANNEL_ICONS)


def test_icons_are_read_only() -> None:
    with pytest.raises(TypeError):
        ICONS["web"] = ()  # type: ignore[index]


@pytest.mark.parametrize("name", sorted(ICONS))
def test_symbol_is_well_formed(name: str) -> None:
    node = ET.fromstring(symbol(name, f"jm-icon-{name}"))
    assert node.tag == "symbol"
    assert node.get("id") == f"jm-icon-{name}"
    assert node.get("viewBox") == "0 0 24 24"
    assert node.get("stroke") == "currentColor"
    assert node.get("fill") == "none"


def test_unknown_icon_falls_back_to_other() -> None:
    assert symbol("no-such-icon", "x") == symbol("other", "x")


@pytest.mark.parametrize(
    "hostile",
    ['"><script>alert(1)</script>', "a b", "x' onload='y", "", "é", "a/b", "a&amp;b"],
)
def test_symbol_rejects_unsafe_ids(hostile: str) -> None:
    with pytest.raises(ValueError, match="symbol id"):
        symbol("web", hostile)
