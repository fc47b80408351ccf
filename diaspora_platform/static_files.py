"""Static files under addresses that change with their content.

`url_for("static", filename=...)` adds `?v=` and the first 12 hex digits of the file's
SHA-256; a request that carries the file's current version is answered with a year's
`Cache-Control: public, max-age=31536000, immutable`. A browser then loads the stylesheets
and scripts once, not once per page (a conditional request for each of them on every
page), and a release that changes a file changes its address, so nobody keeps the old one.
Vendored libraries and fonts (`vendor/<name>-<release>/…`) carry their release in the path
and are never changed in place, so they are cached as long without `?v=` (the fonts that
stylesheets name). Any other request without the version, or with an old one, is answered
as before (revalidated each time). A reverse proxy serving /static/ itself may cache for as
long, since the addresses change with the files.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from flask import Flask, request
from werkzeug.security import safe_join

from diaspora_platform.storage import PUBLIC_CACHE

VENDORED = "vendor/"  # vendor/<name>-<release>/...: a new release is a new folder


class StaticVersions:
    """The version of each static file, read once (in debug mode: again when it changes)."""

    def __init__(self, folder: str, watch: bool):
        self.folder, self.watch = folder, watch
        self.known: dict[str, tuple[tuple[int, int] | None, str | None]] = {}

    def version(self, filename: str) -> str | None:
        found = self.known.get(filename)
        if found is not None and not self.watch:
            return found[1]
        path = safe_join(self.folder, filename)
        try:
            stat = os.stat(path) if path else None
        except OSError:
            stat = None
        stamp = (stat.st_mtime_ns, stat.st_size) if stat else None
        if found is not None and found[0] == stamp:
            return found[1]
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12] if stamp else None
        self.known[filename] = (stamp, digest)
        return digest


def init_app(app: Flask) -> None:
    if not app.static_folder:
        return
    versions = StaticVersions(app.static_folder, watch=app.debug)
    app.extensions["static_versions"] = versions

    @app.url_defaults
    def _add_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values:
            version = versions.version(values.get("filename", ""))
            if version:
                values["v"] = version

    @app.after_request
    def _cache_versioned(response):
        if request.endpoint != "static" or response.status_code not in (200, 304):
            return response
        filename = (request.view_args or {}).get("filename", "")
        asked = request.args.get("v")
        if filename.startswith(VENDORED) or (asked and asked == versions.version(filename)):
            response.headers["Cache-Control"] = PUBLIC_CACHE
        return response
