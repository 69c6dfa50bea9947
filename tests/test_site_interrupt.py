"""Stopping `build`, `watch` and `serve` with Ctrl-C or SIGTERM, at several moments.

Each run is the real command in a child process, on a project big enough that a build takes
seconds, so the signal lands while maps are being drawn. Whenever it lands, the command
exits 130 (SIGINT) or 143 (SIGTERM) with one line, and the site is exactly the old one or
exactly a complete new one: same files, same bytes, and nothing left beside it. The time to
stop is bounded loosely, as a guard against hanging, not as a measure of speed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeymap.site import build
from journeymap.site import stage as staging

MAPS = 240  # a build of these takes seconds, so each signal below lands mid-build
STOP_GUARD = 5.0  # seconds: a hang guard, far above the time a stop takes
MAIN = "import sys; from journeymap.cli import main; sys.argv[0] = 'journeymap'; main()"
PHASES = ("awareness", "consideration", "conversion")


def write_project(root: Path, maps: int, word: str) -> Path:
    """`maps` maps of 30 steps; `word` is in every step, so changing it changes every map."""
    root.mkdir(parents=True)
    (root / "journeymap.toml").write_text('[project]\nname = "Big"\n', encoding="utf-8")
    for number in range(maps):
        lines = [
            "journeymap: 1",
            "kind: current-state",
            f"id: map-{number}",
            f"title: Journey {number}",
            "persona: {name: Ana, role: Shopper}",
            "stages:",
        ]
        for phase in PHASES:
            lines += [f"  - id: {phase}", "    steps:"]
            for step in range(10):
                lines += [
                    f"      - id: {phase}-{step}",
                    f"        action: Notices the {word} {step}",
                    "        touchpoints: [{channel: web, name: Page}]",
                    "        emotion: 1",
                ]
        (root / f"m{number:03}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def tree(site: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder below `site`, the cache and lock included."""
    if not site.exists():
        return {}
    return {
        p.relative_to(site).as_posix(): (None if p.is_dir() else p.read_bytes())
        for p in sorted(site.rglob("*"))
    }


@dataclass
class Projects:
    old: Path
    new: Path
    old_site: dict[str, bytes | None]
    new_site: dict[str, bytes | None]
    old_site_path: Path


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Projects:
    """A project and its site, and the same project with every map edited and its site."""
    base = tmp_path_factory.mktemp("interrupt")
    old = write_project(base / "old", MAPS, "offer")
    new = write_project(base / "new", MAPS, "bargain")
    build(old, base / "old-site")
    build(new, base / "new-site")
    return Projects(old, new, tree(base / "old-site"), tree(base / "new-site"), base / "old-site")


class Running:
    """A command in a child process, its output collected line by line as it comes."""

    def __init__(self, *args: str, ignore_sigint: bool = False) -> None:
        def before() -> None:
            if ignore_sigint:  # as a non-interactive shell does for `journeymap build &`
                signal.signal(signal.SIGINT, signal.SIG_IGN)

        self.process = subprocess.Popen(
            [sys.executable, "-c", MAIN, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=before,
            start_new_session=True,  # its own process group, as a terminal gives a job
        )
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.readers = [
            threading.Thread(target=self._collect, args=(stream, lines), daemon=True)
            for stream, lines in (
                (self.process.stdout, self.stdout),
                (self.process.stderr, self.stderr),
            )
        ]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _collect(stream: object, lines: list[str]) -> None:
        for text in stream:  # type: ignore[attr-defined]
            lines.append(text)

    def wait_for(self, condition: Callable[[], object], *, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.process.poll() is None, f"it ended first: {self.stderr}"
            assert time.monotonic() < deadline, "timed out waiting"
            time.sleep(0.02)

    def stop(self, signum: int, *, group: bool = False) -> float:
        """Send `signum` (to the whole process group, as a terminal's Ctrl-C does, when
        `group`) and wait for the end; the seconds it took."""
        assert self.process.poll() is None, "it ended before the signal"
        sent = time.monotonic()
        if group:
            os.killpg(self.process.pid, signum)
        else:
            self.process.send_signal(signum)
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
        took = time.monotonic() - sent
        for reader in self.readers:
            reader.join(timeout=10)
        return took


def stage_of(site: Path) -> Path | None:
    found = sorted(site.parent.glob(f"{staging.stage_prefix(site)}*"))
    return found[0] if found else None


def drawn(site: Path) -> int:
    """Map files the build has written so far (linked old files have a second link)."""
    stage = stage_of(site)
    if stage is None:
        return 0
    count = 0
    for path in (stage / "maps").glob("*"):
        with contextlib.suppress(OSError):
            count += path.stat().st_nlink == 1
    return count


def workers_left(group: int) -> list[int]:
    """Live processes of the run's process group (its workers, once it has exited)."""
    left = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] != "Z":
                left.append(int(stat.parent.name))
    return left


def assert_no_workers(run: Running) -> None:
    """Every worker is gone too (SIGTERM from the pool, not left to finish its maps)."""
    deadline = time.monotonic() + STOP_GUARD
    while workers_left(run.process.pid):
        assert time.monotonic() < deadline, workers_left(run.process.pid)
        time.sleep(0.05)


def assert_clean(site: Path, *, beside: set[str]) -> None:
    """Nothing but the site (and what was there before) beside it, no temporary file in it."""
    assert {p.name for p in site.parent.iterdir()} == beside
    assert not [p for p in site.rglob("*") if p.name.endswith(".tmp")]


STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}
LINE = {signal.SIGINT: "journeymap: interrupted\n", signal.SIGTERM: "journeymap: terminated\n"}


@pytest.mark.parametrize(
    ("signum", "jobs", "written", "group", "ignored"),
    [
        pytest.param(signal.SIGINT, "1", 1, False, False, id="sigint-first-maps-serial"),
        pytest.param(signal.SIGINT, "2", 1, True, False, id="ctrl-c-to-group-first-maps"),
        pytest.param(signal.SIGTERM, "2", MAPS // 3, False, False, id="sigterm-a-third-parallel"),
        pytest.param(signal.SIGTERM, "1", MAPS // 2, False, False, id="sigterm-half-serial"),
        pytest.param(signal.SIGINT, "2", MAPS // 2, True, False, id="ctrl-c-to-group-half"),
        pytest.param(signal.SIGINT, "1", 1, False, True, id="sigint-when-started-ignored"),
    ],
)
def test_an_interrupted_rebuild_leaves_the_old_site_whole(
    projects: Projects,
    tmp_path: Path,
    signum: int,
    jobs: str,
    written: int,
    group: bool,
    ignored: bool,
) -> None:
    site = tmp_path / "site"
    shutil.copytree(projects.old_site_path, site)
    run = Running("build", str(projects.new), "-o", str(site), "-j", jobs, ignore_sigint=ignored)
    run.wait_for(lambda: drawn(site) >= written)
    assert len(workers_left(run.process.pid)) >= (3 if jobs == "2" else 1)  # it, its workers
    took = run.stop(signum, group=group)
    assert run.process.returncode == STATUS[signum], run.stderr
    assert run.stderr == [LINE[signum]]
    assert took < STOP_GUARD
    assert tree(site) == projects.old_site  # every file, byte for byte, and no new one
    assert_clean(site, beside={"site"})
    assert_no_workers(run)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_first_build_leaves_no_site(
    projects: Projects, tmp_path: Path, signum: int
) -> None:
    site = tmp_path / "site"
    run = Running("build", str(projects.new), "-o", str(site))
    run.wait_for(lambda: drawn(site) >= MAPS // 4)
    took = run.stop(signum)
    assert (run.process.returncode, run.stderr) == (STATUS[signum], [LINE[signum]])
    assert took < STOP_GUARD
    assert not site.exists()
    assert_clean(site, beside=set())


def test_a_signal_at_any_moment_leaves_the_old_site_or_the_new_one(
    projects: Projects, tmp_path: Path
) -> None:
    """Late moments too, up to the swap: whichever site is there is whole."""
    site = tmp_path / "site"
    for written in (MAPS * 3 // 2, MAPS * 2):  # files: each map has a page and an SVG
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(projects.old_site_path, site)
        run = Running("build", str(projects.new), "-o", str(site), "-j", "1")
        deadline = time.monotonic() + 60
        while drawn(site) < written and run.process.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        with contextlib.suppress(ProcessLookupError):  # it may just have finished
            run.process.send_signal(signal.SIGINT)
        run.process.wait(timeout=30)
        # 130, or 0 when it finished first (or -2 when the signal came as Python exited)
        assert run.process.returncode in (0, 130, -signal.SIGINT)
        found = tree(site)
        assert found in (projects.old_site, projects.new_site)
        assert_clean(site, beside={"site"})


def test_watch_stops_during_its_first_build(projects: Projects, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(projects.old_site_path, site)
    run = Running("watch", str(projects.new), "-o", str(site))
    run.wait_for(lambda: drawn(site) >= 10)
    took = run.stop(signal.SIGINT, group=True)
    assert run.process.returncode == 130
    assert run.stderr == [LINE[signal.SIGINT]]
    assert took < STOP_GUARD
    assert tree(site) == projects.old_site
    assert_clean(site, beside={"site"})
    assert_no_workers(run)


def test_watch_stops_on_sigterm_while_watching(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", 3, "offer")
    site = tmp_path / "site"
    run = Running("watch", str(project), "-o", str(site))
    run.wait_for(lambda: any("built 3 maps in" in text for text in run.stderr))
    built = tree(site)
    took = run.stop(signal.SIGTERM)
    assert run.process.returncode == 143
    assert run.stderr[-1] == LINE[signal.SIGTERM] and run.stderr.count(LINE[signal.SIGTERM]) == 1
    assert took < STOP_GUARD
    assert tree(site) == built and "index.html" in built


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_and_removes_its_temporary_site(tmp_path: Path, signum: int) -> None:
    project = write_project(tmp_path / "project", 3, "offer")
    run = Running("serve", str(project), "--port", "0")
    run.wait_for(lambda: any(text.startswith("serving at ") for text in run.stdout))
    site = Path(run.stdout[0].removeprefix("site: ").removesuffix(" (removed on exit)\n"))
    assert (site / "index.html").is_file()
    took = run.stop(signum, group=signum == signal.SIGINT)
    assert run.process.returncode == STATUS[signum]
    assert run.stderr[-1] == LINE[signum] and run.stderr.count(LINE[signum]) == 1
    assert took < STOP_GUARD
    assert not site.parent.exists()


def test_serve_stops_during_its_first_build(projects: Projects, tmp_path: Path) -> None:
    site = tmp_path / "site"
    run = Running("serve", str(projects.new), "--port", "0", "-o", str(site))
    run.wait_for(lambda: drawn(site) >= 10)
    took = run.stop(signal.SIGTERM)
    assert (run.process.returncode, run.stderr) == (143, [LINE[signal.SIGTERM]])
    assert took < STOP_GUARD
    assert not site.exists()
    assert_clean(site, beside=set())
