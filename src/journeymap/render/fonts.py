"""Fonts for the PNG: the families the SVG's `font-family` asks for, found on this machine.

resvg takes one family per text and, for a character that family lacks, the first face in
its font database that has it: with Noto CJK installed that was Noto *Serif* CJK, or the
Japanese face of a collection when the SVG asked for the Traditional Chinese one. A browser
instead walks the `font-family` list per character. So the PNG path does what the browser
does: for each character, the first family of the list that has a glyph for it; runs of
characters that need another family than the text's first become `<tspan font-family>`;
resvg loads only those families' files (never the rest of the system), so nothing else can
step in. `sans-serif` at the end of the list means any installed family named "Sans", then
any emoji font.
Characters no family has are reported by script, so a PNG never shows boxes in silence.
"""

from __future__ import annotations

import bisect
import functools
import os
import struct
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
GENERIC = frozenset(("sans-serif", "serif", "monospace", "cursive", "fantasy", "system-ui"))


def font_dirs() -> list[Path]:
    """Where fonts live on this platform (the directories resvg's fontdb searches too)."""
    home = Path.home()
    if sys.platform == "darwin":
        roots = ["/Library/Fonts", "/System/Library/Fonts", str(home / "Library/Fonts")]
    elif sys.platform == "win32":
        windir = os.environ.get("WINDIR", "C:\\Windows")
        local = os.environ.get("LOCALAPPDATA", "")
        roots = [f"{windir}\\Fonts", f"{local}\\Microsoft\\Windows\\Fonts"]
    else:
        data = os.environ.get("XDG_DATA_HOME", str(home / ".local/share"))
        roots = ["/usr/share/fonts", "/usr/local/share/fonts", f"{data}/fonts"]
        roots.append(str(home / ".fonts"))
    return [Path(root) for root in roots]


@dataclass(frozen=True, slots=True)
class Face:
    path: str
    index: int
    bold: bool
    italic: bool
    weight: int = 400


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    """As the font spells it, which is how the tspan asks resvg for it."""
    faces: tuple[Face, ...]

    @property
    def regular(self) -> Face:
        return min(self.faces, key=lambda f: (f.italic, abs(f.weight - 400)))

    def has(self, char: str) -> bool:
        starts, ends = coverage(self.regular.path, self.regular.index)
        at = bisect.bisect_right(starts, ord(char)) - 1
        return at >= 0 and ord(char) <= ends[at]


@functools.cache
def catalogue() -> dict[str, Family]:
    """Installed families by lower-case name, faces in a stable order; read once a process."""
    found: dict[str, tuple[str, list[Face]]] = {}
    for path in sorted(_font_files()):
        for names, face in _faces(path):
            for name in names:
                found.setdefault(name.lower(), (name, []))[1].append(face)
    return {key: Family(name, tuple(faces)) for key, (name, faces) in found.items()}


def _font_files() -> Iterable[str]:
    for root in font_dirs():
        for folder, _, files in os.walk(root):
            for name in files:
                if name.lower().endswith(FONT_SUFFIXES):
                    yield os.path.join(folder, name)


def _open(path: str) -> list[Any]:
    from fontTools.ttLib import TTCollection, TTFont

    if path.lower().endswith((".ttc", ".otc")):
        return list(TTCollection(path, lazy=True).fonts)
    return [TTFont(path, lazy=True)]


def _faces(path: str) -> list[tuple[list[str], Face]]:
    """(family names, face) of each face of a font file; none when it is unreadable."""
    try:
        out = []
        for index, font in enumerate(_open(path)):
            names = font["name"]
            family = sorted({n for n in (names.getDebugName(16), names.getDebugName(1)) if n})
            style = (names.getDebugName(17) or names.getDebugName(2) or "").lower()
            weight = font["OS/2"].usWeightClass if "OS/2" in font else 400
            italic = "italic" in style or "oblique" in style
            out.append((family, Face(path, index, weight >= 600, italic, weight)))
        return out
    except Exception:  # a font that cannot be read is not installed, as far as we can tell
        return []


@functools.cache
def coverage(path: str, index: int) -> tuple[list[int], list[int]]:
    """The code points a face has glyphs for, as sorted (starts, ends) of ranges."""
    try:
        font = _open(path)[index]
        ranges = _segmented(font.reader["cmap"])
        if ranges is None:  # no format 12 table: small fonts, decoded by fontTools
            ranges = [(code, code) for code in sorted(font.getBestCmap() or {})]
    except Exception:  # a damaged font covers nothing, like one that is absent
        ranges = []
    return [a for a, _ in ranges], [b for _, b in ranges]


def _segmented(cmap: bytes) -> list[tuple[int, int]] | None:
    """The ranges of a Unicode format 12 subtable read straight from the bytes: fontTools
    builds a dict of every code point first, half a second for a CJK font."""
    (count,) = struct.unpack_from(">H", cmap, 2)
    for number in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * number)
        if (platform, encoding) not in ((3, 10), (0, 4), (0, 6)):
            continue
        if struct.unpack_from(">H", cmap, offset)[0] != 12:
            continue
        (groups,) = struct.unpack_from(">I", cmap, offset + 12)
        found = struct.iter_unpack(">III", cmap[offset + 16 : offset + 16 + 12 * groups])
        return sorted((start + (glyph == 0), end) for start, end, glyph in found)
    return None


def families(font_family: str) -> list[str]:
    """The names of a CSS font-family list, unquoted, in order."""
    return [name.strip().strip("\"'").strip() for name in font_family.split(",") if name.strip()]


@dataclass
class Plan:
    """Which family draws each character, the files resvg needs, and what no font has."""

    first: str
    """The family the whole text starts in: the list's first installed family."""
    by_char: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)
    """Script name -> characters no installed family of the list has."""


def plan(font_family: str, text: str) -> Plan:
    """For each character of `text`, the first family of the list that has it."""
    stack = _installed(font_family)
    chosen = Plan(first=stack[0].name if stack else "")
    used: list[Family] = stack[:1]
    for char in sorted(set(text)):
        if not _drawn(char):
            continue
        family = next((f for f in stack if f.has(char)), None)
        if family is None:
            script = script_of(char)
            chosen.missing[script] = chosen.missing.get(script, "") + char
            continue
        chosen.by_char[char] = family.name
        if family not in used:
            used.append(family)
    for family in sorted(used, key=stack.index):
        chosen.files.extend(dict.fromkeys(face.path for face in family.faces))
    return chosen


def _installed(font_family: str) -> list[Family]:
    """The list's installed families in order; its closing `sans-serif` as every installed
    family named "Sans" (not "Serif" or "Mono"), by name, then the emoji fonts, as browsers
    fall back to the system's emoji font whatever the list."""
    known = catalogue()
    names = [n.lower() for n in families(font_family)]
    out = [known[n] for n in names if n not in GENERIC and n in known]
    if "sans-serif" in names:
        out += [known[n] for n in sorted(known) if _sans(n) and known[n] not in out]
        out += [known[n] for n in sorted(known) if "emoji" in n and known[n] not in out]
    return out


def _sans(name: str) -> bool:
    return "sans" in name and "mono" not in name and "serif" not in name.replace("sans", "")


def _drawn(char: str) -> bool:
    """Whether a character needs a glyph: not spaces, controls, format or combining marks."""
    return not char.isspace() and unicodedata.category(char)[0] not in ("C", "M", "Z")


def script_of(char: str) -> str:
    """A script's name for a message: the first word of the character's Unicode name."""
    if unicodedata.category(char) == "So":
        return "Symbols and emoji"
    name = unicodedata.name(char, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC")):
        return {"CJK": "Han (CJK)"}.get(name.split()[0], name.split()[0].capitalize())
    return name.split()[0].capitalize() if name else f"U+{ord(char):04X}"
