"""Columns as narrow as their content, and long journeys wrapped into rows that fit a slide."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import EXAMPLES
from journeymap.cli import app
from journeymap.config import Project
from journeymap.layout import lay_out
from journeymap.layout.columns import MIN_COLUMN, rows
from journeymap.layout.footprint import collisions
from journeymap.layout.scene import Circle, Scene, Text
from journeymap.model import JourneyMap
from journeymap.normalize import journey_from
from journeymap.rendering import context_for
from render_helpers import absolute, scene_of

WORDS = [
    "掃碼",
    "進站",
    "找月台",
    "等車",
    "上車",
    "查時刻表",
    "轉乘捷運",
    "出站",
    "買咖啡",
    "刷卡付款",
]


def short_steps(count: int = 22) -> dict[str, Any]:
    """A real commute, transcribed: many steps of two to six characters."""
    steps = [
        {
            "id": f"s{i}",
            "action": WORDS[i % len(WORDS)],
            "emotion": (i % 5) - 2,
            "feeling": "安心" if i % 2 else "焦慮",
            "touchpoints": [{"channel": "app", "name": "乘車碼"}],
        }
        for i in range(count)
    ]
    stages = [
        {"id": f"stage-{n}", "title": f"階段{n + 1}", "steps": steps[n * 6 : n * 6 + 6]}
        for n in range((count + 5) // 6)
    ]
    return {
        "journeymap": 1,
        "kind": "current-state",
        "id": "commute",
        "title": "通勤",
        "locale": "zh-TW",
        "stages": stages,
    }


def grid(model: JourneyMap, wrap: float = 0) -> Scene:
    ctx = context_for(model, Project(root=Path(".")))
    ctx = replace(ctx, theme=replace(ctx.theme, wrap_width=wrap))
    return lay_out("grid", model, ctx)


def numbers(scene: Scene) -> list[int]:
    found = [e for e, _, _, _ in absolute(scene.elements) if isinstance(e, Text)]
    return [
        int(t.lines[0])
        for t in found
        if t.lines and t.lines[0].isdigit() and t.bold and t.anchor == "middle"
    ]


def test_short_steps_make_narrow_columns() -> None:
    scene = grid(journey_from(short_steps(), path="commute.yaml"))
    assert scene.width <= 178 + 22 * 150 + 28  # was 5,046 px at 220 px a column
    assert scene.width >= 178 + 22 * MIN_COLUMN + 28
    assert collisions(scene.elements) == []


def test_long_text_keeps_the_theme_width() -> None:
    scene = scene_of(EXAMPLES / "current-state.yaml")
    found = [e for e, _, _, _ in absolute(scene.elements) if isinstance(e, Circle)]
    faces = sorted(e.cx for e in found if e.css == "face" and e.r == 10)
    assert faces[1] - faces[0] == 220


def test_a_wrapped_map_fits_its_width_and_keeps_every_step_in_order() -> None:
    model = journey_from(short_steps(), path="commute.yaml")
    one_row = grid(model)
    wrapped = grid(model, wrap=1600)
    assert wrapped.width <= 1600 < one_row.width
    assert wrapped.height > 2 * one_row.height
    assert sorted(set(numbers(wrapped))) == list(range(1, 23))
    assert collisions(wrapped.elements) == []
    faces = [
        e for e, _, _, _ in absolute(wrapped.elements) if isinstance(e, Circle) and e.css == "face"
    ]
    assert len({round(f.cy) for f in faces if f.r == 10}) > 5  # faces on several rows


def test_rows_are_even_and_fit() -> None:
    assert [len(r) for r in rows(22, 140, 178, 28, 1600)] == [8, 7, 7]
    assert [len(r) for r in rows(22, 140, 178, 28, 0)] == [22]
    assert [len(r) for r in rows(3, 140, 178, 28, 100)] == [1, 1, 1]


def test_render_wrap_flag(tmp_path: Path) -> None:
    import yaml

    source = tmp_path / "commute.yaml"
    source.write_text(yaml.safe_dump(short_steps(), allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(source), "--view", "grid", "--wrap", "1200"])
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "commute.svg").read_text(encoding="utf-8")
    width = float(svg.split('width="', 1)[1].split('"', 1)[0])
    assert width <= 1200
    bad = CliRunner().invoke(app, ["render", str(source), "--wrap", "-5"])
    assert bad.exit_code == 2


def test_links_between_rows_are_listed_under_the_row_they_start_in() -> None:
    from journeymap.layout.scene import Group

    path = EXAMPLES / "service-blueprint.yaml"
    one = scene_of(path)
    from render_helpers import load

    journey, project = load(path)
    ctx = context_for(journey, project)  # type: ignore[arg-type]
    wrapped = lay_out("grid", journey, replace(ctx, theme=replace(ctx.theme, wrap_width=800)))
    listed = [e for e in wrapped.elements if isinstance(e, Group) and e.id.endswith("-label")]
    arrows = [e for e in wrapped.elements if isinstance(e, Group) and e.css == "link"]
    assert listed and len(arrows) < len(
        [e for e in one.elements if getattr(e, "css", "") == "link"]
    )
    assert collisions(wrapped.elements) == []
