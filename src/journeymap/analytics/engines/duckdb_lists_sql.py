"""The DuckDB statements of the per-case list path (see duckdb_lists).

`ks` is a case's sorted list of keys `t * 2^bits + step`; `(k & {m})` is a key's step and
`(k >> {b})` its time (an arithmetic shift: exact before 1970 too). `{name}` fields only
ever receive integers or text this package made; user text arrives only inside `{kept}`,
which sqlglot renders from nodes.
"""

from __future__ import annotations

KEYS = """
SELECT c, t * {width} + s AS k
FROM ({kept}) AS e
WHERE s IS NOT NULL
"""
"""Every kept event as (case, key): the log is read once, then each bucket of cases is
gathered from this table."""

LISTS = """
SELECT c, list_sort(list(k)) AS ks
FROM ({keys}) AS e
{bucket}
GROUP BY c
"""

CASES = """
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
"""A case's path is its steps with repeats collapsed (the last key of each run)."""

PAIR_COUNTS = """
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
"""Pairs of neighbours per bucket; buckets hold disjoint cases, so their counts add up."""

PAIRS = """
SELECT s, next_s, SUM(cases) AS cases, SUM(occurrences) AS occurrences
FROM jm_pair_counts
GROUP BY s, next_s
"""

GAP_VALUES = """
SELECT unnest(list_transform(ix, lambda i: (ks[i] & {m}))) AS s,
  unnest(list_transform(ix, lambda i: ((ks[i + 1] >> {b}) - (ks[i] >> {b})) / 1000000.0)) AS g
FROM (
  SELECT ks, list_filter(range(1, len(ks)), lambda i: (ks[i] & {m}) <> (ks[i + 1] & {m})) AS ix
  FROM jm_lists
) AS x
"""

GAPS = """
SELECT s, quantile_cont(g, 0.5) AS median, quantile_cont(g, 0.9) AS p90
FROM jm_gap_values
GROUP BY s
ORDER BY s
"""

TOTALS = """
SELECT SUM(n) AS events, COUNT(*) AS cases, MIN(first_t) AS first_t, MAX(last_t) AS last_t
FROM jm_cases
"""

OCCURRENCES = """
SELECT s, SUM(x) AS occurrences
FROM (
  SELECT s, occurrences AS x FROM jm_pairs
  UNION ALL SELECT last_s, COUNT(*) FROM jm_cases GROUP BY last_s
) AS o
GROUP BY s
"""
"""Events per step, for the logical query's STEPS: every event either has a next one (it
starts a pair) or ends its case."""

FUNNEL_FIRST = """
SELECT ks, q0, (ks[q0] >> {b}) AS start
FROM (
  SELECT ks, list_position(list_transform(ks, lambda k: (k & {m})), {step}) AS q0 FROM jm_lists
) AS f
WHERE q0 IS NOT NULL
"""

FUNNEL_NEXT = """
SELECT *, CASE WHEN (ks[r{i}] >> {b}) <= start + {window} THEN r{i} END AS q{i}
FROM (
  SELECT *, q{prev} + list_position(
    list_transform(ks[q{prev} + 1:], lambda k: (k & {m})), {step}) AS r{i}
  FROM ({inner}) AS f{prev}
) AS g{i}
"""
"""Times never decrease along a case's list, so the first later event of the step is the
one to take, or none if it is past the window (no later one can be within it)."""

FUNNEL_VALUES = """
SELECT i, d
FROM (SELECT unnest(range({count})) AS i, unnest([{times}]) AS d FROM ({inner}) AS f) AS u
WHERE d IS NOT NULL
"""

FUNNEL = """
SELECT i, COUNT(*) AS cases, quantile_cont(d, 0.5) AS median_seconds
FROM jm_funnel_values
GROUP BY i
ORDER BY i
"""

EMPTY_FUNNEL_VALUES = "SELECT 0 AS i, CAST(NULL AS DOUBLE) AS d WHERE 1 = 0"
