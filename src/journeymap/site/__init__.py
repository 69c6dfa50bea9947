"""`build`: every map of a project, plus the pages that tie them together, as one static site."""

from __future__ import annotations

from journeymap.site.build import BuildResult, SiteError, build

__all__ = ["BuildResult", "SiteError", "build"]
