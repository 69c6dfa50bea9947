"""Rules are discovered through the `journeymap.rules` entry-point group, built-ins included."""

from __future__ import annotations

import functools
import re
from importlib.metadata import entry_points

from journeymap.lint.rule import Rule, rule_from

GROUP = "journeymap.rules"
_CODE = re.compile(r"^[A-Z]{2,8}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RuleError(Exception):
    """A plugin that cannot be loaded or clashes with another rule."""


@functools.cache
def load() -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    """Every rule, sorted by code, and one line per plugin that could not be loaded."""
    rules: dict[str, Rule] = {}
    names: dict[str, str] = {}
    problems: list[str] = []
    for point in sorted(entry_points(group=GROUP), key=lambda p: (p.value, p.name)):
        try:
            rule = rule_from(point.load(), point.value)
            _check(rule, rules, names)
        except Exception as exc:  # a broken plugin must not break journeymap
            problems.append(f"lint rule {point.name} ({point.value}) not loaded: {exc}")
            continue
        rules[rule.code] = rule
        names[rule.name] = rule.code
    return tuple(rules[code] for code in sorted(rules)), tuple(problems)


def _check(rule: Rule, rules: dict[str, Rule], names: dict[str, str]) -> None:
    if not _CODE.match(rule.code):
        raise RuleError(f"code {rule.code!r} is not like JM301")
    if not _NAME.match(rule.name):
        raise RuleError(f"name {rule.name!r} is not kebab-case")
    if rule.code in rules:
        raise RuleError(f"code {rule.code} is already used by {rules[rule.code].origin}")
    if rule.name in names:
        raise RuleError(f"name {rule.name} is already used by {names[rule.name]}")


def all_rules() -> tuple[Rule, ...]:
    return load()[0]


def find(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    for rule in all_rules():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None


def rule_summaries() -> dict[str, str]:
    return {rule.code: rule.summary for rule in all_rules()}
