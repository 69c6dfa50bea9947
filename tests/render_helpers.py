"""Helpers for rendering tests: lay out and render maps, walk scenes in absolute coordinates."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path

from journeymap.config import load_project
from journeymap.layout.scene import Element, Group, Rect, Scene, Text
from journeymap.model import JourneyMap
from journeymap.pipeline import check_file, open_session
from journeymap.render.scripts import NAMES, digest, source
from journeymap.rendering import Request, context_for, render_journey


def load(path: Path) -> tuple[JourneyMap, object]:
    project, problems = load_project(path)
    assert problems == []
    checked = check_file(path, open_session(project))
    assert checked.journey is not None, checked.diagnostics
    assert [d for d in checked.diagnostics if d.severity.name == "ERROR"] == []
    return checked.journey, project


def scene_of(path: Path, view: str = "grid") -> Scene:
    from journeymap.layout import lay_out

    journey, project = load(path)
    return lay_out(view, journey, context_for(journey, project))  # type: ignore[arg-type]


def files_of(
    path: Path, *formats: str, view: str = "all", measures: Path | None = None
) -> dict[str, bytes]:
    journey, project = load(path)
    request = Request(view, formats or ("svg", "html"), measures=measures)
    return render_journey(journey, project, request).files  # type: ignore[arg-type]


def absolute(
    elements: tuple[Element, ...], dx: float = 0, dy: float = 0
) -> Iterator[tuple[Element, float, float, str]]:
    """Every primitive with the offset of the groups around it and the nearest group's css."""
    for element in elements:
        if isinstance(element, Group):
            for inner, x, y, css in absolute(element.children, dx + element.dx, dy + element.dy):
                yield inner, x, y, css or element.css
        else:
            yield element, dx, dy, ""


def cards(scene: Scene) -> list[tuple[float, float, float, float, str]]:
    """Absolute rectangles of every card frame (x, y, w, h, css)."""
    out = []
    for element in scene.elements:
        if isinstance(element, Group) and "card" in element.css:
            frame = element.children[0]
            assert isinstance(frame, Rect)
            out.append((element.dx, element.dy, frame.w, frame.h, element.css))
    return out


def texts(scene: Scene) -> list[str]:
    return [
        line for e, _, _, _ in absolute(scene.elements) if isinstance(e, Text) for line in e.lines
    ]


def layout_json(scene: Scene) -> str:
    return (
        json.dumps(dataclasses.asdict(scene), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    )


def assert_only_our_scripts(html: str) -> None:
    """Every script is one of journeymap's static scripts, and the policy allows it by hash
    and nothing else: no inline data, no map text in any script."""
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert policy is not None
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == html.count("<script"), "a script with attributes"
    allowed = re.findall(r"script-src ([^;]*)", policy.group(1))
    ours = [digest(name) for name in NAMES if source(name) in scripts]
    assert allowed == ([" ".join(ours)] if ours else [])
    assert all(script in {source(n) for n in NAMES} for script in scripts)
