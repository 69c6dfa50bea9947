"""Every lint rule against YAML fixtures from disk: tests/lint_cases/<code>-<name>/*.yaml.

A fixture lists what it expects at its end, one `# expect: CODE line:col` per finding of the
directory's rule; a fixture without expectations must produce no finding of that rule.
Files whose name starts with `_` are not cases: they are maps or personas the cases refer to.
The rules on measures (JM330-JM334) read the measures file their directory's
journeymap.toml names (`[analytics] measures`), as `validate` does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeymap.config import load_project
from journeymap.lint.registry import all_rules
from journeymap.pipeline import check_file, open_session

ROOT = Path(__file__).parent / "lint_cases"
CASES = sorted(p for p in ROOT.glob("*/*.yaml") if not p.name.startswith("_"))
EXPECT = re.compile(r"^# expect: ([A-Z]+\d{3}) (\d+):(\d+)$", re.MULTILINE)


def rule_code(case: Path) -> str:
    return case.parent.name.split("-", 1)[0].upper()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_rule_finds_exactly_what_the_case_expects(case: Path) -> None:
    code = rule_code(case)
    expected = {
        (c, int(line), int(col)) for c, line, col in EXPECT.findall(case.read_text("utf-8"))
    }
    assert all(c == code for c, _, _ in expected), "a case only states its own rule's findings"
    project, problems = load_project(case)
    assert problems == []
    checked = check_file(case, open_session(project))
    earlier = [d for d in checked.diagnostics if d.code < "JM300"]
    assert earlier == [], f"the case must be a valid map: {earlier}"
    found = {(d.code, d.line, d.col) for d in checked.diagnostics if d.code == code}
    assert found == expected


def test_every_rule_has_passing_and_failing_cases() -> None:
    for rule in all_rules():
        directory = ROOT / f"{rule.code.lower()}-{rule.name}"
        cases = [c for c in CASES if c.parent == directory]
        failing = [c for c in cases if EXPECT.search(c.read_text("utf-8"))]
        assert failing, f"{directory.name} needs a failing case"
        assert len(failing) < len(cases), f"{directory.name} needs a passing case"
