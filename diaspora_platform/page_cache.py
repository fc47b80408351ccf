"""Whole-page cache for anonymous readers of the public pages.

A page is cached only for a request that carries no session or remember cookie (so no
signed-in user and no flashed message) and only if the response sets no cookie. Entries
are keyed by a generation number, the path, the normalised query string, the language and
the time zone. Every commit that tells the search outbox about a change, or that changes a
watched model (pledges, the ledger, event registrations), bumps the generation, so no
cached page outlives the content it shows; a short time-to-live is the safety net.

The generation lives where every worker sees it: in Redis when `REDIS_URL` is set (pages
too), otherwise in a file in the instance folder (pages in each process's memory).
"""

from __future__ import annotations

import os
import threading
import time
from urllib.parse import urlencode

from flask import Flask, Response, current_app, g, has_app_context, request
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event

NONCE_MARK = "\x00nonce\x00"
_CHANGED = "page_cache_changed"
_watched: set[type] = set()


def watch(*models: type) -> None:
    """Changes to these models (besides everything search indexes) refresh cached pages."""
    _watched.update(models)


class MemoryStore:
    """Pages in this process's memory; the generation in a file every worker reads."""

    def __init__(self, generation_file: str, ttl: int, max_entries: int = 2000):
        self.path, self.ttl, self.max_entries = generation_file, ttl, max_entries
        self.pages: dict[str, tuple[float, tuple]] = {}
        self.lock = threading.Lock()

    def generation(self) -> str:
        try:
            return str(os.stat(self.path).st_mtime_ns)
        except FileNotFoundError:
            return "0"

    def bump(self) -> None:
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        with open(self.path, "a"):
            pass
        before = os.stat(self.path).st_mtime_ns
        stamp = max(time.time_ns(), before + 1)  # always moves, even within one tick
        os.utime(self.path, ns=(stamp, stamp))
        with self.lock:
            self.pages.clear()

    def get(self, key: str):
        found = self.pages.get(key)
        if found is None or found[0] < time.monotonic():
            return None
        return found[1]

    def set(self, key: str, value: tuple) -> None:
        with self.lock:
            if len(self.pages) >= self.max_entries:
                self.pages.clear()  # rare; simpler and safer than an LRU
            self.pages[key] = (time.monotonic() + self.ttl, value)


class RedisStore:
    """Pages and generation in Redis, shared by every worker and host."""

    def __init__(self, url: str, prefix: str, ttl: int):
        import pickle

        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=0.5)
        self.prefix, self.ttl, self.pickle = prefix, ttl, pickle

    def generation(self) -> str:
        value = self.redis.get(self.prefix + "generation")
        return value.decode() if value else "0"

    def bump(self) -> None:
        self.redis.incr(self.prefix + "generation")

    def get(self, key: str):
        value = self.redis.get(self.prefix + key)
        return self.pickle.loads(value) if value else None

    def set(self, key: str, value: tuple) -> None:
        self.redis.set(self.prefix + key, self.pickle.dumps(value), ex=self.ttl)


def _store():
    return current_app.extensions.get("page_cache")


def _cacheable_request() -> bool:
    cookie_names = {current_app.config["SESSION_COOKIE_NAME"],
                    current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")}
    return (request.method == "GET"
            and request.endpoint in current_app.config["PAGE_CACHE_ENDPOINTS"]
            and not cookie_names.intersection(request.cookies))


def _key(generation: str) -> str:
    from diaspora_platform.i18n import current_language, select_timezone

    query = urlencode(sorted(request.args.items(multi=True)))
    path = request.script_root + request.path
    return f"page:{generation}:{current_language()}:{select_timezone()}:{path}?{query}"


def serve_cached():
    """Answer from the cache when this reader may share a cached page."""
    store = _store()
    if store is None or not _cacheable_request():
        return None
    try:
        g.page_cache_key = _key(store.generation())
        hit = store.get(g.page_cache_key)
    except Exception:  # an unreachable cache must not take the site down
        current_app.logger.exception("Page cache unavailable")
        g.pop("page_cache_key", None)
        return None
    if hit is None:
        return None
    from diaspora_platform.security import csp_nonce

    body, mimetype = hit
    g.page_cache_hit = True
    return Response(body.replace(NONCE_MARK, csp_nonce()), mimetype=mimetype)


def remember(response: Response) -> Response:
    """Keep a freshly rendered public page for the next anonymous reader."""
    key = g.get("page_cache_key")
    if (key is None or g.get("page_cache_hit") or response.status_code != 200
            or response.mimetype != "text/html" or response.direct_passthrough
            or response.headers.get("Set-Cookie") or g.get("_flashes")):
        return response
    body = response.get_data(as_text=True)
    nonce = g.get("csp_nonce")
    if nonce:
        body = body.replace(nonce, NONCE_MARK)
    try:
        _store().set(key, (body, response.mimetype))
    except Exception:
        current_app.logger.exception("Page cache unavailable")
    return response


def bump_all() -> None:
    """Forget every cached page (content changed)."""
    store = _store() if has_app_context() else None
    if store is None:
        return
    try:
        store.bump()
    except Exception:  # pages still expire after the time-to-live
        current_app.logger.exception("Page cache generation not updated")


@event.listens_for(FlaskSession, "after_flush")
def _note_watched(session, flush_context) -> None:
    if _watched and any(type(obj) in _watched
                        for objs in (session.new, session.dirty, session.deleted) for obj in objs):
        session.info[_CHANGED] = True


@event.listens_for(FlaskSession, "after_commit")
def _after_commit(session) -> None:
    if session.info.pop(_CHANGED, False):
        bump_all()


@event.listens_for(FlaskSession, "after_rollback")
def _forget(session) -> None:
    session.info.pop(_CHANGED, None)


def init_app(app: Flask) -> None:
    """Build the store named by the configuration and wire it into the request cycle."""
    if not app.config.get("PAGE_CACHE_ENABLED", True) or app.debug:
        return  # while developing, every reload shows the template as edited
    ttl = app.config["PAGE_CACHE_TTL"]
    url = app.config.get("PAGE_CACHE_REDIS_URL")
    if url:
        store = RedisStore(url, app.config["PAGE_CACHE_PREFIX"], ttl)
    else:
        store = MemoryStore(os.path.join(app.instance_path, "page-cache-generation"), ttl)
    app.extensions["page_cache"] = store
    app.before_request(serve_cached)
    app.after_request(remember)
