"""`journeymap export` and `journeymap import`: every format, round trips, hostile input."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, MINIMAL_MAP, Result
from journeymap.interchange import CODES, items
from journeymap.interchange.csv_format import COLUMNS, guard, unguard
from journeymap.interchange.ids import Ids, digest, slug
from journeymap.interchange.markdown import escape as md_escape
from journeymap.interchange.mermaid_import import parse_mermaid, to_data
from journeymap.interchange.places import MAX_STAGES, MAX_STEPS_PER_STAGE, ImportFailed
from journeymap.interchange.yamlout import FlowList, to_yaml
from journeymap.schema import schema
from journeymap.source import parse_text
from journeymap.text import clean_text, plain_text

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

MAPS = sorted(p for p in EXAMPLES.rglob("*.yaml") if p.parent.name != "personas")
MAP_IDS = [str(p.relative_to(EXAMPLES)) for p in MAPS]
FORMATS = ("markdown", "mermaid", "csv", "json")


def dump(cli: Cli, path: Path) -> dict[str, Any]:
    result = cli("dump", str(path))
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def steps_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for stage in data["stages"] for step in stage["steps"]]


def imported(cli: Cli, source: Path, out: Path, *extra: str) -> Path:
    result = cli("import", str(source), "-o", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return out


def failure(cli: Cli, *args: str) -> list[str]:
    """The diagnostic lines of a failed import or export, checked to be one-line and located."""
    result = cli(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert lines
    for line in lines:
        assert re.match(r"\S.*:\d+:\d+: JM\d{3} ", line), line
        assert "Traceback" not in line
    return lines


# --- export ------------------------------------------------------------------------------


@pytest.mark.parametrize("target", FORMATS)
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_every_format_of_every_example_exports(cli: Cli, path: Path, target: str) -> None:
    result = cli("export", "--to", target, str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""


@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_markdown_holds_every_stage_and_every_action(cli: Cli, path: Path) -> None:
    text = cli("export", "--to", "markdown", str(path)).stdout
    data = dump(cli, path)
    assert text.startswith(f"# {md_escape(data['title'])}\n")
    for step in steps_of(data):
        assert f"| {md_escape(step['action'])} |" in text
    headings = re.findall(r"^#### \d+\. ", text, re.M)
    assert len(headings) == len(steps_of(data))


@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_csv_has_one_row_per_step(cli: Cli, path: Path) -> None:
    text = cli("export", "--to", "csv", str(path)).stdout
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    data = dump(cli, path)
    assert tuple(rows[0].keys()) == COLUMNS
    assert [row["step_id"] for row in rows] == [step["id"] for step in steps_of(data)]
    assert [row["step"] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    emotions = [row["emotion"] for row in rows]
    assert emotions == ["" if s["emotion"] is None else str(s["emotion"]) for s in steps_of(data)]


@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_json_is_what_dump_prints(cli: Cli, path: Path) -> None:
    assert cli("export", "--to", "json", str(path)).stdout == cli("dump", str(path)).stdout


@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_mermaid_has_a_section_per_stage_and_a_task_per_step(cli: Cli, path: Path) -> None:
    text = cli("export", "--to", "mermaid", str(path)).stdout
    data = dump(cli, path)
    diagram = parse_mermaid(text, "x.mmd", map_id="x", title="X").data
    assert len(diagram["stages"]) == len(data["stages"])
    assert [s.get("emotion") for s in steps_of(diagram)] == [s["emotion"] for s in steps_of(data)]
    tasks = [line for line in text.splitlines() if re.match(r" {6}[^%]", line)]
    assert len(tasks) == len([s for s in steps_of(data) if s["status"] != "removed"])
    assert_mermaid_grammar(text)


def test_export_to_a_file_writes_what_stdout_shows(cli: Cli, tmp_path: Path) -> None:
    path = EXAMPLES / "current-state.yaml"
    out = tmp_path / "deep" / "map.md"
    result = cli("export", "--to", "markdown", str(path), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == cli("export", "--to", "markdown", str(path)).stdout
    assert [p.name for p in out.parent.iterdir()] == ["map.md"]  # no temporary file left


def test_export_of_a_map_with_errors_prints_them_and_writes_nothing(
    cli: Cli, project: Path, write: Write
) -> None:
    path = write("bad.yaml", "journeymap: 1\nkind: current-state\nid: bad\ntitle: B\nstages: []\n")
    out = project / "bad.md"
    lines = failure(cli, "export", "--to", "markdown", str(path), "-o", str(out))
    assert any("JM107" in line for line in lines)
    assert not out.exists()


def test_export_refuses_persona_files_and_missing_files(cli: Cli, tmp_path: Path) -> None:
    persona = EXAMPLES / "personas" / "maya-commuter.yaml"
    assert "JM414" in failure(cli, "export", "--to", "csv", str(persona))[-1]
    missing = cli("export", "--to", "csv", str(tmp_path / "x"))
    assert (missing.exit_code, missing.stderr) == (2, f"journeymap: no such file: {tmp_path}/x\n")


def test_export_needs_a_known_format(cli: Cli) -> None:
    result = cli("export", "--to", "pdf", str(EXAMPLES / "current-state.yaml"))
    assert result.exit_code == 2


# --- hostile text in exports -------------------------------------------------------------

HOSTILE = [
    "Pay | split | the cells",
    "# Not a heading",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1)) ![img](x.png)",
    "`code`, *em*, _em_, ~~strike~~ and $x$",
    "- not a list",
    "1. not a list either",
    "line one\nline two\n## still not a heading",
    "Colon: here; semicolon # hash %% percent",
    "journey planner",
    "Title page",
    "section review",
    '=HYPERLINK("http://evil.example")',
    "+1 call",
    "-2 bad",
    "@SUM(A1)",
    "'=quoted",
    "\u202eevil bidi",
    "&amp; &#35; entities",
    "back\\slash \\n not a newline",
    "ends with [brackets]",
    "{: .class}",
    "#58; looks like a code",
]


def hostile_map() -> dict[str, Any]:
    steps = []
    for number, text in enumerate(HOSTILE, 1):
        steps.append(
            {
                "id": f"s{number}",
                "action": text,
                "thoughts": [text, "second thought"],
                "feeling": text.replace("\n", " ")[:200],
                "touchpoints": [{"channel": "web", "name": text.replace("\n", " ")}],
                "pain_points": [{"id": f"p{number}", "text": text, "severity": 3, "owner": text}],
                "opportunities": [{"id": f"o{number}", "text": text, "addresses": [f"p{number}"]}],
                "metrics": {"label": text.replace("\n", " ")[:200], "share_rate": 0.5},
                "notes": text,
                "emotion": number % 5 - 2,
            }
        )
    return {
        "journeymap": 1,
        "kind": "current-state",
        "id": "hostile",
        "title": "Hostile | # title: with; everything %% <b>",
        "persona": {"name": "Smith, Ann: PhD; #1"},
        "description": "Two\nlines #1;",
        "stages": [{"id": "only", "title": "Stage | # x: y; z", "steps": steps}],
    }


def test_markdown_structure_survives_hostile_text(cli: Cli, project: Path, write: Write) -> None:
    import markdown_it

    path = write("hostile.yaml", json.dumps(hostile_map(), indent=1))
    text = cli("export", "--to", "markdown", str(path)).stdout
    tokens = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    assert "html_block" not in {t.type for t in tokens}
    children = [c for t in tokens if t.type == "inline" for c in t.children or []]
    allowed = {"text", "html_inline", "strong_open", "strong_close", "em_open", "em_close"}
    assert {c.type for c in children} <= allowed  # no links, images, code, strikethrough
    assert {c.content for c in children if c.type == "html_inline"} == {"<br>"}
    tables = _tables(tokens)
    assert len(tables) == len(HOSTILE) + 2  # one per step, pain points, opportunities
    assert all(set(table) == {2} for table in tables[:-2])
    assert all(set(table) == {4} for table in tables[-2:])
    headings = [_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    steps = [h for h in headings if re.match(r"\d+\. ", h)]
    expected = [_shown(text) for text in HOSTILE]
    assert steps == [f"{n}. {text}" for n, text in enumerate(expected, 1)]
    assert headings[0] == "Hostile | # title: with; everything %% <b>"
    cells = [_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "td_open"]
    actions = [cells[i + 1] for i, cell in enumerate(cells) if cell == "Actions"]
    assert actions == expected


def _shown(text: str) -> str:
    """How a text should read on the page: bidi controls gone, each line trimmed."""
    return "\n".join(line.strip() for line in text.replace("\u202e", "").splitlines())


def _text(inline: Any) -> str:
    return "".join("\n" if c.type == "html_inline" else c.content for c in inline.children)


def _tables(tokens: list[Any]) -> list[list[int]]:
    """Each table as the number of cells of each of its rows."""
    tables: list[list[int]] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append(0)
        elif token.type in ("td_open", "th_open"):
            tables[-1][-1] += 1
    return tables


LEXER_KEYWORD = re.compile(r"journey|title\s|section\s|acctitle\s*:|accdescr\s*[:{]", re.I)


def assert_mermaid_grammar(text: str) -> None:
    """Each line is what Mermaid's journey lexer reads as the statement we mean."""
    encoded = re.sub(r"#\w+;", "\ufb02", text)  # Mermaid's encodeEntities, before parsing
    lines = encoded.splitlines()
    assert lines[0] == "journey"
    for line in lines[1:]:
        if re.match(r"\s*%% journeymap( removed step)?: \{", line):
            # A note: Mermaid removes such a line (`^\s*%%(?!{)[^\n]+`) before it parses.
            assert json.loads(line.split(": ", 1)[1]) is not None
            continue
        assert "%%" not in line, line
        body = line.strip()
        if body.startswith("title "):
            assert re.fullmatch(r"title\s[^#\n;]+", body), line
        elif body.startswith("accDescr: "):
            assert "\n" not in body
        elif body.startswith("section "):
            assert re.fullmatch(r"section\s[^#:\n;]+", body), line
        else:
            assert not LEXER_KEYWORD.match(body), line
            task = re.fullmatch(r"[^#:\n;]+:([^#\n;]+)", body)
            assert task, line
            pieces = task.group(1).split(":")
            assert len(pieces) <= 2 and pieces[0].strip() in {"1", "2", "3", "4", "5"}, line


def test_mermaid_export_of_hostile_text_parses_and_comes_back(
    cli: Cli, project: Path, write: Write
) -> None:
    path = write("hostile.yaml", json.dumps(hostile_map()))
    text = cli("export", "--to", "mermaid", str(path)).stdout
    assert_mermaid_grammar(text)
    back = parse_mermaid(text, "x.mmd", map_id="x", title="X").data
    expected = [plain_text(t) for t in HOSTILE]  # the character policy; line breaks kept
    assert [s["action"] for s in steps_of(back)] == expected
    assert back["persona"] == {"name": "Smith, Ann: PhD; #1"}
    assert back["title"] == "Hostile | # title: with; everything %% <b>"
    assert back["stages"][0]["title"] == "Stage | # x: y; z"
    assert back["description"] == "Two\nlines #1;"  # the diagram shows "Two lines #1;"
    assert "    accDescr: Two lines #35;1;" in text.splitlines()
    plain = "\n".join(line for line in text.splitlines() if "%% journeymap" not in line)
    shown = parse_mermaid(plain, "x.mmd", map_id="x", title="X").data  # without the notes
    assert [s["action"] for s in steps_of(shown)] == [" ".join(t.split("\n")) for t in expected]


def test_csv_guards_formulas_but_keeps_numbers(cli: Cli, project: Path, write: Write) -> None:
    path = write("hostile.yaml", json.dumps(hostile_map()))
    text = cli("export", "--to", "csv", str(path)).stdout
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    actions = {row["action"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example")' in actions
    assert {"'+1 call", "'-2 bad", "'@SUM(A1)", "''=quoted", "'- not a list"} <= actions
    for row in rows:
        for column, cell in row.items():
            assert cell[:1] not in set("=+-@\t\r") or column == "emotion", (column, cell)
    assert [row["emotion"] for row in rows][:3] == ["-1", "0", "1"]
    out = imported(cli, write("hostile.csv", text), project / "back.yaml")
    assert cli("export", "--to", "csv", str(out)).stdout == text
    assert [s["action"] for s in steps_of(dump(cli, out))] == [plain_text(t) for t in HOSTILE]


@pytest.mark.parametrize(
    "cell",
    ["", "x", "=1", "'=1", "''=1", "'x", "''", "-", "+", "@", "\t1", "\r1", "＝1", "'", "1-"],
)
def test_formula_guard_is_reversible(cell: str) -> None:
    guarded = guard(cell)
    assert unguard(guarded) == cell
    assert guarded.lstrip("'")[:1] not in set("=+-@\t\r＝") or guarded.startswith("'")


# --- actors and scores -------------------------------------------------------------------


def test_mermaid_scores_and_actors(cli: Cli, project: Path, write: Write) -> None:
    data = hostile_map()
    data["kind"] = "service-blueprint"
    data["persona"] = {"name": "Walter"}
    steps = data["stages"][0]["steps"][:3]
    for step in steps:
        step.pop("notes")
    steps[0]["frontstage"] = [{"text": "Clerk helps", "owner": "Clerk"}, "Plain item"]
    steps[1]["notes"] = "Seen twice.\nActors: Walter, Daughter"
    steps[2].pop("emotion")
    data["stages"][0]["steps"] = steps
    path = write("blueprint.yaml", json.dumps(data))
    text = cli("export", "--to", "mermaid", str(path)).stdout
    lines = [line for line in text.splitlines() if "%% journeymap" not in line]
    assert lines[-3].endswith(": 2: Walter, Clerk")
    assert lines[-2].endswith(": 3: Walter, Daughter")
    assert lines[-1].endswith(": 3: Walter")  # no emotion: neutral


# --- Mermaid round trips -----------------------------------------------------------------

CASES = Path(__file__).parent / "interchange_cases"
DIAGRAMS = {path.stem: path.read_text(encoding="utf-8") for path in sorted(CASES.glob("*.mmd"))}
"""Mermaid journeys in our own layout, notes included, so an import and an export give back
the same bytes."""


@pytest.mark.parametrize("name", DIAGRAMS)
def test_mermaid_round_trips_exactly(cli: Cli, project: Path, write: Write, name: str) -> None:
    source = write(f"{name}.mmd", DIAGRAMS[name])
    out = imported(cli, source, project / f"{name}.yaml")
    assert cli("validate", str(out)).exit_code == 0
    assert cli("export", "--to", "mermaid", str(out)).stdout == DIAGRAMS[name]


def test_mermaid_import_maps_sections_tasks_and_actors(
    cli: Cli, project: Path, write: Write
) -> None:
    out = imported(cli, write("d.mmd", DIAGRAMS["unicode-and-codes"]), project / "d.yaml")
    data = dump(cli, out)
    assert data["persona"]["name"] == "Anna"
    assert [(s["id"], s["title"]) for s in data["stages"]] == [
        ("awareness", "Megismerés"),
        ("ures-szakasz", "Üres szakasz"),
        ("consideration", "考慮"),
        (f"stage-{digest('Ελληνικά')}", "Ελληνικά"),
        ("empty-at-the-end", "Empty at the end"),
    ]
    steps = steps_of(data)
    assert [s["id"] for s in steps] == [
        "hirdetest-lat-a-kozossegi-mediaban",
        f"step-{digest('比較兩個方案: 價格與運費')}",
        "pays-1-then-waits-50-longer",
        f"step-{digest('Καλεί το κέντρο')}",
    ]
    assert steps[1]["action"] == "比較兩個方案: 價格與運費"
    assert steps[1]["notes"] == "Actors: 林怡君, 客服#44; 小王"
    assert steps[2]["action"] == "Pays #1; then waits 50%% longer"
    assert steps[2]["notes"] == "Actors:"
    assert [s["emotion"] for s in steps] == [1, -1, -2, 0]
    assert steps[0]["notes"] is None
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/journeymap.schema.json\n")
    assert (project / "schemas" / "journeymap.schema.json").is_file()


NOISY = (
    "\ufeff---\r\ntitle: From front matter\r\n---\r\n%%{init: {'theme': 'forest'}}%%\r\n"
    "  %% leading comment\r\n\r\nJOURNEY\r\n\taccTitle: ignored: really\r\n"
    "  Before any section : 2\r\n"
    "  accDescr {\r\n  Line one\r\n  line two }\r\n"
    "  SECTION   Spaced   out   # trailing comment\r\n"
    "      Task  with  spaces :  4 :  Me ,  Cat ,  \r\n"
    "      Commented: 5: Me # a comment; with a semicolon\r\n"
)


def test_mermaid_import_reads_what_mermaid_reads() -> None:
    data = parse_mermaid(NOISY.lstrip("\ufeff"), "n.mmd", map_id="n", title="N").data
    assert data["title"] == "From front matter"
    assert data["description"] == "Line one\n  line two"
    assert data["persona"] == {"name": "Me"}
    assert [(s["title"], [t["action"] for t in s["steps"]]) for s in data["stages"]] == [
        ("Journey", ["Before any section"]),
        ("Spaced   out", ["Task  with  spaces", "Commented"]),
    ]
    assert [t.get("notes") for s in data["stages"] for t in s["steps"]] == [
        "Actors:",
        "Actors: Me, Cat",
        None,
    ]


def test_mermaid_round_trip_is_stable_for_noisy_input(
    cli: Cli, project: Path, write: Write
) -> None:
    first = imported(cli, write("n.mmd", NOISY), project / "n.yaml")
    exported = cli("export", "--to", "mermaid", str(first)).stdout
    second = imported(cli, write("n2.mmd", exported), project / "n.yaml", "--force")
    assert cli("export", "--to", "mermaid", str(second)).stdout == exported


def test_mermaid_round_trip_of_random_names(cli: Cli, project: Path, write: Write) -> None:
    alphabet = "ab :#;,%{}[]|\\\"'<>&é中-=+@\t"
    chooser = random.Random(7)
    names = ["".join(chooser.choice(alphabet) for _ in range(12)).strip() or "x" for _ in range(60)]
    data = hostile_map()
    data["stages"][0]["steps"] = [
        {"id": f"s{i}", "action": name, "notes": f"Actors: {name.replace(',', '#44;')}"}
        for i, name in enumerate(names)
    ]
    path = write("random.yaml", json.dumps(data))
    text = cli("export", "--to", "mermaid", str(path)).stdout
    assert_mermaid_grammar(text)
    back = parse_mermaid(text, "r.mmd", map_id="r", title="R").data
    assert [s["action"] for s in steps_of(back)] == names


# --- Mermaid import errors ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ("graph TD\n  A-->B\n", "JM401", "1:1"),
        ("", "JM401", "1:1"),
        ("%% only a comment\n", "JM401", "1:1"),
        ("journey\n  section A\n    Make tea\n", "JM402", "3:5"),
        ("journey\n  section A\n    Make: tea: Me\n", "JM403", "3:11"),
        ("journey\n  section A\n    a: 3: Me: extra\n", "JM402", "3:13"),
        ("journey\n  title T\n", "JM402", "1:1"),
        ("journey\n  section A\n    a: 3; b: 4\n", "JM402", "3:9"),
        ("journey\n  section A: B\n", "JM402", "2:12"),
        ("journey\n  section A\n    : 3\n", "JM402", "3:5"),
        ("journey\n  section A\n    a: 6\n", "JM403", "3:8"),
        ("journey\n  section A\n    a: 0\n", "JM403", "3:8"),
        ("journey\n  section A\n    a: 3.5\n", "JM403", "3:8"),
        ("journey\n  section A\n    a:\n", "JM403", "3:7"),
        ("journey\n  title\n  section A\n", "JM402", "2:8"),
        ("journey\n  section\n", "JM402", "2:10"),
        ("journey\n  accDescr {\n  never closed\n", "JM413", "2:12"),
        ("journey\njourney\n", "JM402", "2:1"),
        ("---\ntitle: x\n", "JM401", "1:1"),
        ("journey\n  section A\n    " + "x" * 6000 + ": 3\n", "JM412", "3:5"),
        ("journey\n  title " + "t" * 300 + "\n  section A\n", "JM412", "2:9"),
    ],
)
def test_mermaid_import_errors_are_located(
    cli: Cli, project: Path, write: Write, text: str, code: str, where: str
) -> None:
    source = write("in.mmd", text)
    out = project / "out.yaml"
    lines = failure(cli, "import", str(source), "-o", str(out))
    assert f"in.mmd:{where}: {code} " in lines[0], lines
    assert not out.exists()


def test_mermaid_import_of_hostile_files(cli: Cli, project: Path, write: Write) -> None:
    out = str(project / "out.yaml")
    binary = write("binary.mmd", bytes(range(256)) * 4)
    assert "JM003" in failure(cli, "import", str(binary), "-o", out)[0]
    latin1 = write("latin1.mmd", "journey\n  section Café\n    a: 3\n".encode("latin-1"))
    assert "latin1.mmd:2:14: JM003" in failure(cli, "import", str(latin1), "-o", out)[0]
    nul = write("nul.mmd", b"journey\n  section A\n    a\x00: 3\n")
    assert "JM004" in failure(cli, "import", str(nul), "-o", out)[0]
    assert "JM001" in failure(cli, "import", str(project), "--from", "mermaid", "-o", out)[0]
    assert cli("import", str(project / "no.mmd"), "-o", out).exit_code == 2
    huge = write("huge.mmd", "journey\n  section A\n    " + "x" * 2_000_000 + ": 3\n")
    assert "huge.mmd:3:5: JM412" in failure(cli, "import", str(huge), "-o", out)[0]
    too_big = write("big.mmd", b"journey\n" + b"x" * (2 * 1024 * 1024))
    assert "JM002" in failure(cli, "import", str(too_big), "-o", out)[0]
    assert not Path(out).exists()


def test_mermaid_import_stops_at_the_limits(cli: Cli, project: Path, write: Write) -> None:
    out = str(project / "out.yaml")
    one_section = "journey\n  section A\n" + "".join(f"    t{i}: 3: Me\n" for i in range(100_000))
    assert len(one_section.encode()) < 2 * 1024 * 1024
    lines = failure(cli, "import", str(write("one.mmd", one_section)), "-o", out)
    assert lines[0].endswith(
        f"one.mmd:{MAX_STEPS_PER_STAGE + 3}:5: JM411 a section has more than 2,000 tasks"
    )
    assert len(lines) == 1
    many = "journey\n" + "".join(f"  section S{j}\n" + "    t: 3\n" * 1_990 for j in range(55))
    assert (
        "JM411 the imported map would be larger than 2 MiB"
        in failure(cli, "import", str(write("many.mmd", many)), "-o", out)[0]
    )
    sections = "journey\n" + "".join(f"  section S{j}\n" for j in range(MAX_STAGES + 1))
    lines = failure(cli, "import", str(write("sections.mmd", sections)), "-o", out)
    assert lines[0].endswith(f"sections.mmd:{MAX_STAGES + 2}:1: JM411 more than 100 sections")


# --- CSV round trips and import ----------------------------------------------------------


@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_csv_export_import_export_is_stable(
    cli: Cli, project: Path, write: Write, path: Path
) -> None:
    first = cli("export", "--to", "csv", str(path)).stdout
    shutil.copytree(EXAMPLES, project, dirs_exist_ok=True)  # what based_on names, personas
    folder = path.parent.relative_to(EXAMPLES)
    out = imported(cli, write(str(folder / "map.csv"), first), project / folder / "map.yaml")
    assert cli("validate", str(out)).exit_code == 0
    assert cli("export", "--to", "csv", str(out)).stdout == first
    before, after = dump(cli, path), dump(cli, out)
    assert [s["id"] for s in steps_of(after)] == [s["id"] for s in steps_of(before)]
    assert after["kind"] == before["kind"]


def test_hand_written_csv_fills_in_ids_titles_and_stages(
    cli: Cli, project: Path, write: Write
) -> None:
    source = write(
        "hand.csv",
        "stage_title,action,emotion,thoughts\r\n"
        "Before,Sees the poster,1,\r\n"
        ',Sees the poster,0,"First\nSecond"\r\n'
        "Käufe,購買,-1,\r\n"
        ",,,\r\n"
        "Käufe,Pays,2,\r\n",
    )
    data = dump(cli, imported(cli, source, project / "hand-made.yaml"))
    assert data["id"] == "hand-made" and data["title"] == "Hand made"
    assert data["kind"] == "current-state"
    assert [(s["id"], s["title"]) for s in data["stages"]] == [
        ("before", "Before"),
        ("kaufe", "Käufe"),
    ]
    assert [s["id"] for s in steps_of(data)] == [
        "sees-the-poster",
        "sees-the-poster-2",
        f"step-{digest('購買')}",
        "pays",
    ]
    assert steps_of(data)[1]["thoughts"] == ["First", "Second"]


TRICKY = [
    "yes",
    "no",
    "on",
    "off",
    "NO",
    "1:30",
    "0777",
    "null",
    "true",
    "True",
    "~",
    "1e3",
    "+5",
    ".5",
    "1.",
    "- dash",
    "? q",
    ": c",
    "#hash",
    "a #b",
    "key: value",
    "[x]",
    "{y}",
    "&a",
    "*b",
    "!tag",
    "%p",
    "@at",
    "`bt",
    "2024-05-14",
    "0x1F",
    "1_000",
    ".nan",
    "-.inf",
    "'quoted'",
    '"double"',
    "|",
    ">",
    "  spaced  ",
    "multi\nline",
    "tab\there",
    "\u2028ls",
    "é中",
]
"""NEL (U+0085) is not here: C1 controls are refused in maps (docs/format.md, "Characters")."""


def test_imported_yaml_keeps_every_tricky_text_a_text(
    cli: Cli, project: Path, write: Write
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["stage_id", "step_id", "action", "feeling", "metrics", "notes"])
    for number, value in enumerate(TRICKY):
        metric = f"label: {items.escape_text(items.show_text(value))}"
        writer.writerow(["s", f"s{number}", value, value.replace("\n", " "), metric, value])
    out = imported(cli, write("tricky.csv", buffer.getvalue()), project / "tricky.yaml")
    assert cli("validate", str(out)).exit_code == 0
    steps = steps_of(dump(cli, out))
    expected = [clean_text(value) for value in TRICKY]  # U+2028 is a line break, for one
    assert [s["action"] for s in steps] == expected
    assert [s["notes"] for s in steps] == expected
    assert [s["metrics"]["label"] for s in steps] == expected


def test_yaml_emitter_round_trips_through_the_strict_loader() -> None:
    data = {"texts": TRICKY, "keys": {v: v for v in TRICKY if v.strip()}, "n": [1, 1.0, -2, 0.25]}
    source = parse_text(to_yaml(data, "# header\n"), "t.yaml")
    assert not hasattr(source, "code"), source
    assert json.dumps(source.data) == json.dumps(data)  # type: ignore[union-attr]


def test_csv_import_reads_details_and_lists(cli: Cli, project: Path, write: Write) -> None:
    row = {
        "stage_id": "sup",
        "stage_title": "Support",
        "stage_phase": "retention",
        "step_id": "calls",
        "action": "Calls",
        "touchpoints": "phone: Line 1: main [id: line-1; note: a\\; b \\[x\\]]\nweb",
        "pain_points": "Slow ] text [id: slow; severity: 5; owner: Ops\\; night]",
        "opportunities": "Faster [id: fast; impact: 4; addresses: slow]",
        "metrics": 'wait_minutes: 19\nshare_rate: 1e-1\nlabel: "42"\npeak: 08:00-10:00',
        "moment_of_truth": "TRUE",
        "next": "(end)",
        "notes": "Line\nbreaks",
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    data = dump(cli, imported(cli, write("d.csv", buffer.getvalue()), project / "d.yaml"))
    step = steps_of(data)[0]
    assert data["stages"][0]["phase"] == "retention"
    assert [(t["channel"], t["name"], t["id"], t["note"]) for t in step["touchpoints"]] == [
        ("phone", "Line 1: main", "line-1", "a; b [x]"),
        ("web", None, None, None),
    ]
    assert step["pain_points"][0] == {
        "id": "slow",
        "text": "Slow ] text",
        "severity": 5,
        "owner": "Ops; night",
        "at": ["stages", 0, "steps", 0, "pain_points", 0],
    }
    assert step["opportunities"][0]["addresses"] == ["slow"]
    assert step["metrics"] == {
        "wait_minutes": 19,
        "share_rate": 0.1,
        "label": "42",
        "peak": "08:00-10:00",
    }
    assert step["moment_of_truth"] is True and step["next"] == []
    assert step["notes"] == "Line\nbreaks"


def csv_text(*rows: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


HEADER = ["stage_id", "step_id", "action", "emotion", "pain_points", "next", "time", "status"]


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ("", "JM404", "1:1"),
        ("stage_id,action,colour\r\n", "JM404", "1:17"),
        ("stage_id,action,action\r\n", "JM404", "1:17"),
        ("stage_id,title\r\n", "JM404", "1:1"),
        ("action,emotion\r\n", "JM404", "1:1"),
        (csv_text(HEADER, ["s", "a", "A", "x"]), "JM405", "2:7"),
        (csv_text(HEADER, ["s", "a", "A", "3"]), "JM405", "2:7"),
        (csv_text(HEADER, ["s", "a", "A", "", "P [id: p; bogus: 1]"]), "JM405", "2:8"),
        (csv_text(HEADER, ["s", "a", "A", "", "P [id: p; severity: 9]"]), "JM405", "2:8"),
        (csv_text(HEADER, ["s", "a", "A", "", "[id: p]"]), "JM405", "2:8"),
        (csv_text(HEADER, ["s", "a", "A", "", "", "", "", "", "extra"]), "JM406", "2:12"),
        ('stage_id,action\r\ns,"never closed\r\n', "JM407", "2:3"),
        ('stage_id,action\r\ns,"a"\r\nt,"c\r\n""d""\r\n', "JM407", "3:3"),
        ('stage_id,action\r\ns,"a"b\r\n', "JM407", "2:6"),
        ('stage_id,action\r\ns,"say ""hi"" " now\r\n', "JM407", "2:16"),
        ("stage_id,action\r\n", "JM404", "1:1"),
        ("stage_id,action\r\n,\r\n\r\n", "JM404", "1:1"),
        ("stage_id;action\r\ns;a\r\n", "JM404", "1:9"),
        ("stage_id\taction\r\ns\ta\r\n", "JM404", "1:9"),
        (csv_text(HEADER, ["s", "a", "A"], ["t", "b", "B"], ["s", "c", "C"]), "JM408", "4:1"),
        ("stage_id,stage_title,action\r\ns,One,A\r\ns,Two,B\r\n", "JM408", "3:3"),
        (csv_text(HEADER, ["s", "a", "A"], ["s", "a", "B"]), "JM409", "3:3"),
        (
            csv_text(
                HEADER, ["s", "a", "A", "", "", "", "07:00"], ["s", "b", "B", "", "", "", "", "new"]
            ),
            "JM410",
            "3:11",
        ),
        (csv_text(HEADER, ["s", "a", "A", "", "", "nowhere"]), "JM412", "2:9"),
        (csv_text(HEADER, ["s", "Not An Id", "A"]), "JM412", "2:3"),
        (csv_text(HEADER, ["s", "a", ""]), "JM412", "2:1"),
        (csv_text(HEADER, ["", "a", "A"]), "JM405", "2:1"),
        ("stage_id,action\r\ns," + "x" * 200_000 + "\r\n", "JM407", "2:1"),
    ],
)
def test_csv_import_errors_are_located(
    cli: Cli, project: Path, write: Write, text: str, code: str, where: str
) -> None:
    source = write("in.csv", text)
    out = project / "out.yaml"
    lines = failure(cli, "import", str(source), "-o", str(out))
    assert f"in.csv:{where}: {code} " in lines[0], lines
    assert not out.exists()


def test_csv_import_of_hostile_files(cli: Cli, project: Path, write: Write) -> None:
    out = str(project / "out.yaml")
    assert "JM003" in failure(cli, "import", str(write("b.csv", bytes(range(256)))), "-o", out)[0]
    rows = "stage_id,action\r\n" + "".join(f"s{i // 1000},Step {i}\r\n" for i in range(100_000))
    assert len(rows.encode()) < 2 * 1024 * 1024
    lines = failure(cli, "import", str(write("many.csv", rows)), "-o", out)
    assert "JM411 more than 100 stages" in lines[0] or "larger than 2 MiB" in lines[0]
    crlf_bom = b"\xef\xbb\xbfstage_id,action\r\nm,\xc3\xa9t\xc3\xa9\r\n"
    path = imported(cli, write("bom.csv", crlf_bom), project / "bom.yaml")
    assert steps_of(dump(cli, path))[0]["action"] == "été"


# --- the command line --------------------------------------------------------------------


def test_import_usage_errors_exit_2(cli: Cli, project: Path, write: Write) -> None:
    source = write("d.mmd", DIAGRAMS["docs-example"])
    existing = write("taken.yaml", "x: 1\n")
    assert cli("import", str(source), "-o", str(existing)).exit_code == 2
    assert existing.read_text() == "x: 1\n"
    assert cli("import", str(source), "-o", str(existing), "--force").exit_code == 0
    assert (
        cli("import", str(write("d.txt", "journey\n")), "-o", str(project / "n.yaml")).exit_code
        == 2
    )
    assert cli("import", str(source), "-o", str(project / "map.json")).exit_code == 2
    assert cli("import", str(source), "-o", str(project / "no" / "map.yaml")).exit_code == 2
    result = cli(
        "import",
        str(write("d.txt", "journey\n  section A\n    a: 3\n")),
        "--from",
        "mermaid",
        "-o",
        str(project / "t.yaml"),
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"wrote {project / 't.yaml'}"]


def test_import_writes_the_schema_like_init(cli: Cli, project: Path, write: Write) -> None:
    (project / "maps").mkdir()
    source = write("d.mmd", DIAGRAMS["docs-example"])
    result = cli("import", str(source), "-o", str(project / "maps" / "day.yaml"))
    assert result.stdout.splitlines() == [
        f"wrote {project / 'schemas' / 'journeymap.schema.json'}",
        f"wrote {project / 'maps' / 'day.yaml'}",
    ]
    first = (project / "maps" / "day.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/journeymap.schema.json"


def test_import_without_a_project_keeps_one_schema_at_the_working_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no journeymap.toml, every import below the working folder shares one schema."""
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "d.mmd"
    source.write_text(DIAGRAMS["docs-example"], encoding="utf-8")
    for folder in ("a", "a/b"):
        out = tmp_path / folder / "day.yaml"
        out.parent.mkdir(parents=True, exist_ok=True)
        assert cli("import", str(source), "-o", str(out)).exit_code == 0
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json")) == [
        "schemas/journeymap.schema.json"
    ]
    first = (tmp_path / "a" / "b" / "day.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/journeymap.schema.json"


def test_help_lists_the_interchange_commands(cli: Cli) -> None:
    text = cli("--help").stdout
    assert "export" in text and "import" in text


# --- units ------------------------------------------------------------------------------


def test_ids_are_kebab_case_unique_and_bounded() -> None:
    assert slug("Árvíztűrő tükörfúrógép!") == "arvizturo-tukorfurogep"
    assert slug("認知") == ""
    ids = Ids("step", {"taken"})
    assert [
        ids.new(label, n)
        for n, label in enumerate(["Taken", "taken", "認知", "", "A" * 90, "認知"], 1)
    ] == [
        "taken-2",
        "taken-3",
        f"step-{digest('認知')}",
        "step-4",
        "a" * 80,
        f"step-{digest('認知')}-2",
    ]
    assert re.fullmatch(r"step-[0-9a-f]{8}", f"step-{digest('認知')}")
    assert ids.new("A" * 90, 6) == "a" * 78 + "-2"


def test_item_syntax_round_trips_random_text() -> None:
    chooser = random.Random(3)
    alphabet = "ab [];:\\n\n,\"'"
    for _ in range(500):
        text = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(1, 12)))
        owner = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 8))) or None
        line = items.item(text, [("id", "x"), ("owner", owner)])
        assert "\n" not in line
        assert items.parse_item(line, ("id", "owner")) == (
            text,
            {"id": "x", **({"owner": owner} if owner else {})},
        )
        bare = items.item(text, [])
        assert items.parse_item(bare, ("id",)) == (text, {})


def test_limits_match_the_schema() -> None:
    definitions = schema()["$defs"]
    for kind in ("current-state", "day-in-the-life", "future-state", "service-blueprint"):
        stage = definitions[f"stage-{kind}"]
        assert stage["properties"]["steps"]["maxItems"] == MAX_STEPS_PER_STAGE
        assert definitions[kind]["properties"]["stages"]["maxItems"] == MAX_STAGES


def test_codes_are_in_the_interchange_range() -> None:
    assert all(re.fullmatch(r"JM4(0[1-9]|1[0-9])", code) for code in CODES)


def test_a_parse_failure_carries_every_problem() -> None:
    text = "journey\n  section A\n" + "    bad\n" * 80
    with pytest.raises(ImportFailed) as caught:
        parse_mermaid(text, "m.mmd", map_id="m", title="M")
    assert len(caught.value.diagnostics) == 50


def test_markdown_research_links_keep_their_target(cli: Cli, project: Path, write: Write) -> None:
    import markdown_it

    data = hostile_map()
    data["research"] = [
        {"title": "Study [1] | <b>", "url": "https://example.com/wiki/Foo_(bar)?a=1&b=2"},
        {"title": "Ask us", "url": "mailto:team@example.com", "note": "# not a heading"},
        {"title": "Offline notes"},
    ]
    path = write("research.yaml", json.dumps(data))
    text = cli("export", "--to", "markdown", str(path)).stdout
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(text)
    links = [c for t in tokens if t.type == "inline" for c in t.children or []]
    hrefs = [c.attrs["href"] for c in links if c.type == "link_open"]
    assert hrefs == ["https://example.com/wiki/Foo_%28bar%29?a=1&b=2", "mailto:team@example.com"]
    assert text.rstrip().endswith("- Offline notes")
    assert "- [Study \\[1\\] \\| \\<b\\>](<https://example.com/wiki/Foo_%28bar%29?a=1&b=2>)" in text


# --- regressions found by running the commands as a user ---------------------------------

ZH_DIAGRAM = (
    "journey\n  title 退貨流程\n  section 認知\n    看到廣告: 3: 小美\n  section 退貨申請\n"
)


def test_non_latin_ids_stay_when_a_task_is_added_above(
    cli: Cli, project: Path, write: Write
) -> None:
    """Ids made from positions shifted, so diff saw every later step as changed."""
    tasks = "    填寫退貨單: 2: 小美\n    填寫退貨單: 1: 小美, 客服\n    收到退款: 5: 小美\n"
    before = imported(cli, write("a.mmd", ZH_DIAGRAM + tasks), project / "a.yaml")
    after = imported(
        cli, write("b.mmd", ZH_DIAGRAM + "    打開網站: 3: 小美\n" + tasks), project / "a2.yaml"
    )
    ids = [s["id"] for s in steps_of(dump(cli, after))]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"step-[0-9a-f]{8}(-2)?", i) for i in ids)
    report = json.loads(cli("diff", str(before), str(after), "-f", "json").stdout)
    changes = [(c["kind"], c["element"]) for c in report["maps"][0]["changes"]]
    assert changes == [("changed", "map"), ("added", "step")]  # the map id, and the new task


def test_many_equal_labels_get_ids_in_linear_time() -> None:
    """A repeat used to retry -2, -3, ... from the start: 40,000 equal tasks never ended."""
    ids = Ids("step")
    assert [ids.new("a", n) for n in range(1, 60_001)][-2:] == ["a-59999", "a-60000"]


def test_an_input_just_under_the_old_bound_is_refused_while_reading(
    cli: Cli, project: Path, write: Write
) -> None:
    """The size budget undercounted each task, so this input was built, checked and
    emitted (6 s) before its size was refused; now reading stops at the limit."""
    tasks = [f"    t{i}: 3\n" for i in range(38_000)]
    text = "journey\n" + "".join(
        f"  section S{j}\n" + "".join(tasks[j * 1900 : (j + 1) * 1900]) for j in range(20)
    )
    lines = failure(cli, "import", str(write("near.mmd", text)), "-o", str(project / "n.yaml"))
    assert "JM411 the imported map would be larger than 2 MiB" in lines[0]


def test_the_size_budget_never_refuses_a_map_that_fits() -> None:
    """The budget is a lower bound of the YAML: it may stop early, never wrongly."""
    from journeymap.interchange.mermaid_import import _Parser

    chooser = random.Random(11)
    alphabet = ["a", "é", "中", " ", "#58;", "Ω", "-"]
    for _ in range(200):
        lines = ["journey", "  section S"]
        for _ in range(chooser.randint(1, 30)):
            name = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(1, 9)))
            actors = chooser.choice(["", ": A", ": A, B", ": Ω"])
            lines.append(f"    x{name.strip()}: {chooser.randint(1, 5)}{actors}")
        parser = _Parser("\n".join(lines), "r.mmd")
        data = to_data(parser.parse(), "r", "R").data
        assert parser.budget.used <= len(to_yaml(data).encode("utf-8"))


def test_the_csv_size_budget_never_refuses_a_map_that_fits() -> None:
    from journeymap.interchange.csv_import import _Reader

    chooser = random.Random(12)
    columns = ["stage_id", "step_id", "title", "action", "moment_of_truth", "thoughts", "resolves"]
    cells = {
        "stage_id": ["s", "a-very-long-stage-id-written-on-every-row-of-the-stage"],
        "step_id": ["", "  x  "],
        "title": ["", "  ", "Été 中", "認知"],
        "action": ["a", "é  中", "   "],
        "moment_of_truth": ["", "false", "true"],
        "thoughts": ["", "\n\n", "t"],
        "resolves": ["", "p ,  q"],
    }
    for _ in range(200):
        rows = [columns]
        for number in range(chooser.randint(1, 20)):
            row = [chooser.choice(cells[c]) for c in columns]
            row[1] = f"{row[1].strip()}{number}" if row[1] else ""
            rows.append(row)
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        reader = _Reader(buffer.getvalue(), "r.csv")
        try:
            data = reader.read("r", "R").data
        except ImportFailed:
            continue
        assert reader.budget.used <= len(to_yaml(data).encode("utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "ends with a break\n",
        "two breaks\n\n",
        "three\n\n\n",
        "a\n  indented\nback",
        " leading space\nsecond",
        "\nleading break",
        "tab\tin\nmulti",
        "trailing spaces  \nnext ",
        "- dash\n# hash\n: colon",
        "中文\n第二行",
        "\u200bzero width\nx",
        "nbsp\xa0here",
        "bidi \u202eabc",
        "a: b",
        "a:",
        "x #y",
        "plain, with [brackets] and {braces}",
    ],
)
def test_yaml_emitter_round_trips_blocks_and_quotes(text: str) -> None:
    data = {"stages": [{"id": "s", "steps": [{"notes": text, "thoughts": [text, "ok"]}]}]}
    data["keys"] = {"fine": FlowList(["a-b", "1.5", "x y"]), "empty": FlowList([])}
    source = parse_text(to_yaml(data), "t.yaml")
    assert not hasattr(source, "code"), source
    assert json.dumps(source.data) == json.dumps(data)  # type: ignore[union-attr]


def test_yaml_emitter_writes_maps_as_people_do() -> None:
    data = {"id": "m", "tags": FlowList(["a", "b"]), "stages": [{"id": "s", "steps": []}]}
    data["notes"] = "line one\nline two"
    assert to_yaml(data, "# h\n") == (
        "# h\nid: m\ntags: [a, b]\nstages:\n  - id: s\n    steps: []\n"
        "notes: |-\n  line one\n  line two\n"
    )


def test_export_refuses_to_overwrite_the_map_it_reads(
    cli: Cli, project: Path, write: Write
) -> None:
    path = write("m.yaml", MINIMAL_MAP.format(id="m"))
    result = cli("export", "--to", "json", str(path), "-o", str(path))
    assert result.exit_code == 2 and "is the map being exported" in result.stderr
    assert path.read_text(encoding="utf-8") == MINIMAL_MAP.format(id="m")


# --- Mermaid notes: ids and every field, edits in the diagram win ---------------------------


def test_mermaid_notes_keep_ids_and_every_field(cli: Cli, project: Path, write: Write) -> None:
    text = cli("export", "--to", "mermaid", str(EXAMPLES / "current-state.yaml")).stdout
    data = dump(cli, EXAMPLES / "current-state.yaml")
    back = parse_mermaid(text, "x.mmd", map_id="x", title="X").data
    assert back["id"] == data["id"] and back["persona"]["id"] == "maya-commuter"
    assert [s["id"] for s in steps_of(back)] == [s["id"] for s in steps_of(data)]
    counts = [
        sum(len(s.get(field) or ()) for s in steps_of(back))
        for field in ("pain_points", "opportunities", "touchpoints")
    ]
    assert counts == [
        sum(len(s[field]) for s in steps_of(data))
        for field in ("pain_points", "opportunities", "touchpoints")
    ]
    plain = [line for line in text.splitlines() if "%%" not in line]
    assert len(plain) == 1 + 1 + len(data["stages"]) + len(steps_of(data))  # notes add lines only


def test_an_edit_in_the_diagram_wins_over_its_note(cli: Cli, project: Path, write: Write) -> None:
    text = cli("export", "--to", "mermaid", str(EXAMPLES / "current-state.yaml")).stdout
    lines = text.splitlines()
    task = next(i for i, line in enumerate(lines) if line.startswith("      Buys a monthly pass"))
    lines[task] = "      Buys a yearly pass: 5: Maya Lindqvist"
    section = next(i for i, line in enumerate(lines) if line == "    section Consideration")
    lines[section] = "    section Weighing options"
    lines.insert(section + 2, "      Plans commute: 2: Maya Lindqvist")  # added by hand
    back = parse_mermaid("\n".join(lines), "x.mmd", map_id="x", title="X").data
    step = next(s for s in steps_of(back) if s["id"] == "buys-pass-in-app")
    assert (step["action"], step["emotion"]) == ("Buys a yearly pass", 2)
    assert step["pain_points"]  # the note's other fields stay
    stage = next(s for s in back["stages"] if s["id"] == "consideration")
    assert stage["title"] == "Weighing options"
    ids = [s["id"] for s in steps_of(back)]
    assert len(ids) == len(set(ids)) and "plans-commute-2" in ids  # a made-up id never clashes


@pytest.mark.parametrize(
    ("note", "where", "message"),
    [
        ("%% journeymap: {nope", "4:20", "the journeymap note is not valid JSON"),
        ("%% journeymap: [1]", "4:20", "a journeymap note holds a JSON object"),
        ('%% journeymap: {"steps": []}', "4:20", "a stage note cannot hold 'steps'"),
        (
            '%% journeymap: {"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "4:20",
            "the journeymap note is nested deeper than 16 levels",
        ),
        (
            '%% journeymap: {"id": "a"}\n    %% journeymap: {"id": "b"}',
            "5:20",
            "a second journeymap note for the stage above",
        ),
    ],
)
def test_a_bad_note_is_located(
    cli: Cli, project: Path, write: Write, note: str, where: str, message: str
) -> None:
    source = write("n.mmd", f"journey\n  title T\n  section A\n    {note}\n    Go: 3\n")
    (line,) = failure(cli, "import", str(source), "-o", str(project / "n.yaml"))
    assert f"n.mmd:{where}: JM415 {message}" in line, line[:300]


def test_a_note_with_a_wrong_value_is_reported_where_it_stands(
    cli: Cli, project: Path, write: Write
) -> None:
    note = '%% journeymap: {"moment_of_truth": "yes"}'
    source = write("n.mmd", f"journey\n  title T\n  section A\n    Go: 3\n    {note}\n")
    (line,) = failure(cli, "import", str(source), "-o", str(project / "n.yaml"))
    assert "n.mmd:5:20: JM412 the imported map would be invalid: expected true or false" in line


# --- CSV: the map's own fields, scores as people write them ---------------------------------


def test_csv_carries_the_title_persona_scenario_and_goals(
    cli: Cli, project: Path, write: Write
) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(cli("export", "-t", "csv", str(EXAMPLES / "current-state.yaml")).stdout)
        )
    )
    data = dump(cli, EXAMPLES / "current-state.yaml")
    first = rows[0]
    assert first["map_title"] == data["title"] and first["map_scenario"] == data["scenario"]
    assert first["map_goals"].split("\n") == data["goals"]
    assert first["persona_name"] == data["persona"]["name"]
    assert first["persona_traits"].split("\n")[0] == "age: 34"
    assert all(not row[c] for row in rows[1:] for c in first if c.startswith(("map_", "persona_")))


def test_csv_reads_plus_signs_and_empty_stages(cli: Cli, project: Path, write: Write) -> None:
    source = write(
        "s.csv",
        "stage_id,action,emotion,map_title,persona_name,persona_traits\n"
        'awareness,Sees it,+1,My map,Ana,"age: 34\n""a: b"": c"\n'
        "consideration,,,,,\n"
        "retention,Comes back,-2,,,\n",
    )
    data = dump(cli, imported(cli, source, project / "s.yaml"))
    assert data["title"] == "My map"
    assert data["persona"]["traits"] == [["age", "34"], ["a: b", "c"]]
    assert [(s["id"], len(s["steps"])) for s in data["stages"]] == [
        ("awareness", 1),
        ("consideration", 0),
        ("retention", 1),
    ]
    assert [s["emotion"] for s in steps_of(data)] == [1, -2]


def test_csv_map_columns_that_disagree_are_located(cli: Cli, project: Path, write: Write) -> None:
    source = write("s.csv", "stage_id,action,map_title\nawareness,A,One\nawareness,B,Two\n")
    (line,) = failure(cli, "import", str(source), "-o", str(project / "s.yaml"))
    assert "s.csv:3:13: JM408 map_title 'Two' differs from the one on line 2" in line


def test_csv_where_json_is_bounded(cli: Cli, project: Path, write: Write) -> None:
    deep = items.escape_value("[" * 20_000 + "]" * 20_000)  # as the export escapes it
    source = write("s.csv", f'stage_id,action,events\nawareness,A,"e [where: {deep}]"\n')
    (line,) = failure(cli, "import", str(source), "-o", str(project / "s.yaml"))
    assert "JM405 events: where" in line and "nested deeper than 16 levels" in line
