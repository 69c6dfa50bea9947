"""`journeymap diff`: the differ on every change type, the four report formats, `--git` in a
real temporary repository, and the future-vs-current report, through the real CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import EXAMPLES, MINIMAL_MAP, Result
from journeymap.config import load_project
from journeymap.diff import diff_maps
from journeymap.diff.changes import Change
from journeymap.diff.order import out_of_order, renames
from journeymap.diff.words import md_escape
from journeymap.model import JourneyMap
from journeymap.pipeline import check_file, open_session

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

CASES = Path(__file__).resolve().parent / "diff_cases"
SVG = "{http://www.w3.org/2000/svg}"


def load(path: Path) -> JourneyMap:
    project, _ = load_project(path)
    journey = check_file(path, open_session(project), with_lint=False).journey
    assert journey is not None
    return journey


def keys(changes: list[Change]) -> set[tuple[str, str, str, str | None]]:
    return {(c.kind, c.element, c.id, c.field) for c in changes}


def small(stages: str) -> str:
    """A current-state map with the given stages block (already indented)."""
    return f"journeymap: 1\nkind: current-state\nid: m\ntitle: M\nstages:\n{stages}"


def diff_texts(write: Write, old: str, new: str) -> list[Change]:
    return diff_maps(load(write("old.yaml", old)), load(write("new.yaml", new)))


# --- the differ -------------------------------------------------------------------------


def test_identical_maps_have_no_changes(cli: Cli) -> None:
    path = CASES / "old.yaml"
    assert diff_maps(load(path), load(path)) == []
    result = cli("diff", str(path), str(path), "--exit-code")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith(": no changes")


def test_every_change_of_a_journey_map() -> None:
    changes = diff_maps(load(CASES / "old.yaml"), load(CASES / "new.yaml"))
    assert keys(changes) == {
        ("changed", "map", "", "title"),
        ("changed", "map", "", "goals"),
        ("changed", "map", "", "persona.role"),
        ("reordered", "stage", "conversion", "position"),
        ("renamed", "stage", "consideration", "title"),
        ("renamed", "stage", "loyalty", "id"),
        ("added", "stage", "advocacy", None),
        ("removed", "stage", "extra", None),
        ("changed", "step", "sees-ad", "action"),
        ("changed", "step", "sees-ad", "emotion"),
        ("added", "touchpoint", "app:Banner", None),
        ("removed", "touchpoint", "ads:Poster", None),
        ("changed", "metric", "completion_rate", "value"),
        ("added", "metric", "click_rate", None),
        ("renamed", "step", "asks-friend", "title"),
        ("changed", "edge", "asks-friend->compares", "label"),
        ("added", "edge", "asks-friend->reads-reviews", None),
        ("removed", "edge", "asks-friend->checks-out", None),
        ("moved", "step", "test-ride", "stage"),
        ("changed", "pain_point", "card-reader-slow", "severity"),
        ("changed", "pain_point", "card-reader-slow", "owner"),
        ("added", "pain_point", "no-stock", None),
        ("removed", "pain_point", "no-receipt", None),
        ("changed", "opportunity", "faster-reader", "text"),
        ("added", "opportunity", "show-stock", None),
        ("removed", "opportunity", "email-receipt", None),
        ("renamed", "step", "gets-new-name", "id"),
        ("reordered", "step", "books-test-ride", "position"),
        ("changed", "step", "first-service", "emotion"),
        ("moved", "pain_point", "long-queue", "step"),
        ("added", "step", "recommends", None),
        ("removed", "step", "buys-lock", None),
    }
    assert len(changes) == 32


def test_changes_carry_before_after_direction_and_path() -> None:
    changes = diff_maps(load(CASES / "old.yaml"), load(CASES / "new.yaml"))
    found = {(c.kind, c.element, c.id, c.field): c for c in changes}
    emotion = found["changed", "step", "sees-ad", "emotion"]
    assert (emotion.before, emotion.after, emotion.direction) == (-1, 1, "better")
    worse = found["changed", "step", "first-service", "emotion"]
    assert (worse.before, worse.after, worse.direction) == (0, -2, "worse")
    severity = found["changed", "pain_point", "card-reader-slow", "severity"]
    assert (severity.before, severity.after, severity.direction) == (3, 5, "worse")
    assert severity.path == "/stages/conversion/steps/checks-out/pain_points/card-reader-slow"
    moved = found["moved", "step", "test-ride", "stage"]
    assert (moved.before, moved.after) == ("conversion", "awareness")
    pain = found["moved", "pain_point", "long-queue", "step"]
    assert (pain.before, pain.after, pain.step) == ("checks-out", "first-service", "first-service")
    removed = found["removed", "step", "buys-lock", None]
    assert removed.before["action"] == "Buys a lock" and removed.after is None
    assert found["renamed", "step", "gets-new-name", "id"].before == "gets-old-name"


def test_changes_come_grouped_map_stages_then_steps_in_new_order() -> None:
    changes = diff_maps(load(CASES / "old.yaml"), load(CASES / "new.yaml"))
    elements = [c.element for c in changes]
    assert elements[:3] == ["map"] * 3
    assert set(elements[3:8]) == {"stage"}
    steps = [c.step for c in changes[8:]]
    order = ["sees-ad", "asks-friend", "test-ride", "checks-out", "gets-new-name",
             "books-test-ride", "first-service", "recommends", "buys-lock"]  # fmt: skip
    assert list(dict.fromkeys(steps)) == order


def test_blueprint_items_and_links() -> None:
    changes = diff_maps(load(CASES / "blueprint-old.yaml"), load(CASES / "blueprint-new.yaml"))
    assert keys(changes) == {
        ("added", "blueprint_item", "evidence:SMS with a job number", None),
        ("removed", "blueprint_item", "evidence:Paper ticket", None),
        ("changed", "blueprint_item", "clerk-checks", "owner"),
        ("changed", "blueprint_item", "logs-job", "system"),
        ("changed", "blueprint_item", "logs-job", "fail_point"),
        ("changed", "blueprint_item", "logs-job", "wait"),
        ("added", "blueprint_item", "books-slot", None),
        ("removed", "blueprint_item", "orders-parts", None),
        ("changed", "link", "clerk-checks->logs-job", "label"),
        ("added", "link", "logs-job->books-slot", None),
        ("removed", "link", "logs-job->orders-parts", None),
    }
    fail = next(c for c in changes if c.field == "fail_point")
    assert (fail.before, fail.after) == (False, "App is slow on Mondays")


def test_insertion_is_not_a_reorder_but_a_swap_is(write: Write) -> None:
    before = small("  - id: a\n    title: A\n    steps:\n" + _steps("s1", "s2", "s3"))
    inserted = small("  - id: a\n    title: A\n    steps:\n" + _steps("s0", "s1", "s2", "s3"))
    assert keys(diff_texts(write, before, inserted)) == {("added", "step", "s0", None)}
    swapped = small("  - id: a\n    title: A\n    steps:\n" + _steps("s1", "s3", "s2"))
    (change,) = diff_texts(write, before, swapped)
    assert (change.kind, change.field, change.before, change.after) == (
        "reordered",
        "position",
        3,
        2,
    )


def test_moving_to_another_stage_is_moved_not_reordered(write: Write) -> None:
    two = "  - id: a\n    title: A\n    steps:\n{}  - id: b\n    title: B\n    steps:\n{}"
    before = small(two.format(_steps("s1", "s2"), _steps("s3")))
    after = small(two.format(_steps("s1"), _steps("s2", "s3")))
    (change,) = diff_texts(write, before, after)
    assert (change.kind, change.id, change.before, change.after) == ("moved", "s2", "a", "b")


def test_reordered_stages(write: Write) -> None:
    stage = "  - id: {0}\n    title: {0}\n    steps:\n      - {{id: x-{0}, action: Does {0}}}\n"
    before = small("".join(stage.format(s) for s in ("a", "b", "c")))
    after = small("".join(stage.format(s) for s in ("c", "a", "b")))
    (change,) = diff_texts(write, before, after)
    assert (change.kind, change.element, change.id) == ("reordered", "stage", "c")
    assert (change.before, change.after) == (3, 1)


def test_order_helpers() -> None:
    assert out_of_order(["a", "b", "c", "d"], ["b", "c", "d", "a"]) == {"a"}
    assert out_of_order(["a", "b"], ["x", "a", "y", "b"]) == set()
    assert renames({"old": 1, "gone": 2}, {"new": 1, "other": 3}) == {"old": "new"}
    assert renames({"a": 1, "b": 1}, {"c": 1}) == {}  # ambiguous content is never paired


def _steps(*ids: str) -> str:
    return "".join(f"      - {{id: {i}, action: Does {i}}}\n" for i in ids)


# --- CLI and formats --------------------------------------------------------------------


def test_text_report(cli: Cli) -> None:
    result = cli("diff", str(CASES / "old.yaml"), str(CASES / "new.yaml"))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("--- ") and lines[1].startswith("+++ ")
    assert "  ~ step sees-ad emotion: -1 → +1 (better)" in lines
    assert "  - pain point no-receipt removed from step checks-out: “No receipt by email”" in lines
    assert "  > step test-ride moved from stage conversion to stage awareness" in lines
    assert "  > step books-test-ride moved within its stage from position 3 to 1" in lines
    assert (
        lines[-1] == "32 changes: 7 added, 6 removed, 11 changed, 4 renamed, 2 moved, 2 reordered"
    )
    assert "\x1b[" not in result.stdout


def test_exit_code_option(cli: Cli) -> None:
    result = cli("diff", str(CASES / "old.yaml"), str(CASES / "new.yaml"), "--exit-code")
    assert result.exit_code == 1
    assert result.stdout


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from journeymap.cli.diff import wants_color
    from journeymap.diff import diff_files, render

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_color(Tty(), "text")  # type: ignore[arg-type]
    assert not wants_color(Tty(), "markdown")  # type: ignore[arg-type]
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_color(Tty(), "text")  # type: ignore[arg-type]
    result = diff_files(CASES / "old.yaml", CASES / "new.yaml")
    assert "\x1b[32m+\x1b[0m" in render(result, "text", color=True)


def test_markdown_report(cli: Cli) -> None:
    result = cli("diff", str(CASES / "old.yaml"), str(CASES / "new.yaml"), "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "### journeymap diff: 1 map compared: 1 modified; 32 changes"
    assert any(line.startswith("#### ") and "new.yaml" in line for line in lines)
    assert "- `~` step `sees-ad` emotion: -1 → +1 (better)" in lines
    assert "<details><summary>32 changes</summary>" in lines


HOSTILE = (
    "**bold** _em_ [link](javascript:alert(1)) <script>alert(1)</script> `code` | a | b |"
    " ![img](http://x/y.png) ~~gone~~ @octocat #1 $x$ &amp; \\*"
)


def test_markdown_escapes_hostile_text(cli: Cli, project: Path, write: Write) -> None:
    import markdown_it

    old = write("old.yaml", MINIMAL_MAP.format(id="m"))
    hostile = MINIMAL_MAP.format(id="m").replace(
        "Reads about it", json.dumps(HOSTILE + "\nsecond line\u202e")
    )
    new = write("new.yaml", hostile)
    result = cli("diff", str(old), str(new), "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    (line,) = [x for x in result.stdout.splitlines() if "action" in x]
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parseInline(line)[0].children
    kinds = {t.type for t in tokens}
    assert kinds <= {"text", "code_inline", "softbreak"}, kinds
    codes = [t.content for t in tokens if t.type == "code_inline"]
    assert codes == ["~", "second"]
    rendered = "".join(t.content for t in tokens if t.type == "text")
    assert "**bold** _em_ [link](javascript:alert(1)) <script>" in rendered
    assert "@\u2060octocat" in rendered and "\u202e" not in rendered
    assert "\n" not in line


def test_md_escape_unit() -> None:
    assert md_escape("a*b_c`d[e]<f>|g~h$i#j&k\\l") == r"a\*b\_c\`d\[e\]\<f\>\|g\~h\$i\#j\&k\\l"
    assert md_escape("x\ny") == "x y"
    assert md_escape("a" * 500).endswith("…")


def test_json_report(cli: Cli) -> None:
    result = cli("diff", str(CASES / "old.yaml"), str(CASES / "new.yaml"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["format", "version", "mode", "revision", "changed", "maps", "future"]
    assert (data["format"], data["version"], data["mode"], data["changed"]) == (
        "journeymap-diff",
        1,
        "maps",
        True,
    )
    (entry,) = data["maps"]
    assert list(entry) == ["old", "new", "status", "id", "title", "counts", "changes"]
    assert entry["status"] == "modified" and entry["id"] == "shop"
    assert entry["counts"] == {
        "added": 7,
        "removed": 6,
        "changed": 11,
        "renamed": 4,
        "moved": 2,
        "reordered": 2,
    }
    change = next(c for c in entry["changes"] if c["field"] == "emotion")
    assert change == {
        "kind": "changed",
        "element": "step",
        "id": "sees-ad",
        "path": "/stages/awareness/steps/sees-ad",
        "field": "emotion",
        "before": -1,
        "after": 1,
        "step": "sees-ad",
        "direction": "better",
    }
    assert cli("diff", str(CASES / "old.yaml"), str(CASES / "new.yaml"), "-f", "json").stdout == (
        result.stdout
    )


def test_html_report(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "diff.html"
    result = cli(
        "diff", str(CASES / "old.yaml"), str(CASES / "new.yaml"), "-f", "html", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script" not in page.replace("&lt;script", "")
    assert 'class="legend"' in page and "Legend" in page
    (svg_text,) = re.findall(r"<div class=\"figure\"[^>]*>(<svg.*?</svg>)", page, re.S)
    svg = ElementTree.fromstring(svg_text)
    marks = {
        g.get("id"): g.get("class")
        for g in svg.iter(f"{SVG}g")
        if "diff-mark" in (g.get("class") or "")
    }
    assert marks["d0-diff-recommends"] == "diff-mark diff-added"
    assert marks["d0-diff-sees-ad"] == "diff-mark diff-changed"
    assert marks["d0-diff-checks-out"] == "diff-mark diff-changed"
    assert "d0-diff-compares" not in marks  # untouched steps are not marked
    labels = {
        "".join(t.itertext()) for t in svg.iter(f"{SVG}text") if t.get("class") == "diff-label"
    }
    assert labels == {"Added", "Changed", "Moved"}
    assert marks["d0-diff-test-ride"] == "diff-mark diff-moved"  # only moved: its own mark
    assert marks["d0-diff-books-test-ride"] == "diff-mark diff-moved"
    legend = page.split('class="legend"', 1)[1].split("</section>", 1)[0]
    assert "<strong>Moved</strong> step: dash-dot outline" in legend
    assert 'stroke-dasharray="14 4 2 4"' in legend and "moved: to another stage" in legend
    assert "Removed steps (not in the new map)" in page
    assert "<code>buys-lock</code> from stage <code>extra</code>" in page


def test_html_goes_to_stdout_when_redirected(cli: Cli) -> None:
    result = cli("diff", str(CASES / "old.yaml"), str(CASES / "new.yaml"), "-f", "html")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_map_with_errors_exits_one(cli: Cli, project: Path, write: Write) -> None:
    good = write("good.yaml", MINIMAL_MAP.format(id="m"))
    bad = write("bad.yaml", MINIMAL_MAP.format(id="m").replace("emotion: 1", "emotion: 7"))
    result = cli("diff", str(good), str(bad))
    assert result.exit_code == 1
    assert "bad.yaml:" in result.stderr and "JM106" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("nothing.yaml", "other.yaml"), "no such file"),
        (("a", "b", "c"), "give two maps"),
        ((), "give two maps"),
    ],
)
def test_usage_errors_exit_two(
    cli: Cli, tmp_path: Path, arguments: tuple[str, ...], message: str
) -> None:
    result = cli("diff", *arguments, cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr


def test_one_map_that_is_not_a_future_state_map_is_a_usage_error(cli: Cli) -> None:
    result = cli("diff", str(CASES / "old.yaml"))
    assert result.exit_code == 2
    assert "future-state" in result.stderr


def test_persona_file_is_a_usage_error(cli: Cli) -> None:
    persona = EXAMPLES / "personas" / "maya-commuter.yaml"
    result = cli("diff", str(persona), str(CASES / "old.yaml"))
    assert result.exit_code == 2
    assert "persona file" in result.stderr


# --- --git ------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A committed project: two maps, a persona, a workflow file; HEAD is the baseline."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    root = tmp_path / "repo"
    (root / "maps").mkdir(parents=True)
    (root / "journeymap.toml").write_text('[project]\nname = "Repo"\n', encoding="utf-8")
    (root / "maps" / "shop.yaml").write_text(
        (CASES / "old.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (root / "maps" / "gone.yaml").write_text(MINIMAL_MAP.format(id="gone"), encoding="utf-8")
    (root / "maps" / "same.yaml").write_text(MINIMAL_MAP.format(id="same"), encoding="utf-8")
    (root / "ci.yml").write_text("name: ci\non: push\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "baseline")
    return root


def change_repo(root: Path) -> None:
    """Modify one map, delete one, add one (untracked), and touch a non-map YAML file."""
    (root / "maps" / "shop.yaml").write_text(
        (CASES / "new.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (root / "maps" / "gone.yaml").unlink()
    (root / "maps" / "fresh.yaml").write_text(MINIMAL_MAP.format(id="fresh"), encoding="utf-8")
    (root / "ci.yml").write_text("name: ci\non: [push, pull_request]\n", encoding="utf-8")


def test_git_compares_changed_maps_with_a_revision(cli: Cli, repo: Path) -> None:
    change_repo(repo)
    result = cli("diff", "--git", "HEAD", cwd=repo)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "--- HEAD:maps/shop.yaml" in lines and "+++ maps/shop.yaml" in lines
    assert "  ~ step sees-ad emotion: -1 → +1 (better)" in lines
    assert "+ maps/fresh.yaml: “A small journey” map added (2 steps)" in lines
    assert "- HEAD:maps/gone.yaml: “A small journey” map deleted (2 steps)" in lines
    assert "ci.yml" not in result.stdout and "same.yaml" not in result.stdout
    assert lines[-1] == "3 maps compared: 1 modified, 1 added, 1 deleted; 32 changes"
    assert cli("diff", "--git", "HEAD", "--exit-code", cwd=repo).exit_code == 1


def test_git_json_lists_added_and_deleted_maps(cli: Cli, repo: Path) -> None:
    change_repo(repo)
    data = json.loads(cli("diff", "--git", "HEAD", "-f", "json", cwd=repo).stdout)
    assert (data["mode"], data["revision"]) == ("git", "HEAD")
    summary = [(m["old"], m["new"], m["status"], len(m["changes"])) for m in data["maps"]]
    assert summary == [
        (None, "maps/fresh.yaml", "added", 0),
        ("HEAD:maps/gone.yaml", None, "deleted", 0),
        ("HEAD:maps/shop.yaml", "maps/shop.yaml", "modified", 32),
    ]


def test_git_paths_limit_the_comparison(cli: Cli, repo: Path) -> None:
    change_repo(repo)
    only = cli("diff", "--git", "HEAD", "maps/shop.yaml", "maps/same.yaml", cwd=repo)
    assert only.exit_code == 0, only.stderr
    assert "fresh.yaml" not in only.stdout and "gone.yaml" not in only.stdout
    assert "HEAD:maps/same.yaml → maps/same.yaml: no changes" in only.stdout
    from_subdir = cli("diff", "--git", "HEAD", ".", cwd=repo / "maps")
    assert "fresh.yaml" in from_subdir.stdout and "gone.yaml" in from_subdir.stdout
    deleted = cli("diff", "--git", "HEAD", "gone.yaml", cwd=repo / "maps")
    assert "map deleted" in deleted.stdout


def test_git_follows_a_renamed_map(cli: Cli, repo: Path) -> None:
    git(repo, "mv", "maps/same.yaml", "maps/renamed.yaml")
    path = repo / "maps" / "renamed.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("emotion: 0", "emotion: -1"))
    result = cli("diff", "--git", "HEAD", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "--- HEAD:maps/same.yaml",
        "+++ maps/renamed.yaml",
        "  ~ step second emotion: 0 → -1 (worse)",
    ]


def test_git_no_changes(cli: Cli, repo: Path) -> None:
    result = cli("diff", "--git", "HEAD", "--exit-code", cwd=repo)
    assert result.exit_code == 0
    assert result.stdout == "no maps changed\n"


def test_git_old_version_is_checked_against_the_current_project(cli: Cli, repo: Path) -> None:
    broken = MINIMAL_MAP.format(id="same").replace("emotion: 1", "emotion: 9")
    (repo / "maps" / "same.yaml").write_text(broken, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    (repo / "maps" / "same.yaml").write_text(MINIMAL_MAP.format(id="same"), encoding="utf-8")
    result = cli("diff", "--git", "HEAD", cwd=repo)
    assert result.exit_code == 1
    assert "HEAD:maps/same.yaml:" in result.stderr and "JM106" in result.stderr


@pytest.mark.parametrize("rev", ["no-such-rev", "--output=x", "HEAD~5"])
def test_git_bad_revision(cli: Cli, repo: Path, rev: str) -> None:
    result = cli("diff", "--git", rev, cwd=repo)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"journeymap: unknown revision: {rev!r}"
    assert not (repo / "x").exists()


def test_git_outside_a_repository(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    result = cli("diff", "--git", "HEAD", cwd=tmp_path / "plain")
    assert result.exit_code == 2
    assert "not a git repository" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_git_path_that_exists_nowhere(cli: Cli, repo: Path) -> None:
    result = cli("diff", "--git", "HEAD", "maps/never.yaml", cwd=repo)
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr


# --- future state against current state -------------------------------------------------


def test_future_report_on_the_examples(cli: Cli) -> None:
    path = EXAMPLES / "future-state.yaml"
    result = cli("diff", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    future = json.loads(result.stdout)["future"]
    assert future["based_on"]["id"] == "commuter-pass-today"
    journey = load(path)
    assert journey.based_on is not None
    claimed = {pain for _, step in journey.steps() for pain in step.resolves}
    pains = [pain.id for _, pain in journey.based_on.pain_points()]
    resolved = {p["id"]: p["resolved_by"] for p in future["resolved"]}
    assert set(resolved) == set(pains) & claimed
    assert {p["id"] for p in future["open"]} == set(pains) - claimed
    severities = [p["severity"] or 0 for p in future["open"]]
    assert severities == sorted(severities, reverse=True)
    assert resolved["late-cancellation-notice"] == ["early-cancellation-alert"]
    assert "compensation-offered" in resolved["reupload-ticket-proof"]
    statuses = {s["id"]: s["status"] for s in future["steps"]}
    assert statuses["asks-in-chat"] == "new" and statuses["submits-claim"] == "removed"
    assert statuses["sees-pass-ad"] == "changed"
    unmatched = {s["id"] for s in future["unmatched"]}
    assert {"compares-fares", "train-cancelled"} <= unmatched
    assert "submits-claim" not in unmatched
    text = cli("diff", str(path)).stdout
    assert f"Resolved pain points: {len(resolved)} of {len(pains)}" in text


def test_future_report_open_pain_points_by_severity(cli: Cli) -> None:
    result = cli("diff", str(CASES / "future.yaml"))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Resolved pain points: 2 of 5" in out
    open_lines = [x for x in out.splitlines() if x.startswith("  ! ")]
    assert [x.split()[1] for x in open_lines] == ["empty-docks", "terminal-broken", "slow-unlock"]
    assert "in step pays-at-dock (the step is marked removed)" in out
    assert "  - finds-bike (conversion): “Walks to three docks to find a bike”" in out
    assert "  new       checks-map: “Checks the live map for a free bike”" in out


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_future_report_formats(cli: Cli, output_format: str) -> None:
    result = cli("diff", str(CASES / "future.yaml"), "-f", output_format)
    assert result.exit_code == 0, result.stderr
    if output_format == "markdown":
        assert result.stdout.startswith("### journeymap: future state `future` against `base`")
        assert "- `no-map` (severity 5, step `finds-bike`, owner “app-team”, resolved by" in (
            result.stdout
        )
        return
    (svg_text,) = re.findall(r"<div class=\"figure\"[^>]*>(<svg.*?</svg>)", result.stdout, re.S)
    svg = ElementTree.fromstring(svg_text)
    marks = {g.get("id"): g.get("class") for g in svg.iter(f"{SVG}g") if g.get("id")}
    assert marks["f-diff-checks-map"] == "diff-mark diff-added"
    assert marks["f-diff-pays-at-dock"] == "diff-mark diff-removed"
    assert "f-diff-rides" not in marks
    assert "Legend" in result.stdout


# --- regressions and checks made by running the commands as a user ----------------------

XSS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


def test_html_escapes_every_map_text_and_fetches_nothing(
    cli: Cli, project: Path, write: Write
) -> None:
    base = MINIMAL_MAP.format(id="m")
    old = write("old.yaml", base.replace("A small journey", json.dumps(XSS[0])))
    hostile = base.replace("A small journey", json.dumps(XSS[1]))
    hostile = hostile.replace("Reads about it", json.dumps(" ".join(XSS)))
    hostile = hostile.replace("Offer page", json.dumps(XSS[1])).replace("Ana", json.dumps(XSS[0]))
    new = write("new.yaml", hostile)
    out = project / "d.html"
    assert cli("diff", str(old), str(new), "-f", "html", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "onerror=alert(1)&gt;" in page
    assert re.findall(r"https?://[^\s\"'<>]+", page) == ["http://www.w3.org/2000/svg"]
    assert not re.search(r"url\(|@import|<link|<iframe|<object|\s(src|href)=\"[a-z]", page)


@pytest.mark.parametrize("output_format", ["text", "markdown", "json", "html"])
def test_every_report_is_byte_identical_on_a_second_run(cli: Cli, output_format: str) -> None:
    pairs = [
        (str(EXAMPLES / "current-state.yaml"), str(EXAMPLES / "future-state.yaml")),
        (str(CASES / "blueprint-old.yaml"), str(CASES / "blueprint-new.yaml")),
        (str(EXAMPLES / "future-state.yaml"),),
    ]
    for pair in pairs:
        first = cli("diff", *pair, "-f", output_format)
        assert first.exit_code == 0, first.stderr
        assert cli("diff", *pair, "-f", output_format).stdout == first.stdout


def test_out_never_replaces_a_map_being_compared(cli: Cli, project: Path, write: Write) -> None:
    old = write("old.yaml", MINIMAL_MAP.format(id="m"))
    new = write("new.yaml", MINIMAL_MAP.format(id="m").replace("emotion: 0", "emotion: 1"))
    for target in (old, new, project / "." / "new.yaml"):
        result = cli("diff", str(old), str(new), "-o", str(target))
        assert result.exit_code == 2 and "one of the maps being compared" in result.stderr
    assert old.read_text(encoding="utf-8") == MINIMAL_MAP.format(id="m")
    assert "emotion: 1" in new.read_text(encoding="utf-8")
