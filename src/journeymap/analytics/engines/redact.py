"""Errors from a database name the server, never the password: every message that leaves
an engine goes through `redact` (a DSN's password, `password=...`, `user:pass@`, and the
PGPASSWORD value, a Spark Connect `token=` are replaced by ***)."""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

_KEYWORD = re.compile(r"((?:password|token)\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)
_URL = re.compile(r"(\w[\w+.-]*://[^:/@\s]*:)([^@\s]*)(@)")


def secrets_of(dsn: str | None) -> list[str]:
    """The password strings a DSN (URL or key=value) or the environment carries."""
    found = [os.environ.get("PGPASSWORD", "")]
    if dsn:
        found += [m.group(2).strip("'") for m in _KEYWORD.finditer(dsn)]
        if "://" in dsn:
            try:
                password = urlsplit(dsn).password
            except ValueError:
                password = None
            if password:
                found += [password, unquote(password)]
        found += [m.group(2) for m in _URL.finditer(dsn)]
    return sorted({s for s in found if s}, key=len, reverse=True)


def redact(text: str, dsn: str | None = None) -> str:
    """`text` on one line, with every password it could contain replaced."""
    for secret in secrets_of(dsn):
        text = text.replace(secret, "***")
    text = _KEYWORD.sub(r"\1***", text)
    text = _URL.sub(r"\1***\3", text)
    return " ".join(text.split())[:400]
