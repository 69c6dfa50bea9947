"""`journeymap init`: a valid, commented map of each kind to start from."""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

import jinja2

from journeymap.config import find_root
from journeymap.diagnostics import printable
from journeymap.interchange import ids
from journeymap.output import write_atomic
from journeymap.schema import SCHEMA_FILE, schema_text


class ScaffoldError(Exception):
    pass


def slug(text: str) -> str:
    """An ASCII kebab-case id from any label; scripts without a Latin form fall back to `map`."""
    return ids.slug(text) or "map"


def scaffold(name: str, *, kind: str, locale: str, force: bool) -> list[Path]:
    target = Path(name if name.endswith((".yaml", ".yml")) else f"{name}.yaml")
    if not target.name.removesuffix(".yaml").removesuffix(".yml").strip(". "):
        raise ScaffoldError(f"{printable(name)!r} is not a name for a map file")
    if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", locale):
        raise ScaffoldError(f"{locale!r} is not a language tag such as en, hu or zh-TW")
    if _exists(target) and not force:
        raise ScaffoldError(f"{target} already exists (use --force to overwrite)")
    if not target.parent.is_dir():
        raise ScaffoldError(f"directory {target.parent} does not exist")
    root = find_root(target.parent) or target.parent.resolve()
    schema_path = root / "schemas" / SCHEMA_FILE
    written = []
    if not schema_path.exists():
        _write(schema_path, schema_text())
        written.append(schema_path)
    stem = target.stem
    text = _template(kind).render(
        id=slug(stem),
        title=json.dumps(_title(stem), ensure_ascii=False),
        locale=locale,
        file=printable(target.name),
        schema=printable(Path(os.path.relpath(schema_path, target.parent.resolve())).as_posix()),
    )
    _write(target, text)
    return [*written, target]


def _exists(path: Path) -> bool:
    try:
        path.lstat()
    except FileNotFoundError:
        return False
    except OSError as exc:  # a name too long, a file where a folder should be
        raise ScaffoldError(f"cannot create {printable(str(path))}: {exc.strerror}") from None
    return True


def _write(path: Path, text: str) -> None:
    """A file that cannot be written (no permission, a name too long) is a one-line error."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ScaffoldError(f"cannot write {printable(str(path))}: {reason}") from None


def _title(stem: str) -> str:
    """A title from the file name. Comments and the title hold text only: a line break in
    the name would end the comment (the rest becomes YAML), a control character or a
    surrogate (an undecodable byte in the name) would make the new map invalid."""
    words = " ".join(_UNTITLED.sub(" ", stem.replace("-", " ").replace("_", " ")).split())
    return (words[:1].upper() + words[1:])[:200] or "Journey"


_UNTITLED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _template(kind: str) -> jinja2.Template:
    source = resources.files("journeymap").joinpath("templates", "init", f"{kind}.yaml")
    environment = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
    return environment.from_string(source.read_text("utf-8"))
