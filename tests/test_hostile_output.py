"""What hostile or extreme maps draw: inert text, bounded work, CSS that still applies.

Each test is a regression of a problem found by an adversarial sweep of the CLI.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import MINIMAL_MAP, Result
from journeymap.layout import dot
from journeymap.render import png

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
RLO = "\u202e"


def steps_map(count: int, per_step_next: Callable[[int], str]) -> str:
    """A current-state map of `count` steps in one stage; `per_step_next(i)` gives `next`."""
    lines = ["journeymap: 1", "kind: current-state", "id: many", "title: Many", "stages:"]
    lines += ["  - id: awareness", "    steps:"]
    lines += [
        f"      - {{id: s{i}, action: Step {i}, next: [{per_step_next(i)}]}}" for i in range(count)
    ]
    return "\n".join(lines) + "\n"


def test_the_flow_view_removes_bidi_controls_like_the_grid(
    cli: Cli, project: Path, write: Write
) -> None:
    """Edge labels and step titles came back from dot and were written without `clean`."""
    text = MINIMAL_MAP.format(id="bidi").replace(
        "        emotion: 1\n",
        f'        emotion: 1\n        next: [{{to: second, label: "pay {RLO}lapyap"}}]\n',
    )
    text = text.replace("action: Reads about it", f'action: "Reads {RLO}ti tuoba"')
    path = write("bidi.yaml", text)
    assert cli("render", str(path), "-f", "svg", "-f", "html").exit_code == 0
    for name in ("bidi.flow.svg", "bidi.svg", "bidi.html"):
        output = (project / name).read_text(encoding="utf-8")
        assert not BIDI.search(output), name
    flow = (project / "bidi.flow.svg").read_text(encoding="utf-8")
    assert "pay lapyap" in flow and "Reads ti tuoba" in flow
    ElementTree.fromstring(flow.encode("utf-8"))


def test_a_flow_too_large_for_dot_is_refused_at_once(cli: Cli, project: Path, write: Write) -> None:
    """1,000 steps with ten transitions each kept dot busy past a minute, using 2.3 GB."""
    count = dot.MAX_STEPS + 1
    path = write("many.yaml", steps_map(count, lambda i: f"s{(i + 1) % count}, s{(i * 7) % count}"))
    started = time.monotonic()
    result = cli("render", str(path), "-f", "svg")
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"journeymap: {path}: the flow view is drawn for up to {dot.MAX_STEPS} steps and"
        f" {dot.MAX_TRANSITIONS} transitions; this map has {count} steps and {2 * count}"
        " transitions (the grid view is drawn as usual)"
    )
    assert (project / "many.svg").exists() and not (project / "many.flow.svg").exists()


def test_dot_that_runs_too_long_is_stopped(
    cli: Cli, project: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the size bound, long crossing transitions can still keep dot busy for minutes."""
    monkeypatch.setattr(dot, "TIMEOUT_SECONDS", 0.001)
    path = write("slow.yaml", steps_map(40, lambda i: f"s{(i * 17 + 5) % 40}, s{(i + 20) % 40}"))
    result = cli("render", str(path), "-f", "svg")
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith(f"journeymap: {path}: Graphviz did not lay out the flow view within 0 s")
    )
    assert (project / "slow.svg").exists() and not (project / "slow.flow.svg").exists()


def test_a_huge_picture_is_rasterised_scaled_down(
    cli: Cli, project: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10,000 steps took 5 GB and a minute as a full-size PNG (2.2 million pixels wide)."""
    monkeypatch.setattr(png, "MAX_SIDE", 1500)
    path = write("wide.yaml", steps_map(12, lambda i: f"s{(i + 1) % 12}"))
    assert cli("render", str(path), "-f", "png", "--view", "grid").exit_code == 0
    data = (project / "wide.png").read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == 1500 and 0 < height < 1500


def test_png_zoom_fits_both_bounds() -> None:
    assert png.zoom_for(2000, 1000) == 1.0
    assert png.zoom_for(2_200_000, 540) * 2_200_000 <= png.MAX_SIDE
    zoom = png.zoom_for(30_000, 30_000)
    assert (30_000 * zoom) ** 2 <= png.MAX_PIXELS * 1.0001


@pytest.mark.parametrize(
    ("family", "expected"),
    [
        ('Inter", x', "Inter, x, Arial"),
        ('"Open Sans", Arial', '"Open Sans", Arial, Arial'),
        ("'Fira Sans", '"Fira Sans", Arial'),
        ("inherit", '"inherit", Arial'),
    ],
)
def test_a_stray_quote_in_font_family_cannot_void_the_font_list(
    cli: Cli, tmp_path: Path, write: Write, family: str, expected: str
) -> None:
    """An unbalanced quote left a CSS string open: the whole declaration was dropped and
    pages fell back to the browser's serif font."""
    escaped = family.replace("\\", "\\\\").replace('"', '\\"')
    write("journeymap.toml", f'[theme]\nfont_family = "{escaped}"\n')
    path = write("journey.yaml", MINIMAL_MAP.format(id="journey"))
    assert cli("render", str(path)).exit_code == 0
    html = (tmp_path / "journey.html").read_text(encoding="utf-8")
    declared = re.search(r"font-family: ([^;]*);", html)
    assert declared is not None and declared.group(1).startswith(expected)
    assert declared.group(1).count('"') % 2 == 0


def test_a_link_cannot_hide_its_address_behind_a_bidi_override(
    cli: Cli, project: Path, write: Write
) -> None:
    """The override is dropped like in every other text: the link goes where it reads."""
    text = MINIMAL_MAP.format(id="link").replace(
        "stages:",
        f'research: [{{title: Study, url: "https://example.org/{RLO}gro.live"}}]\nstages:',
    )
    path = write("link.yaml", text)
    assert cli("render", str(path), "-f", "html").exit_code == 0
    html = (project / "link.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/gro.live"' in html
    assert not BIDI.search(html)


def test_a_negative_zero_rate_is_zero_percent(cli: Cli, project: Path, write: Write) -> None:
    text = MINIMAL_MAP.format(id="rates").replace(
        "        emotion: 0\n",
        "        emotion: 0\n        metrics: {exit_rate: -0.0, big: 1e300}\n",
    )
    path = write("rates.yaml", text)
    assert cli("render", str(path), "-f", "svg").exit_code == 0
    svg = (project / "rates.svg").read_text(encoding="utf-8")
    assert "exit rate: 0%" in svg and "-0%" not in svg
    assert "big: 1E300" in svg
