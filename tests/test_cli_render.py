"""`journeymap render` through the real entry point: outputs, views, formats, failures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import EXAMPLES, MINIMAL_MAP, Result

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

BRANCHING = MINIMAL_MAP.replace(
    "        emotion: 1\n",
    "        emotion: 1\n        next: [second, {{to: first, label: again}}]\n",
    1,
)


def test_render_writes_svg_and_html_beside_the_map(cli: Cli, project: Path, write: Write) -> None:
    path = write("journey.yaml", MINIMAL_MAP.format(id="journey"))
    result = cli("render", str(path))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in project.iterdir() if p.suffix in (".svg", ".html")) == [
        "journey.html",
        "journey.svg",
    ]
    assert result.stdout.splitlines() == [
        str(project / "journey.html"),
        str(project / "journey.svg"),
    ]


def test_render_to_an_output_directory_with_every_format(
    cli: Cli, project: Path, write: Write, tmp_path: Path
) -> None:
    path = write("journey.yaml", BRANCHING.format(id="journey"))
    out = tmp_path / "out"
    args = ("render", str(path), "-o", str(out), "-f", "svg", "-f", "html", "-f", "png")
    assert cli(*args).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "journey.flow.png",
        "journey.flow.svg",
        "journey.html",
        "journey.png",
        "journey.svg",
    ]
    assert "Flow" in (out / "journey.html").read_text(encoding="utf-8")


def test_view_grid_skips_the_flow_view(cli: Cli, project: Path, write: Write) -> None:
    path = write("journey.yaml", BRANCHING.format(id="journey"))
    assert cli("render", str(path), "--view", "grid", "-f", "svg").exit_code == 0
    assert not (project / "journey.flow.svg").exists()
    assert (project / "journey.svg").exists()


def test_an_invalid_map_writes_nothing(cli: Cli, project: Path, write: Write) -> None:
    path = write("bad.yaml", MINIMAL_MAP.format(id="bad").replace("emotion: 1", "emotion: 9"))
    result = cli("render", str(path))
    assert result.exit_code == 1
    assert "JM106" in result.stderr
    assert sorted(p.name for p in project.iterdir()) == ["bad.yaml", "journeymap.toml"]


def test_a_persona_file_is_not_rendered(cli: Cli, project: Path, write: Write) -> None:
    path = write("p.yaml", "journeymap: 1\nkind: persona\nid: p\nname: P\n")
    result = cli("render", str(path))
    assert result.exit_code == 1
    assert "a persona file has nothing to render" in result.stderr


def test_same_file_names_to_one_directory_are_refused(
    cli: Cli, project: Path, write: Write, tmp_path: Path
) -> None:
    a = write("a/map.yaml", MINIMAL_MAP.format(id="a"))
    b = write("b/map.yaml", MINIMAL_MAP.format(id="b"))
    result = cli("render", str(a), str(b), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_theme_from_the_project_file_is_applied(cli: Cli, tmp_path: Path, write: Write) -> None:
    write(
        "journeymap.toml",
        '[theme]\nfont_family = "Inter"\ncolumn_width = 300\n[theme.colors]\naccent = "#5b21b6"\n',
    )
    path = write("journey.yaml", MINIMAL_MAP.format(id="journey"))
    assert cli("render", str(path), "-f", "svg").exit_code == 0
    svg = (tmp_path / "journey.svg").read_text(encoding="utf-8")
    assert 'font-family="Inter, Arial' in svg
    assert "#5b21b6" in svg


def test_a_bad_theme_is_a_located_error(cli: Cli, tmp_path: Path, write: Write) -> None:
    write("journeymap.toml", '[theme.colors]\naccent = "red; background: url(x)"\n')
    path = write("journey.yaml", MINIMAL_MAP.format(id="journey"))
    result = cli("render", str(path))
    assert result.exit_code == 1
    assert "journeymap.toml:2:1: JM105" in result.stderr


def test_without_dot_only_the_flow_view_fails(project: Path, write: Write, tmp_path: Path) -> None:
    """Run the installed script with a PATH that has no Graphviz."""
    path = write("journey.yaml", BRANCHING.format(id="journey"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = shutil.which("journeymap") or str(Path(sys.executable).with_name("journeymap"))
    env = {**os.environ, "PATH": str(bin_dir)}
    done = subprocess.run(
        [script, "render", str(path)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"journeymap: {path}: the flow view needs Graphviz's `dot`: install Graphviz"
        " (apt install graphviz, brew install graphviz or choco install graphviz)"
    ]
    assert (project / "journey.svg").exists() and (project / "journey.html").exists()
    assert not (project / "journey.flow.svg").exists()


def test_outputs_leave_no_temporary_files(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "site"
    maps = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    assert cli("render", *maps, "-o", str(out)).exit_code == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    assert len(list(out.glob("*.html"))) == len(maps)
