"""Regenerates every generated file in the repository; review the diff like code.

python scripts/regenerate.py
"""

from __future__ import annotations

from pathlib import Path

from journeymap.schema.generate import compiled_source

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    target = ROOT / "src" / "journeymap" / "schema" / "_compiled.py"
    target.write_text(compiled_source(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
