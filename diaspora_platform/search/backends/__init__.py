"""Search backends behind one interface (see base.Backend)."""

from __future__ import annotations

from flask import current_app

from diaspora_platform.search.backends.base import Backend

_BACKENDS: dict[str, Backend] = {}


def backend() -> Backend:
    """This process's backend for the app's configuration (kept open between requests)."""
    cfg = current_app.config
    key = f"{cfg['SEARCH_BACKEND']}:{cfg['SEARCH_INDEX_DIR']}:{cfg['SQLALCHEMY_DATABASE_URI']}"
    if key not in _BACKENDS:
        if cfg["SEARCH_BACKEND"] == "whoosh":
            from diaspora_platform.search.backends.whoosh import WhooshBackend

            _BACKENDS[key] = WhooshBackend(cfg["SEARCH_INDEX_DIR"])
        elif cfg["SEARCH_BACKEND"] == "postgres":
            from diaspora_platform.search.backends.postgres import PostgresBackend

            _BACKENDS[key] = PostgresBackend()
        else:
            raise RuntimeError(f"unknown SEARCH_BACKEND {cfg['SEARCH_BACKEND']!r}")
    return _BACKENDS[key]
