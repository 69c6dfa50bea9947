"""`[lint]` in journeymap.toml: turn rules on and off, change severities, per-path overrides.

[lint]
disable = ["JM324", "pain-point-without-owner"]   # codes or names
enable = ["JM326"]                                  # rules that are off by default
[lint.severity]
JM304 = "error"
[lint.options.JM330]                                # thresholds of rules that have them
threshold = 0.2
[[lint.overrides]]
paths = ["legacy/**"]                               # globs, relative to the project root
disable = ["JM307"]
severity = { JM305 = "info" }
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from journeymap.diagnostics import Severity
from journeymap.lint.registry import find
from journeymap.lint.rule import Rule


@dataclass(frozen=True)
class Layer:
    """One set of choices: the top level of `[lint]`, or one override."""

    disable: frozenset[str] = frozenset()
    enable: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    paths: tuple[str, ...] = ()

    def matches(self, relative: str) -> bool:
        return not self.paths or any(fnmatch.fnmatchcase(relative, p) for p in self.paths)


@dataclass(frozen=True)
class Settings:
    layers: tuple[Layer, ...] = ()
    unknown: tuple[tuple[tuple[str | int, ...], str], ...] = ()
    """(path in the config, name) of every rule the configuration names but nobody defines."""
    options: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    """`[lint.options]` by rule code: a rule's thresholds (see `Context.option`)."""

    @property
    def by_path(self) -> bool:
        """Whether any choice depends on the file's path (only then is the path needed)."""
        return any(layer.paths for layer in self.layers)

    def severity_for(self, rule: Rule, relative: str, *, default_on: bool) -> Severity | None:
        """The rule's severity for this file, or None when the rule is off for it."""
        on, severity = default_on, rule.severity
        for layer in self.layers:
            if not layer.matches(relative):
                continue
            if rule.code in layer.disable:
                on = False
            if rule.code in layer.enable:
                on = True
            severity = layer.severity.get(rule.code, severity)
        return severity if on else None


def settings_from(raw: Mapping[str, Any]) -> Settings:
    unknown: list[tuple[tuple[str | int, ...], str]] = []
    layers = [_layer(raw, ("lint",), unknown)]
    for index, override in enumerate(raw.get("overrides", ())):
        layers.append(_layer(override, ("lint", "overrides", index), unknown))
    options = {
        _code(name, ("lint", "options", name), unknown): dict(values)
        for name, values in raw.get("options", {}).items()
    }
    return Settings(tuple(layers), tuple(unknown), options)


def _layer(
    raw: Mapping[str, Any],
    where: tuple[str | int, ...],
    unknown: list[tuple[tuple[str | int, ...], str]],
) -> Layer:
    def codes(key: str) -> frozenset[str]:
        return frozenset(_code(name, (*where, key), unknown) for name in raw.get(key, ()))

    severity = {
        _code(name, (*where, "severity", name), unknown): Severity.parse(value)
        for name, value in raw.get("severity", {}).items()
    }
    return Layer(codes("disable"), codes("enable"), severity, tuple(raw.get("paths", ())))


def _code(
    name: str, where: tuple[str | int, ...], unknown: list[tuple[tuple[str | int, ...], str]]
) -> str:
    rule = find(name)
    if rule is None:
        unknown.append((where, name))
        return name
    return rule.code
