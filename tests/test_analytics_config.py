"""journeymap.toml's [analytics] table: read into the project, checked like every other key."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.config import AnalyticsConfig, load_project


def project_with(tmp_path: Path, table: str) -> tuple[object, list[tuple[str, int, str, str]]]:
    (tmp_path / "journeymap.toml").write_text(f"[project]\nname = 'P'\n\n[analytics]\n{table}\n")
    project, problems = load_project(tmp_path)
    return project, [(d.code, d.line, d.message, d.hint or "") for d in problems]


def test_settings_are_read(tmp_path: Path) -> None:
    project, problems = project_with(
        tmp_path,
        'events = "data/events.parquet"\ncase = "sid"\norder = ""\n'
        'timezone = "Europe/Amsterdam"\nwindow = "36h"\nmin_cases = 0',
    )
    assert problems == []
    assert project.analytics == AnalyticsConfig(  # type: ignore[attr-defined]
        events="data/events.parquet", case="sid", timezone="Europe/Amsterdam", window="36h",
        min_cases=0,
    )  # fmt: skip


def test_defaults_without_the_table(tmp_path: Path) -> None:
    (tmp_path / "journeymap.toml").write_text("[project]\nname = 'P'\n")
    project, problems = load_project(tmp_path)
    assert problems == []
    assert project.analytics == AnalyticsConfig()
    assert (project.analytics.timezone, project.analytics.window) == ("UTC", "14d")


@pytest.mark.parametrize(
    ("table", "code", "line", "text"),
    [
        ('cases = "user_id"', "JM102", 5, "did you mean 'case'?"),
        ('window = "2 weeks"', "JM105", 5, "window"),
        ("min_cases = -1", "JM106", 5, "-1"),
        ('timezone = "Europe/Amsterdamm"', "JM105", 5, "did you mean 'Europe/Amsterdam'?"),
        ('events = "../elsewhere/log.csv"', "JM202", 5, "leads outside the project root"),
        ('events = "/var/log/events.csv"', "JM201", 5, "inside the project"),
        ('events = "../db.duckdb:events"', "JM202", 5, "outside"),
        ('measures = "../m.json"', "JM202", 5, "outside"),
    ],
)
def test_problems_are_located(tmp_path: Path, table: str, code: str, line: int, text: str) -> None:
    _, problems = project_with(tmp_path, table)
    assert [(c, n) for c, n, _, _ in problems] == [(code, line)]
    assert any(text in m or text in h for _, _, m, h in problems)


def test_a_symlink_out_of_the_root_is_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    root.mkdir()
    (root / "data").symlink_to(outside)
    _, problems = project_with(root, 'events = "data/*.parquet"')
    assert [c for c, *_ in problems] == ["JM202"]


def test_a_glob_inside_the_root_is_fine(tmp_path: Path) -> None:
    _, problems = project_with(tmp_path, 'events = "data/year=*/*.parquet"')
    assert problems == []
