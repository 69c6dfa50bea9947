"""The templates of the logical query, in PostgreSQL's dialect (see journeymap.analytics.query).

`:name` placeholders are filled with sqlglot nodes; `{name}` fields only ever receive
integers or fixed text from this package, never user data. Columns of `jm_seq`:
c case, t time (microseconds), s step, rn position in the case, next_s/next_t the case's
next kept event.
"""

from __future__ import annotations

KEPT = """
SELECT jm_case AS c, jm_time AS t, jm_order AS o,
  CASE WHEN m.s >= 0 THEN m.s ELSE :step END AS s
FROM jm_log
JOIN :mapping ON jm_log.jm_event = m.name
"""
"""Every event a step claims, as its step (null when no filter matches: set aside)."""

SEQ = """
SELECT c, t, s,
  ROW_NUMBER() OVER w AS rn,
  LEAD(s) OVER w AS next_s,
  LEAD(t) OVER w AS next_t
FROM :kept AS k
WHERE s IS NOT NULL
WINDOW w AS (PARTITION BY c ORDER BY {order})
"""

BY_NAME = """
SELECT name, events,
  CASE WHEN name IN :plain THEN events ELSE claimed END AS claimed,
  null_cases, null_times, zoned, texts
FROM (
  SELECT jm_event AS name, COUNT(*) AS events,
    SUM(CASE WHEN :filtered THEN 1 ELSE 0 END) AS claimed,
    COUNT(*) - COUNT(jm_case) AS null_cases, COUNT(*) - COUNT(jm_time) AS null_times,
    SUM(jm_zoned) AS zoned, COUNT(jm_zoned) AS texts
  FROM jm_log
  GROUP BY jm_event
) AS n
"""

CHECKS = """
SELECT SUM(events) AS events, SUM(null_cases) AS null_cases, SUM(null_times) AS null_times,
  SUM(zoned) AS zoned, SUM(texts) AS texts
FROM jm_by_name
"""

CASES = """
SELECT a.c, p.path, a.off_map, a.mask, a.first_s, a.last_s
FROM (
  SELECT c,
    MAX(CASE WHEN :off_map THEN 1 ELSE 0 END) AS off_map,
    BIT_OR(CAST(1 AS BIGINT) << s) AS mask,
    MAX(CASE WHEN rn = 1 THEN s END) AS first_s,
    MAX(CASE WHEN next_s IS NULL THEN s END) AS last_s
  FROM jm_seq
  GROUP BY c
) AS a
JOIN (
  SELECT c, STRING_AGG(CAST(s AS VARCHAR), '.' ORDER BY rn) AS path
  FROM jm_seq
  WHERE next_s IS NULL OR next_s <> s
  GROUP BY c
) AS p ON p.c = a.c
"""
"""A case's path is its steps with repeats collapsed: the last event of each run of one step
(the same string as the first of each run), aggregated apart so only those rows are sorted;
every case has a last event, so the join keeps every case."""

PATHS = """
SELECT path, COUNT(*) AS cases, MAX(off_map) AS off_map
FROM jm_cases
GROUP BY path
"""

REACH_BY_MASK = """
SELECT m.s, COUNT(*) AS reach
FROM jm_cases
JOIN :steps ON (jm_cases.mask >> m.s) % 2 = 1
GROUP BY m.s
"""

REACH_BY_PAIRS = """
SELECT s, COUNT(*) AS reach FROM (SELECT c, s FROM jm_seq GROUP BY c, s) AS g GROUP BY s
"""

STEPS = """
SELECT n.s, COALESCE(r.reach, 0) AS reach, n.occurrences,
  COALESCE(a.starts, 0) AS starts, COALESCE(b.ends, 0) AS ends
FROM :occurrences AS n
LEFT JOIN jm_reach AS r ON r.s = n.s
LEFT JOIN (SELECT first_s AS s, COUNT(*) AS starts FROM jm_cases GROUP BY first_s) AS a
  ON a.s = n.s
LEFT JOIN (SELECT last_s AS s, COUNT(*) AS ends FROM jm_cases GROUP BY last_s) AS b
  ON b.s = n.s
ORDER BY n.s
"""

OCCURRENCES = "SELECT s, COUNT(*) AS occurrences FROM jm_seq GROUP BY s"
"""Events per step (s, occurrences), for STEPS; DuckDB's lists count them their own way."""

TOTALS = """
SELECT COUNT(*) AS events, SUM(CASE WHEN rn = 1 THEN 1 ELSE 0 END) AS cases,
  MIN(t) AS first_t, MAX(t) AS last_t
FROM jm_seq
"""

GAPS = """
SELECT s,
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY g) AS median,
  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY g) AS p90
FROM (SELECT s, (next_t - t) / 1000000.0 AS g FROM jm_seq WHERE next_s <> s) AS x
GROUP BY s
ORDER BY s
"""

PAIRS = """
SELECT s, next_s, COUNT(*) AS cases, SUM(n) AS occurrences
FROM (
  SELECT c, s, next_s, COUNT(*) AS n
  FROM jm_seq
  WHERE next_s IS NOT NULL
  GROUP BY c, s, next_s
) AS x
GROUP BY s, next_s
ORDER BY s, next_s
"""

COVERAGE = """
SELECT SUM(events) AS events, SUM(claimed) AS claimed, COUNT(name) AS names,
  SUM(CASE WHEN claimed > 0 AND name IS NOT NULL THEN 1 ELSE 0 END) AS claimed_names
FROM jm_by_name
"""

UNCLAIMED = """
SELECT name, events - claimed AS unclaimed
FROM jm_by_name
WHERE events > claimed AND name IS NOT NULL
ORDER BY unclaimed DESC, name
LIMIT :top
"""

VARIANT_TOTALS = """
SELECT COUNT(*) AS distinct_paths, SUM(cases) AS cases,
  SUM(CASE WHEN off_map = 0 THEN cases ELSE 0 END) AS conforming,
  SUM(CASE WHEN cases < :min_cases THEN 1 ELSE 0 END) AS suppressed
FROM jm_paths
"""

VARIANTS = """
SELECT path, cases, off_map
FROM jm_paths
WHERE cases >= :min_cases
ORDER BY cases DESC, path
LIMIT :top
"""

FUNNEL_FIRST = """
SELECT c, MIN(t) AS start, MIN(rn) AS rn, MIN(t) AS t FROM jm_seq WHERE s = :step GROUP BY c
"""

FUNNEL_NEXT = """
SELECT f.c, f.start, MIN(k.rn) AS rn, MIN(k.t) AS t
FROM :prev AS f
JOIN jm_seq AS k ON k.c = f.c AND k.s = :step AND k.rn > f.rn AND k.t <= f.start + :window
GROUP BY f.c, f.start
"""

FUNNEL_ROW = """
SELECT :i AS i, COUNT(*) AS cases,
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY (t - start) / 1000000.0) AS median_seconds
FROM :source
"""

FUNNEL = "SELECT * FROM :rows AS f ORDER BY i"

EMPTY_FUNNEL = "SELECT 0 AS i, 0 AS cases, NULL AS median_seconds WHERE 1 = 0"
