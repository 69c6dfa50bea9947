"""Original line icons on a 24-unit grid, inlined as SVG symbols so maps need no icon font."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

CHANNEL_ICONS: tuple[str, ...] = (
    "web",
    "app",
    "email",
    "phone",
    "chat",
    "social",
    "ads",
    "store",
    "mail",
    "sms",
    "loyalty",
    "other",
)

_CHANNELS: dict[str, tuple[str, ...]] = {
    "web": (
        '<circle cx="12" cy="12" r="9"/>',
        '<ellipse cx="12" cy="12" rx="3.8" ry="9"/>',
        '<path d="M3 12h18"/>',
    ),
    "app": (
        '<rect x="6.5" y="2.5" width="11" height="19" rx="2.5"/>',
        '<path d="M10.5 18.5h3"/>',
    ),
    "email": (
        '<rect x="3" y="5.5" width="18" height="13" rx="2"/>',
        '<polyline points="3.5 7 12 13 20.5 7"/>',
    ),
    "phone": (
        '<path d="M6.5 3.5h2.7l1.5 4.2-2 1.4a11 11 0 0 0 6.2 6.2l1.4-2 4.2 1.5v2.7a2 2 0 0 1-2 2'
        'A15.5 15.5 0 0 1 4.5 5.5a2 2 0 0 1 2-2z"/>',
    ),
    "chat": (
        '<path d="M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v8a2.5 2.5 0 0 1-2.5 2.5H11'
        'l-4.5 3.5V17A2.5 2.5 0 0 1 4 14.5z"/>',
        '<path d="M8.5 10.5h.01"/>',
        '<path d="M12 10.5h.01"/>',
        '<path d="M15.5 10.5h.01"/>',
    ),
    "social": (
        '<circle cx="6" cy="12" r="2.5"/>',
        '<circle cx="18" cy="6" r="2.5"/>',
        '<circle cx="18" cy="18" r="2.5"/>',
        '<path d="M8.2 10.9l7.6-3.8"/>',
        '<path d="M8.2 13.1l7.6 3.8"/>',
    ),
    "ads": (
        '<path d="M3 10v4a1 1 0 0 0 1 1h2.5l7.5 4.5v-15L6.5 9H4a1 1 0 0 0-1 1z"/>',
        '<path d="M7 15.3L8.3 20h2.2l-.8-3.1"/>',
        '<path d="M17 9.5a3.5 3.5 0 0 1 0 5"/>',
        '<path d="M19 7.5a6 6 0 0 1 0 9"/>',
    ),
    "store": (
        '<path d="M3.5 9l1.5-5h14l1.5 5"/>',
        '<path d="M3.5 9a2.13 2.13 0 0 0 4.25 0a2.13 2.13 0 0 0 4.25 0a2.13 2.13 0 0 0 4.25 0'
        'a2.13 2.13 0 0 0 4.25 0z"/>',
        '<path d="M5 11.5V20h14v-8.5"/>',
        '<path d="M10 20v-5h4v5"/>',
    ),
    "mail": (
        '<path d="M12 3l8 4.5v9L12 21l-8-4.5v-9z"/>',
        '<polyline points="4 7.5 12 12 20 7.5"/>',
        '<path d="M12 12v9"/>',
        '<path d="M8 5.3l8 4.5"/>',
    ),
    "sms": (
        '<rect x="3.5" y="6.5" width="10" height="15" rx="2"/>',
        '<path d="M7.5 18.5h2"/>',
        '<path d="M13 2.5h7a1.5 1.5 0 0 1 1.5 1.5v4.5a1.5 1.5 0 0 1-1.5 1.5h-3l-2.5 2.5v-2.5'
        'h-1.5a1.5 1.5 0 0 1-1.5-1.5v-4.5a1.5 1.5 0 0 1 1.5-1.5z"/>',
    ),
    "loyalty": (
        '<rect x="3" y="5" width="18" height="14" rx="2.5"/>',
        '<path d="M12 17l-3.8-3.7a2.45 2.45 0 0 1 3.8-3.1 2.45 2.45 0 0 1 3.8 3.1z"/>',
    ),
    "other": (
        '<circle cx="12" cy="12" r="9"/>',
        '<path d="M8 12h.01"/>',
        '<path d="M12 12h.01"/>',
        '<path d="M16 12h.01"/>',
    ),
}

_MARKERS: dict[str, tuple[str, ...]] = {
    "pain": (
        '<path d="M10.3 4.2L2.8 17.5a2 2 0 0 0 1.7 3h15a2 2 0 0 0 1.7-3'
        'L13.7 4.2a2 2 0 0 0-3.4 0z"/>',
        '<path d="M12 9.5v4.5"/>',
        '<path d="M12 17.3h.01"/>',
    ),
    "opportunity": (
        '<path d="M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2v.1h5v-.1c0-.8.4-1.5 1-2'
        'A6 6 0 0 0 12 3z"/>',
        '<path d="M9.5 18.5h5"/>',
        '<path d="M10.5 21h3"/>',
    ),
    "metric": (
        '<path d="M4 3.5v16.5h16.5"/>',
        '<path d="M8.5 16v-4.5"/>',
        '<path d="M13 16V6.5"/>',
        '<path d="M17.5 16V9.5"/>',
    ),
    "moment": (
        '<polygon points="12 3.2 14.4 9.3 20.9 9.7 15.9 13.9 17.5 20.2 12 16.7 6.5 20.2 8.1 13.9'
        ' 3.1 9.7 9.6 9.3"/>',
    ),
    "fail": (
        '<polygon points="20.8 15.6 15.6 20.8 8.4 20.8 3.2 15.6 3.2 8.4 8.4 3.2 15.6 3.2'
        ' 20.8 8.4"/>',
        '<path d="M12 7.5v5.5"/>',
        '<path d="M12 16.5h.01"/>',
    ),
    "wait": (
        '<path d="M6.5 3.5h11"/>',
        '<path d="M6.5 20.5h11"/>',
        '<path d="M7.5 3.5c0 4 4.5 5.5 4.5 8.5s-4.5 4.5-4.5 8.5"/>',
        '<path d="M16.5 3.5c0 4-4.5 5.5-4.5 8.5s4.5 4.5 4.5 8.5"/>',
    ),
    "thought": (
        '<path d="M8 15a3.5 3.5 0 0 1-.6-6.95A5 5 0 0 1 16.3 6.6 4.2 4.2 0 1 1 17 15z"/>',
        '<circle cx="7" cy="18.8" r="1.4"/>',
        '<path d="M4.3 21.3h.01"/>',
    ),
    "question": (
        '<circle cx="12" cy="12" r="9"/>',
        '<path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.6v.6"/>',
        '<path d="M12 17h.01"/>',
    ),
    "motivation": (
        '<path d="M5.5 21V3.5"/>',
        '<path d="M5.5 4H18l-3 4.25 3 4.25H5.5"/>',
    ),
    "emotion": (
        '<circle cx="12" cy="12" r="9"/>',
        '<path d="M8 14.5a5 5 0 0 0 8 0"/>',
        '<path d="M9 9.5h.01"/>',
        '<path d="M15 9.5h.01"/>',
    ),
    "persona": (
        '<circle cx="12" cy="8" r="4"/>',
        '<path d="M4.5 20.5a7.5 7.5 0 0 1 15 0"/>',
    ),
    "time": (
        '<circle cx="12" cy="12" r="9"/>',
        '<polyline points="12 7 12 12 15.5 14"/>',
    ),
    "place": (
        '<path d="M12 21s-7-6.1-7-11.5a7 7 0 0 1 14 0C19 14.9 12 21 12 21z"/>',
        '<circle cx="12" cy="9.5" r="2.5"/>',
    ),
    "check": ('<polyline points="4.5 12.5 9.5 17.5 19.5 6.5"/>',),
    "new": (
        '<circle cx="12" cy="12" r="9"/>',
        '<path d="M12 8v8"/>',
        '<path d="M8 12h8"/>',
    ),
    "changed": (
        '<path d="M4.5 12A7.5 7.5 0 0 1 17.3 6.7"/>',
        '<polyline points="17.3 3 17.3 6.7 13.6 6.7"/>',
        '<path d="M19.5 12A7.5 7.5 0 0 1 6.7 17.3"/>',
        '<polyline points="6.7 21 6.7 17.3 10.4 17.3"/>',
    ),
    "removed": (
        '<circle cx="12" cy="12" r="9"/>',
        '<path d="M8 12h8"/>',
    ),
    "evidence": (
        '<path d="M6 3h12v18l-2-1.5-2 1.5-2-1.5-2 1.5-2-1.5L6 21z"/>',
        '<path d="M9 8h6"/>',
        '<path d="M9 11.5h6"/>',
        '<path d="M9 15h3.5"/>',
    ),
    "system": (
        '<ellipse cx="12" cy="5.5" rx="7.5" ry="2.8"/>',
        '<path d="M4.5 5.5v13c0 1.55 3.36 2.8 7.5 2.8s7.5-1.25 7.5-2.8v-13"/>',
        '<path d="M4.5 12c0 1.55 3.36 2.8 7.5 2.8s7.5-1.25 7.5-2.8"/>',
    ),
    "link": (
        '<path d="M4 12h15"/>',
        '<polyline points="13 6 19 12 13 18"/>',
    ),
}

ICONS: Mapping[str, tuple[str, ...]] = MappingProxyType({**_CHANNELS, **_MARKERS})

_SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")
_SYMBOL_ATTRS = (
    'viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"'
    ' stroke-linecap="round" stroke-linejoin="round"'
)


def symbol(name: str, symbol_id: str) -> str:
    """An SVG `<symbol>` for `<use>`; ids are checked because they end up in markup."""
    if not _SAFE_ID.fullmatch(symbol_id):
        raise ValueError(f"symbol id may only use A-Z, a-z, 0-9, '_' and '-': {symbol_id!r}")
    body = "".join(ICONS.get(name, ICONS["other"]))
    return f'<symbol id="{symbol_id}" {_SYMBOL_ATTRS}>{body}</symbol>'
