"""Text metrics and wrapping: the SVG renderer trusts these numbers, since SVG cannot wrap."""

from __future__ import annotations

import importlib.util
import itertools
import json
import random
import statistics
import subprocess
import sys
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

import pytest

from journeymap.text import ELLIPSIS, FULL_RUN, char_em, line_height, text_width, wrap

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "font_metrics.py"
FONTS = Path("/usr/share/fonts/truetype/liberation2")
ZWJ = "\u200d"


@cache
def table(weight: str) -> dict[str, int]:
    """The shipped table, decoded independently of the module under test."""
    raw = resources.files("journeymap.text").joinpath("widths.json").read_text("utf-8")
    runs = json.loads(raw)[weight]
    return {chr(start + i): w for start, values in runs for i, w in enumerate(values)}


def extender(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or char == ZWJ
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE01EF
        or 0x1160 <= code <= 0x11FF  # conjoining Hangul vowels and final consonants
    )


def single_grapheme(text: str) -> bool:
    """One base character (or one flag) with whatever attaches to it."""
    bases = [c for i, c in enumerate(text) if not extender(c) and not (i and text[i - 1] == ZWJ)]
    if len(bases) == 2 and all(0x1F1E6 <= ord(c) <= 0x1F1FF for c in bases):
        return True
    return len(bases) == 1


def visible(text: str) -> str:
    return "".join(char for char in text if not char.isspace())


# --- widths -----------------------------------------------------------------------------


def test_hello_is_the_sum_of_the_table_widths() -> None:
    expected = sum(table("regular")[c] for c in "Hello") / 1000 * 100
    assert text_width("Hello", 100) == pytest.approx(expected)
    assert text_width("Hello", 100) == pytest.approx(227.8)


@pytest.mark.parametrize(
    ("char", "bold", "em"),
    [
        ("M", False, 0.833),
        ("i", False, 0.222),
        ("n", False, 0.556),
        (" ", False, 0.278),
        ("W", False, 0.944),
        ("i", True, 0.278),
        ("M", True, 0.833),
        ("\u2026", False, 1.0),
    ],
)
def test_arial_compatible_values(char: str, bold: bool, em: float) -> None:
    assert char_em(char, bold=bold) == pytest.approx(em)


def test_bold_is_wider_than_regular() -> None:
    text = "Customer journey"
    assert text_width(text, 14, bold=True) > text_width(text, 14)


@pytest.mark.parametrize("char", ["中", "。", "한", "あ", "Ａ", "😀"])
def test_east_asian_wide_characters_are_one_em(char: str) -> None:
    assert text_width(char, 16) == 16
    assert text_width(char * 3, 10, bold=True) == 30


@pytest.mark.parametrize("mark", ["\u0301", "\u0308", "\u20e3", "\u0483"])
def test_combining_marks_add_nothing(mark: str) -> None:
    assert char_em(mark) == 0
    assert text_width("e" + mark, 20) == text_width("e", 20)


@pytest.mark.parametrize(
    "char", ["\u200b", "\u200c", ZWJ, "\u200e", "\u2060", "\ufeff", "\ufe0e", "\U000e0100"]
)
def test_zero_width_characters(char: str) -> None:
    assert char_em(char) == 0
    assert char_em(char, bold=True) == 0


def test_unknown_letters_get_the_median_letter_width() -> None:
    letters = [w for c, w in table("regular").items() if unicodedata.category(c)[0] == "L"]
    assert char_em("ع") == statistics.median_low(letters) / 1000
    assert 0.5 < char_em("ע") < 0.7


def test_emoji_presentation_selector_makes_a_symbol_one_em() -> None:
    assert text_width("1\ufe0f\u20e3", 10) == 10
    assert text_width("\u2764\ufe0f", 10) == 10


def test_spaces_and_words_add_up() -> None:
    assert text_width("a  b", 10) == pytest.approx(
        text_width("a", 10) + 2 * text_width(" ", 10) + text_width("b", 10)
    )
    assert text_width("", 10) == 0


def test_char_em_wants_one_code_point() -> None:
    with pytest.raises(ValueError):
        char_em("ab")


def test_line_height_is_a_fixed_factor() -> None:
    assert line_height(10) == pytest.approx(13)
    assert line_height(20) == 2 * line_height(10)


def test_every_one_em_run_character_really_is_one_em() -> None:
    """FULL_RUN lets wrapping skip per-character lookups; it must agree with char_em."""
    checked = 0
    for code in range(0x1100, 0x40000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or not FULL_RUN.fullmatch(char):
            continue
        assert char_em(char) == 1.0, hex(code)
        if unicodedata.category(char) != "Cn":
            assert unicodedata.east_asian_width(char) in ("W", "F"), hex(code)
            assert not extender(char), hex(code)
            checked += 1
    assert checked > 90_000


# --- the table file ---------------------------------------------------------------------


def test_table_is_well_formed() -> None:
    raw = resources.files("journeymap.text").joinpath("widths.json").read_text("utf-8")
    data = json.loads(raw)
    assert data["font"].startswith("Liberation Sans ")
    assert data["source"] == "scripts/font_metrics.py"
    for weight in ("regular", "bold"):
        end = -1
        for start, values in data[weight]:
            assert start > end + 1, "runs must be sorted and maximal"
            assert values and all(isinstance(w, int) and 0 <= w <= 2000 for w in values)
            end = start + len(values) - 1
    assert table("regular").keys() == table("bold").keys()
    assert len(table("regular")) > 1500


def test_table_regenerates_byte_for_byte(tmp_path: Path) -> None:
    if importlib.util.find_spec("fontTools") is None:
        pytest.fail('fontTools is missing: pip install "fonttools>=4.40" (or the dev extra)')
    regular, bold = FONTS / "LiberationSans-Regular.ttf", FONTS / "LiberationSans-Bold.ttf"
    for font in (regular, bold):
        if not font.is_file():
            pytest.fail(f"{font} is missing: install the Debian package fonts-liberation2")
    out = tmp_path / "widths.json"
    command = [sys.executable, str(SCRIPT), "--regular", str(regular), "--bold", str(bold)]
    done = subprocess.run([*command, "--output", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, f"scripts/font_metrics.py failed:\n{done.stderr}"
    shipped = ROOT / "src" / "journeymap" / "text" / "widths.json"
    assert out.read_bytes() == shipped.read_bytes(), "run scripts/font_metrics.py"


# --- wrapping: examples -----------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \t\n \u00a0 "])
def test_empty_text_has_no_lines(text: str) -> None:
    assert wrap(text, 100, 12) == []


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\nb", ["a", "b"]),
        ("a\r\nb\rc", ["a", "b", "c"]),
        ("a\n\nb", ["a", "", "b"]),
        ("  a \t\t b  \n  c  ", ["a b", "c"]),
        ("\n\nfirst\n", ["first"]),
        ("one\u2028two", ["one", "two"]),
    ],
)
def test_newlines_and_whitespace(text: str, lines: list[str]) -> None:
    assert wrap(text, 1000, 12) == lines


def test_greedy_fill_at_spaces() -> None:
    width = text_width("The quick brown", 14)
    assert wrap("The quick brown fox jumps", width, 14) == ["The quick brown", "fox jumps"]
    assert wrap("The quick brown fox jumps", width - 0.01, 14)[0] == "The quick"


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("state-of-the-art", ["state-of-", "the-art"]),
        ("desktop/web app", ["desktop/", "web app"]),
        ("rock--and--roll", ["rock--and--", "roll"]),
        ("https://example.com/a", ["https://example.com/", "a"]),
    ],
)
def test_breaks_after_hyphens_and_slashes(text: str, lines: list[str]) -> None:
    assert wrap(text, text_width(lines[0], 12) + 0.5, 12) == lines


def test_no_break_after_a_leading_hyphen() -> None:
    assert wrap("-12345", text_width("-1", 12), 12)[0] != "-"
    assert wrap("abc -5", text_width("abc -", 12) + 0.5, 12) == ["abc", "-5"]


def test_no_break_space_holds_words_together() -> None:
    lines = wrap("distance 10\u00a0km today", text_width("distance 10", 12) + 1, 12)
    assert lines == ["distance", "10\u00a0km", "today"]


def test_zero_width_space_is_a_break_opportunity() -> None:
    word = "Visualisierungs\u200breise"
    assert wrap(word, text_width("Visualisierungs", 12) + 1, 12) == [
        "Visualisierungs\u200b",
        "reise",
    ]


def test_long_word_is_cut_between_characters() -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitän"
    lines = wrap(word, 60, 12)
    assert len(lines) > 3
    assert "".join(lines) == word
    assert all(text_width(line, 12) <= 60 for line in lines)
    assert all(text_width(a + b[0], 12) > 60 for a, b in itertools.pairwise(lines))


def test_long_word_after_other_words_starts_a_new_line() -> None:
    lines = wrap("see Donaudampfschifffahrtsgesellschaft", 80, 12)
    assert lines[0] == "see"


@pytest.mark.parametrize(
    "word",
    [
        "e\u0301" * 12,
        "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 4,
        "\U0001f44d\U0001f3fd" * 6,
        "\U0001f1f9\U0001f1fc\U0001f1ef\U0001f1f5" * 3,
        "\u2764\ufe0f" * 6,
        "\u1100\u1161\u11a8" * 6,
    ],
)
def test_graphemes_are_never_split(word: str) -> None:
    for width in (1, 15, 31):
        lines = wrap(word, width, 12)
        assert "".join(lines) == word
        for line in lines:
            assert not extender(line[0]) and not line.endswith(ZWJ)
            if width == 1:
                assert single_grapheme(line), line


def test_over_wide_grapheme_stands_alone() -> None:
    assert wrap("中文 ab", 5, 12) == ["中", "文", "a", "b"]


@pytest.mark.parametrize(
    ("text", "ems", "lines"),
    [
        ("一二三四五。六七", 5, ["一二三四", "五。六七"]),
        ("一二三四五、六七", 5, ["一二三四", "五、六七"]),
        ("一二三四「五六」", 5, ["一二三四", "「五六」"]),
        ("一二三四（五）", 5, ["一二三四", "（五）"]),
        ("あいうえっと", 4, ["あいう", "えっと"]),
        ("アイウエャ", 4, ["アイウ", "エャ"]),
        ("我們希望顧客", 3, ["我們希", "望顧客"]),
    ],
)
def test_kinsoku(text: str, ems: int, lines: list[str]) -> None:
    assert wrap(text, ems * 10, 10) == lines


def test_cjk_breaks_between_ideographs_and_next_to_latin() -> None:
    lines = wrap("使用Python開發", 35, 10)
    assert "".join(lines) == "使用Python開發"
    assert all(text_width(line, 10) <= 35 for line in lines)
    assert lines[0] == "使用"


def test_right_to_left_text_wraps_without_trouble() -> None:
    text = "مرحبا بالعالم هذا نص عربي طويل שלום עולם"
    lines = wrap(text, 60, 12, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith(ELLIPSIS)
    assert all(text_width(line, 12) <= 60 for line in lines)


def test_max_lines_truncates_with_an_ellipsis() -> None:
    text = "The quick brown fox jumps over the lazy dog and keeps running far away"
    full = wrap(text, 100, 12)
    cut = wrap(text, 100, 12, max_lines=2)
    assert len(full) > 2
    assert cut[0] == full[0]
    assert cut[1].endswith(ELLIPSIS)
    assert text_width(cut[1], 12) <= 100
    assert not cut[1][: -len(ELLIPSIS)].endswith(" ")


def test_max_lines_not_reached_means_no_ellipsis() -> None:
    assert wrap("short text", 200, 12, max_lines=1) == ["short text"]
    assert wrap("one\ntwo", 200, 12, max_lines=2) == ["one", "two"]


def test_truncation_at_a_forced_newline() -> None:
    assert wrap("one\ntwo\nthree", 200, 12, max_lines=2) == ["one", "two" + ELLIPSIS]


def test_ellipsis_alone_when_nothing_else_fits() -> None:
    assert wrap("abc def", 3, 12, max_lines=1) == [ELLIPSIS]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"size": 0}, "size"),
        ({"size": -1}, "size"),
        ({"max_lines": 0}, "max_lines"),
        ({"max_width": float("nan")}, "max_width"),
    ],
)
def test_invalid_arguments(kwargs: dict[str, float], message: str) -> None:
    args: dict[str, float] = {"max_width": 100, "size": 12} | kwargs
    with pytest.raises(ValueError, match=message):
        wrap("text", args["max_width"], args["size"], max_lines=int(kwargs.get("max_lines", 3)))


def test_infinite_width_keeps_paragraphs_whole() -> None:
    assert wrap("a b  c\nd", float("inf"), 12) == ["a b c", "d"]


# --- wrapping: properties over generated text -------------------------------------------

LATIN = [
    "journey",
    "customer",
    "the",
    "a",
    "of",
    "checkout",
    "e-mail",
    "self-service",
    "and/or",
    "pay",
    "wait",
    "ok",
]
LONG = [
    "Donaudampfschifffahrtsgesellschaftskapitän",
    "https://example.com/support/tickets/12345/attachments",
    "x" * 70,
]
GREEK = ["Καλημέρα", "πελάτης", "ταξίδι", "ΑΓΟΡΆ"]
HUNGARIAN = ["árvíztűrő", "tükörfúrógép", "Őrült", "ügyfélút", "Ő"]
CJK = [
    "我們希望顧客",
    "結帳頁面",
    "「確認」",
    "。",
    "，",
    "ありがとうございます",
    "ちょっと",
    "고객",
    "（注意）",
]
EMOJI = ["😀", "👍🏽", "👨\u200d👩\u200d👧", "🇹🇼", "❤\ufe0f", "1\ufe0f\u20e3"]
COMBINING = ["e\u0301", "a\u0308\u0304", "n\u0303o", "\u0915\u094d\u0937"]
RTL = ["مرحبا", "بالعالم", "עברית", "שלום"]
POOLS = [LATIN, LATIN, LATIN, LONG, GREEK, HUNGARIAN, CJK, CJK, EMOJI, COMBINING, RTL]
SEPARATORS = [" ", " ", " ", " ", "  ", "\t", "\n", "", "", "\u00a0", "\u200b", " \n\n "]


def generated(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 40)):
        parts.append(rng.choice(rng.choice(POOLS)))
        parts.append(rng.choice(SEPARATORS))
    return "".join(parts)


def check(text: str, width: float, size: float, bold: bool, max_lines: int | None) -> None:
    lines = wrap(text, width, size, bold=bold, max_lines=max_lines)
    full = wrap(text, width, size, bold=bold)
    truncated = max_lines is not None and len(full) > max_lines
    context = f"{text!r} {width=} {size=} {bold=} {max_lines=} -> {lines!r}"
    for line in lines:
        assert line == line.strip(), context
        fits = text_width(line, size, bold=bold) <= width
        assert fits or single_grapheme(line), context
        assert not line or not extender(line[0]), context
        assert not line.endswith(ZWJ), context
    if max_lines is not None:
        assert len(lines) <= max_lines, context
    ellipses = [i for i, line in enumerate(lines) if line.endswith(ELLIPSIS)]
    assert ellipses == ([len(lines) - 1] if truncated else []), context
    if truncated:
        assert lines[:-1] == full[: len(lines) - 1], context
    else:
        assert lines == full, context
        assert visible("".join(lines)) == visible(text), context


def test_wrap_properties_over_generated_text() -> None:
    rng = random.Random(20240607)
    for _ in range(1500):
        text = generated(rng)
        width = rng.choice([1, 8, 20, 45, 80, 120, 200, 400])
        size = rng.choice([10, 12.5, 16])
        max_lines = rng.choice([None, None, 1, 2, 3, 5])
        check(text, width, size, rng.random() < 0.3, max_lines)


def test_every_text_measure_is_consistent_with_wrapping() -> None:
    """A paragraph that fits is never broken; one that does not is never left whole."""
    rng = random.Random(7)
    for _ in range(500):
        text = " ".join(generated(rng).split())
        if not text:
            continue
        width = text_width(text, 12) * rng.choice([0.5, 0.999, 1.0, 1.5])
        lines = wrap(text, width, 12)
        assert (lines == [text]) == (text_width(text, 12) <= width), (text, width, lines)
