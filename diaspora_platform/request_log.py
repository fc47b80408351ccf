"""Logs an operator can follow across hosts: every request gets an id (the proxy's
`X-Request-Id` when it sent a sane one, else a new one), answered in the `X-Request-Id`
header, written on one log line per request and on every log record made while it runs.
Work done later on behalf of a request (the outbox, jobs, the worker) carries the id it was
given through `bound(request_id)`.

`LOG_FORMAT=json` writes one JSON object per line (for a log collector); the default is
human-readable text."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, g, has_request_context, request

HEADER = "X-Request-Id"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
_bound: ContextVar[str | None] = ContextVar("request_id", default=None)
request_logger = logging.getLogger("diaspora_platform.requests")
TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
# Attributes every LogRecord has; anything else was passed in `extra` and goes in the JSON.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "request_id"}


def current_request_id() -> str | None:
    """The id of the request being served, or of the work `bound` to one; None otherwise."""
    if has_request_context() and "request_id" in g:
        return g.request_id
    return _bound.get()


@contextmanager
def bound(request_id: str | None):
    """Log the work inside under `request_id` (the id stored with an outbox row or job)."""
    token = _bound.set(request_id)
    try:
        yield
    finally:
        _bound.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id() or "-"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
                 "level": record.levelname, "logger": record.name,
                 "message": record.getMessage(),
                 "request_id": getattr(record, "request_id", None) or current_request_id()}
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(log_format: str, level: str = "INFO") -> None:
    """One handler on the root logger in the chosen format (idempotent)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_diaspora", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler()
    handler._diaspora = True
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if log_format == "json"
                         else logging.Formatter(TEXT_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)


def request_id(incoming: str) -> str:
    """The proxy's id when it sent a sane one, else a new one."""
    return incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex


def log_request(method: str, path: str, endpoint: str | None, status: int,
                started: float | None, request_id: str) -> None:
    """The request's one log line (also written for a cached page answered without Flask)."""
    request_logger.info(
        "%s %s %s", method, path, status,
        extra={"method": method, "path": path, "endpoint": endpoint, "status": status,
               "duration_ms": round((time.perf_counter() - started) * 1000, 1)
               if started else None, "request_id": request_id})


def _start() -> None:
    g.request_id = request_id(request.headers.get(HEADER, ""))
    g.request_started = time.perf_counter()


def _finish(response):
    rid = g.get("request_id") or uuid.uuid4().hex
    response.headers[HEADER] = rid
    log_request(request.method, request.path, request.endpoint, response.status_code,
                g.get("request_started"), rid)
    return response


def init_app(app: Flask) -> None:
    """Register first: the id exists before any other hook runs (the page cache answers
    from a before_request hook), and the log line is written after every other hook."""
    app.before_request(_start)
    app.after_request(_finish)
    log_format = app.config.get("LOG_FORMAT")
    if log_format and not (app.testing and not app.config.get("LOG_CONFIGURE")):
        configure_logging(log_format, app.config.get("LOG_LEVEL", "INFO"))
