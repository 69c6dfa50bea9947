"""The analytics stage's failures: each is one line for the user, never a traceback."""

from __future__ import annotations


class AnalyticsError(Exception):
    """Bad input to `measure` (a log, a column, a binding); exit 2."""


class Interrupted(Exception):
    """The user stopped a measurement (Ctrl-C); exit 130."""
