"""Regenerates src/journeymap/text/widths.json from the Liberation Sans fonts.

SVG cannot wrap text, so journeymap wraps at layout time and needs advance widths for the
first fonts of its stack. Liberation Sans is metric-compatible with Arial, so its widths stand
in for both; reading them from the fonts (rather than typing numbers in) keeps the table honest
and lets a test prove the committed file matches this script byte for byte.

Run once by a developer when the font or the covered blocks change (fontTools is a dev-only
dependency; the runtime only reads the JSON):

    pip install "fonttools>=4.40"          # or: pip install -e ".[dev]"
    apt-get install fonts-liberation2      # Debian/Ubuntu, provides the default paths
    python scripts/font_metrics.py [--regular PATH] [--bold PATH] [--output PATH]

The output lists, per weight, runs of consecutive code points present in the font's cmap
within the covered Unicode blocks, each run as [first_code_point, [width, ...]] with widths in
thousandths of an em rounded half up. It holds no timestamps, so regenerating is idempotent.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
DEFAULT_REGULAR = FONT_DIR / "LiberationSans-Regular.ttf"
DEFAULT_BOLD = FONT_DIR / "LiberationSans-Bold.ttf"
DEFAULT_OUTPUT = ROOT / "src" / "journeymap" / "text" / "widths.json"
SOURCE = "scripts/font_metrics.py"

# Inclusive ranges of the Unicode blocks the table covers; only code points the font maps
# are written, which takes care of "the subset present" for the symbol blocks.
BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0000, 0x007F),  # Basic Latin
    (0x0080, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x0250, 0x02AF),  # IPA Extensions
    (0x02B0, 0x02FF),  # Spacing Modifier Letters
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x04FF),  # Cyrillic
    (0x0500, 0x052F),  # Cyrillic Supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x1F00, 0x1FFF),  # Greek Extended
    (0x2000, 0x206F),  # General Punctuation
    (0x2070, 0x209F),  # Superscripts and Subscripts
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x2100, 0x214F),  # Letterlike Symbols
    (0x2150, 0x218F),  # Number Forms
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators
    (0x25A0, 0x25FF),  # Geometric Shapes
)

Run = tuple[int, list[int]]


def covered(code_point: int) -> bool:
    """Whether the code point lies in one of the blocks the layout engine needs measured."""
    return any(low <= code_point <= high for low, high in BLOCKS)


def thousandths(advance: int, units_per_em: int) -> int:
    """Rounds half up in integers, so the result never depends on float formatting."""
    return (advance * 2000 + units_per_em) // (2 * units_per_em)


def font_widths(path: Path) -> dict[int, int]:
    """Advance width, in thousandths of an em, of every covered code point in the cmap."""
    font = TTFont(str(path))
    units_per_em = int(font["head"].unitsPerEm)
    metrics = font["hmtx"]
    cmap: dict[int, str] = font.getBestCmap()
    return {
        code: thousandths(int(metrics[glyph][0]), units_per_em)
        for code, glyph in cmap.items()
        if covered(code)
    }


def runs(widths: dict[int, int]) -> Iterator[Run]:
    """Groups consecutive code points so the JSON stays small without losing any entry."""
    start, values = -2, [0]
    for code in sorted(widths):
        if code == start + len(values):
            values.append(widths[code])
            continue
        if start >= 0:
            yield start, values
        start, values = code, [widths[code]]
    if start >= 0:
        yield start, values


def font_name(path: Path) -> str:
    """'Liberation Sans 2.1.5': family plus version, to tell which fonts produced the table."""
    names = TTFont(str(path))["name"]
    family = str(names.getDebugName(1))
    version = str(names.getDebugName(5)).removeprefix("Version ").strip()
    return f"{family} {version}"


def render(font: str, regular: Iterable[Run], bold: Iterable[Run]) -> str:
    """One run per line: compact, yet a font upgrade shows up as a readable diff."""

    def block(name: str, items: Iterable[Run]) -> str:
        body = ",\n".join(
            json.dumps([start, values], separators=(",", ":")) for start, values in items
        )
        return f'"{name}": [\n{body}\n]'

    header = f'{{"font": {json.dumps(font)}, "source": {json.dumps(SOURCE)},\n'
    return header + block("regular", regular) + ",\n" + block("bold", bold) + "}\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regular", type=Path, default=DEFAULT_REGULAR)
    parser.add_argument("--bold", type=Path, default=DEFAULT_BOLD)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    text = render(
        font_name(args.regular), runs(font_widths(args.regular)), runs(font_widths(args.bold))
    )
    args.output.write_bytes(text.encode("utf-8"))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
