"""The measurement as one logical query: a sqlglot AST, built once, rendered for any engine.

The query reads a relation `jm_log` with four standard columns (an engine makes it from the
user's log: `jm_case`, `jm_event`, `jm_time` as integer microseconds since the epoch in UTC,
`jm_order` or none, `jm_zoned` 1/0 when a text time has/lacks an offset, else null) plus
the columns `where` filters name. It has *stages*, tables an
engine materialises in order (the one costly window runs once), and *results*, small
aggregate selects whose rows are all that leave the engine. Templates are written in
PostgreSQL's dialect, parsed once, and filled with sqlglot nodes (never pasted text), so a
user's column name or event value can never change the statement.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

import sqlglot
from sqlglot import exp

from journeymap.analytics import query_parts as parts
from journeymap.analytics.binding import BindingError, BoundMap
from journeymap.model import EventSelector, EventValue

PAIR = 65536
"""Edges are encoded as `source * PAIR + target`: one integer compare, in every engine."""
MASK_STEPS = 62
TOP_VARIANTS = 20
TOP_UNCLAIMED = 10
TEXT, NUMBER, BOOLEAN = "text", "number", "boolean"
WITH_KEY = "with_" if "with_" in exp.Select.arg_types else "with"
"""The key of a select's WITH clause (sqlglot 30 renamed it)."""


@dataclass(frozen=True, slots=True)
class Part:
    """One statement: a stage (materialised as a temporary table) or a result (rows)."""

    name: str
    select: exp.Expr
    stage: bool = False

    @property
    def result(self) -> bool:
        return not self.stage

    def sql(self, dialect: str) -> str:
        return _create(self.name, self.select, dialect) if self.stage else self.select.sql(dialect)


class Plan(NamedTuple):
    bound: BoundMap
    kinds: dict[str, str]
    ordered: bool
    window_seconds: int


@dataclass(frozen=True)
class LogicalQuery:
    """Parts in the order an engine runs them. The `checks` result comes before the costly
    stages, so a bad log is refused before the window runs."""

    parts: tuple[Part, ...]
    plan: Plan | None = None
    """What the query was built from, for an engine that computes some parts its own way."""

    @property
    def stages(self) -> list[str]:
        return [part.name for part in self.parts if part.stage]

    def statements(self, dialect: str) -> list[tuple[str, str]]:
        return [(part.name, part.sql(dialect)) for part in self.parts]


def build_query(
    bound: BoundMap,
    *,
    kinds: dict[str, str],
    ordered: bool,
    window_seconds: int,
    min_cases: int,
) -> LogicalQuery:
    """The whole measurement of one map. `kinds` says whether each `where` column holds
    text, numbers or booleans, so values compare as the log stores them. Built once per
    process for the same arguments (emitting every dialect reuses it): callers render its
    trees and never change them."""
    kind_items = tuple(sorted(kinds.items()))
    return _built(bound, kind_items, ordered, window_seconds, min_cases, MASK_STEPS)


@functools.lru_cache(maxsize=16)
def _built(
    bound: BoundMap,
    kind_items: tuple[tuple[str, str], ...],
    ordered: bool,
    window_seconds: int,
    min_cases: int,
    mask_steps: int,
) -> LogicalQuery:
    kinds = dict(kind_items)
    plain, filtered = _split_names(bound)
    seq = _fill(
        parts.SEQ.format(order=_order(bound, ordered)), kept=kept_events(bound, kinds).subquery()
    )
    claimed = (
        exp.or_(
            *(
                _selector(x, kinds)
                for st in bound.steps
                for x in st.selectors
                if x.event in filtered
            )
        )
        if filtered
        else exp.false()
    )
    plain_names = [exp.Literal.string(n) for n in sorted(plain)] or [exp.Literal.string("")]
    by_name = _fill(parts.BY_NAME, filtered=claimed, plain=exp.Tuple(expressions=plain_names))
    limit = exp.Literal.number(min_cases)
    parts_in_order = (
        Part("jm_by_name", by_name, stage=True),
        Part("checks", _parse(parts.CHECKS)),
        Part("jm_seq", seq, stage=True),
        Part("jm_cases", _fill(parts.CASES, off_map=_off_map(bound)), stage=True),
        Part("jm_paths", _parse(parts.PATHS), stage=True),
        Part("jm_reach", _reach(bound, mask_steps), stage=True),
        Part("totals", _parse(parts.TOTALS)),
        Part("steps", steps_select(parts.OCCURRENCES)),
        Part("gaps", _parse(parts.GAPS)),
        Part("pairs", _parse(parts.PAIRS)),
        Part("coverage", _parse(parts.COVERAGE)),
        Part("unclaimed", _fill(parts.UNCLAIMED, top=exp.Literal.number(TOP_UNCLAIMED))),
        Part("variant_totals", _fill(parts.VARIANT_TOTALS, min_cases=limit)),
        Part(
            "variants",
            _fill(parts.VARIANTS, min_cases=limit, top=exp.Literal.number(TOP_VARIANTS)),
        ),
        Part("funnel", _funnel(bound.funnel, window_seconds * 1_000_000)),
    )
    return LogicalQuery(parts_in_order, Plan(bound, kinds, ordered, window_seconds))


def steps_select(occurrences: str) -> exp.Expr:
    """The per-step result (reach, occurrences, starts, ends), its occurrences from the
    select `occurrences` (s, occurrences): one shape for every engine and path."""
    return _fill(parts.STEPS, occurrences=exp.paren(_parse(occurrences)))


def kept_events(bound: BoundMap, kinds: dict[str, str]) -> exp.Select:
    """The log's events as (c, t, o, s): each claimed name joined to its step."""
    plain, filtered = _split_names(bound)
    mapping = exp.values(
        [(name, plain.get(name, -1)) for name in bound.event_names()],
        alias="m",
        columns=["name", "s"],
    )
    kept = _fill(parts.KEPT, mapping=mapping, step=_step_expression(bound, kinds, filtered))
    assert isinstance(kept, exp.Select)
    return kept


def _create(name: str, select: exp.Expr, dialect: str) -> str:
    create = exp.Create(
        this=exp.to_table(name),
        kind="TABLE",
        expression=select.copy(),
        replace=True,
        properties=exp.Properties(expressions=[exp.TemporaryProperty()]),
    )
    return create.sql(dialect)


@functools.cache
def _template(sql: str) -> exp.Expr:
    return sqlglot.parse_one(sql, read="postgres")


def _parse(sql: str) -> exp.Expr:
    return _template(sql).copy()


def _fill(sql: str, **values: exp.Expr) -> exp.Expr:
    """The template with its `:name` placeholders replaced, in one copy of the tree."""

    def fill(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Placeholder) and node.name in values:
            return values[node.name]
        return node

    return _template(sql).transform(fill)


def _split_names(bound: BoundMap) -> tuple[dict[str, int], set[str]]:
    """Event names any `where` filter mentions need a per-row test; every other name maps
    to its first claiming step through a small join (much cheaper than a CASE per row)."""
    filtered = {x.event for st in bound.steps for x in st.selectors if x.where}
    plain: dict[str, int] = {}
    for step in bound.steps:
        for selector in step.selectors:
            if selector.event not in filtered:
                plain.setdefault(selector.event, step.index)
    return plain, filtered


def _order(bound: BoundMap, ordered: bool) -> str:
    """The order of a case's events: time, the --order column, then the step's position in
    the map (so ties never depend on row order, in any engine). Without an order column,
    time and step fold into one integer key, which sorts faster."""
    if ordered:
        return "t, o, s"
    bits = max(1, (len(bound.steps) - 1).bit_length())
    return "t, s" if bits > 10 else f"t * {2**bits} + s"


def _step_expression(bound: BoundMap, kinds: dict[str, str], filtered: set[str]) -> exp.Expr:
    """The step of an event whose name a filter mentions: the first step (in map order)
    with a matching selector; null when none matches."""
    if not filtered:
        return exp.null()
    case = exp.Case()
    for step in bound.steps:
        mine = [_selector(x, kinds) for x in step.selectors if x.event in filtered]
        if mine:
            case = case.when(exp.or_(*mine), exp.Literal.number(step.index))
    return case


def _selector(selector: EventSelector, kinds: dict[str, str]) -> exp.Expr:
    condition: exp.Expr = exp.column("jm_event").eq(exp.Literal.string(selector.event))
    for column, values in selector.where:
        kind = kinds.get(column, TEXT)
        literals = [_literal(column, kind, v) for v in values]
        condition = exp.and_(condition, exp.column(column, quoted=True).isin(*literals))
    return exp.paren(condition)


def _literal(column: str, kind: str, value: EventValue) -> exp.Expr:
    """A `where` value as the column's type: numbers compare as numbers, text as text."""
    if kind == BOOLEAN:
        if isinstance(value, bool) or str(value).lower() in ("true", "false"):
            return exp.Boolean(this=value if isinstance(value, bool) else value == "true")
    elif kind == NUMBER:
        number = _number(value)
        if number is not None:
            return exp.Literal.number(repr(number) if isinstance(number, float) else number)
    else:
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        return exp.Literal.string(text)
    raise BindingError(f"where: column {column!r} holds {kind}s, and {value!r} is not one")


def _number(value: EventValue) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _reach(bound: BoundMap, mask_steps: int) -> exp.Expr:
    """Distinct cases per step, from each case's bit mask of steps seen (one row per case
    instead of one per case and step); maps of more than 62 bound steps count pairs."""
    if len(bound.steps) > mask_steps:
        return _parse(parts.REACH_BY_PAIRS)
    steps = exp.values([(step.index,) for step in bound.steps], alias="m", columns=["s"])
    return _fill(parts.REACH_BY_MASK, steps=steps)


def _off_map(bound: BoundMap) -> exp.Expr:
    """True on an event whose next step differs and the map draws no such edge."""
    moved = _parse("next_s IS NOT NULL AND next_s <> s")
    if not bound.edges:
        return moved
    declared = [exp.Literal.number(e.source * PAIR + e.target) for e in bound.edges]
    pair = _parse(f"s * {PAIR} + next_s")
    return exp.and_(moved, exp.not_(pair.isin(*declared)))


def _funnel(path: tuple[int, ...], window_us: int) -> exp.Expr:
    """Ordered, first-touch funnel: a case enters at its first event of the path's first
    step; each later step is its first event after the previous step's, no later than the
    window after entering. One CTE per step; the result is one row per step. Built from
    parsed templates (no text is parsed per step: a long path stays quick to emit)."""
    if not path:
        return _parse(parts.EMPTY_FUNNEL)
    number = exp.Literal.number
    ctes = [_cte("f0", _fill(parts.FUNNEL_FIRST, step=number(path[0])))]
    for i, step in enumerate(path[1:], start=1):
        select = _fill(
            parts.FUNNEL_NEXT,
            prev=exp.to_identifier(f"f{i - 1}"),
            step=number(step),
            window=number(window_us),
        )
        ctes.append(_cte(f"f{i}", select))
    rows: exp.Expr = _fill(parts.FUNNEL_ROW, i=number(0), source=exp.to_identifier("f0"))
    for i in range(1, len(path)):
        row = _fill(parts.FUNNEL_ROW, i=number(i), source=exp.to_identifier(f"f{i}"))
        rows = exp.union(rows, row, distinct=False, copy=False)
    funnel = _fill(parts.FUNNEL, rows=exp.paren(rows))
    funnel.set(WITH_KEY, exp.With(expressions=ctes))
    return funnel


def _cte(name: str, select: exp.Expr) -> exp.CTE:
    return exp.CTE(this=select, alias=exp.TableAlias(this=exp.to_identifier(name)))
