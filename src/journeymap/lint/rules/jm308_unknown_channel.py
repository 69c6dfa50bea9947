"""A touchpoint's channel is neither built in nor in the project's channel catalogue.

**Why**: channels are compared across maps (the channel-by-stage matrix). A channel spelled
differently in each map (`web`, `website`, `site`) splits that picture.

**Anti-pattern**: `touchpoints: [{channel: whatsapp, name: Support chat}]` with no
`[channels.whatsapp]` in journeymap.toml.

**Best practice**: use a built-in channel (web, app, email, phone, chat, social, ads, store,
mail, sms, loyalty, other) or declare the project's own in journeymap.toml:

```toml
[channels.whatsapp]
label = "WhatsApp"
icon = "chat"
```
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from journeymap.config import BUILTIN_CHANNELS
from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM308"
NAME = "unknown-channel"
SEVERITY = "warning"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    known = [*BUILTIN_CHANNELS, *context.project.channels]
    for _, step in journey.steps():
        for index, point in enumerate(step.touchpoints):
            if point.channel not in known:
                close = difflib.get_close_matches(point.channel, known, n=1)
                hint = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else "declare it under [channels] in journeymap.toml"
                )
                yield Finding(
                    (*step.at, "touchpoints", index, "channel"),
                    f"channel {point.channel!r} is not in the catalogue",
                    hint,
                )
