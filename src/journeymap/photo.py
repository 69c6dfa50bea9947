"""A persona's photo: a small local image, checked by its first bytes and embedded whole.

The photo is read once, by the resolve stage, from a path that the same rules as every other
reference keep inside the project root; the pages carry it as a `data:` URI, so a site stays
one folder with no request. Anything else (another type, a file too large) is one JM211.
"""

from __future__ import annotations

import base64
from pathlib import Path

MAX_BYTES = 256 * 1024
_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def image_type(head: bytes) -> str | None:
    """The image's media type from its first bytes; None for anything but the four kinds."""
    for magic, media in _TYPES:
        if head.startswith(magic):
            return media
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def read_photo(path: Path, value: str) -> tuple[str | None, str | None]:
    """(data URI, None) for a good photo, else (None, the problem in one sentence)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            kb = -(-size // 1024)
            return None, f"photo {value!r} is {kb} KB; a persona photo may be at most 256 KB"
        data = path.read_bytes()
    except OSError as exc:
        return None, f"photo {value!r} cannot be read ({exc.strerror or exc})"
    media = image_type(data[:16])
    if media is None:
        return None, f"photo {value!r} is not a PNG, JPEG, GIF or WebP image"
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}", None
