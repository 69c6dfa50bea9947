"""Locale files stay complete, translated and placeholder-safe, and tags resolve predictably."""

from __future__ import annotations

import json
import string
from importlib import resources

import pytest

from journeymap.i18n import LOCALES, Labels, labels, resolve_locale

NON_ENGLISH = [locale for locale in LOCALES if locale != "en"]

# Simplified forms of characters our zh-TW labels use; none may appear in Traditional text.
SIMPLIFIED_ONLY = set(
    "这们为过时间现态务线动点问题机会设计产应户体验阶图触绪负责标统误严响结说单项后"
)


def _raw(locale: str) -> dict[str, str]:
    text = resources.files("journeymap.i18n").joinpath(f"{locale}.json").read_text("utf-8")
    data: dict[str, str] = json.loads(text)
    return data


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


ENGLISH = _raw("en")


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
    assert [key for key, value in _raw(locale).items() if not value.strip()] == []


@pytest.mark.parametrize("locale", NON_ENGLISH)
def test_placeholders_match_english(locale: str) -> None:
    data = _raw(locale)
    wrong = [key for key in ENGLISH if _placeholders(data[key]) != _placeholders(ENGLISH[key])]
    assert wrong == []


@pytest.mark.parametrize("locale", NON_ENGLISH)
def test_values_are_translated(locale: str) -> None:
    data = _raw(locale)
    same = [key for key in ENGLISH if data[key] == ENGLISH[key]]
    assert len(same) <= 0.1 * len(ENGLISH), same


def test_zh_tw_uses_traditional_characters() -> None:
    found = {key: value for key, value in _raw("zh-TW").items() if SIMPLIFIED_ONLY & set(value)}
    assert found == {}


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
        ("zh", "en"),
        ("zh-CN", "en"),
        ("zh-Hans", "en"),
        ("zh-Hans-CN", "en"),
        ("zh-SG", "en"),
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
    assert labels("nb-NO").locale == "nb"
    assert labels("zh-Hant") is labels("zh-Hant")
    assert labels("hu")["phase.retention"] == "Megtartás"


def test_missing_or_empty_key_falls_back_to_english() -> None:
    partial = Labels("hu", {"phase.awareness": "Megismerés", "phase.retention": ""}, ENGLISH)
    assert partial["phase.awareness"] == "Megismerés"
    assert partial["phase.retention"] == "Retention"
    assert partial["label.step"] == "Step"
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


@pytest.mark.parametrize("locale", LOCALES)
def test_format_fills_every_placeholder(locale: str) -> None:
    texts = labels(locale)
    text = texts.format("a11y.map", kind="K", title="T", stages=3, steps=9)
    assert all(part in text for part in ("K", "T", "3", "9"))
    assert "{" not in text
