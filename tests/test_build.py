"""`journeymap build`: the site, its links, the incremental cache, failures and concurrency."""

from __future__ import annotations

import csv
import errno
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLES, MINIMAL_MAP, Result
from journeymap.site import build
from render_helpers import assert_only_our_scripts

Cli = Callable[..., Result]


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A copy of the bundled examples, safe to edit."""
    return Path(shutil.copytree(EXAMPLES, tmp_path / "project"))


def site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and ".journeymap" not in p.parts
    }


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and not value.startswith("#"):
                self.links.append(value)


def links_of(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def test_site_has_every_map_and_the_shared_pages(examples: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build(examples, site)
    assert (result.maps, result.failed, result.rendered) == (8, 0, 8)
    files = site_files(site)
    for name in ("index.html", "channels.html", "backlog.html", "backlog.csv"):
        assert name in files
    maps = [p for p in examples.rglob("*.yaml") if "personas" not in p.parts]
    for path in maps:
        stem = path.relative_to(examples).with_suffix("").as_posix()
        assert f"maps/{stem}.html" in files and f"maps/{stem}.svg" in files
    assert "maps/current-state.flow.svg" in files  # it branches
    assert "maps/day-in-the-life.flow.svg" not in files  # it does not
    assert {n for n in files if n.startswith("personas/")} >= {"personas/maya-commuter.html"}


def test_every_link_is_relative_and_leads_to_a_file(examples: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(examples, site)
    pages = [site / n for n in site_files(site) if n.endswith(".html")]
    assert len(pages) >= 13
    for page in pages:
        in_map = "maps" in page.relative_to(site).parts
        for link in links_of(page):
            if in_map and re.match(r"(https?|mailto):", link):
                continue  # a map's research sources may point at the web
            assert not re.match(r"[a-z]+:|/", link), f"{page.name}: {link} is not relative"
            target = (page.parent / link.split("#")[0]).resolve()
            assert target.is_file() and target.is_relative_to(site.resolve()), (page, link)


def test_map_pages_lead_back_to_the_index(examples: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(examples, site)
    nested = (site / "maps/i18n/hu-bike-order.html").read_text(encoding="utf-8")
    assert '<a href="../../index.html">' in nested
    assert '<a href="../index.html">' in (site / "maps/current-state.html").read_text("utf-8")


def test_pages_are_safe_and_self_contained(examples: Path, tmp_path: Path) -> None:
    (examples / "hostile.yaml").write_text(
        MINIMAL_MAP.format(id="hostile").replace(
            "A small journey", '"<script>alert(1)</script>\\"><img src=x onerror=alert(1)>"'
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    assert build(examples, site).failed == 0
    for name, data in site_files(site).items():
        if name.endswith((".html", ".svg")):
            text = data.decode("utf-8")
            if name.endswith(".svg"):
                assert "<script" not in text, name
            else:
                assert_only_our_scripts(text)
            assert "<img src=x" not in text, name
            assert "http://" not in text.replace("http://www.w3.org", ""), name
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert "<img src=x" not in index


def test_an_unchanged_map_is_not_rendered_again(examples: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(examples, site)
    before = site_files(site)
    again = build(examples, site)
    assert (again.rendered, again.reused) == (0, 8)
    assert site_files(site) == before
    assert build(examples, site, force=True).rendered == 8


def test_an_edit_rebuilds_that_map_and_the_maps_that_reference_it(
    examples: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(examples, site)
    day = examples / "day-in-the-life.yaml"
    day.write_text(day.read_text(encoding="utf-8").replace("Tuesday", "Wednesday"), "utf-8")
    assert build(examples, site).rendered == 1
    assert "Wednesday" in (site / "maps/day-in-the-life.html").read_text(encoding="utf-8")
    persona = examples / "personas/maya-commuter.yaml"
    persona.write_text(persona.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    # three maps use Maya; the future state also reads the current state, which uses her
    assert build(examples, site).rendered == 3
    current = examples / "current-state.yaml"
    current.write_text(current.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    assert build(examples, site).rendered == 2  # the current state and the future state


def test_a_broken_map_keeps_its_last_good_pages_and_the_rest_builds(
    examples: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(examples, site)
    good = (site / "maps/day-in-the-life.html").read_bytes()
    day = examples / "day-in-the-life.yaml"
    day.write_text(day.read_text(encoding="utf-8").replace("emotion: 1", "emotion: 7", 1), "utf-8")
    result = build(examples, site)
    assert result.failed == 1
    assert list(result.errors) == ["maps/day-in-the-life.html"]
    assert any(": JM106 " in line for line in result.errors["maps/day-in-the-life.html"])
    assert (site / "maps/day-in-the-life.html").read_bytes() == good
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "JM106" in index and "day-in-the-life.yaml" in index
    assert build(examples, site).failed == 1  # a failure is never cached as good


def test_deleted_maps_leave_no_pages_behind(examples: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(examples, site)
    (examples / "service-blueprint.yaml").unlink()
    result = build(examples, site)
    files = site_files(site)
    assert result.maps == 7
    assert not [n for n in files if n.startswith("maps/service-blueprint")]
    assert "personas/walter-retiree.html" not in files  # nobody else uses Walter
    assert "service-blueprint" not in (site / "index.html").read_text(encoding="utf-8")


def test_backlog_is_sorted_by_severity_and_names_the_resolving_step(
    examples: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(examples, site)
    with (site / "backlog.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    severities = [int(r["severity"] or 0) for r in rows]
    assert severities == sorted(severities, reverse=True)
    late = next(r for r in rows if r["pain_point"] == "late-cancellation-notice")
    assert late["map_path"] == "current-state.yaml"
    assert late["resolved_by"].startswith("Monthly pass and delay compensation, 2025 target: ")
    open_pain = next(r for r in rows if r["pain_point"] == "porting-blackout")
    assert open_pain["resolved_by"] == ""
    html = (site / "backlog.html").read_text(encoding="utf-8")
    assert html.count("<tr") == len(rows) + 1


def test_backlog_csv_guards_formulas(project: Path, tmp_path: Path) -> None:
    pain = "        pain_points: [{id: f, text: '=HYPERLINK(\"x\")', severity: 2}]\n"
    text = MINIMAL_MAP.format(id="formula").replace(
        "        emotion: 0\n", f"        emotion: 0\n{pain}"
    )
    (project / "formula.yaml").write_text(text, encoding="utf-8")
    build(project, tmp_path / "site")
    assert "'=HYPERLINK" in (tmp_path / "site/backlog.csv").read_text(encoding="utf-8")


def test_channel_matrix_counts_touchpoints_by_phase(project: Path, tmp_path: Path) -> None:
    (project / "a.yaml").write_text(MINIMAL_MAP.format(id="a"), encoding="utf-8")
    (project / "b.yaml").write_text(MINIMAL_MAP.format(id="b"), encoding="utf-8")
    build(project, tmp_path / "site")
    html = (tmp_path / "site/channels.html").read_text(encoding="utf-8")
    row = re.search(r"<tr><th scope=\"row\"><bdi>Website</bdi></th>(.*?)</tr>", html)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    assert cells[0].startswith("2<br>")  # awareness: one web touchpoint in each map
    assert cells[-1] == "2"


def test_the_same_tree_gives_the_same_bytes(examples: Path, tmp_path: Path) -> None:
    build(examples, tmp_path / "one")
    build(examples, tmp_path / "two", jobs=1)
    assert site_files(tmp_path / "one") == site_files(tmp_path / "two")


def test_two_pages_for_one_file_name_are_refused(project: Path, tmp_path: Path) -> None:
    (project / "a.yaml").write_text(MINIMAL_MAP.format(id="a"), encoding="utf-8")
    (project / "a.yml").write_text(MINIMAL_MAP.format(id="b"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert [d.code for d in result.diagnostics] == ["JM209"]
    assert result.diagnostics[0].path.endswith("a.yml")


def test_duplicate_map_ids_are_reported(project: Path, tmp_path: Path) -> None:
    (project / "a.yaml").write_text(MINIMAL_MAP.format(id="same"), encoding="utf-8")
    (project / "b.yaml").write_text(MINIMAL_MAP.format(id="same"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert [d.code for d in result.diagnostics] == ["JM208"]


def test_a_site_inside_the_project_is_not_read_as_maps(examples: Path) -> None:
    first = build(examples, examples / "public")
    (examples / "public" / "stray.yaml").write_text("not: a map\n", encoding="utf-8")
    second = build(examples, examples / "public")
    assert first.maps == second.maps == 8 and second.diagnostics == []


def test_cli_build_summary_and_exit_codes(cli: Cli, examples: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = cli("build", str(examples), "-o", str(site))
    assert result.exit_code == 0, result.stderr
    assert re.search(r"built 8 maps into .* in [0-9.]+ s: 8 rendered, 0 unchanged", result.stderr)
    (examples / "broken.yaml").write_text("journeymap: 1\nkind: [\n", encoding="utf-8")
    result = cli("build", str(examples), "-o", str(site))
    assert result.exit_code == 1
    assert re.search(r"broken\.yaml:\d+:\d+: JM005 ", result.stdout)
    assert "1 with errors" in result.stderr


def test_cli_build_refuses_unusable_directories(cli: Cli, examples: Path) -> None:
    assert cli("build", str(examples / "missing")).exit_code == 2
    result = cli("build", str(examples), "-o", str(examples))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "would hold the project" in result.stderr
    (examples / "file").write_text("x", encoding="utf-8")
    assert cli("build", str(examples), "-o", str(examples / "file")).exit_code == 2


def test_two_builds_at_once_leave_one_whole_site(examples: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    reference = tmp_path / "reference"
    build(examples, reference)
    script = "import sys; from journeymap.cli import main; sys.argv[1:] = sys.argv[2:]; main()"
    command = [sys.executable, "-c", script, "-", "build", str(examples), "-o", str(site)]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert sum("8 rendered" in out for out in outputs) == 1  # the others found it built
    assert site_files(site) == site_files(reference)
    assert not list(site.rglob("*.tmp"))


def test_a_fifo_among_the_maps_is_reported_not_read(project: Path, tmp_path: Path) -> None:
    (project / "good.yaml").write_text(MINIMAL_MAP.format(id="good"), encoding="utf-8")
    os.mkfifo(project / "pipe.yaml")
    result = build(project, tmp_path / "site")  # reading the FIFO would block forever
    assert [(d.path.rsplit("/", 1)[-1], d.code) for d in result.diagnostics] == [
        ("pipe.yaml", "JM001")
    ]
    assert (tmp_path / "site/maps/good.html").is_file()


def test_an_output_that_cannot_be_written_is_an_error_of_that_map(
    project: Path, tmp_path: Path
) -> None:
    (project / "a.yaml").write_text(MINIMAL_MAP.format(id="a"), encoding="utf-8")
    (project / "sub").mkdir()
    (project / "sub/b.yaml").write_text(MINIMAL_MAP.format(id="b"), encoding="utf-8")
    site = tmp_path / "site"
    (site / "maps").mkdir(parents=True)
    (site / "maps/sub").write_text("a file where a folder should be", encoding="utf-8")
    result = build(project, site)
    assert {d.code for d in result.diagnostics} == {"JM021"}
    assert list(result.errors) == ["maps/sub/b.html"]
    assert (site / "maps/a.html").is_file() and (site / "index.html").is_file()


def test_the_site_does_not_depend_on_the_working_directory(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = examples / "day-in-the-life.yaml"
    day.write_text(day.read_text(encoding="utf-8").replace("emotion: 1", "emotion: 7", 1), "utf-8")
    monkeypatch.chdir(examples)
    build(examples, tmp_path / "one")
    monkeypatch.chdir(tmp_path)
    build(examples, tmp_path / "two")
    assert site_files(tmp_path / "one") == site_files(tmp_path / "two")
    assert "day-in-the-life.yaml:" in (tmp_path / "two/index.html").read_text(encoding="utf-8")


def test_watch_reports_each_problem_once(examples: Path, tmp_path: Path) -> None:
    from journeymap.serve.building import problems_of

    day = examples / "day-in-the-life.yaml"
    day.write_text(day.read_text(encoding="utf-8").replace("emotion: 1", "emotion: 7", 1), "utf-8")
    problems = problems_of(build(examples, tmp_path / "site"))
    assert len(problems) == 1 and ": JM106 " in problems[0]


def test_build_reports_unknown_lint_rules_like_validate(project: Path, tmp_path: Path) -> None:
    (project / "journeymap.toml").write_text('[lint]\ndisable = ["JM999"]\n', encoding="utf-8")
    (project / "a.yaml").write_text(MINIMAL_MAP.format(id="a"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert [d.code for d in result.diagnostics] == ["JM018"]


# Building into a stage and swapping it in ---------------------------------------------


def test_a_rebuild_swaps_in_a_new_site_that_shares_unchanged_files(
    examples: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(examples, site)
    before_site, before_svg = site.stat().st_ino, (site / "maps/day-in-the-life.svg").stat()
    day = examples / "current-state.yaml"
    day.write_text(day.read_text(encoding="utf-8").replace("emotion: 1", "emotion: 2", 1), "utf-8")
    build(examples, site)
    assert site.stat().st_ino != before_site  # a new folder, swapped in whole
    after_svg = (site / "maps/day-in-the-life.svg").stat()
    assert after_svg.st_ino == before_svg.st_ino  # unchanged: linked, not copied or rewritten
    assert {p.name for p in tmp_path.iterdir()} == {"project", "site"}


def test_a_build_with_nothing_to_change_leaves_the_site_untouched(
    examples: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build(examples, site)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*")}
    inode = site.stat().st_ino
    assert build(examples, site).rendered == 0
    assert site.stat().st_ino == inode
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*")} == before


def test_the_stage_of_a_killed_build_is_removed_by_the_next(examples: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    left = tmp_path / ".site.journeymap-stage-0123456789ab"
    (left / "maps").mkdir(parents=True)
    (left / "maps/half.svg").write_text("<svg", encoding="utf-8")
    build(examples, site)
    assert {p.name for p in tmp_path.iterdir()} == {"project", "site"}


def test_without_an_atomic_exchange_the_site_is_still_replaced_whole(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymap.site import stage

    site, reference = tmp_path / "site", tmp_path / "reference"
    build(examples, site)
    monkeypatch.setattr(stage, "_exchange", lambda first, second: False)
    day = examples / "day-in-the-life.yaml"
    day.write_text(day.read_text(encoding="utf-8").replace("emotion: 1", "emotion: 2", 1), "utf-8")
    assert build(examples, site).rendered == 1
    build(examples, reference)
    assert site_files(site) == site_files(reference)
    assert {p.name for p in tmp_path.iterdir()} == {"project", "site", "reference"}


def test_a_failed_first_build_leaves_no_site(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymap.site import SiteError, stage

    def cannot(live: Path, copy: Path) -> None:
        copy.mkdir()
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    (project / "a.yaml").write_text(MINIMAL_MAP.format(id="a"), encoding="utf-8")
    monkeypatch.setattr(stage, "_make_copy", cannot)
    with pytest.raises(SiteError, match="cannot prepare the site beside"):
        build(project, tmp_path / "out" / "site")
    assert not (tmp_path / "out").exists()  # nor the folder made to hold it
