"""Whole-page cache for anonymous readers of the public pages.

A page is cached only for a request that carries no session or remember cookie (so no
signed-in user and no flashed message) and only if the response sets no cookie. Entries
are keyed by a generation number, the language, the time zone and the address as sent
(path and query). Every commit that tells the search outbox about a change, or that
changes a watched model (pledges, the ledger, event registrations), bumps the generation,
so no cached page outlives the content it shows; a short time-to-live is the safety net.

A hit is answered by `HitServer`, a WSGI middleware in front of Flask, once Flask has
served that address in the process; it sends what Flask would (a fresh CSP nonce spliced
into the stored bytes, every security header, the request id, the log line, the metrics)
at a fraction of the cost. Misses, and an address's first request, go through Flask's
hooks below.

The generation lives where every worker sees it: in Redis when `REDIS_URL` is set (pages
too), otherwise in a file in the instance folder (pages in each process's memory).
"""

from __future__ import annotations

import os
import secrets
import threading
import time

from flask import Flask, Response, current_app, g, has_app_context, request
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from werkzeug.http import parse_cookie

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


def _private_cookies(config) -> frozenset[str]:
    """Cookies that make a reader's page their own (a session: signed in, or a flash)."""
    return frozenset({config["SESSION_COOKIE_NAME"],
                      config.get("REMEMBER_COOKIE_NAME", "remember_token")})


def _cacheable_request() -> bool:
    return (request.method == "GET"
            and request.endpoint in current_app.config["PAGE_CACHE_ENDPOINTS"]
            and not _private_cookies(current_app.config).intersection(request.cookies))


def _key(environ: dict, generation: str, lang: str, zone: str) -> str:
    """The address as sent (path and query, not normalised), so the WSGI server can build
    it without parsing: an entry exists only for an address Flask has already served, after
    every check its before-request hooks make of the path and query."""
    return (f"pages:{generation}:{lang}:{zone}:{environ.get('SCRIPT_NAME', '')}"
            f"{environ.get('PATH_INFO', '')}?{environ.get('QUERY_STRING', '')}")


def _address(environ: dict) -> tuple:
    return environ.get("HTTP_HOST"), environ.get("SCRIPT_NAME"), environ.get("PATH_INFO")


def serve_cached():
    """Answer from the cache when this reader may share a cached page (the WSGI server
    answers most hits before Flask; this one answers an address's first in a process)."""
    store = _store()
    if store is None or not _cacheable_request():
        return None
    environ = request.environ
    server = current_app.extensions.get("page_cache_server")
    if server is not None:
        server.learn(environ)
    if _LOOKED_UP in environ:  # the WSGI server missed a moment ago (or could not look)
        if environ[_LOOKED_UP] is not None:
            g.page_cache_key = environ[_LOOKED_UP]
        return None
    try:
        from diaspora_platform.i18n import current_language, select_timezone

        g.page_cache_key = _key(environ, store.generation(), current_language(),
                                select_timezone())
        hit = store.get(g.page_cache_key)
    except Exception:  # an unreachable cache must not take the site down
        current_app.logger.exception("Page cache unavailable")
        g.pop("page_cache_key", None)
        return None
    if hit is None:
        return None
    from diaspora_platform.security import csp_nonce

    parts, content_type, _endpoint = hit
    g.page_cache_hit = True
    return Response(csp_nonce().encode().join(parts), content_type=content_type)


def remember(response: Response) -> Response:
    """Keep a freshly rendered public page for the next anonymous reader: its bytes, cut
    where this response's CSP nonce was, so a hit only joins them with a fresh one."""
    key = g.get("page_cache_key")
    if (key is None or g.get("page_cache_hit") or response.status_code != 200
            or response.mimetype != "text/html" or response.direct_passthrough
            or response.headers.get("Set-Cookie") or g.get("_flashes")):
        return response
    body = response.get_data()
    nonce = g.get("csp_nonce")
    parts = tuple(body.split(nonce.encode())) if nonce else (body,)
    try:
        _store().set(key, (parts, response.content_type, request.endpoint))
    except Exception:
        current_app.logger.exception("Page cache unavailable")
    return response


_LOOKED_UP = "diaspora.page_cache_key"  # environ: the key the WSGI server missed, or None
_MAX_ADDRESSES = 20_000


class HitServer:
    """The innermost WSGI middleware (inside ProxyFix and the language prefix): answers a
    hit without building a Flask request, which is most of what a hit cost.

    It answers only an anonymous GET without a body for an address (host, language, path)
    that Flask has already treated as a cacheable page in this process, so the host check
    (TRUSTED_HOSTS), the routing, the input guard and the language redirect have all passed
    for it; the query is part of the key as sent, so an entry exists only for a query Flask
    accepted. The answer is the one Flask would give: the stored bytes with a fresh CSP
    nonce, every security header, `Vary: Cookie`, the request id, the request's log line
    and its latency in the metrics. Anything else goes to Flask unchanged. A header added
    to every response by a new after-request hook, or a rate limit on every page, must be
    added here too (tests/cache/test_page_cache_hits.py compares a hit with Flask's page)."""

    def __init__(self, app: Flask, wsgi_app):
        from diaspora_platform import metrics, request_log
        from diaspora_platform.i18n import LANGUAGE_PREFIX_KEY, timezone_from
        from diaspora_platform.security import security_headers

        self.app, self.wsgi_app = app, wsgi_app
        self.store = None  # set by init_app when the cache is on
        self.known: set[tuple] = set()
        self.private = _private_cookies(app.config)
        self.lang_key, self.timezone_from = LANGUAGE_PREFIX_KEY, timezone_from
        self.security_headers = security_headers
        self.observe, self.request_log = metrics.observe, request_log

    def learn(self, environ: dict) -> None:
        """Flask found this address a cacheable page: answer its hits from now on."""
        if len(self.known) >= _MAX_ADDRESSES:
            self.known.clear()  # rare (many hosts or pages); they are learnt again
        self.known.add(_address(environ))

    def __call__(self, environ, start_response):
        if (self.store is None or environ.get("REQUEST_METHOD") != "GET"
                or _address(environ) not in self.known
                or environ.get("CONTENT_LENGTH") not in (None, "", "0")
                or "HTTP_TRANSFER_ENCODING" in environ):
            return self.wsgi_app(environ, start_response)
        lang = environ.get(self.lang_key)
        cookies = parse_cookie(environ) if environ.get("HTTP_COOKIE") else {}
        if lang is None or self.private.intersection(cookies):
            return self.wsgi_app(environ, start_response)
        started = time.perf_counter()
        try:
            key = _key(environ, self.store.generation(), lang, self.timezone_from(cookies))
            hit = self.store.get(key)
        except Exception:  # Flask serves the page; the cache is not asked twice
            self.app.logger.exception("Page cache unavailable")
            environ[_LOOKED_UP] = None
            return self.wsgi_app(environ, start_response)
        if hit is None:
            environ[_LOOKED_UP] = key
            return self.wsgi_app(environ, start_response)
        return self.answer(environ, start_response, hit, started)

    def answer(self, environ, start_response, hit: tuple, started: float):
        parts, content_type, endpoint = hit
        nonce = secrets.token_urlsafe(16)  # fresh for every response, as csp_nonce()
        body = nonce.encode().join(parts)
        log = self.request_log
        request_id = log.request_id(environ.get("HTTP_X_REQUEST_ID", ""))
        start_response("200 OK", [
            ("Content-Type", content_type), ("Content-Length", str(len(body))),
            *self.security_headers(nonce, environ.get("wsgi.url_scheme") == "https"),
            (log.HEADER, request_id), ("Vary", "Cookie")])
        self.observe(endpoint, "GET", 200, started)
        path = "/" + environ["PATH_INFO"].encode("latin-1").decode("utf-8", "replace").lstrip("/")
        log.log_request("GET", path, endpoint, 200, started, request_id)
        return [body]


def wrap(app: Flask) -> None:
    """Put the hit server around Flask itself (before any other middleware wraps it)."""
    server = HitServer(app, app.wsgi_app)
    app.extensions["page_cache_server"] = server
    app.wsgi_app = server


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
    server = app.extensions.get("page_cache_server")
    if server is not None:
        server.store = store
    app.before_request(serve_cached)
    app.after_request(remember)
