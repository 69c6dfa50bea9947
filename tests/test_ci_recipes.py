"""The CI recipes of the README, as documented: the GitHub workflow through actionlint, the
pre-commit hook through pre-commit itself (`try-repo` in a temporary repository).

The snippets are read from README.md, so the docs and these tests cannot drift apart.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import MINIMAL_MAP, ROOT

README = ROOT / "README.md"


def recipe(name: str) -> str:
    """The fenced block that follows `<!-- ci-recipe: NAME ... -->` in the README."""
    pattern = rf"<!-- ci-recipe: {re.escape(name)}\b[^>]*-->\n```yaml\n(.*?)```"
    found = re.search(pattern, README.read_text(encoding="utf-8"), re.DOTALL)
    assert found is not None, f"README.md has no ci-recipe {name}"
    return found.group(1)


def actionlint(folder: Path) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("actionlint") or str(Path(sys.executable).with_name("actionlint"))
    return subprocess.run(
        [binary, "-no-color", "-shellcheck=", "-pyflakes="],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _workflow_repo(tmp_path: Path, workflow: str) -> Path:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "journeymap.yml").write_text(workflow, "utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    return tmp_path


def test_the_documented_workflow_passes_actionlint(tmp_path: Path) -> None:
    workflow = recipe("github-workflow")
    steps = yaml.safe_load(workflow)["jobs"]["validate"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    upload = next(s for s in steps if s["uses"].startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"] == "always()"
    result = actionlint(_workflow_repo(tmp_path, workflow))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_fits_the_shipped_action(tmp_path: Path) -> None:
    """With `uses: ./`, actionlint reads action.yml and checks every `with:` input of the
    documented workflow against it, and the action's own SARIF default against the upload."""
    workflow = re.sub(r"uses: your-org/journeymap@\S+", "uses: ./", recipe("github-workflow"))
    repo = _workflow_repo(tmp_path, workflow)
    shutil.copy(ROOT / "action.yml", repo / "action.yml")
    result = actionlint(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    upload = yaml.safe_load(workflow)["jobs"]["validate"]["steps"][-1]
    assert action["inputs"]["sarif"]["default"] == upload["with"]["sarif_file"]


def test_actionlint_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = recipe("github-workflow").replace("if: always()", "if: always(")
    result = actionlint(_workflow_repo(tmp_path, broken))
    assert result.returncode == 1


def test_the_documented_pre_commit_config_is_valid(tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(recipe("pre-commit-config"), encoding="utf-8")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (documented,) = yaml.safe_load(config.read_text("utf-8"))["repos"][0]["hooks"]
    assert documented["id"] in {hook["id"] for hook in hooks}
    checked = _pre_commit(tmp_path, "validate-config", str(config))
    assert checked.returncode == 0, checked.stdout
    checked = _pre_commit(tmp_path, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"))
    assert checked.returncode == 0, checked.stdout


def _pre_commit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(cwd.parent / "pre-commit-home")}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )


def _git(cwd: Path, *args: str) -> None:
    identity = ["-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True)


def _user_project(folder: Path) -> Path:
    """A repository as a team has it: maps, a persona folder, a workflow, other YAML."""
    files = {
        "journeymap.toml": '[project]\nname = "Team"\n',
        "maps/checkout.yaml": MINIMAL_MAP.format(id="checkout"),
        ".github/workflows/ci.yml": "on: push\njobs: {}\n",
        "deploy/compose.yaml": "services:\n  web: {image: nginx}\n",
        "README.md": "# Team\n",
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-qm", "maps")
    return folder


def test_the_hook_checks_the_whole_project_with_pre_commit(tmp_path: Path) -> None:
    """One test, so the hook's environment (about a minute to install) is made once."""
    project = _user_project(tmp_path / "team")
    hook = ("try-repo", str(ROOT), "journeymap-validate")

    everything = _pre_commit(project, *hook, "--all-files")
    assert everything.returncode == 0, everything.stdout
    assert "journeymap validate" in everything.stdout and "Passed" in everything.stdout

    (project / "maps" / "again.yaml").write_text(MINIMAL_MAP.format(id="checkout"), "utf-8")
    _git(project, "add", "maps/again.yaml")
    staged = _pre_commit(project, *hook)
    assert staged.returncode == 1, staged.stdout
    assert "JM208 id 'checkout' is already used by maps/" in staged.stdout

    _git(project, "rm", "-q", "--cached", "maps/again.yaml")
    (project / "maps" / "again.yaml").unlink()
    (project / "README.md").write_text("# Team, again\n", encoding="utf-8")
    _git(project, "add", "README.md")
    unrelated = _pre_commit(project, *hook)
    assert unrelated.returncode == 0, unrelated.stdout
    assert "(no files to check)Skipped" in unrelated.stdout.replace(".", "")


@pytest.mark.parametrize("staged", ["maps/broken.yaml"])
def test_only_maps_still_reports_a_broken_map(tmp_path: Path, staged: str) -> None:
    """`--only-maps` passes over other YAML, never over a map that says it is one."""
    project = _user_project(tmp_path / "team")
    (project / staged).write_text("journeymap: 1\nkind: current-state\nstages: []\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "journeymap", "validate", "--only-maps", "."],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert all(line.startswith(staged) for line in result.stdout.splitlines()), result.stdout
