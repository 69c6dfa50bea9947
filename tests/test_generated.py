"""Generated and duplicated files stay in step with their sources."""

from __future__ import annotations

from pathlib import Path

from journeymap.schema import schema_text
from journeymap.schema._compiled import SCHEMA_SHA256
from journeymap.schema.generate import schema_digest

ROOT = Path(__file__).resolve().parent.parent


def test_compiled_validator_matches_the_schema() -> None:
    assert schema_digest() == SCHEMA_SHA256, "run: python scripts/regenerate.py"


def test_published_schema_is_the_packaged_schema() -> None:
    published = ROOT / "schemas" / "journeymap.schema.json"
    assert published.read_text(encoding="utf-8") == schema_text()


def test_every_diagnostic_code_is_documented() -> None:
    from journeymap.codes import CODES
    from journeymap.interchange import CODES as IMPORT_CODES

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    missing = [code for code in {**CODES, **IMPORT_CODES} if f"| {code} |" not in text]
    assert missing == []


def test_compiled_config_validator_matches_the_schema() -> None:
    from journeymap.schema._compiled_config import SCHEMA_SHA256 as CONFIG_SHA256

    assert schema_digest() == CONFIG_SHA256, "run: python scripts/regenerate.py"


CONFIGS = [
    "",
    '[project]\nname = "Trips"\nlocale = "nb"\npersonas = "people"\n',
    '[project]\nnme = "Trips"\n',
    "[project]\npersonas = 3\n",
    '[channels.kiosk]\nlabel = "Kiosk"\nicon = "store"\n',
    '[channels.kiosk]\nlabel = "Kiosk"\nicon = "spaceship"\n',
    '[channels."Not An Id"]\nlabel = "x"\n',
    '[lint]\ndisable = ["JM301"]\n',
    "[lint]\ndisable = 5\n",
    '[theme]\nwrap_width = 8\naccent = "#123456"\n',
    '[theme]\naccent = "red"\n',
    '[analytics]\ncase = "user_id"\nevent = "event"\nmin_cases = 0\n',
    "[analytics]\nmin_cases = -1\n",
    "[analytics]\nunknown = true\n",
    "[elsewhere]\nx = 1\n",
]


def test_fast_and_full_config_validators_agree() -> None:
    """The generated validator decides whether jsonschema runs at all: both must agree on
    valid and invalid files, or a bad journeymap.toml would pass unreported."""
    import tomllib

    from journeymap.schema import is_valid_config
    from journeymap.schema.report import problems

    verdicts = []
    for text in CONFIGS:
        data = tomllib.loads(text)
        fast = is_valid_config(data)
        assert fast == (problems(data, "config") == []), text
        verdicts.append(fast)
    assert set(verdicts) == {True, False}, verdicts  # both kinds of file were tried
    assert is_valid_config(tomllib.loads((ROOT / "examples" / "journeymap.toml").read_text()))
