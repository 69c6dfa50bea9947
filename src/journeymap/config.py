"""`journeymap.toml`: the project root and its defaults (locale, personas, channels, theme)."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeymap.diagnostics import Diagnostic, at, printable
from journeymap.source.reading import ReadError, decode, read_bytes
from journeymap.toml_limits import MAX_DEPTH, non_finite, too_deep

CONFIG_NAME = "journeymap.toml"
BUILTIN_CHANNELS = (
    "web",
    "app",
    "email",
    "phone",
    "chat",
    "social",
    "ads",
    "store",
    "mail",
    "sms",
    "loyalty",
    "other",
)


@dataclass(frozen=True, slots=True)
class Channel:
    id: str
    label: str | None = None
    icon: str = "other"


@dataclass(frozen=True, slots=True)
class AnalyticsConfig:
    """The `[analytics]` table: how `journeymap measure` reads the event log. None means
    "detect from the log" for columns, and "none given" for paths."""

    events: str | None = None
    case: str | None = None
    event: str | None = None
    time: str | None = None
    order: str | None = None
    timezone: str = "UTC"
    window: str = "14d"
    min_cases: int = 10
    measures: str | None = None


@dataclass(frozen=True)
class Project:
    root: Path
    config_path: Path | None = None
    name: str | None = None
    locale: str = "en"
    personas_dir: str = "personas"
    lanes: tuple[str, ...] | None = None
    channels: Mapping[str, Channel] = field(default_factory=dict)
    lint: Mapping[str, Any] = field(default_factory=dict)
    theme: Mapping[str, Any] = field(default_factory=dict)
    analytics: AnalyticsConfig = AnalyticsConfig()

    def channel(self, channel_id: str) -> Channel | None:
        if channel_id in self.channels:
            return self.channels[channel_id]
        if channel_id in BUILTIN_CHANNELS:
            return Channel(channel_id, None, channel_id)
        return None

    def display(self, path: Path) -> str:
        """A path as users see it: relative to the working directory when possible."""
        try:
            return printable(str(path.relative_to(Path.cwd())))
        except ValueError:
            return printable(str(path))


def real_path(path: Path) -> Path:
    """`path.resolve()` that never raises: Python 3.11 raises RuntimeError on a symlink loop,
    and such a path must reach the reader, which reports it as a located JM001."""
    return Path(os.path.realpath(path))


def find_root(start: Path) -> Path | None:
    """The nearest directory at or above `start` that holds a journeymap.toml."""
    here = real_path(start)
    if not here.is_dir():
        here = here.parent
    for candidate in (here, *here.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    return None


def root_for(path: Path) -> Path:
    """The root a path named by the user must stay inside (see "Project root" in the README).

    Found from the path as written, and only among the folders above its last link, so a
    link cannot choose its own root: the nearest such folder that holds a journeymap.toml;
    else the working directory, when the path lies below it; else the folder just above the
    path's last link (the path's own folder, or the path itself for a folder, when it has
    none). Returned with links resolved, ready to compare with a resolved path.
    """
    absolute = Path(os.path.abspath(path))
    start = _above_links(absolute)
    for candidate in (start, *start.parents):
        if (candidate / CONFIG_NAME).is_file():
            return real_path(candidate)
    cwd = Path.cwd()
    return real_path(cwd if absolute.is_relative_to(cwd) else start)


def _above_links(absolute: Path) -> Path:
    """The deepest folder of `absolute` (itself when a folder) with no link on the way to it."""
    current = Path(absolute.anchor)
    for part in absolute.parts[1:]:
        step = current / part
        if step.is_symlink() or not step.is_dir():
            return current
        current = step
    return current


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, every link followed, lies at or below the resolved `root`."""
    return real_path(path).is_relative_to(root)


def load_project(start: Path) -> tuple[Project, list[Diagnostic]]:
    """The project that `start` belongs to; without a journeymap.toml, its own directory."""
    root = find_root(start)
    if root is None:
        base = real_path(start)
        return Project(root=base if base.is_dir() else base.parent), []
    config_path = root / CONFIG_NAME
    display = Project(root).display(config_path)
    if not inside(config_path, root):
        message = "cannot read file: it is a link that leads outside the project root"
        return Project(root=root, config_path=config_path), [at(display, 0, 0, "JM001", message)]
    try:
        text = decode(read_bytes(config_path, display), display)
        data = _parse(text, display)
    except ReadError as exc:
        return Project(root=root, config_path=config_path), [exc.diagnostic]
    except tomllib.TOMLDecodeError as exc:
        return Project(root=root, config_path=config_path), [_toml_error(exc, display)]
    problems = _non_finite(data, text, display) or _config_problems(data, text, display, root)
    if problems:
        return Project(root=root, config_path=config_path), problems
    return _project_from(root, config_path, data), []


def _parse(text: str, display: str) -> dict[str, Any]:
    """tomllib, after the nesting bound it lacks (see journeymap.toml_limits)."""
    deep = too_deep(text)
    if deep is not None:
        raise ReadError(at(display, *deep, "JM006", f"nesting is deeper than {MAX_DEPTH} levels"))
    return tomllib.loads(text)


def _non_finite(data: dict[str, Any], text: str, display: str) -> list[Diagnostic]:
    return [
        at(
            display,
            *_toml_position(text, pointer),
            "JM014",
            "nan and inf are not allowed here",
            hint="write a finite number",
        )
        for pointer in non_finite(data)
    ]


def _toml_error(exc: tomllib.TOMLDecodeError, display: str) -> Diagnostic:
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
    message = re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", str(exc))
    return at(display, line, col, "JM017", f"TOML syntax error: {message}")


def _schema_problems(data: dict[str, Any], text: str, display: str) -> list[Diagnostic]:
    """jsonschema's full, located report: only for a file the fast validator refused."""
    from journeymap.schema.report import problems

    found = [
        at(display, *_toml_position(text, p.pointer), p.code, p.message, hint=p.hint)
        for p in problems(data, "config")
    ]
    if not found:  # the two validators disagree; never let such a file through
        found.append(at(display, 1, 1, "JM100", "journeymap.toml does not match the schema"))
    return found


def _config_problems(data: dict[str, Any], text: str, display: str, root: Path) -> list[Diagnostic]:
    from journeymap.config_analytics import analytics_problems
    from journeymap.schema import is_valid_config

    found = [] if is_valid_config(data) else _schema_problems(data, text, display)
    for pointer, code, message, hint in [] if found else analytics_problems(data, root):
        found.append(at(display, *_toml_position(text, pointer), code, message, hint=hint))
    return found


def config_diagnostic(
    project: Project, pointer: tuple[str | int, ...], code: str, message: str
) -> Diagnostic:
    """A diagnostic about journeymap.toml, placed at the key `pointer` names."""
    path = project.config_path or project.root / CONFIG_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    return at(project.display(path), *_toml_position(text, pointer), code, message)


def _toml_position(text: str, pointer: tuple[str | int, ...]) -> tuple[int, int]:
    """tomllib keeps no positions; find the table header, then the key, by their text.
    Lines end at LF only, as TOML and tomllib count them."""
    lines = text.split("\n")
    names = [str(p) for p in pointer if isinstance(p, str)]
    for depth in range(len(names), 0, -1):
        table, key = names[: depth - 1], names[depth - 1]
        header = _find_line(
            lines, r"\[\s*" + r"\s*\.\s*".join(map(re.escape, names[:depth])) + r"\s*\]"
        )
        if header:
            return header, 1
        start = _find_line(lines, r"\[\s*" + r"\s*\.\s*".join(map(re.escape, table)) + r"\s*\]")
        found = _find_line(lines, rf"\s*{re.escape(key)}\s*=", start or 0)
        if found:
            return found, 1
    return 1, 1


def _find_line(lines: list[str], pattern: str, start: int = 0) -> int | None:
    compiled = re.compile(pattern)
    for index in range(start, len(lines)):
        if compiled.match(lines[index].lstrip()):
            return index + 1
    return None


def _project_from(root: Path, config_path: Path, data: dict[str, Any]) -> Project:
    section = data.get("project", {})
    lanes = section.get("lanes")
    channels = {
        key: Channel(key, value.get("label"), value.get("icon", "other"))
        for key, value in sorted(data.get("channels", {}).items())
    }
    return Project(
        root=root,
        config_path=config_path,
        name=section.get("name"),
        locale=section.get("locale", "en"),
        personas_dir=section.get("personas", "personas"),
        lanes=tuple(lanes) if lanes else None,
        channels=channels,
        lint=data.get("lint", {}),
        theme=data.get("theme", {}),
        analytics=_analytics_from(data.get("analytics", {})),
    )


def _analytics_from(table: dict[str, Any]) -> AnalyticsConfig:
    order = table.get("order") or None
    known = {k: v for k, v in table.items() if k != "order"}
    return AnalyticsConfig(order=order, **known)
