"""The strict loader: every hostile or surprising input gets its exact code and position."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from journeymap.diagnostics import Diagnostic
from journeymap.source import MAX_DEPTH, MAX_FILE_BYTES, Source, load_source, parse_text


def load(path: Path) -> Source | Diagnostic:
    return load_source(path, path.name)


def refused(content: str | bytes, write: Callable[[str, str | bytes], Path]) -> Diagnostic:
    result = load(write("case.yaml", content))
    if isinstance(result, Source) and result.problems:  # reading went on, to find them all
        return result.problems[0]
    assert isinstance(result, Diagnostic), f"expected a refusal, got data {result.data!r}"
    return result


def accepted(text: str) -> object:
    result = parse_text(text, "case.yaml")
    assert isinstance(result, Source) and not result.problems, result
    return result.data


# (name, content, code, line, col): each hostile input has its own case and exact position.
REFUSALS: list[tuple[str, str | bytes, str, int, int]] = [
    ("duplicate-key", "a: 1\nb: 2\na: 3\n", "JM007", 3, 1),
    ("duplicate-nested-key", "a:\n  x: 1\n  x: 2\n", "JM007", 3, 3),
    ("duplicate-flow-key", "a: {x: 1, x: 2}\n", "JM007", 1, 11),
    ("empty-file", "", "JM011", 1, 1),
    ("comments-only", "# nothing here\n\n", "JM011", 1, 1),
    ("tab-indentation", "a:\n\tb: 1\n", "JM016", 2, 1),
    ("syntax-error", "a: [1, 2\nb: 3\n", "JM005", 2, 2),
    ("unclosed-quote", 'a: "open\n', "JM005", 1, 4),  # where the quote opens
    ("utf16-bom", codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le"), "JM003", 1, 1),
    ("utf16-be-bom", codecs.BOM_UTF16_BE + "a: 1\n".encode("utf-16-be"), "JM003", 1, 1),
    ("utf16-no-bom", "journeymap: 1\nkind: x\n".encode("utf-16-le"), "JM003", 1, 1),
    ("utf32-bom", codecs.BOM_UTF32_LE + "a: 1\n".encode("utf-32-le"), "JM003", 1, 1),
    ("latin1", "a: 1\nname: Café\n".encode("latin-1"), "JM003", 2, 10),
    ("invalid-utf8", b"a: 1\nb: ok \xff\xfe\n", "JM003", 2, 7),
    ("truncated-utf8", "a: é".encode()[:-1], "JM003", 1, 4),
    ("nul-byte", b"a: 1\nb: x\x00y\n", "JM004", 2, 5),
    ("control-byte", b"a: 1\nb: x\x07\n", "JM004", 2, 5),
    ("c1-control", "a: xy\x9b\n", "JM004", 1, 6),
    ("nel", "a: x\n\nb: x\x85y\n", "JM004", 3, 5),
    ("escaped-control", 'a: "bell \\a"\n', "JM004", 1, 10),
    ("escaped-nul", 'a: "\\0"\n', "JM004", 1, 5),
    ("escaped-nel-x", 'a: 1\nb: "x \\x85"\n', "JM004", 2, 7),
    ("escaped-nel-u", 'a: 1\nb: "x \\\\ \\u0085"\n', "JM004", 2, 10),
    ("escaped-nel-n", 'a: 1\nb: "x\\N"\n', "JM004", 2, 6),
    ("escaped-nel-long", 'b: "\\U00000085"\n', "JM004", 1, 5),
    ("escaped-c1-key", '"k\\x9b": 1\n', "JM004", 1, 3),
    ("lone-surrogate-escape", 'a: "\\ud800"\n', "JM005", 1, 7),
    ("low-surrogate-escape", 'a: "x\\udfff"\n', "JM005", 1, 8),
    ("alias", "a: &x [1]\nb: *x\n", "JM008", 2, 4),
    ("scalar-alias", "a: &x hello\nb: *x\n", "JM008", 2, 4),
    ("recursive-alias", "a: &x [*x]\n", "JM008", 1, 8),
    (
        "billion-laughs",
        "a: &a [lol, lol, lol]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        "JM008",
        2,
        8,
    ),
    ("undefined-alias", "a: *nothing\n", "JM005", 1, 4),
    ("multi-document", "a: 1\n---\nb: 2\n", "JM010", 2, 1),
    ("python-tag", "a: !!python/object/apply:os.system [ls]\n", "JM009", 1, 4),
    ("binary-tag", "a: !!binary aGVsbG8=\n", "JM009", 1, 4),
    ("set-tag", "a: !!set {x, y}\n", "JM009", 1, 4),
    ("include-tag", "a: !include other.yaml\n", "JM009", 1, 4),
    ("str-tag", "a: !!str 12\n", "JM009", 1, 4),
    ("tagged-key", "!!str a: 1\n", "JM009", 1, 1),
    ("complex-key", "? [a, b]\n: c\n", "JM013", 1, 3),
    ("mapping-key", "{x: 1}: c\n", "JM013", 1, 1),
    ("huge-integer", "a: 123456789012345678901234567890\n", "JM014", 1, 4),
    ("huge-integer-digits", "a: " + "9" * 5000 + "\n", "JM014", 1, 4),
    ("unsafe-integer", "a: -9007199254740993\n", "JM014", 1, 4),
    ("float-overflow", "a: 1e999\n", "JM014", 1, 4),
    ("deep-flow-sequences", "[" * 100_000 + "]" * 100_000 + "\n", "JM006", 1, MAX_DEPTH + 1),
    # Below the opener count that triggers the depth scan, past libyaml's own nesting limit.
    ("deep-flow-unscanned", "a: " + "[" * 1500 + "]" * 1500 + "\n", "JM006", 1, 3 + MAX_DEPTH + 1),
    ("deep-flow-mappings", "a: " + "{a: " * 50_000 + "1" + "}" * 50_000, "JM006", 1, 4 * 31 + 4),
    ("deep-block-sequences", "- " * 200_000 + "x\n", "JM006", 1, 2 * MAX_DEPTH + 1),
    (
        "deep-indented-mappings",
        "".join(f"{' ' * i}k{i}:\n" for i in range(40)) + " " * 40 + "v\n",
        "JM006",
        MAX_DEPTH + 1,
        MAX_DEPTH + 1,
    ),
    (
        "deep-but-short",
        "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
        "JM006",
        1,
        4 + MAX_DEPTH - 1,
    ),
]


@pytest.mark.parametrize(
    ("content", "code", "line", "col"),
    [case[1:] for case in REFUSALS],
    ids=[case[0] for case in REFUSALS],
)
def test_refusal_has_exact_code_and_position(
    content: str | bytes,
    code: str,
    line: int,
    col: int,
    write: Callable[[str, str | bytes], Path],
) -> None:
    diagnostic = refused(content, write)
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == (code, line, col), diagnostic
    assert "\n" not in diagnostic.one_line()


def test_duplicate_key_names_both_lines(write: Callable[[str, str | bytes], Path]) -> None:
    diagnostic = refused("journeymap: 1\nkind: persona\nid: x\nid: y\n", write)
    assert "'id'" in diagnostic.message
    assert "line 3" in diagnostic.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("Off", "Off"),
        ("y", "y"),
        ("1:30", "1:30"),
        ("07:30", "07:30"),
        ("0777", "0777"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("2026-11-22", "2026-11-22"),
        ("2026-11-22T10:00:00Z", "2026-11-22T10:00:00Z"),
        (".nan", ".nan"),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        ("NaN", "NaN"),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("null", None),
        ("~", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("+5", 5),
        ("0", 0),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("9007199254740992", 2**53),
        ("'yes'", "yes"),
        ('"12"', "12"),
    ],
)
def test_scalars_resolve_as_yaml_1_2_core(text: str, expected: object) -> None:
    data = accepted(f"value: {text}\n")
    assert data == {"value": expected}
    assert type(data["value"]) is type(expected)  # type: ignore[index]


@pytest.mark.parametrize("key", ["on", "yes", "1", "null", "true", "1.5", "~"])
def test_plain_keys_stay_text_as_written(key: str) -> None:
    assert accepted(f"{key}: v\n") == {key: "v"}


def test_utf8_bom_is_accepted(write: Callable[[str, str | bytes], Path]) -> None:
    result = load(write("bom.yaml", codecs.BOM_UTF8 + "a: é\n".encode()))
    assert isinstance(result, Source)
    assert result.data == {"a": "é"}


def test_unused_anchor_and_document_markers_are_fine() -> None:
    assert accepted("---\na: &x 1\nb: 2\n...\n") == {"a": 1, "b": 2}


def test_nesting_at_the_limit_is_accepted() -> None:
    depth = MAX_DEPTH - 1
    data = accepted("a: " + "[" * depth + "1" + "]" * depth + "\n")
    for _ in range(depth + 1):
        data = data["a"] if isinstance(data, dict) else data[0]  # type: ignore[index]
    assert data == 1


def test_many_flow_collections_take_the_careful_path_and_pass() -> None:
    text = "".join(f"k{i}: [a, b, {{c: d}}]\n" for i in range(400))
    data = accepted(text)
    assert isinstance(data, dict)
    assert data["k399"] == ["a", "b", {"c": "d"}]


def test_long_lines_take_the_careful_path_and_pass() -> None:
    assert accepted("a: " + "word " * 1000 + "\n") == {"a": ("word " * 1000).strip()}


def test_file_size_is_capped_before_parsing(write: Callable[[str, str | bytes], Path]) -> None:
    diagnostic = refused("a: " + "x" * MAX_FILE_BYTES + "\n", write)
    assert diagnostic.code == "JM002"


def test_missing_file(tmp_path: Path) -> None:
    result = load(tmp_path / "nope.yaml")
    assert isinstance(result, Diagnostic)
    assert result.code == "JM001"
    assert "not found" in result.message


def test_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    result = load(tmp_path / "dir.yaml")
    assert isinstance(result, Diagnostic)
    assert (result.code, result.message) == ("JM001", "not a regular file (a directory)")


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = load(fifo)
    assert isinstance(result, Diagnostic)
    assert (result.code, result.message) == ("JM001", "not a regular file (a FIFO)")


def test_device_is_refused() -> None:
    result = load_source(Path("/dev/zero"), "/dev/zero")
    assert isinstance(result, Diagnostic)
    assert (result.code, result.message) == ("JM001", "not a regular file (a device)")


def test_symlink_to_a_file_is_read(write: Callable[[str, str | bytes], Path]) -> None:
    target = write("real.yaml", "a: 1\n")
    link = target.with_name("link.yaml")
    link.symlink_to(target)
    result = load(link)
    assert isinstance(result, Source)
    assert result.data == {"a": 1}


def test_positions_of_nested_nodes_are_found() -> None:
    source = parse_text("a:\n  b:\n    - x\n    - {c: 1}\n", "p.yaml")
    assert isinstance(source, Source)
    assert source.position(("a", "b", 1, "c")) == (4, 11)
    assert source.position(("a", "b", 1, "c"), key=True) == (4, 8)
    assert source.position(("a", "missing")) == (2, 3)
