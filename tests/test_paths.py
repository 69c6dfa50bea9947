"""Nothing outside the project root is read or published (issue 10, item 1).

A scan (`validate DIR`, a glob, `build`, `watch`, `serve`) skips links that lead outside the
root with one JM210 warning each; a path named on the command line that resolves outside its
root is a usage error; a YAML file that is not a map or persona is reported without its keys.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL_MAP, Result
from journeymap.config import root_for
from journeymap.serve import Build, serve_site, watch_site

Cli = Callable[..., Result]
SECRET = "DB_PASSWORD_is_hunter2"
SECRET_FILE = f"{SECRET}: yes\nhunter2_value: {SECRET}_again\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A secret YAML file outside the project (tmp_path/outside/secret.yaml)."""
    path = tmp_path / "outside" / "secret.yaml"
    path.parent.mkdir()
    path.write_text(SECRET_FILE, encoding="utf-8")
    return path


@pytest.fixture
def hostile(tmp_path: Path, secret: Path) -> Path:
    """A project whose maps folder links out to a secret, /etc/passwd, /dev/zero, a FIFO
    and a folder, next to one good map."""
    root = tmp_path / "project"
    maps = root / "maps"
    maps.mkdir(parents=True)
    (root / "journeymap.toml").write_text('[project]\nname = "P"\n', encoding="utf-8")
    (maps / "good.yaml").write_text(MINIMAL_MAP.format(id="good"), encoding="utf-8")
    os.mkfifo(tmp_path / "outside" / "pipe")
    for name, target in (
        ("leak.yaml", secret),
        ("passwd.yaml", Path("/etc/passwd")),
        ("zero.yaml", Path("/dev/zero")),
        ("pipe.yml", tmp_path / "outside" / "pipe"),
        ("secrets", secret.parent),
    ):
        (maps / name).symlink_to(target)
    return root


LINKS = ["leak.yaml", "passwd.yaml", "pipe.yml", "secrets", "zero.yaml"]


def journeymap(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process, with a timeout: a FIFO or /dev/zero that
    were opened would block or fill memory instead of failing a test."""
    script = "import sys; from journeymap.cli import main; sys.argv[1:] = sys.argv[2:]; main()"
    return subprocess.run(
        [sys.executable, "-c", script, "-", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        check=False,
    )


def skipped(text: str) -> list[str]:
    """The names of the links reported as skipped (JM210) in a report."""
    return sorted(
        line.split(":", 1)[0].rsplit("/", 1)[-1] for line in text.splitlines() if "JM210" in line
    )


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text and "hunter2" not in text and "root:x:0" not in text


def published(site: Path) -> str:
    return "".join(p.read_text("utf-8", "replace") for p in site.rglob("*") if p.is_file())


def test_validate_dir_skips_each_link_out_of_the_root_once(hostile: Path) -> None:
    result = journeymap("validate", ".", cwd=hostile)
    assert result.returncode == 0, result.stdout + result.stderr
    assert skipped(result.stdout) == LINKS
    assert all("[warning]" in line for line in result.stdout.splitlines())
    assert "1 file checked" in result.stderr
    assert_no_secret(result.stdout, result.stderr)


def test_a_glob_skips_matches_that_resolve_outside_the_root(hostile: Path) -> None:
    result = journeymap("validate", "maps/*.yaml", "maps/secrets/*.yaml", cwd=hostile)
    assert result.returncode == 0, result.stdout + result.stderr
    assert skipped(result.stdout) == ["leak.yaml", "passwd.yaml", "secret.yaml", "zero.yaml"]
    assert_no_secret(result.stdout, result.stderr)


def test_build_publishes_nothing_from_outside_the_root(hostile: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = journeymap("build", ".", "-o", str(site), cwd=hostile)
    assert result.returncode == 0, result.stdout + result.stderr
    assert skipped(result.stdout) == LINKS
    assert_no_secret(result.stdout, result.stderr, published(site))
    assert (site / "maps" / "maps" / "good.html").is_file()
    assert not (site / "maps" / "maps" / "leak.html").exists()


def test_watch_and_serve_scan_the_same_way(hostile: Path, tmp_path: Path) -> None:
    """They show errors only (a skipped link is a warning), and publish nothing from outside."""
    stop = threading.Event()
    stop.set()  # one build, then stop
    reports: list[Build] = []
    watch_site(hostile, tmp_path / "watched", report=reports.append, stop=stop)
    serve_site(
        hostile,
        tmp_path / "served",
        port=0,
        report=reports.append,
        ready=lambda url, site: None,
        stop=stop,
    )
    assert [r.problems for r in reports] == [(), ()]
    assert all("built 1 map in" in r.summary for r in reports)
    assert_no_secret(published(tmp_path / "watched"), published(tmp_path / "served"))
    assert (tmp_path / "served" / "maps" / "maps" / "good.html").is_file()


def test_links_inside_the_root_are_followed_once(project: Path, cli: Cli) -> None:
    (project / "maps").mkdir()
    (project / "maps" / "a.yaml").write_text(MINIMAL_MAP.format(id="a"), encoding="utf-8")
    (project / "shared").mkdir()
    (project / "shared" / "b.yaml").write_text(MINIMAL_MAP.format(id="b"), encoding="utf-8")
    (project / "maps" / "alias.yaml").symlink_to(project / "maps" / "a.yaml")
    (project / "maps" / "shared").symlink_to(project / "shared")
    (project / "maps" / "loop").symlink_to(project / "maps")
    result = cli("validate", str(project / "maps"))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""  # no duplicate ids: each real file is checked once
    assert "2 files checked" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["render"],
        ["dump"],
        ["export", "--to", "json"],
        ["import", "--from", "csv", "-o", "imported.yaml"],
        ["diff", "maps/good.yaml"],
    ],
    ids=lambda c: c[0],
)
def test_a_named_path_that_resolves_outside_the_root_is_a_usage_error(
    hostile: Path, command: list[str]
) -> None:
    result = journeymap(*command, "maps/leak.yaml", cwd=hostile)
    assert result.returncode == 2
    assert result.stderr.startswith("journeymap: outside the project root, not read: ")
    assert result.stderr.count("\n") == 1
    assert_no_secret(result.stdout, result.stderr)
    assert not (hostile / "imported.yaml").exists()


def test_a_link_cannot_choose_its_own_root(tmp_path: Path, secret: Path) -> None:
    """Without a journeymap.toml, the root is the working directory; a linked folder holding
    a journeymap.toml of its own does not become a root by being named."""
    (secret.parent / "journeymap.toml").write_text("", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    (work / "elsewhere").symlink_to(secret.parent)
    for argument in ("elsewhere", "elsewhere/secret.yaml"):
        result = journeymap("validate", argument, cwd=work)
        assert result.returncode == 2, argument
        assert_no_secret(result.stdout, result.stderr)


def test_the_root_is_the_nearest_config_else_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "p"
    (project / "a" / "b").mkdir(parents=True)
    (project / "journeymap.toml").write_text("", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.chdir(other)
    assert root_for(project / "a" / "b" / "m.yaml") == project
    assert root_for(project / "a") == project
    assert root_for(other / "x" / "m.yaml") == other
    (tmp_path / "loose").mkdir()
    assert root_for(tmp_path / "loose" / "m.yaml") == tmp_path / "loose"
    assert root_for(tmp_path / "loose") == tmp_path / "loose"


NOT_MAPS = {
    "plain": f"{SECRET}: yes\n",
    "a kind but no version": f"kind: current-state\n{SECRET}: yes\n",
    "an unknown kind": f"journeymap: 1\nkind: {SECRET}\n",
    "a duplicate key": f"{SECRET}: 1\n{SECRET}: 2\n",
    "an explicit tag": f"password: !{SECRET} yes\n",
    "a list": f"- {SECRET}\n",
}


@pytest.mark.parametrize("content", NOT_MAPS.values(), ids=NOT_MAPS.keys())
def test_a_yaml_file_that_is_not_a_map_is_reported_without_its_content(
    project: Path, tmp_path: Path, content: str
) -> None:
    (project / "config.yaml").write_text(content, encoding="utf-8")
    result = journeymap("validate", ".", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("config.yaml:")
    assert_no_secret(result.stdout, result.stderr)
    site = tmp_path / "site"
    built = journeymap("build", ".", "-o", str(site), cwd=project)
    assert built.returncode == 1 and "config.yaml" in built.stdout
    assert_no_secret(built.stdout, built.stderr, published(site))


def test_a_map_still_names_its_unknown_keys(project: Path, cli: Cli) -> None:
    text = MINIMAL_MAP.format(id="m").replace("title:", "colour: red\ntitle:")
    (project / "m.yaml").write_text(text, encoding="utf-8")
    result = cli("validate", str(project / "m.yaml"))
    assert "JM102 unknown property 'colour'" in result.stdout


def test_a_linked_journeymap_toml_outside_the_root_is_not_read(
    tmp_path: Path, secret: Path
) -> None:
    (secret.parent / "settings.toml").write_text(f'[{SECRET}]\nx = "{SECRET}"\n', "utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "journeymap.toml").symlink_to(secret.parent / "settings.toml")
    (project / "m.yaml").write_text(MINIMAL_MAP.format(id="m"), encoding="utf-8")
    result = journeymap("validate", ".", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("journeymap.toml:1:1: JM001 cannot read file: it is a link")
    assert_no_secret(result.stdout, result.stderr)


def test_diff_git_skips_a_changed_link_that_leads_outside(tmp_path: Path, secret: Path) -> None:
    """`diff --git REV` in CI compares every changed map of a pull request."""
    secret.write_text(f"journeymap: 1\nkind: current-state\n{SECRET}: 1\n", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "journeymap.toml").write_text("", encoding="utf-8")
    (repo / "m.yaml").write_text(MINIMAL_MAP.format(id="m"), encoding="utf-8")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    identity = ["-c", "user.name=T", "-c", "user.email=t@example.com"]
    for args in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-q", "-m", "base"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)
    (repo / "leak.yaml").symlink_to(secret)
    result = journeymap("diff", "--git", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert skipped(result.stderr) == ["leak.yaml"]
    assert_no_secret(result.stdout, result.stderr)
