"""Formats for machines: JSON, GitHub Actions annotations, SARIF 2.1.0 and JUnit XML."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from journeymap import __version__
from journeymap.diagnostics import Diagnostic, Severity
from journeymap.i18n.english import counted

if TYPE_CHECKING:
    from journeymap.report import Outcome

_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_json(outcome: Outcome) -> str:
    document = {
        "tool": "journeymap",
        "version": __version__,
        "files": len(outcome.files),
        "summary": {s.label: outcome.count(s) for s in Severity},
        "diagnostics": [d.as_data() for d in outcome.diagnostics],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(outcome: Outcome) -> str:
    lines = []
    for d in outcome.diagnostics:
        props = f"file={_gh_escape(d.path, prop=True)},line={max(d.line, 1)},col={max(d.col, 1)}"
        props += f",title={_gh_escape(d.code, prop=True)}"
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        lines.append(f"::{_GITHUB_LEVELS[d.severity]} {props}::{_gh_escape(message)}\n")
    return "".join(lines)


def _rule_summary(code: str) -> str:
    from journeymap.codes import describe

    return describe(code)


def render_sarif(outcome: Outcome) -> str:
    codes = sorted({d.code for d in outcome.diagnostics})
    rules = [{"id": c, "shortDescription": {"text": _rule_summary(c)}} for c in codes]
    results = [
        {
            "ruleId": d.code,
            "ruleIndex": codes.index(d.code),
            "level": _SARIF_LEVELS[d.severity],
            "message": {"text": d.message + (f" (hint: {d.hint})" if d.hint else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": PurePath(d.path).as_posix()},
                        "region": {"startLine": max(d.line, 1), "startColumn": max(d.col, 1)},
                    }
                }
            ],
        }
        for d in outcome.diagnostics
    ]
    driver = {"name": "journeymap", "version": __version__, "rules": rules}
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_junit(outcome: Outcome) -> str:
    by_file: dict[str, list[Diagnostic]] = {f: [] for f in outcome.files}
    for d in outcome.diagnostics:
        by_file.setdefault(d.path, []).append(d)
    failing = sum(1 for ds in by_file.values() if _failing(ds))
    suite = ElementTree.Element(
        "testsuite",
        name="journeymap validate",
        tests=str(len(by_file)),
        failures=str(failing),
        errors="0",
        skipped="0",
    )
    for path, diagnostics in by_file.items():
        case = ElementTree.SubElement(suite, "testcase", classname="journeymap", name=path)
        if _failing(diagnostics):
            failure = ElementTree.SubElement(
                case,
                "failure",
                message=counted(len(diagnostics), "problem", "problems"),
                type="journeymap",
            )
            failure.text = "\n".join(d.one_line() for d in diagnostics)
        elif diagnostics:
            out = ElementTree.SubElement(case, "system-out")
            out.text = "\n".join(d.one_line() for d in diagnostics)
    root = ElementTree.Element("testsuites")
    root.append(suite)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _failing(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
