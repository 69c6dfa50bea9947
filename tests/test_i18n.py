"""Locale files stay complete, translated and placeholder-safe, plurals follow CLDR, and tags
resolve along CLDR's fallback chain."""

from __future__ import annotations

import json
import string
from importlib import resources
from typing import Any

import pytest
from babel import Locale

from journeymap.i18n import LOCALES, Labels, labels, resolve_locale
from journeymap.i18n.catalog import CATALOGS, load
from journeymap.i18n.english import counted

NON_ENGLISH = [locale for locale in LOCALES if locale != "en"]

# Simplified forms of characters our zh-TW labels use; none may appear in Traditional text.
SIMPLIFIED_ONLY = set(
    "这们为过时间现态务线动点问题机会设计产应户体验阶图触绪负责标统误严响结说单项后"
)
# ... and the Traditional forms of characters our zh-CN labels use.
TRADITIONAL_ONLY = set(
    "這們為過時間現態務線動點問題機會設計產應戶體驗階圖觸緒負責標統誤嚴響結說單項後資"
)


def _raw(locale: str) -> dict[str, Any]:
    text = resources.files("journeymap.i18n").joinpath(f"{locale}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _forms(value: str | dict[str, str]) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [value]


def _placeholders(value: str | dict[str, str]) -> set[str]:
    return {
        name
        for text in _forms(value)
        for _, name, _, _ in string.Formatter().parse(text)
        if name is not None
    }


ENGLISH = _raw("en")
PLURAL_KEYS = sorted(key for key, value in ENGLISH.items() if isinstance(value, dict))


def _categories(locale: str) -> set[str]:
    return set(Locale.parse(CATALOGS[locale][0]).plural_form.tags) | {"other"}


@pytest.mark.parametrize("locale", LOCALES)
def test_locale_file_has_exactly_the_english_keys(locale: str) -> None:
    assert set(_raw(locale)) == set(ENGLISH)


@pytest.mark.parametrize("locale", LOCALES)
def test_locale_file_is_canonically_formatted(locale: str) -> None:
    text = resources.files("journeymap.i18n").joinpath(f"{locale}.json").read_text("utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_empty_values(locale: str) -> None:
    empty = [k for k, v in _raw(locale).items() if not all(f.strip() for f in _forms(v))]
    assert empty == []


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_labels_have_exactly_the_cldr_categories(locale: str) -> None:
    """one/other in en, hu, nb and el; only other in Chinese: Babel's plural_form picks one."""
    data = _raw(locale)
    found = {key: set(data[key]) for key in PLURAL_KEYS if isinstance(data[key], dict)}
    assert found == {key: _categories(locale) for key in PLURAL_KEYS}
    assert [k for k, v in data.items() if isinstance(v, dict) and k not in PLURAL_KEYS] == []


def test_cldr_categories_are_the_expected_ones() -> None:
    assert {loc: _categories(loc) for loc in LOCALES} == {
        "en": {"one", "other"},
        "hu": {"one", "other"},
        "nb": {"one", "other"},
        "el": {"one", "other"},
        "zh-TW": {"other"},
        "zh-CN": {"other"},
    }


@pytest.mark.parametrize("locale", NON_ENGLISH)
def test_placeholders_match_english(locale: str) -> None:
    data = _raw(locale)
    wrong = [key for key in ENGLISH if _placeholders(data[key]) != _placeholders(ENGLISH[key])]
    assert wrong == []


@pytest.mark.parametrize("locale", LOCALES)
def test_every_plural_form_shows_its_number(locale: str) -> None:
    data = _raw(locale)
    missing = [k for k in PLURAL_KEYS for form in data[k].values() if "{n}" not in form]
    assert missing == []


@pytest.mark.parametrize("locale", NON_ENGLISH)
def test_values_are_translated(locale: str) -> None:
    data = _raw(locale)
    same = [key for key in ENGLISH if data[key] == ENGLISH[key]]
    assert len(same) <= 0.1 * len(ENGLISH), same


def test_zh_tw_uses_traditional_characters() -> None:
    found = {k: v for k, v in _raw("zh-TW").items() if SIMPLIFIED_ONLY & set("".join(_forms(v)))}
    assert found == {}


def test_zh_cn_uses_simplified_characters() -> None:
    found = {k: v for k, v in _raw("zh-CN").items() if TRADITIONAL_ONLY & set("".join(_forms(v)))}
    assert found == {}


def test_zh_cn_is_not_a_conversion_of_zh_tw() -> None:
    """Mainland wording, not Traditional text mapped character by character."""
    simplified, traditional = _raw("zh-CN"), _raw("zh-TW")
    assert simplified["header.persona"] == "用户画像"  # zh-TW: 人物誌
    assert simplified["lane.touchpoints"] == "触点"  # zh-TW: 接觸點
    assert simplified["channel.social"] == "社交媒体"  # zh-TW: 社群媒體
    assert simplified["lane.evidence"] != traditional["lane.evidence"]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("hu", "hu"),
        ("zh-TW", "zh-TW"),
        ("zh-tw", "zh-TW"),
        ("ZH-TW", "zh-TW"),
        ("nb", "nb"),
        ("el", "el"),
        ("zh-Hant", "zh-TW"),
        ("zh-HK", "zh-TW"),
        ("zh-MO", "zh-TW"),
        ("zh-Hant-HK", "zh-TW"),
        ("zh-Hant-CN", "zh-TW"),
        ("zh", "zh-CN"),
        ("zh-CN", "zh-CN"),
        ("zh-cn", "zh-CN"),
        ("zh-Hans", "zh-CN"),
        ("zh-Hans-CN", "zh-CN"),
        ("zh-SG", "zh-CN"),
        ("zh-Hans-HK", "zh-CN"),
        ("zh-Hant-TW", "zh-TW"),
        ("zh-TW-u-nu-hanidec", "zh-TW"),
        ("ja", "en"),
        ("de-CH", "en"),
        ("tlh", "en"),
        ("no", "nb"),
        ("nn", "nb"),
        ("nb-NO", "nb"),
        ("no-NO", "nb"),
        ("nn-NO", "nb"),
        ("hu-HU", "hu"),
        ("el-GR", "el"),
        ("el-CY", "el"),
        ("en-GB", "en"),
        ("en-US", "en"),
        ("de", "en"),
        ("fr-CA", "en"),
        ("", "en"),
    ],
)
def test_resolve_locale(tag: str, expected: str) -> None:
    assert resolve_locale(tag) == expected


def test_labels_resolve_and_cache() -> None:
    assert labels("nb-NO").catalog == "nb"
    assert labels("zh-Hant") is labels("zh-Hant")
    assert labels("hu")["phase.retention"] == "Megtartás"


@pytest.mark.parametrize(
    ("tag", "lang", "direction", "script"),
    [
        ("zh-CN", "zh-CN", "ltr", "Hans"),
        ("zh-hant-hk", "zh-Hant-HK", "ltr", "Hant"),
        ("ja", "ja", "ltr", "Jpan"),
        ("ko-KR", "ko-KR", "ltr", "Kore"),
        ("de-CH", "de-CH", "ltr", "Latn"),
        ("ar", "ar", "rtl", "Arab"),
        ("he-IL", "he-IL", "rtl", "Hebr"),
        ("fa", "fa", "rtl", "Arab"),
        ("ru", "ru", "ltr", "Cyrl"),
        ("el", "el", "ltr", "Grek"),
        ("EN-gb", "en-GB", "ltr", "Latn"),
    ],
)
def test_labels_keep_the_maps_own_tag(tag: str, lang: str, direction: str, script: str) -> None:
    words = labels(tag)
    assert (words.locale, words.direction, words.script) == (lang, direction, script)


def test_missing_or_empty_key_falls_back_to_english() -> None:
    english = load("en")
    hungarian = {"phase.awareness": "Megismerés", "phase.retention": ""}
    partial = Labels("hu", hungarian, english, catalog="hu")
    assert partial["phase.awareness"] == "Megismerés"
    assert partial["phase.retention"] == "Retention"
    assert partial["label.step"] == "Step"
    assert partial.count("count.steps", 1) == "1 step"  # English forms by English rules
    assert partial.locale == "hu"


def test_unknown_key_raises_key_error() -> None:
    with pytest.raises(KeyError):
        labels("el")["no.such.key"]


def test_labels_is_a_read_only_mapping_over_english_keys() -> None:
    greek = labels("el")
    assert set(greek) == set(ENGLISH)
    assert len(greek) == len(ENGLISH)
    assert "lane.touchpoints" in greek
    with pytest.raises(AttributeError):
        greek.locale = "en"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("tag", "n", "expected"),
    [
        ("en", 1, "1 step"),
        ("en", 0, "0 steps"),
        ("en", 2, "2 steps"),
        ("en", 1234, "1,234 steps"),
        ("el", 1, "1 βήμα"),
        ("el", 3, "3 βήματα"),
        ("nb", 1, "1 smertepunkt"),
        ("nb", 2, "2 smertepunkter"),
        ("hu", 1234, "1 234 lépés"),
        ("zh-CN", 1, "1 个步骤"),
        ("zh-TW", 1, "1 個步驟"),
        ("de-CH", 1, "1 step"),
    ],
)
def test_count_picks_the_cldr_form(tag: str, n: int, expected: str) -> None:
    key = "count.pain_points" if tag == "nb" else "count.steps"
    assert labels(tag).count(key, n).replace("\u00a0", " ") == expected


def test_a_suppressed_count_takes_the_other_form() -> None:
    assert labels("en").count("count.cases", "< 10") == "< 10 cases"


def test_numbers_percentages_and_lists_follow_the_locale() -> None:
    assert labels("en").number(1234.5) == "1,234.5"
    assert labels("el").number(1234.5) == "1.234,5"
    assert labels("en").percent(0.125) == "12.5%"
    assert labels("hu").percent(0.5) == "50%"
    assert labels("en").join(["a", "b", "c"]) == "a, b, and c"
    assert labels("zh-CN").join(["甲", "乙", "丙"]) == "甲、乙和丙"


def test_cli_english_counts() -> None:
    assert [counted(n, "file", "files") for n in (0, 1, 2, 1200)] == [
        "0 files",
        "1 file",
        "2 files",
        "1,200 files",
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_format_fills_every_placeholder(locale: str) -> None:
    texts = labels(locale)
    stages, steps = texts.count("count.stages", 3), texts.count("count.steps", 9)
    text = texts.format("a11y.map", kind="K", title="T", stages=stages, steps=steps)
    assert all(part in text for part in ("K", "T", "3", "9"))
    assert "{" not in text


def test_greek_capitals_drop_their_accents() -> None:
    assert labels("el").upper("Χάρτης διαδρομής") == "ΧΑΡΤΗΣ ΔΙΑΔΡΟΜΗΣ"
    assert labels("el").upper("Προϊόν") == "ΠΡΟΪΟΝ"  # the diaeresis stays
    assert labels("hu").upper("Perszóna") == "PERSZÓNA"


def test_dates_follow_the_locale() -> None:
    assert labels("en").date("2026-03-31") == "Mar 31, 2026"
    assert labels("zh-CN").date("2026-03-31") == "2026年3月31日"
    assert labels("en").date("next spring") == "next spring"
    assert labels("en").dates("2026-03-31", "2026-03-31") == "Mar 31, 2026"
    assert labels("hu").dates("2026-01-01", "2026-03-31") == "2026. jan. 1.\u2009–\u2009márc. 31."
