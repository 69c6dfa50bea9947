"""Finding the maps below a directory without leaving the project root.

A scan (`validate DIR`, a glob, `build`, `watch`, `serve`) reads whatever a folder holds, and
in CI that folder comes from an untrusted pull request. A link in it may point at a secret
file, /etc/passwd or a device; following it would parse that file and echo its content in
diagnostics and on the site. So links are followed only while their target stays inside the
root; every other link is skipped once, with a located warning (JM210) that names the link,
never its target. Each real file and folder is visited once, so links inside the root (and
loops) add nothing twice. Special files inside the root reach the reader, which refuses them
without opening them (JM001).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from journeymap.config import Project, real_path
from journeymap.diagnostics import Diagnostic, Severity, at

MAP_SUFFIXES = (".yaml", ".yml")
SKIP_DIRS = frozenset(("node_modules", "__pycache__", "site", "venv"))
OUTSIDE = "the link leads outside the project root; it is not followed"


@dataclass
class Scan:
    """What a scan found: map files (as reached, links not resolved), and the links skipped."""

    root: Path
    files: dict[Path, Path] = field(default_factory=dict)
    """Real path -> the first path that reached it."""
    skipped: list[Diagnostic] = field(default_factory=list)
    _dirs: set[Path] = field(default_factory=set)
    _links: list[Path] = field(default_factory=list)

    def paths(self) -> list[Path]:
        return sorted(self.files.values(), key=str)

    def skip_link(self, link: Path) -> None:
        self.skipped.append(skipped_link(link))


def skipped_link(link: Path) -> Diagnostic:
    """The JM210 warning for a link that leads outside the root."""
    return at(
        Project(Path.cwd()).display(link),
        0,
        0,
        "JM210",
        OUTSIDE,
        severity=Severity.WARNING,
        hint="copy the file into the project, or point the link inside it",
    )


def scan(directory: Path, root: Path) -> Scan:
    """Every .yaml/.yml file below `directory` that stays inside `root` (a resolved path).

    Hidden folders and files, and tool folders (node_modules, site, venv, __pycache__), are
    not entered. Links are handled after the plain tree, so a file is named by its own path
    rather than by a link to it.
    """
    found = Scan(root)
    _walk(found, directory)
    while found._links:
        pending, found._links = sorted(found._links, key=str), []
        for link in pending:
            _follow(found, link)
    return found


def _walk(found: Scan, directory: Path) -> None:
    real = real_path(directory)
    if real in found._dirs:
        return
    found._dirs.add(real)
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            if entry.name not in SKIP_DIRS:
                found._links.append(path)
        elif entry.is_dir(follow_symlinks=False):
            if entry.name not in SKIP_DIRS:
                _walk(found, path)
        elif entry.name.endswith(MAP_SUFFIXES):
            found.files.setdefault(real / entry.name, path)


def _follow(found: Scan, link: Path) -> None:
    """A link inside the root is followed like the thing it names; any other is skipped."""
    target = real_path(link)
    if not target.is_relative_to(found.root):
        if target.is_dir() or link.name.endswith(MAP_SUFFIXES):
            found.skip_link(link)
        return
    if target.is_dir():
        _walk(found, link)
    elif link.name.endswith(MAP_SUFFIXES):
        found.files.setdefault(target, link)
