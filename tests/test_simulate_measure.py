"""A simulated log measured against the map it came from: the measures find the map again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import EXAMPLES, Result
from journeymap.analytics.measures import load_measures
from journeymap.analytics.simulate_plan import hazard
from journeymap.config import load_project
from journeymap.pipeline import check_file, open_session

Cli = Callable[..., Result]
MAP = EXAMPLES / "current-state.yaml"


def test_measure_finds_the_simulated_map(cli: Cli, tmp_path: Path) -> None:
    log, measures = tmp_path / "events.parquet", tmp_path / "measures.json"
    assert cli("simulate", str(MAP), "-n", "4000", "--seed", "3", "-o", str(log)).exit_code == 0
    result = cli("measure", str(MAP), "--events", str(log), "-o", str(measures))
    assert result.exit_code == 0, result.stderr
    found = load_measures(measures).maps["commuter-pass-today"]
    project, _ = load_project(MAP)
    journey = check_file(MAP, open_session(project)).journey
    assert journey is not None
    steps = {step.id: step for _, step in journey.steps()}
    bound = {step_id for step_id, step in steps.items() if step.events}
    assert set(found.steps) == bound
    assert all((found.steps[s].reach or 0) > 0 for s in bound), "every bound step is reached"
    assert found.cases == 4000 and found.steps["plans-commute"].starts == 4000
    split = next(
        t
        for t in found.transitions
        if (t.source, t.target) == ("buys-pass-in-app", "shows-qr-ticket")
    )
    expected = 0.78 * (1 - hazard(steps["buys-pass-in-app"], 1.0))
    assert split.share is not None and abs(split.share - expected) < 0.03
    assert found.coverage.events is not None and 0.6 < found.coverage.events < 0.95
    unclaimed = {u.name for u in found.coverage.top_unclaimed}
    assert {"gives-up-claim", "heartbeat"} <= unclaimed, "unbound steps and noise stay unclaimed"


def test_the_example_passes_its_own_measures(cli: Cli, tmp_path: Path) -> None:
    log, measures = tmp_path / "events.csv", tmp_path / "measures.json"
    cli("simulate", str(MAP), "-n", "3000", "--seed", "4", "-o", str(log))
    cli("measure", str(MAP), "--events", str(log), "-o", str(measures))
    result = cli("validate", "--strict", str(MAP), "--measures", str(measures))
    assert result.exit_code == 0, result.stdout
    harsh_log, harsh = tmp_path / "harsh.csv", tmp_path / "harsh.json"
    cli("simulate", str(MAP), "-n", "3000", "--seed", "4", "--drop-off", "2", "-o", str(harsh_log))
    cli("measure", str(MAP), "--events", str(harsh_log), "-o", str(harsh))
    findings = cli("validate", str(MAP), "--measures", str(harsh)).stdout
    assert " JM330 edge buys-pass-in-app -> shows-qr-ticket declares share 0.78" in findings
