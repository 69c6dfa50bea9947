"""Engines run the logical query where the data is; only aggregate rows come back."""
