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
