"""Small things a new user trips over (issue 13), each checked from the CLI or the library."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

from conftest import EXAMPLES, MINIMAL_MAP, Result
from journeymap.config import load_project
from journeymap.diff.future import future_report
from journeymap.pipeline import check_file, open_session
from journeymap.serve import watch_site
from journeymap.serve.building import Build
from journeymap.serve.watcher import SourceFilter, project_root
from journeymap.site import build

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]
PERSONA = "journeymap: 1\nkind: persona\nid: maya\nname: Maya\nrole: Commuter\n"


# --- the bundled examples are exemplary ---------------------------------------------------


def test_the_examples_are_clean_under_strict(cli: Cli) -> None:
    result = cli("validate", "--strict", str(EXAMPLES))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "no problems" in result.stderr


def test_every_example_status_agrees_with_its_based_on_map() -> None:
    path = EXAMPLES / "future-state.yaml"
    project, _ = load_project(path)
    journey = check_file(path, open_session(project)).journey
    assert journey is not None and journey.based_on is not None
    report = future_report(journey, project)
    assert [(s.id, s.mismatch) for s in report.steps if s.mismatch] == []


# --- every out-of-range number of a file (JM014) ------------------------------------------


def test_every_number_out_of_range_is_reported(cli: Cli, project: Path, write: Write) -> None:
    huge = "9" * 30
    text = MINIMAL_MAP.format(id="m").replace("emotion: 1", f"emotion: {huge}")
    text = text.replace("emotion: 0", "emotion: 0\n        metrics: {a: 1e999, b: -" + huge + "}")
    result = cli("validate", str(write("m.yaml", text)))
    assert result.exit_code == 1
    found = [line.split(": ", 1)[0] for line in result.stdout.splitlines() if "JM014" in line]
    assert len(found) == 3 and len(set(found)) == 3, result.stdout


def test_an_out_of_range_number_in_a_persona_file_is_reported(
    cli: Cli, project: Path, write: Write
) -> None:
    write("personas/maya.yaml", PERSONA + "quote: ok\nx: 1e999\n")
    text = MINIMAL_MAP.format(id="m").replace("{name: Ana, role: Shopper}", "maya")
    result = cli("validate", str(write("m.yaml", text)))
    assert result.exit_code == 1
    assert "personas/maya.yaml:7:4: JM014 number is out of range" in result.stdout


# --- based_on naming a persona -------------------------------------------------------------


def test_based_on_a_persona_file_says_so(cli: Cli, project: Path, write: Write) -> None:
    write("maya.yaml", PERSONA)
    future = MINIMAL_MAP.format(id="f").replace("kind: current-state", "kind: future-state")
    result = cli("validate", str(write("f.yaml", future + "based_on: maya.yaml\n")))
    assert result.exit_code == 1
    assert "JM207 based_on names 'maya.yaml', a persona file, not a map" in result.stdout
    assert "has errors" not in result.stdout


def test_based_on_a_broken_map_still_says_it_has_errors(
    cli: Cli, project: Path, write: Write
) -> None:
    write("base.yaml", MINIMAL_MAP.format(id="b").replace("emotion: 1", "emotion: 7"))
    future = MINIMAL_MAP.format(id="f").replace("kind: current-state", "kind: future-state")
    result = cli("validate", str(write("f.yaml", future + "based_on: base.yaml\n")))
    assert "JM207 based_on map 'base.yaml' has errors" in result.stdout


# --- validate of a folder without maps ----------------------------------------------------


def test_an_empty_folder_is_a_note_not_an_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "notes.md").write_text("no maps here\n", encoding="utf-8")
    result = cli("validate", "maps", cwd=tmp_path)
    assert result.exit_code == 0
    assert "journeymap: note: no maps in maps (no .yaml or .yml file" in result.stderr
    assert "no such file" not in result.stderr


def test_a_glob_that_matches_no_map_says_so(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    result = cli("validate", "maps/*.yaml", "gone.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    line = "journeymap: no such file or directory: gone.yaml; no map matches maps/*.yaml"
    assert result.stderr.strip() == line


# --- watch and serve watch the whole project -----------------------------------------------


def test_watch_of_a_folder_watches_its_project(project: Path, write: Write) -> None:
    maps = write("maps/a.yaml", MINIMAL_MAP.format(id="a")).parent
    assert project_root(maps) == project.resolve()
    keep = SourceFilter(project_root(maps), project / "site")
    assert keep(_modified(), str(project.resolve() / "personas" / "maya.yaml"))


def test_an_edit_to_a_persona_outside_the_folder_rebuilds(project: Path, write: Write) -> None:
    persona = write("personas/maya.yaml", PERSONA)
    text = MINIMAL_MAP.format(id="a").replace("{name: Ana, role: Shopper}", "maya")
    maps = write("maps/a.yaml", text).parent
    out = project / "out"
    reports: list[Build] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch_site, args=(maps, out), kwargs={"report": reports.append, "stop": stop}
    )
    thread.start()
    try:
        _wait_for(lambda: len(reports) >= 1)

        def saved_and_rebuilt() -> bool:
            persona.write_text(PERSONA.replace("Commuter", "Night nurse"), encoding="utf-8")
            return len(reports) >= 2

        _wait_for(saved_and_rebuilt)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert "Night nurse" in (out / "maps" / "maps" / "a.html").read_text(encoding="utf-8")


def _modified() -> object:
    import watchfiles

    return watchfiles.Change.modified


def _wait_for(condition: Callable[[], object], *, timeout: float = 30.0) -> None:
    """Poll `condition` (a functional timeout only; nothing here measures speed)."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.1)


# --- persona pages, one per persona --------------------------------------------------------


def test_inline_personas_with_one_name_get_a_page_each(project: Path, write: Write) -> None:
    write("a.yaml", MINIMAL_MAP.format(id="a"))
    write("b.yaml", MINIMAL_MAP.format(id="b").replace("role: Shopper", "role: Nurse"))
    write("personas/maya.yaml", PERSONA)
    for ident in ("c", "d"):
        shared = MINIMAL_MAP.format(id=ident).replace("{name: Ana, role: Shopper}", "maya")
        write(f"{ident}.yaml", shared)
    site = project / "site"
    build(project, site)
    pages = sorted(p.name for p in (site / "personas").iterdir())
    assert len(pages) == 3 and "maya.html" in pages, pages
    ana = [name for name in pages if name.startswith("ana-")]
    roles = {(site / "personas" / name).read_text(encoding="utf-8").count("Nurse") for name in ana}
    assert roles == {0, 1}  # each inline Ana shows her own role
    index = (site / "index.html").read_text(encoding="utf-8")
    assert all(f'href="personas/{name}"' in index for name in pages)
    maya = (site / "personas" / "maya.html").read_text(encoding="utf-8")
    assert "c.html" in maya and "d.html" in maya  # one persona file, one page for both maps
    build(project, project / "again", force=True)
    assert sorted(p.name for p in (project / "again" / "personas").iterdir()) == pages


# --- diff words ----------------------------------------------------------------------------


def test_a_deleted_pain_point_is_removed_not_resolved(
    cli: Cli, project: Path, write: Write
) -> None:
    pain = "\n        pain_points: [{id: slow, text: Slow page}]"
    old = write("old.yaml", MINIMAL_MAP.format(id="m").replace("emotion: 0", "emotion: 0" + pain))
    new = write("new.yaml", MINIMAL_MAP.format(id="m"))
    result = cli("diff", str(old), str(new))
    assert "  - pain point slow removed from step second: “Slow page”" in result.stdout
    assert "resolved" not in result.stdout


def test_a_pain_point_that_a_future_step_resolves_is_resolved(
    cli: Cli, project: Path, write: Write
) -> None:
    pain = "\n        pain_points: [{id: slow, text: Slow page}]"
    old = write("old.yaml", MINIMAL_MAP.format(id="m").replace("emotion: 0", "emotion: 0" + pain))
    future = MINIMAL_MAP.format(id="m").replace("kind: current-state", "kind: future-state")
    future = future.replace("emotion: 0", "emotion: 0\n        resolves: [slow]")
    new = write("new.yaml", future + "based_on: old.yaml\n")
    result = cli("diff", str(old), str(new))
    line = "  - pain point slow resolved by step second (gone from step second): “Slow page”"
    assert line in result.stdout
    data = json.loads(cli("diff", str(old), str(new), "-f", "json").stdout)
    (change,) = [c for c in data["maps"][0]["changes"] if c["element"] == "pain_point"]
    assert (change["kind"], change["field"], change["after"]) == (
        "removed",
        "resolved_by",
        ["second"],
    )


def test_a_built_in_stage_title_is_no_rename(cli: Cli, project: Path, write: Write) -> None:
    old = write("old.yaml", MINIMAL_MAP.format(id="m"))
    spelled = MINIMAL_MAP.format(id="m").replace(
        "- id: awareness", "- id: awareness\n    title: Awareness"
    )
    assert cli("diff", str(old), str(write("same.yaml", spelled))).stdout.count("\n  ") == 0
    renamed = spelled.replace("title: Awareness", "title: Weighing options")
    result = cli("diff", str(old), str(write("new.yaml", renamed)))
    assert "  ~ stage awareness renamed: “Awareness” → “Weighing options”" in result.stdout
    assert "(none)" not in result.stdout
