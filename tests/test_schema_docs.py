"""The schema documents itself for editors: every property has a description and a
markdownDescription with an example, every enum value its own line, and `channel` suggests
the built-in channels while a project's own stay valid."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from journeymap.config import BUILTIN_CHANNELS
from journeymap.render.icons import CHANNEL_ICONS
from journeymap.schema import is_valid, schema

EXAMPLE = re.compile(r"\n\nExample:\n\n```(yaml|toml)\n(.+)\n```\Z", re.DOTALL)

Found = tuple[str, dict[str, Any]]


def properties(node: Any, path: str = "#") -> Iterator[Found]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}/properties/{name}", sub
        for key, value in node.items():
            yield from properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from properties(value, f"{path}/{index}")


def enums(node: Any, path: str = "#") -> Iterator[Found]:
    if isinstance(node, dict):
        if "enum" in node and not path.endswith("/not"):
            yield path, node
        for key, value in node.items():
            yield from enums(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from enums(value, f"{path}/{index}")


PROPERTIES = list(properties(schema()))
ENUMS = list(enums(schema()))


def test_the_schema_has_all_its_properties() -> None:
    assert len(PROPERTIES) > 250


@pytest.mark.parametrize(("path", "node"), PROPERTIES, ids=[p for p, _ in PROPERTIES])
def test_every_property_has_a_description_and_an_example(path: str, node: dict[str, Any]) -> None:
    description = node.get("description", "")
    assert description.strip(), f"{path} has no description"
    assert "`" not in description, "plain description: editors show it as text"
    markdown = node.get("markdownDescription", "")
    found = EXAMPLE.search(markdown)
    assert found is not None, f"{path}: markdownDescription has no example"
    language, example = found.groups()
    parsed = tomllib.loads(example) if language == "toml" else yaml.safe_load(example)
    assert parsed, f"{path}: the example is empty"


@pytest.mark.parametrize(("path", "node"), ENUMS, ids=[p for p, _ in ENUMS])
def test_every_enum_value_is_documented(path: str, node: dict[str, Any]) -> None:
    values = node["enum"]
    assert len(node.get("enumDescriptions", [])) == len(values), path
    markdown = node.get("markdownEnumDescriptions", [])
    assert [m.split("`")[1] for m in markdown] == [str(v) for v in values], path
    assert all(d.strip() for d in node["enumDescriptions"])


def _channel() -> dict[str, Any]:
    channel: dict[str, Any] = schema()["$defs"]["touchpoint"]["properties"]["channel"]
    return channel


def test_channel_suggests_every_built_in_channel() -> None:
    (suggested,) = [branch["enum"] for branch in _channel()["anyOf"] if "enum" in branch]
    assert tuple(suggested) == BUILTIN_CHANNELS == CHANNEL_ICONS
    assert "sms" in suggested
    icons = schema()["$defs"]["channel"]["properties"]["icon"]["enum"]
    assert tuple(icons) == BUILTIN_CHANNELS


def _map_with_channel(channel: Any) -> dict[str, Any]:
    step = {"id": "a", "action": "Acts", "touchpoints": [{"channel": channel, "name": "N"}]}
    return {
        "journeymap": 1,
        "kind": "current-state",
        "id": "m",
        "title": "M",
        "stages": [{"id": "awareness", "steps": [step]}],
    }


@pytest.mark.parametrize(
    ("channel", "valid"),
    [("sms", True), ("web", True), ("ticket-machine", True), ("Web", False), (3, False)],
)
def test_custom_channels_stay_valid(channel: Any, valid: bool) -> None:
    assert is_valid(_map_with_channel(channel)) is valid


def test_a_bad_channel_is_reported_as_a_bad_id(cli: Any, project: Any, write: Any) -> None:
    text = yaml.safe_dump(_map_with_channel("Web"), sort_keys=False)
    result = cli("validate", str(write("m.yaml", text)))
    assert "JM105 'Web' does not have the expected form" in result.stdout
    assert "kebab-case" in result.stdout


def test_a_channel_of_the_wrong_type_is_one_type_error(cli: Any, project: Any, write: Any) -> None:
    """The suggested names are no complaint of their own about a list."""
    text = yaml.safe_dump(_map_with_channel(["web"]), sort_keys=False)
    result = cli("validate", str(write("m.yaml", text)))
    (line,) = [line for line in result.stdout.splitlines() if ": JM1" in line]
    assert "JM103 expected text, got a list" in line
