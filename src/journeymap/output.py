"""Output stage: files appear whole or not at all."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path


def is_stream(path: Path) -> bool:
    """`-o /dev/null`, `-o /dev/stdout` or a FIFO: a target to write into, never to rename
    over (as root, a rename would replace the device node itself)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def publish(temporary: str | Path, path: Path) -> None:
    """Move a finished temporary file to `path`: a rename, or a copy into a stream."""
    if is_stream(path):
        with open(temporary, "rb") as source, open(path, "wb") as target:
            shutil.copyfileobj(source, target)
        os.unlink(temporary)
    else:
        os.replace(temporary, path)


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`.

    Readers never see a partial file either way; `durable` also survives a power cut, at a
    few milliseconds per file, which a site of thousands of regenerable files does without.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if is_stream(path):
        with open(path, "wb") as stream:
            stream.write(payload)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
