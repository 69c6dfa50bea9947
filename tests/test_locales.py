"""A map in any BCP 47 locale renders with its own `lang`, its script's fonts and direction, and
the built-in labels the CLDR fallback chain finds for it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result
from journeymap.i18n.scripts import families_for, script_stack
from render_helpers import files_of

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

MAP = """\
journeymap: 1
kind: current-state
id: {id}
title: {title}
locale: {locale}
persona: {{name: {name}}}
stages:
  - id: awareness
    steps:
      - id: first
        action: {action}
        touchpoints: [{{channel: web}}]
        emotion: 0
"""

CASES = {
    "zh-CN": ("网购退货", "李梅", "申请退货", "Noto Sans CJK SC", "认知", "ltr"),
    "zh-Hans-SG": ("网购退货", "李梅", "申请退货", "Noto Sans CJK SC", "认知", "ltr"),
    "zh-HK": ("網購退貨", "陳大文", "申請退貨", "Noto Sans CJK TC", "認知", "ltr"),
    "ja": ("定期券を買う", "佐藤", "運賃を比べる", "Noto Sans CJK JP", "Awareness", "ltr"),
    "ko": ("정기권 구매", "김민지", "요금을 비교한다", "Noto Sans CJK KR", "Awareness", "ltr"),
    "ar": ("تجديد البطاقة", "ليلى", "تفتح الموقع", "Noto Sans Arabic", "Awareness", "rtl"),
    "he": ("חידוש כרטיס", "נועה", "פותחת את האתר", "Noto Sans Hebrew", "Awareness", "rtl"),
    "ru": ("Продление карты", "Анна", "Открывает сайт", "DejaVu Sans", "Awareness", "ltr"),
    "el": (
        "Ανανέωση κάρτας",
        "Ελένη",
        "Ανοίγει τον ιστότοπο",
        "Noto Sans Greek",
        "Επίγνωση",
        "ltr",
    ),
    "de-CH": ("Abo erneuern", "Jonas", "Öffnet die Seite", "Arial", "Awareness", "ltr"),
}


def _render(tmp_path: Path, locale: str) -> dict[str, str]:
    title, name, action, *_ = CASES[locale]
    path = tmp_path / "map.yaml"
    text = MAP.format(id="m", title=title, locale=locale, name=name, action=action)
    path.write_text(text, "utf-8")
    return {k: v.decode("utf-8") for k, v in files_of(path, "svg", "html", view="grid").items()}


def _one(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, pattern
    return found.group(1)


@pytest.mark.parametrize("locale", sorted(CASES))
def test_page_and_drawing_carry_the_maps_locale(tmp_path: Path, locale: str) -> None:
    *_, family, phase, direction = CASES[locale]
    files = _render(tmp_path, locale)
    html = next(v for k, v in files.items() if k.endswith(".html"))
    svg = next(v for k, v in files.items() if k.endswith(".svg"))
    assert _one(r"<html ([^>]*)>", html) == f'lang="{locale}" dir="{direction}"'
    assert _one(r'<svg [^>]* lang="([^"]*)"', svg) == locale
    stack = _one(r'<svg [^>]* font-family="([^"]*)"', svg).replace("&#34;", '"')
    assert stack == script_stack(locale)
    assert family in stack
    assert f"font-family: {script_stack(locale)};" in html
    assert phase in svg


def test_stacks_differ_by_script_and_end_generic() -> None:
    stacks = {tag: script_stack(tag) for tag in ("zh-CN", "zh-TW", "ja", "ko", "en", "ar", "he")}
    assert len(set(stacks.values())) == len(stacks)
    assert all(stack.endswith(", sans-serif") for stack in stacks.values())
    assert families_for("zh-SG")[:4] == ("Arial", "Liberation Sans", "Helvetica", "Noto Sans")
    assert "Noto Sans CJK SC" in families_for("zh-SG")
    assert "Noto Sans CJK TC" in families_for("zh-Hant-CN")


def test_rtl_pages_keep_the_drawing_left_to_right(tmp_path: Path) -> None:
    html = next(v for k, v in _render(tmp_path, "he").items() if k.endswith(".html"))
    assert "svg { direction: ltr; }" in html


def test_site_pages_use_the_projects_locale(cli: Cli, write: Write, tmp_path: Path) -> None:
    write("journeymap.toml", '[project]\nlocale = "zh-CN"\n')
    title, name, action, *_ = CASES["zh-CN"]
    write("a.yaml", MAP.format(id="a", title=title, locale="zh-CN", name=name, action=action))
    result = cli("build", str(tmp_path), "-o", str(tmp_path / "site"))
    assert result.exit_code == 0, result.stderr
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert '<html lang="zh-CN" dir="ltr">' in index
    assert "1 张地图 · 1 个用户画像" in index
    assert "Noto Sans CJK SC" in index


@pytest.mark.parametrize("tag", ["zh-Hans", "ja-JP", "en-GB-oxendict", "de-CH-1996", "ar-EG"])
def test_any_bcp47_tag_validates(cli: Cli, write: Write, tmp_path: Path, tag: str) -> None:
    write("a.yaml", MAP.format(id="a", title="T", locale=tag, name="N", action="A"))
    result = cli("validate", str(tmp_path / "a.yaml"))
    assert result.exit_code == 0, result.stdout
    assert "JM105" not in result.stdout
