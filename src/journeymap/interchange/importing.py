"""`journeymap import`: a Mermaid journey or a CSV file becomes a valid, readable map file.

The input is read like a map (size limit, strict UTF-8, no control characters). Its parser
builds map data and remembers where each part came from. The data then goes through the
normal pipeline (schema, model, lint) as if it were the map file, with positions in the
input, so a task name that is too long is reported at that task, as JM412. Only then is
the YAML emitted, and it is written only if it reads back as exactly the same data.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from journeymap.config import Project, load_project
from journeymap.diagnostics import Diagnostic, Severity, at
from journeymap.interchange.csv_import import parse_csv
from journeymap.interchange.ids import slug
from journeymap.interchange.mermaid_import import parse_mermaid
from journeymap.interchange.places import Imported, ImportFailed, Places
from journeymap.interchange.yamlout import to_yaml
from journeymap.output import write_atomic
from journeymap.pipeline import check_source, open_session
from journeymap.scaffold import schema_home
from journeymap.schema import schema_text
from journeymap.source import MAX_FILE_BYTES, Pointer, Source, parse_text
from journeymap.source.reading import ReadError, decode, read_bytes

PARSERS: dict[str, Callable[..., Imported]] = {"mermaid": parse_mermaid, "csv": parse_csv}


@dataclass(eq=False)
class _Located(Source):
    """The imported map as the pipeline sees it: every position points into the input."""

    places: Places = field(default_factory=Places)

    def position(self, pointer: Pointer, *, key: bool = False) -> tuple[int, int]:
        return self.places.find(tuple(pointer))


def import_file(path: Path, source_format: str, out: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Write the map `out` from `path`; the files written, or the problems that stopped it."""
    project, problems = load_project(out)
    if problems:
        return [], problems
    display = project.display(path)
    try:
        text = decode(read_bytes(path, display), display)
        parse = PARSERS[source_format]
        imported = parse(text, display, map_id=slug(out.stem) or "map", title=_title(out.stem))
    except ReadError as exc:
        return [], [exc.diagnostic]
    except ImportFailed as exc:
        return [], exc.diagnostics
    problems = _check(imported, out, display, project)
    if problems:
        return [], problems
    schema_path = schema_home(out.parent)  # one copy per project, as `init` keeps it
    relative = Path(os.path.relpath(schema_path, out.parent.resolve())).as_posix()
    yaml_text = to_yaml(imported.data, f"# yaml-language-server: $schema={relative}\n")
    problems = _read_back(imported, yaml_text, display)
    if problems:
        return [], problems
    written = []
    if not schema_path.exists():
        write_atomic(schema_path, schema_text())
        written.append(schema_path)
    write_atomic(out, yaml_text)
    return [*written, out], []


def _title(stem: str) -> str:
    """A title from the file name, as `journeymap init` makes one."""
    words = " ".join(stem.replace("-", " ").replace("_", " ").split())
    return (words[:1].upper() + words[1:])[:200] or "Journey"


def _check(imported: Imported, out: Path, display: str, project: Project) -> list[Diagnostic]:
    """The pipeline's errors about the imported data, placed in the input file."""
    text = "# the imported map, before it is written\n"
    root = yaml.MappingNode("tag:yaml.org,2002:map", [])  # never read: positions are ours
    source = _Located(out, display, text, imported.data, root, places=imported.places)
    checked = check_source(source, open_session(project))
    return [
        at(
            d.path,
            d.line,
            d.col,
            "JM412",
            f"the imported map would be invalid: {d.message} ({d.code})",
            hint=d.hint,
        )
        for d in checked.diagnostics
        if d.severity is Severity.ERROR
    ]


def _read_back(imported: Imported, text: str, display: str) -> list[Diagnostic]:
    """Nothing when the YAML fits in a map file and reads back as exactly the same data."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        message = f"the imported map would be {size:,} bytes, over the {MAX_FILE_BYTES:,} limit"
        return [at(display, 1, 1, "JM411", message, hint="split the input into several maps")]
    parsed = parse_text(text, display)
    if (
        isinstance(parsed, Diagnostic)
        or parsed.problems
        or _json(parsed.data) != _json(imported.data)
    ):
        message = "the YAML written for this input does not read back as the same map"
        return [at(display, 1, 1, "JM419", message, hint="please report this as a bug")]
    return []


def _json(data: object) -> str:
    """A comparison that tells 1 from 1.0 and from true, which == does not."""
    return json.dumps(data, ensure_ascii=False)
