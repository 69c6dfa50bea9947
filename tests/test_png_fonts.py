"""The PNG draws every character in the family the SVG's font-family gives it, never as a box.

Needs Noto Sans CJK (scripts/check installs fonts-noto-cjk when it is missing). The family a
browser takes for a character is the first of the list that has a glyph for it; the PNG must
take the same one (a sans, not Noto Serif CJK, and the Traditional Chinese face the list
names, not the Japanese face that comes first in the font collection).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import resvg_py
from typer.testing import CliRunner

from conftest import EXAMPLES
from journeymap.cli import app
from journeymap.render.fonts import catalogue, families
from journeymap.render.png import font_plan, svg_to_png, with_font_runs
from render_helpers import files_of

CASES = Path(__file__).parent / "cases"
MAPS = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "i18n").glob("*.yaml"))
MAPS += sorted(p for p in CASES.glob("*/map.yaml") if p.parent.name != "characters")
STACK = re.compile(r'<svg\b[^>]*?\sfont-family="([^"]*)"')


def _svg(path: Path) -> str:
    return files_of(path, "svg", view="grid")[f"{path.stem}.svg"].decode("utf-8")


def _pixels(svg: str) -> str:
    return hashlib.sha256(
        bytes(resvg_py.svg_to_bytes(svg_string=svg, background="white"))
    ).hexdigest()


def _one(text: str, family: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"'
        f' font-family="{family}"><text x="4" y="30" font-size="24">{text}</text></svg>'
    )


def test_noto_sans_cjk_is_installed() -> None:
    """The other tests mean something only with a CJK font (scripts/check installs it)."""
    assert "noto sans cjk tc" in catalogue()


@pytest.mark.parametrize("path", MAPS, ids=[f"{p.parent.name}/{p.stem}" for p in MAPS])
def test_every_character_of_every_example_has_a_glyph_in_a_family_of_the_list(
    path: Path,
) -> None:
    svg = _svg(path)
    fonts = font_plan(svg)
    assert fonts.missing == {}
    stack = [name.lower() for name in families(STACK.search(svg).group(1).replace("&#34;", '"'))]
    for char, family in fonts.by_char.items():
        named = family.lower() in stack
        # A family the list does not name is the closing generic's pick: allowed only when
        # no named family has the character, as a browser falls back.
        assert named or "sans-serif" in stack, (char, family)
        earlier = stack[: stack.index(family.lower())] if named else stack
        assert not any(name in catalogue() and catalogue()[name].has(char) for name in earlier)


def test_chinese_is_drawn_in_the_sans_face_the_list_names() -> None:
    """Rendered, the PNG's Chinese is pixel for pixel Noto Sans CJK TC alone, and differs from
    the serif and from the Japanese face (so the comparison can fail)."""
    svg = _svg(EXAMPLES / "i18n" / "zh-TW-return-blueprint.yaml")
    stack = STACK.search(svg).group(1)
    sample = "退貨說直骨"
    ours = hashlib.sha256(svg_to_png(_one(sample, stack), 160, 40)).hexdigest()
    assert ours == _pixels(_one(sample, "Noto Sans CJK TC"))
    assert ours != _pixels(_one(sample, "Noto Serif CJK TC"))
    assert ours != _pixels(_one(sample, "Noto Sans CJK JP"))


def test_no_character_of_a_cjk_map_is_drawn_as_a_box() -> None:
    """Each character alone, rendered: never the picture of a character no font has."""
    svg = _svg(EXAMPLES / "i18n" / "zh-TW-return-blueprint.yaml")
    stack = STACK.search(svg).group(1)
    tofu = hashlib.sha256(svg_to_png(_one("\U00013000", stack), 160, 40)).hexdigest()
    chars = sorted({c for c in font_plan(svg).by_char if ord(c) > 0x2E80})
    assert len(chars) > 50
    for char in chars:
        assert hashlib.sha256(svg_to_png(_one(char, stack), 160, 40)).hexdigest() != tofu, char


def test_what_no_font_has_is_reported_and_the_rest_drawn() -> None:
    """The characters case holds scripts beyond the installed fonts (Devanagari here)."""
    svg = _svg(CASES / "characters" / "map.yaml")
    fonts = font_plan(svg)
    notes: list[str] = []
    svg_to_png(svg, 400, 300, notes)
    assert len(notes) == len(fonts.missing)
    for script, chars in fonts.missing.items():
        assert not any(f.has(c) for f in catalogue().values() for c in chars)
        assert any(script in note and chars[0] in note for note in notes)
    assert "🌈" in fonts.by_char


def test_runs_keep_the_svg_well_formed() -> None:
    svg = _svg(CASES / "hostile-text" / "map.yaml")
    ElementTree.fromstring(with_font_runs(svg, font_plan(svg)))
    mixed = _one(
        "A &amp; 退 &lt;b&gt;", "Arial, &#34;Liberation Sans&#34;, &#34;Noto Sans CJK TC&#34;"
    )
    rewritten = with_font_runs(mixed, font_plan(mixed))
    assert '<tspan font-family="Noto Sans CJK TC">退</tspan>' in rewritten
    assert "A &amp; <tspan" in rewritten and "</tspan> &lt;b&gt;" in rewritten


def test_a_script_no_font_has_is_named_in_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "glyphs.yaml"
    source.write_text(
        "journeymap: 1\nkind: current-state\nid: glyphs\ntitle: Hieroglyphs \U00013000\n"
        "stages:\n  - id: awareness\n    steps:\n      - {id: a, action: Reads \U00013001}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["render", str(source), "-f", "png"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "glyphs.png").stat().st_size > 0
    warning = [line for line in result.stderr.splitlines() if "warning: PNG" in line]
    assert len(warning) == 1
    assert "Egyptian characters" in warning[0] and "\U00013000" in warning[0]
