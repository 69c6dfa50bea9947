"""Building one map: check it, render its views, write them into the site.

Runs in worker processes. Each worker writes its own files and sends back only the small
cache entry, never the rendered bytes or the parsed map.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from journeymap.config import Project, load_project
from journeymap.diagnostics import Severity, at
from journeymap.model import JourneyMap
from journeymap.pipeline import Session, check_file, open_session
from journeymap.rendering import Request, context_for, render_journey, write_files
from journeymap.site.cache import Entry
from journeymap.site.summary import summarize

MAPS_DIR = "maps"


@dataclass
class Job:
    """A map to build: its path relative to the project root, and its page in the site."""

    relative: str
    page: str
    digest: str


class Worker:
    """One project's session, kept for all the maps a process builds."""

    def __init__(self, root: Path, site: Path, measures: Path | None = None) -> None:
        self.project: Project = load_project(root)[0]
        self.session: Session = open_session(self.project)
        self.site = site
        self.measures = measures

    def build(self, job: Job) -> Entry:
        path = self.project.root / job.relative
        checked = check_file(path, self.session)
        deps = [self._relative(p) for p in self.session.resolver.dependencies(path)]
        entry = Entry(
            job.digest, sorted(deps), [], None, [d.as_data() for d in checked.diagnostics]
        )
        entry.kind, entry.map_id = checked.kind, checked.doc_id
        entry.id_position = list(checked.id_position) if checked.id_position else None
        errors = any(d.severity is Severity.ERROR for d in checked.diagnostics)
        if checked.journey is not None and not errors:
            self._draw(checked.journey, checked.display, job, entry)
        return entry

    def _draw(self, journey: JourneyMap, display: str, job: Job, entry: Entry) -> None:
        """Render the map's views into the site; what cannot be drawn or written is an error."""
        home = "../" * job.page.count("/")
        request = Request(home=home, measures=self.measures)
        rendered = render_journey(journey, self.project, request)
        problems = [at(display, 0, 0, "JM020", failure) for failure in rendered.failures]
        folder = PurePosixPath(job.page).parent
        names, unwritten = write_files(
            rendered.files, self.site / folder, display, shown=folder, durable=False
        )
        entry.outputs.extend(str(folder / name) for name in names)
        entry.diagnostics.extend(d.as_data() for d in problems + unwritten)
        ctx = context_for(journey, self.project)
        based_on = (
            self._relative(Path(journey.based_on.path).resolve()) if journey.based_on else None
        )
        summary = summarize(
            journey,
            ctx,
            page=job.page,
            path=job.relative,
            based_on=based_on,
            measured=rendered.measured,
        )
        entry.summary = summary.to_json()

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.project.root.resolve()).as_posix()


def page_for(relative: str) -> str:
    """`i18n/hu-bike.yaml` is drawn at `maps/i18n/hu-bike.html`, beside its SVG files."""
    return str(PurePosixPath(MAPS_DIR) / PurePosixPath(relative).with_suffix(".html"))
