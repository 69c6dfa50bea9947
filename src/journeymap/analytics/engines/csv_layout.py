"""Why DuckDB's CSV sniffer gave up: find the first line whose field count differs.

DuckDB reports a bad line by number once it is past the sniffer's sample; inside the sample
it only says the dialect could not be detected. Only then, this reads the sample's lines
(never more) to name the line.
"""

from __future__ import annotations

import csv
import gzip
import io
from itertools import islice

from journeymap.analytics.source import LogSource

SAMPLE_LINES = 20480


def csv_layout_problem(source: LogSource) -> str:
    name = source.name
    try:
        bad = _first_uneven_line(source)
    except (OSError, UnicodeDecodeError, csv.Error, EOFError):
        bad = None
    if bad is None:
        return f"{name}: cannot read the CSV layout (delimiter, quotes or encoding)"
    line, found, expected = bad
    return f"{name}: line {line} has {found} fields, the header has {expected}"


def _first_uneven_line(source: LogSource) -> tuple[int, int, int] | None:
    delimiter = "\t" if source.kind == "tsv" else ","
    location = source.location
    if location.endswith(".zst"):
        return None
    raw = gzip.open(location, "rb") if location.endswith(".gz") else open(location, "rb")  # noqa: SIM115
    with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
        rows = csv.reader(islice(text, SAMPLE_LINES), delimiter=delimiter)
        header = next(rows, None)
        if header is None:
            return None
        for row in rows:
            if row and len(row) != len(header):
                return rows.line_num, len(row), len(header)
    return None
