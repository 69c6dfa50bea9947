"""What several exports share: the texts journeymap itself adds, in the map's language."""

from __future__ import annotations

from journeymap.config import BUILTIN_CHANNELS, Project
from journeymap.i18n import Labels
from journeymap.model import Stage


def stage_title(labels: Labels, stage: Stage) -> str:
    """The heading a reader sees: the stage's own title, else its lifecycle phase's title."""
    return stage.title or labels[f"phase.{stage.id}"]


def channel_label(project: Project, labels: Labels, channel_id: str) -> str:
    """The project's label for a channel, else the built-in one, else the id made readable."""
    channel = project.channel(channel_id)
    if channel is not None and channel.label:
        return channel.label
    if channel_id in BUILTIN_CHANNELS:
        return labels[f"channel.{channel_id}"]
    return channel_id.replace("-", " ").capitalize()
