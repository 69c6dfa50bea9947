"""An exact PERCENTILE_CONT for dialects that lack the ordered-set aggregate (BigQuery has
it only as a window function, Trino only approximately).

The select is rewritten over a subquery that numbers each group's values (ROW_NUMBER) and
counts them; the percentile is then the same linear interpolation every engine uses:
v[lo] + (p * (n - 1) - lo) * (v[hi] - v[lo]), lo/hi the floor/ceiling of p * (n - 1).
"""

from __future__ import annotations

from sqlglot import exp


def exact_percentiles(tree: exp.Expr, *, copy: bool = True) -> exp.Expr:
    tree = tree.copy() if copy else tree
    for select in list(tree.find_all(exp.Select)):
        found = [w for w in select.selects if _percentile(w.unalias())]
        if found:
            _rewrite(select)
    return tree


def _percentile(node: exp.Expr) -> bool:
    return (
        isinstance(node, exp.WithinGroup)
        and isinstance(node.this, exp.PercentileCont)
        and isinstance(node.expression, exp.Order)
    )


def _rewrite(select: exp.Select) -> None:
    keys = [
        k.copy() for k in (select.args["group"].expressions if select.args.get("group") else [])
    ]
    value: exp.Expr | None = None
    for node in list(select.find_all(exp.WithinGroup)):
        if not _percentile(node):
            continue
        order = node.expression
        assert isinstance(order, exp.Order)
        value = order.expressions[0].this.copy()
        node.replace(_interpolate(node.this.this.copy()))
    if value is None:
        return
    window_order = exp.Order(expressions=[exp.Ordered(this=value.copy(), nulls_first=False)])
    partition = keys or None
    number = exp.Window(this=exp.RowNumber(), partition_by=partition, order=window_order.copy())
    count = exp.Window(
        this=exp.Count(this=value.copy()), partition_by=[k.copy() for k in keys] or None
    )
    source = select.args["from_"].this.copy()
    inner = exp.select(
        "*",
        exp.alias_(value, "jm_g"),
        exp.alias_(exp.Sub(this=number, expression=exp.Literal.number(1)), "jm_r"),
        exp.alias_(count, "jm_n"),
    ).from_(source)
    where = select.args.get("where")
    if where is not None:
        inner = inner.where(where.this.copy())
        select.set("where", None)
    select.set("from_", exp.From(this=inner.subquery("jm_p")))


def _interpolate(p: exp.Expr) -> exp.Expr:
    n = exp.Max(this=exp.column("jm_n"))
    position = exp.Mul(
        this=p.copy(), expression=exp.paren(exp.Sub(this=n, expression=exp.Literal.number(1)))
    )
    low = exp.Floor(this=position.copy())
    high = exp.Ceil(this=position.copy())

    def value_at(rank: exp.Expr) -> exp.Expr:
        hit = exp.Case().when(
            exp.EQ(this=exp.column("jm_r"), expression=_per_row(rank)), exp.column("jm_g")
        )
        return exp.Max(this=hit)

    lo, hi = value_at(low), value_at(high)
    fraction = exp.Sub(this=position.copy(), expression=low.copy())
    spread = exp.paren(exp.Sub(this=hi, expression=lo.copy()))
    return exp.Add(this=lo, expression=exp.Mul(this=exp.paren(fraction), expression=spread))


def _per_row(rank: exp.Expr) -> exp.Expr:
    """Inside the CASE (per row) the group's count is the row's jm_n, not MAX(jm_n)."""
    rank = rank.copy()
    for node in list(rank.find_all(exp.Max)):
        node.replace(exp.column("jm_n"))
    return rank
