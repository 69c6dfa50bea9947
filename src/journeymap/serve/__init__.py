"""`watch` and `serve`: rebuild a site on every save, serve it with live reload.

The pages on disk stay exactly as `build` writes them (no script, every request refused);
only the copy the local server sends carries the reload script. See `reload`.
"""

from __future__ import annotations

from journeymap.serve.building import Build
from journeymap.serve.session import ServeError, serve_site, watch_site

__all__ = ["Build", "ServeError", "serve_site", "watch_site"]
