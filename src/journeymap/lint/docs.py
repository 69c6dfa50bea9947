"""Rule documentation, from the rules' own docstrings: for `journeymap rules` and docs/rules.md."""

from __future__ import annotations

from journeymap.lint.registry import all_rules
from journeymap.lint.rule import Rule


def rule_table() -> list[tuple[str, str, str, str]]:
    """(code, name, default severity, summary) for every rule, sorted by code."""
    return [(r.code, r.name, _severity(r), r.summary) for r in all_rules()]


def _severity(rule: Rule) -> str:
    return rule.severity.label + ("" if rule.enabled else " (off by default)")


def rule_page(rule: Rule) -> str:
    kinds = ", ".join(rule.kinds) if rule.kinds else "all kinds"
    header = f"{rule.code} {rule.name}\ndefault severity: {_severity(rule)}; applies to: {kinds}\n"
    return header + "\n" + rule.doc.strip() + "\n"


def rules_markdown() -> str:
    """docs/rules.md: a table of every rule, then each rule's documentation."""
    lines = [
        "# Lint rules",
        "",
        "Generated from the rules' docstrings by `python scripts/regenerate.py`; do not edit.",
        "`journeymap rules` lists them and `journeymap rules CODE` shows one.",
        "Configure them in `journeymap.toml` (see the README) or silence one occurrence with",
        "`# journeymap: disable=CODE` on the line.",
        "",
        "| code | name | default severity | summary |",
        "|---|---|---|---|",
    ]
    for code, name, severity, summary in rule_table():
        lines.append(f"| [{code}](#{code.lower()}-{name}) | {name} | {severity} | {summary} |")
    for rule in all_rules():
        kinds = ", ".join(f"`{k}`" for k in rule.kinds) if rule.kinds else "all kinds"
        lines += [
            "",
            f"## {rule.code} {rule.name}",
            "",
            f"Default severity: **{_severity(rule)}**. Applies to: {kinds}.",
            "",
            rule.doc.strip(),
        ]
    return "\n".join(lines) + "\n"
