"""Journey analytics: measure maps against an event log (a stage beside the compiler).

    binding   step -> event selectors, from the map and journeymap.toml [analytics]
    query     one logical query, built once with sqlglot, engine-neutral
    engines   run it (DuckDB embedded by default); only aggregates come back
    measures  the measures model and its JSON file (schemas/measures.schema.json)

Nothing here imports layout, render or the CLI; renderers read measures files only.
"""
