"""DuckDB's fast path: the same result rows as the logical query, from one list per case.

The logical query orders every kept event in one window (a sort of the whole log by case
and time). Here each case's events are gathered into one list of integer keys
`t * 2^bits + step` (a hash aggregate, no global sort), each short list is sorted on its
own, and every measure is read off the sorted lists: pairs of neighbours, runs of one
step, the funnel as successive `list_position`s. Only DuckDB has these list functions;
the tests compare the measures of both paths byte for byte. Statements are DuckDB text:
user text enters only through `kept`, which sqlglot renders from nodes.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.analytics import query as logical
from journeymap.analytics.binding import BoundMap
from journeymap.analytics.query import PAIR, LogicalQuery, Part, kept_events


@dataclass(frozen=True, slots=True)
class Statement:
    """One DuckDB statement in the place of a logical part (same name, same rows)."""

    name: str
    text: str
    stage: bool = False

    def sql(self, dialect: str) -> str:
        if not self.stage:
            return self.text
        return f"CREATE OR REPLACE TEMPORARY TABLE {self.name} AS {self.text}"


def lists_query(query: LogicalQuery) -> list[Part | Statement] | None:
    """The statements of the fast path, or None where it does not apply: keys pack time
    and step into one integer (so no --order column), and a case's steps fit a mask."""
    if query.plan is None:
        return None
    bound, kinds, ordered, window_seconds = query.plan
    if ordered or not 0 < len(bound.steps) <= logical.MASK_STEPS:
        return None
    bits = max(1, (len(bound.steps) - 1).bit_length())
    keys = _Keys(bits)
    kept = kept_events(bound, kinds).sql("duckdb")
    mine = {
        "jm_seq": Statement("jm_lists", _LISTS.format(kept=kept, width=2**bits), stage=True),
        "jm_cases": Statement("jm_cases", keys.fill(_CASES, off_map=_off_map(bound)), True),
        "totals": Statement("totals", keys.fill(_TOTALS)),
        "pairs": Statement("pairs", "SELECT * FROM jm_pairs ORDER BY s, next_s"),
        "steps": Statement("steps", _STEPS),
        "gaps": Statement("gaps", keys.fill(_GAPS)),
        "funnel": Statement("funnel", _funnel(keys, bound.funnel, window_seconds * 1_000_000)),
    }
    out: list[Part | Statement] = []
    for part in query.parts:
        if part.name == "jm_seq":
            out += [mine["jm_seq"], Statement("jm_pairs", keys.fill(_PAIRS), stage=True)]
        elif part.name == "jm_reach":
            out.append(part)
        else:
            out.append(mine.get(part.name, part))
    return out


@dataclass(frozen=True, slots=True)
class _Keys:
    bits: int

    def fill(self, template: str, **more: str) -> str:
        """`(k & {m})` is a key's step, `(k >> {b})` its time (an arithmetic shift: exact
        for times before 1970 too)."""
        return template.format(m=2**self.bits - 1, b=self.bits, pair=PAIR, **more)


_LISTS = """
SELECT c, list_sort(list(t * {width} + s)) AS ks
FROM ({kept}) AS k
WHERE s IS NOT NULL
GROUP BY c
"""

_CASES = """
SELECT len(ks) AS n, (ks[1] & {m}) AS first_s, (ks[-1] & {m}) AS last_s,
  (ks[1] >> {b}) AS first_t, (ks[-1] >> {b}) AS last_t,
  list_reduce(list_transform(runs, lambda s: CAST(1 AS BIGINT) << s), lambda a, b: a | b) AS mask,
  array_to_string(runs, '.') AS path, {off_map} AS off_map
FROM (
  SELECT ks, list_transform(
    list_filter(ks, lambda k, i: i = len(ks) OR (k & {m}) <> (ks[i + 1] & {m})),
    lambda k: (k & {m})) AS runs
  FROM jm_lists
) AS r
"""

_PAIRS = """
WITH x AS (
  SELECT list_transform(
    range(1, len(ks)), lambda i: (ks[i] & {m}) * {pair} + (ks[i + 1] & {m})) AS pp
  FROM jm_lists
)
SELECT o.p // {pair} AS s, o.p % {pair} AS next_s, d.cases, o.occurrences
FROM (SELECT p, COUNT(*) AS occurrences FROM (SELECT unnest(pp) AS p FROM x) GROUP BY p) AS o
JOIN (SELECT p, COUNT(*) AS cases FROM (SELECT unnest(list_distinct(pp)) AS p FROM x) GROUP BY p)
  AS d ON d.p = o.p
"""

_TOTALS = """
SELECT SUM(n) AS events, COUNT(*) AS cases, MIN(first_t) AS first_t, MAX(last_t) AS last_t
FROM jm_cases
"""

_STEPS = """
SELECT n.s, COALESCE(r.reach, 0) AS reach, n.occurrences,
  COALESCE(a.starts, 0) AS starts, COALESCE(b.ends, 0) AS ends
FROM (
  SELECT s, SUM(x) AS occurrences
  FROM (
    SELECT s, occurrences AS x FROM jm_pairs
    UNION ALL SELECT last_s, COUNT(*) FROM jm_cases GROUP BY last_s
  ) AS o
  GROUP BY s
) AS n
LEFT JOIN jm_reach AS r ON r.s = n.s
LEFT JOIN (SELECT first_s AS s, COUNT(*) AS starts FROM jm_cases GROUP BY first_s) AS a
  ON a.s = n.s
LEFT JOIN (SELECT last_s AS s, COUNT(*) AS ends FROM jm_cases GROUP BY last_s) AS b
  ON b.s = n.s
ORDER BY n.s
"""
"""Every event either has a next one (it starts a pair) or ends its case: occurrences."""

_GAPS = """
SELECT s, quantile_cont(g, 0.5) AS median, quantile_cont(g, 0.9) AS p90
FROM (
  SELECT unnest(list_transform(ix, lambda i: (ks[i] & {m}))) AS s,
    unnest(list_transform(ix, lambda i: ((ks[i + 1] >> {b}) - (ks[i] >> {b})) / 1000000.0)) AS g
  FROM (
    SELECT ks, list_filter(range(1, len(ks)), lambda i: (ks[i] & {m}) <> (ks[i + 1] & {m})) AS ix
    FROM jm_lists
  ) AS x
) AS y
GROUP BY s
ORDER BY s
"""

_FUNNEL_FIRST = """
SELECT ks, q0, (ks[q0] >> {b}) AS start
FROM (
  SELECT ks, list_position(list_transform(ks, lambda k: (k & {m})), {step}) AS q0 FROM jm_lists
) AS f
WHERE q0 IS NOT NULL
"""

_FUNNEL_NEXT = """
SELECT *, CASE WHEN (ks[r{i}] >> {b}) <= start + {window} THEN r{i} END AS q{i}
FROM (
  SELECT *, q{prev} + list_position(
    list_transform(ks[q{prev} + 1:], lambda k: (k & {m})), {step}) AS r{i}
  FROM ({inner}) AS f{prev}
) AS g{i}
"""
"""Times never decrease along a case's list, so the first later event of the step is the
one to take, or none if it is past the window (no later one can be within it)."""

_FUNNEL_ROWS = """
SELECT i, COUNT(*) AS cases, quantile_cont(d, 0.5) AS median_seconds
FROM (
  SELECT unnest(range({count})) AS i,
    unnest([{times}]) AS d
  FROM ({inner}) AS f
) AS u
WHERE d IS NOT NULL
GROUP BY i
ORDER BY i
"""

_EMPTY_FUNNEL = "SELECT 0 AS i, 0 AS cases, NULL AS median_seconds WHERE 1 = 0"


def _off_map(bound: BoundMap) -> str:
    """1 when a case moves between two steps along an edge the map does not draw."""
    if not bound.edges:
        return "CASE WHEN len(runs) > 1 THEN 1 ELSE 0 END"
    declared = ", ".join(str(e.source * PAIR + e.target) for e in bound.edges)
    moves = f"list_transform(range(1, len(runs)), lambda i: runs[i] * {PAIR} + runs[i + 1])"
    return f"CASE WHEN list_has_all([{declared}], {moves}) THEN 0 ELSE 1 END"


def _funnel(keys: _Keys, path: tuple[int, ...], window_us: int) -> str:
    if not path:
        return _EMPTY_FUNNEL
    inner = keys.fill(_FUNNEL_FIRST, step=str(path[0]))
    for i, step in enumerate(path[1:], start=1):
        inner = keys.fill(
            _FUNNEL_NEXT, i=str(i), prev=str(i - 1), step=str(step), window=str(window_us),
            inner=inner,
        )  # fmt: skip
    times = ", ".join(
        keys.fill("((ks[q{i}] >> {b}) - start) / 1000000.0", i=str(i)) for i in range(len(path))
    )
    return _FUNNEL_ROWS.format(count=len(path), times=times, inner=inner)
