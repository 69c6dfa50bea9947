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


def scaffold(
    name: str, *, kind: str, locale: str, force: bool, title: str | None = None
) -> list[Path]:
    """Write a new map (or persona) of `kind`, and the project's schema copy if it has none.

    Missing folders are made. The schema goes to `schemas/` at the project root, once per
    project, and the modeline points there, so maps in several folders share one copy.
    """
    target = Path(name if name.endswith((".yaml", ".yml")) else f"{name}.yaml")
    if not target.name.removesuffix(".yaml").removesuffix(".yml").strip(". "):
        raise ScaffoldError(f"{printable(name)!r} is not a name for a map file")
    if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", locale):
        raise ScaffoldError(f"{locale!r} is not a language tag such as en, hu or zh-TW")
    if title is not None and not _clean(title):
        raise ScaffoldError("--title has no text")
    if _exists(target) and not force:
        raise ScaffoldError(f"{target} already exists (use --force to overwrite)")
    _make_folder(target.parent)
    schema_path = schema_home(target.parent)
    written = []
    if not schema_path.exists():
        _write(schema_path, schema_text())
        written.append(schema_path)
    stem = target.stem
    text = _template(kind).render(
        id=slug(stem),
        title=json.dumps(
            _clean(title)[:200] if title else title_from_name(stem), ensure_ascii=False
        ),
        locale=locale,
        file=printable(target.name),
        schema=printable(Path(os.path.relpath(schema_path, target.parent.resolve())).as_posix()),
    )
    _write(target, text)
    return [*written, target]


def schema_home(folder: Path) -> Path:
    """Where a project keeps its copy of the schema: `schemas/` at the project root.

    The root is the nearest folder with a journeymap.toml; without one, the working directory
    when the folder lies below it (as for every other command), else the folder itself.
    """
    root = find_root(folder)
    if root is None:
        here, cwd = folder.resolve(), Path.cwd().resolve()
        root = cwd if here.is_relative_to(cwd) else here
    return root / "schemas" / SCHEMA_FILE


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a folder should be, no permission
        reason = exc.strerror or type(exc).__name__
        raise ScaffoldError(f"cannot create folder {printable(str(folder))}: {reason}") from None


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


# fmt: off
ACRONYMS = frozenset({
    "2fa", "3d", "4g", "5g", "api", "atm", "crm", "cx", "faq", "gp", "hr", "id", "iot", "kpi",
    "kyc", "mvp", "nhs", "nps", "otp", "pdf", "pin", "pos", "qr", "sla", "sms", "sso", "ui",
    "url", "ux", "vat", "vip", "vpn",
})
# fmt: on
"""Words a title writes in capitals. Any ASCII word of two or more letters with no vowel
is read as one too (`crm`, `gp`), as is a letter-digit-letter word (`b2b`, `p2p`)."""

NOT_ACRONYMS = frozenset({"dr", "mr", "mrs", "ms", "st", "vs"})
_VERSION = re.compile(r"v\d+(?:\.\d+)*")
_LETTER_DIGIT_LETTER = re.compile(r"[a-z]+\d+[a-z]+")
_NO_VOWEL = re.compile(r"[b-df-hj-np-tv-xz]{2,}")


def _chosen_title(title: str | None, stem: str) -> str:
    return _clean(title)[:200] if title is not None else title_from_name(stem)


def title_from_name(stem: str) -> str:
    """A title from a file name: `nps-survey-v2` is "NPS survey v2", `gp-booking` "GP booking".

    Words are split at `-`, `_` and spaces; the first is capitalised; acronyms (a known list,
    words with no vowel, `b2b`) are written in capitals; versions such as `v2`, units such as
    `24h` and every word the name already spells with a capital stay as written.
    """
    words = _clean(stem.replace("-", " ").replace("_", " ")).split()
    shown = [_title_word(word) for word in words]
    if shown and shown[0] == words[0] and not _VERSION.fullmatch(words[0]):
        shown[0] = shown[0][:1].upper() + shown[0][1:]
    return " ".join(shown)[:200] or "Journey"


def _title_word(word: str) -> str:
    if word != word.lower() or _VERSION.fullmatch(word) or word in NOT_ACRONYMS:
        return word
    acronym = word in ACRONYMS or _NO_VOWEL.fullmatch(word) or _LETTER_DIGIT_LETTER.fullmatch(word)
    return word.upper() if acronym else word


def _clean(text: str) -> str:
    """Comments and the title hold text only: a line break in the name would end the comment
    (the rest becomes YAML), a control character or a surrogate (an undecodable byte in the
    name) would make the new map invalid."""
    return " ".join(_UNTITLED.sub(" ", text).split())


_UNTITLED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _template(kind: str) -> jinja2.Template:
    source = resources.files("journeymap").joinpath("templates", "init", f"{kind}.yaml")
    environment = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
    return environment.from_string(source.read_text("utf-8"))
