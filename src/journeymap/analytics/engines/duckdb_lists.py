"""DuckDB's fast path: the same result rows as the logical query, from one list per case.

The logical query orders every kept event in one window (a sort of the whole log by case
and time). Here each case's events are gathered into one list of integer keys
`t * 2^bits + step` (a hash aggregate, no global sort), each short list is sorted on its
own, and every measure is read off the sorted lists: pairs of neighbours, runs of one
step, the funnel as successive `list_position`s. A large log is read once into a compact
(case, key) table and gathered one bucket of cases at a time, so nothing spills; counts
of disjoint buckets add up, and the values percentiles need are kept whole. Only DuckDB
has these list functions; the tests compare both paths' measures byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.analytics import query as logical
from journeymap.analytics.binding import DeclaredEdge
from journeymap.analytics.engines import duckdb_lists_sql as sql
from journeymap.analytics.query import PAIR, LogicalQuery, Part, kept_events, steps_select

BYTES_PER_EVENT = 160
"""Memory per kept event in a bucket of cases: DuckDB's limit over this is the bucket's
size. On 100 M events (90 M kept) with a 3 GB limit (2.7 GiB), 18 M a bucket (5 buckets)
took 25 s on average, 15 M 27 s, 12 M 29 s, 23 M 26 s and 30 M 27 s, peak RSS 3.0-3.2 GB."""
MIN_BUCKET = 1_000_000
"""However small the memory limit, a bucket is not made smaller than this."""
_PER_BUCKET = ("jm_cases", "jm_pair_counts", "jm_gap_values", "jm_funnel_values")


@dataclass(frozen=True, slots=True)
class Statement:
    """One DuckDB statement: a stage (a table), an action (insert, drop) or a result."""

    name: str
    text: str
    stage: bool = False
    action: bool = False

    @property
    def result(self) -> bool:
        return not self.stage and not self.action

    def sql(self, dialect: str) -> str:
        if self.stage:
            return f"CREATE OR REPLACE TEMPORARY TABLE {self.name} AS {self.text}"
        return self.text


Step = Part | Statement


class ListsPlan:
    """The logical query's checks first (`head`); once they have counted the events steps
    claim, `rest` says how many buckets of cases to gather and computes the measures."""

    def __init__(self, query: LogicalQuery) -> None:
        assert query.plan is not None
        bound, kinds, _, window_seconds = query.plan
        names = [part.name for part in query.parts]
        cut = names.index("checks") + 1
        self.head: list[Step] = list(query.parts[:cut])
        self._after = query.parts[cut:]
        self._bits = max(1, (len(bound.steps) - 1).bit_length())
        self._kept = kept_events(bound, kinds).sql("duckdb")
        self._off_map = _off_map(bound.edges, len(bound.steps))
        self._funnel = _funnel_values(self, bound.funnel, window_seconds * 1_000_000)

    def fill(self, template: str, **more: str) -> str:
        return template.format(m=2**self._bits - 1, b=self._bits, pair=PAIR, **more)

    def rest(self, kept: int, memory_bytes: int) -> list[Step]:
        """The statements after the checks, for `kept` events and DuckDB's memory limit."""
        per_bucket = max(MIN_BUCKET, memory_bytes // BYTES_PER_EVENT)
        buckets = max(1, -(-kept // per_bucket))
        out: list[Step] = []
        for part in self._after:
            if part.name == "jm_seq":
                out += self._gather(buckets)
            elif part.name != "jm_cases":
                out.append(self._replaced.get(part.name, part))
        return out

    @property
    def _replaced(self) -> dict[str, Step]:
        return {
            "totals": Statement("totals", sql.TOTALS),
            "steps": Statement("steps", steps_select(sql.OCCURRENCES).sql("duckdb")),
            "gaps": Statement("gaps", sql.GAPS),
            "pairs": Statement("pairs", "SELECT * FROM jm_pairs ORDER BY s, next_s"),
            "funnel": Statement("funnel", sql.FUNNEL),
        }

    def _gather(self, buckets: int) -> list[Step]:
        keys = self.fill(sql.KEYS, kept=self._kept, width=str(2**self._bits))
        out: list[Step] = []
        if buckets > 1:
            out.append(Statement("jm_keys", keys, stage=True))
            keys = "SELECT c, k FROM jm_keys"
        per_bucket = {
            "jm_cases": self.fill(sql.CASES, off_map=self._off_map),
            "jm_pair_counts": self.fill(sql.PAIR_COUNTS),
            "jm_gap_values": self.fill(sql.GAP_VALUES),
            "jm_funnel_values": self._funnel,
        }
        for bucket in range(buckets):
            where = f"WHERE c % {buckets} = {bucket}" if buckets > 1 else ""
            out.append(Statement("jm_lists", sql.LISTS.format(keys=keys, bucket=where), True))
            for name in _PER_BUCKET:
                text = per_bucket[name]
                first = bucket == 0
                out.append(
                    Statement(name, text, stage=True)
                    if first
                    else Statement(name, f"INSERT INTO {name} {text}", action=True)
                )
        for name in ("jm_keys", "jm_lists"):
            out.append(Statement(name, f"DROP TABLE IF EXISTS {name}", action=True))
        out.append(Statement("jm_pairs", sql.PAIRS, stage=True))
        return out


def lists_plan(query: LogicalQuery) -> ListsPlan | None:
    """The fast path, or None where it does not apply: keys pack time and step into one
    integer (so no --order column), and a case's steps fit a mask."""
    if query.plan is None:
        return None
    bound, _, ordered, _ = query.plan
    if ordered or not 0 < len(bound.steps) <= logical.MASK_STEPS:
        return None
    return ListsPlan(query)


def _off_map(edges: tuple[DeclaredEdge, ...], steps: int) -> str:
    """1 when a case moves between two steps along an edge the map does not draw. Each
    source step's drawn targets are one bit mask (steps fit one, see lists_plan), so a
    move is one shift and one AND; testing each move against the list of drawn edges
    cost eight times as much on a 40-step map."""
    masks = [0] * steps
    for edge in edges:
        masks[edge.source] |= 1 << edge.target
    drawn = ", ".join(str(mask) for mask in masks)
    moves = (
        f"list_transform(range(1, len(runs)), "
        f"lambda i: ((([{drawn}]::BIGINT[])[runs[i] + 1] >> runs[i + 1]) & 1) = 1)"
    )
    return f"CASE WHEN list_bool_and({moves}) IS FALSE THEN 1 ELSE 0 END"


def _funnel_values(plan: ListsPlan, path: tuple[int, ...], window_us: int) -> str:
    """(i, seconds from entering) of each case's first touch of each step of the path."""
    if not path:
        return sql.EMPTY_FUNNEL_VALUES
    inner = plan.fill(sql.FUNNEL_FIRST, step=str(path[0]))
    for i, step in enumerate(path[1:], start=1):
        inner = plan.fill(
            sql.FUNNEL_NEXT, i=str(i), prev=str(i - 1), step=str(step), window=str(window_us),
            inner=inner,
        )  # fmt: skip
    times = ", ".join(
        plan.fill("((ks[q{i}] >> {b}) - start) / 1000000.0", i=str(i)) for i in range(len(path))
    )
    return sql.FUNNEL_VALUES.format(count=len(path), times=times, inner=inner)
