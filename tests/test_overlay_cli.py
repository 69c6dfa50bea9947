"""Measures through the CLI and the site: --measures, the [analytics] key, the backlog's
measured loss, the index's measured period, and rebuilding when the measures change."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result
from journeymap.site import build

Cli = Callable[..., Result]
CASE = Path(__file__).parent / "cases" / "measured-checkout"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A project with the measured map and its measures named in journeymap.toml."""
    root = tmp_path / "shop"
    root.mkdir()
    shutil.copy(CASE / "map.yaml", root / "checkout.yaml")
    shutil.copy(CASE / "measures.json", root / "measures.json")
    (root / "journeymap.toml").write_text(
        '[project]\nname = "Shop"\n\n[analytics]\nmeasures = "measures.json"\n', encoding="utf-8"
    )
    return root


def _svg(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_render_draws_the_measures_named_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    shutil.copy(CASE / "map.yaml", tmp_path / "map.yaml")
    out = tmp_path / "out"
    result = cli(
        "render",
        str(tmp_path / "map.yaml"),
        "-o",
        str(out),
        "--measures",
        str(CASE / "measures.json"),
    )
    assert result.exit_code == 0, result.stderr
    assert "funnel-step" in _svg(out / "map.svg")
    assert "decl 60% · meas 52%" in _svg(out / "map.flow.svg")
    assert 'class="analytics"' in _svg(out / "map.html")


def test_render_uses_the_projects_measures_by_default(cli: Cli, shop: Path) -> None:
    result = cli("render", str(shop / "checkout.yaml"))
    assert result.exit_code == 0, result.stderr
    assert "funnel-step" in _svg(shop / "checkout.svg")


def test_render_without_the_projects_measures_file_draws_the_map_alone(
    cli: Cli, shop: Path
) -> None:
    (shop / "measures.json").unlink()
    result = cli("render", str(shop / "checkout.yaml"))
    assert result.exit_code == 0, result.stderr
    assert "funnel-step" not in _svg(shop / "checkout.svg")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the measures file"),
        ("{not json", "not JSON"),
        ('{"journeymap_measures": 9}', "version 9 is not supported"),
    ],
)
def test_a_bad_measures_file_is_one_line_and_no_output(
    cli: Cli, shop: Path, content: str | None, message: str
) -> None:
    bad = shop / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    out = shop / "out"
    result = cli("render", str(shop / "checkout.yaml"), "-o", str(out), "--measures", str(bad))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_build_with_a_bad_measures_file_fails_in_one_line(cli: Cli, shop: Path) -> None:
    (shop / "measures.json").write_text("[]", encoding="utf-8")
    result = cli("build", str(shop), "-o", str(shop.parent / "site"))
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("journeymap: ")
    assert "not a measures file" in result.stderr
    assert not (shop.parent / "site" / "index.html").exists()


def test_backlog_ranks_pain_points_by_measured_loss(shop: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(shop, site)
    with (site / "backlog.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["pain_point"]: r for r in csv.DictReader(handle)}
    # cases whose journey ended at the step × severity; the unbound step has no figure
    assert (rows["zones-unclear"]["cases_lost"], rows["zones-unclear"]["measured_loss"]) == (
        "310",
        "1240",
    )
    assert rows["account-wall"]["measured_loss"] == "750"
    assert rows["long-wait"]["measured_loss"] == ""
    by_severity = (site / "backlog.html").read_text(encoding="utf-8")
    by_loss = (site / "backlog-loss.html").read_text(encoding="utf-8")
    assert by_severity.index("Must create an account") < by_severity.index("Zone boundaries")
    assert by_loss.index("Zone boundaries") < by_loss.index("Must create an account")
    assert by_loss.index("Must create an account") < by_loss.index("Twenty minutes on hold")
    assert 'href="backlog-loss.html"' in by_severity and 'href="backlog.html"' in by_loss
    assert "Not bound to events" in by_loss


def test_index_shows_the_measured_period_and_coverage(shop: Path, tmp_path: Path) -> None:
    build(shop, tmp_path / "site")
    index = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "Measured Jan 1\u2009–\u2009Mar 31, 2026 · 1,000 cases · 81% of events claimed" in index


def test_a_site_without_measures_has_no_loss_page(shop: Path, tmp_path: Path) -> None:
    (shop / "measures.json").unlink()
    build(shop, tmp_path / "site")
    assert not (tmp_path / "site/backlog-loss.html").exists()
    assert "Measured loss" not in (tmp_path / "site/backlog.html").read_text(encoding="utf-8")


def test_new_measures_rebuild_the_maps_and_same_measures_do_not(shop: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(shop, site).rendered == 1
    assert build(shop, site).reused == 1
    data = json.loads((shop / "measures.json").read_text(encoding="utf-8"))
    data["maps"]["pass-checkout"]["steps"]["compares"]["drop_off"] = 400
    (shop / "measures.json").write_text(json.dumps(data), encoding="utf-8")
    again = build(shop, site)
    assert again.rendered == 1
    assert "400 left here" in (site / "maps/checkout.svg").read_text(encoding="utf-8")
    with (site / "backlog.csv").open(encoding="utf-8", newline="") as handle:
        lost = {r["pain_point"]: r["cases_lost"] for r in csv.DictReader(handle)}
    assert lost["zones-unclear"] == "400"


def test_build_measures_flag_overrides_the_project(shop: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    data = json.loads((CASE / "measures.json").read_text(encoding="utf-8"))
    data["maps"]["pass-checkout"]["cases"] = 4321
    other.write_text(json.dumps(data), encoding="utf-8")
    build(shop, tmp_path / "site", measures=other)
    index = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "4,321 cases" in index


def test_watch_and_serve_rebuild_when_the_measures_file_changes(shop: Path, tmp_path: Path) -> None:
    import watchfiles

    from journeymap.serve.watcher import SourceFilter

    site = tmp_path / "site"
    drawn = SourceFilter(shop, site)
    assert drawn(watchfiles.Change.modified, str(shop / "measures.json"))
    assert not drawn(watchfiles.Change.modified, str(shop / "other.json"))
    elsewhere = tmp_path / "elsewhere" / "m.json"
    assert SourceFilter(shop, site, elsewhere)(watchfiles.Change.added, str(elsewhere))


@pytest.mark.parametrize("command", ["render", "build", "watch", "serve"])
def test_every_drawing_command_takes_measures(cli: Cli, command: str) -> None:
    result = cli(command, "--help")
    assert "--measures" in result.stdout


def test_render_says_when_the_measures_do_not_cover_the_map(
    cli: Cli, project: Path, write: Callable[[str, str], Path]
) -> None:
    from conftest import MINIMAL_MAP

    path = write("other.yaml", MINIMAL_MAP.format(id="other"))
    result = cli("render", str(path), "--measures", str(CASE / "measures.json"))
    assert result.exit_code == 0
    assert "has no measures of this map's id; drawn without them" in result.stderr
    assert "funnel-step" not in (project / "other.svg").read_text(encoding="utf-8")


def test_simulated_and_measured_example_is_drawn_with_its_own_figures(
    cli: Cli, tmp_path: Path
) -> None:
    from journeymap.i18n import labels
    from journeymap.layout.context import format_number

    example = Path(__file__).parent.parent / "examples" / "current-state.yaml"
    events, measures = tmp_path / "events.csv", tmp_path / "measures.json"
    assert (
        cli("simulate", str(example), "-n", "3000", "--seed", "3", "-o", str(events)).exit_code == 0
    )
    measured = cli("measure", str(example), "--events", str(events), "-o", str(measures))
    assert measured.exit_code == 0, measured.stderr
    out = tmp_path / "out"
    result = cli("render", str(example), "--measures", str(measures), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = json.loads(measures.read_text(encoding="utf-8"))["maps"]["commuter-pass-today"]
    grid = (out / "current-state.svg").read_text(encoding="utf-8")
    for step, figures in data["steps"].items():
        reach = figures["reach"]
        shown = format_number(reach, labels("en")) if reach is not None else "&lt; 10"
        assert f"{shown}</text>" in grid, step
    html = (out / "current-state.html").read_text(encoding="utf-8")
    conformance = round(data["variants"]["conformance"] * 100)
    assert f"{conformance}% of cases follow only transitions the map draws" in html


def test_a_measured_straight_map_gets_its_flow_view_too(cli: Cli, tmp_path: Path) -> None:
    text = (CASE / "map.yaml").read_text(encoding="utf-8")
    straight = "\n".join(
        line for line in text.splitlines() if "next:" not in line and "- {to:" not in line
    )
    (tmp_path / "map.yaml").write_text(straight + "\n", encoding="utf-8")
    plain = cli("render", str(tmp_path / "map.yaml"), "-o", str(tmp_path / "plain"))
    assert plain.exit_code == 0, plain.stderr
    assert not (tmp_path / "plain/map.flow.svg").exists()
    out = tmp_path / "drawn"
    result = cli(
        "render",
        str(tmp_path / "map.yaml"),
        "-o",
        str(out),
        "--measures",
        str(CASE / "measures.json"),
    )
    assert result.exit_code == 0, result.stderr
    assert "not on map · meas 18%" in (out / "map.flow.svg").read_text(encoding="utf-8")
