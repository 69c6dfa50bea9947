"""`diff --git REV`: each changed map between a git revision and the working tree.

git runs as a subprocess with an argument list (never a shell), from the repository top,
with literal pathspecs, so file names are never read as options or patterns. The old
version is read with `git show REV:path` and checked as if it were at its working-tree
path, so persona and based_on references resolve against the current project.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeymap.config import inside, root_for
from journeymap.diagnostics import at
from journeymap.diff.api import DiffError, DiffResult, Loader, compare
from journeymap.diff.changes import MapDiff
from journeymap.scan import skipped_link
from journeymap.source.reading import MAX_FILE_BYTES, ReadError, decode, read_bytes

MAP_SUFFIXES = (".yaml", ".yml")
_MAP = re.compile(rb"^journeymap\s*:", re.MULTILINE)
"""Changed files are compared when they are YAML with a top-level `journeymap:` key;
workflow files and other YAML in the repository are left alone."""
_PERSONA = re.compile(rb"^kind\s*:\s*[\"']?persona\b", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Entry:
    """One file to compare: its path at REV and in the working tree (None where absent),
    both relative to the repository top."""

    old: str | None
    new: str | None
    explicit: bool = False


class Git:
    """The repository around the working directory, queried through `git` subprocesses."""

    def __init__(self, cwd: Path) -> None:
        try:
            top = self.run(["rev-parse", "--show-toplevel"], cwd).decode().strip()
        except DiffError:
            raise DiffError(f"not a git repository: {cwd}") from None
        self.top = Path(top)

    def run(self, args: Sequence[str], cwd: Path | None = None) -> bytes:
        """Output of one git command; any failure is a one-line DiffError."""
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
        command = ["git", "--literal-pathspecs", "--no-pager", *args]
        try:
            done = subprocess.run(
                command, cwd=cwd or self.top, capture_output=True, check=False, env=env
            )
        except FileNotFoundError:
            raise DiffError("git is not installed (needed for --git)") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise DiffError(f"git {args[0]} failed: {message[0] if message else done.returncode}")
        return done.stdout

    def verify(self, rev: str) -> None:
        if not rev or rev.startswith("-"):
            raise DiffError(f"unknown revision: {rev!r}")
        try:
            self.run(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"])
        except DiffError:
            raise DiffError(f"unknown revision: {rev!r}") from None

    def object_type(self, rev: str, rel: str) -> str | None:
        try:
            return self.run(["cat-file", "-t", f"{rev}:{rel}"]).decode().strip()
        except DiffError:
            return None

    def show(self, rev: str, rel: str) -> bytes:
        """The file at REV, read no further than the size limit plus one byte."""
        command = ["git", "--no-pager", "show", f"{rev}:{rel}"]
        with subprocess.Popen(
            command, cwd=self.top, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        ) as process:
            assert process.stdout is not None
            data = process.stdout.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                process.kill()
                return data
        if process.returncode != 0:
            raise DiffError(f"git show {rev}:{rel} failed")
        return data

    def entries(self, rev: str, specs: list[str]) -> list[Entry]:
        """Files changed between REV and the working tree, renames paired, plus untracked."""
        raw = self.run(["diff", "--no-ext-diff", "--name-status", "-z", "-M", rev, "--", *specs])
        fields = raw.decode("utf-8", "surrogateescape").split("\0")
        out: list[Entry] = []
        index = 0
        while index < len(fields) - 1:
            status = fields[index]
            if status.startswith(("R", "C")):
                out.append(Entry(fields[index + 1], fields[index + 2]))
                index += 3
                continue
            path = fields[index + 1]
            out.append(Entry(None if status == "A" else path, None if status == "D" else path))
            index += 2
        untracked = self.run(["ls-files", "--others", "--exclude-standard", "-z", "--", *specs])
        for path in untracked.decode("utf-8", "surrogateescape").split("\0"):
            if path:
                out.append(Entry(None, path))
        return out


def diff_git(rev: str, arguments: Sequence[str], cwd: Path | None = None) -> DiffResult:
    """Compare every changed map (or the maps PATH arguments name) with revision `rev`."""
    here = cwd or Path.cwd()
    git = Git(here)
    git.verify(rev)
    specs, files = _targets(git, rev, arguments, here)
    entries = git.entries(rev, specs) if specs or not arguments else []
    seen = {e.new or e.old for e in entries}
    for rel in files:
        if rel in seen:
            entries = [Entry(e.old, e.new, True) if rel in (e.new, e.old) else e for e in entries]
        else:
            entries.append(
                Entry(rel if git.object_type(rev, rel) else None, _on_disk(git, rel), True)
            )
    loader = Loader()
    result = DiffResult("git", revision=rev)
    for entry in sorted(entries, key=lambda e: e.new or e.old or ""):
        _compare_entry(git, rev, entry, loader, result)
    result.diagnostics = loader.diagnostics
    return result


def _on_disk(git: Git, rel: str) -> str | None:
    return rel if (git.top / rel).is_file() else None


def _targets(
    git: Git, rev: str, arguments: Sequence[str], cwd: Path
) -> tuple[list[str], list[str]]:
    """PATH arguments split into directory pathspecs and single files, relative to the top."""
    specs: list[str] = []
    files: list[str] = []
    for argument in arguments:
        path = (cwd / argument).resolve()
        try:
            rel = path.relative_to(git.top.resolve()).as_posix()
        except ValueError:
            raise DiffError(f"{argument} is outside the repository {git.top}") from None
        if path.is_dir():
            specs.append(rel if rel != "." else ":/")
        elif path.is_file():
            files.append(rel)
        else:
            kind = git.object_type(rev, rel)
            if kind is None:
                raise DiffError(f"no such file or directory, here or at {rev}: {argument}")
            (specs if kind == "tree" else files).append(rel)
    return specs, files


def _compare_entry(git: Git, rev: str, entry: Entry, loader: Loader, result: DiffResult) -> None:
    """Check both versions of one file and add its MapDiff (or its diagnostics)."""
    names = [name for name in (entry.old, entry.new) if name]
    if not entry.explicit and not any(n.endswith(MAP_SUFFIXES) for n in names):
        return
    old_bytes = git.show(rev, entry.old) if entry.old else b""
    new_path = git.top / entry.new if entry.new else None
    if new_path is not None and not inside(new_path, root_for(new_path)):
        loader.diagnostics.append(skipped_link(new_path))  # a changed link, out of the root
        return
    sample = _sample(new_path) if new_path else old_bytes
    if not entry.explicit and not _MAP.search(sample):
        return
    if _MAP.search(sample) and _PERSONA.search(sample):
        result.notes.append(f"{entry.new or entry.old}: a persona file, skipped")
        return
    old_display = f"{rev}:{entry.old}"
    if new_path is None:
        result.maps.append(_deleted(loader, git.top / (entry.old or ""), old_bytes, old_display))
        return
    old = None
    if entry.old is not None:
        text = _decode(old_bytes, old_display, loader)
        if text is not None:
            old = loader.text(git.top / entry.old, text, old_display)
    new, project = loader.file(new_path)
    if new is None:
        return
    if entry.old is None:
        steps = sum(1 for _ in new.steps())
        added = MapDiff(None, new.path, "added", new.id, new.title, [], new, project, steps)
        result.maps.append(added)
    elif old is not None:
        result.maps.append(compare(old, new, old_display, new.path, project))


def _sample(path: Path) -> bytes:
    """The working-tree file, for telling maps from other YAML (empty when unreadable)."""
    try:
        return read_bytes(path, str(path))
    except ReadError:
        return b""


def _decode(data: bytes, display: str, loader: Loader) -> str | None:
    if len(data) > MAX_FILE_BYTES:
        message = f"file is too large (over {MAX_FILE_BYTES:,} bytes)"
        loader.diagnostics.append(at(display, 0, 0, "JM002", message))
        return None
    try:
        return decode(data, display)
    except ReadError as exc:
        loader.diagnostics.append(exc.diagnostic)
        return None


def _deleted(loader: Loader, path: Path, data: bytes, display: str) -> MapDiff:
    """A map gone from the working tree, named by its title when the old version still
    loads; its problems are not reported, since nothing is compared with it."""
    try:
        old = loader.peek(path, decode(data, display)) if len(data) <= MAX_FILE_BYTES else None
    except ReadError:
        old = None
    if old is not None:
        steps = sum(1 for _ in old.steps())
        return MapDiff(display, None, "deleted", old.id, old.title, [], None, None, steps)
    return MapDiff(display, None, "deleted", "", display)
