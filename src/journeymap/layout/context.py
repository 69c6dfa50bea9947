"""What every layout function needs besides the map: theme, labels, channels, text helpers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from journeymap.config import BUILTIN_CHANNELS, Channel
from journeymap.i18n import Labels, labels
from journeymap.text import clean_text, line_height, wrap
from journeymap.theme import Theme, for_locale


def clean(text: str) -> str:
    """Text under the character policy (journeymap.text.clean). Model text already is; this is
    for text from elsewhere (journeymap.toml labels, composed lines). U+200B stays: it is a
    break opportunity for `wrap`, and the SVG writer removes it from what it draws."""
    return clean_text(text)


@dataclass(frozen=True)
class Context:
    theme: Theme
    labels: Labels
    channels: Mapping[str, Channel] = field(default_factory=dict)

    @property
    def size(self) -> float:
        return self.theme.font_size

    @property
    def small(self) -> float:
        return round(self.theme.font_size * 0.85, 1)

    def lines(
        self, text: str, width: float, size: float, *, bold: bool = False, max_lines: int = 6
    ) -> tuple[str, ...]:
        return tuple(wrap(clean(text), width, size, bold=bold, max_lines=max_lines))

    def line_height(self, size: float) -> float:
        return line_height(size)

    def channel(self, channel_id: str) -> tuple[str, str]:
        """The label and icon of a channel: project catalogue first, then the built-ins."""
        known = self.channels.get(channel_id)
        if known is not None:
            label = known.label or self._builtin_label(channel_id)
            return label, known.icon
        if channel_id in BUILTIN_CHANNELS:
            return self.labels[f"channel.{channel_id}"], channel_id
        return channel_id.replace("-", " ").capitalize(), "other"

    def _builtin_label(self, channel_id: str) -> str:
        if channel_id in BUILTIN_CHANNELS:
            return self.labels[f"channel.{channel_id}"]
        return channel_id.replace("-", " ").capitalize()


def make_context(
    *, locale: str, theme: Theme, channels: Mapping[str, Channel] | None = None
) -> Context:
    return Context(theme=for_locale(theme, locale), labels=labels(locale), channels=channels or {})


def baseline(top: float, index: int, size: float, line_height: float) -> float:
    """Baseline of line `index` in a block whose first line box starts at `top`."""
    return top + index * line_height + line_height / 2 + 0.35 * size


def format_number(value: float | str, labels: Labels) -> str:
    """A number as the map's locale writes it (CLDR, `Labels.number`); text as written."""
    return value if isinstance(value, str) else labels.number(value)


def is_fraction_metric(name: str) -> bool:
    return name.endswith(("_rate", "_share", "_ratio")) or name in ("rate", "share", "conversion")


def metric_value(name: str, value: float | str, labels: Labels) -> str:
    """Rates and shares (0..1) as percentages; everything else as a number of the locale."""
    if isinstance(value, int | float) and is_fraction_metric(name) and 0 <= value <= 1:
        return labels.percent(value)
    return format_number(value, labels)


def humanize(name: str) -> str:
    """A metric's name as its author wrote it, underscores read as spaces: `completion_rate`
    is "completion rate", `date` stays "date". Changing its case would guess wrong (`date`
    is no acronym, `nps` may be one), so the author decides."""
    return name.replace("_", " ").strip()
