"""Prometheus metrics (prometheus_client): request latency by route, mail failures, worker
heartbeats, and gauges that domains add (`add_gauge`), read from the database when
Prometheus scrapes `/metrics`.

Under gunicorn set PROMETHEUS_MULTIPROC_DIR to an empty folder per host (before start): the
workers then share their counts through files there, and `/metrics` adds them up; the
`child_exit` hook in gunicorn.conf.py retires a dead worker's files. `/metrics` answers
only requests from the host itself or carrying `Authorization: Bearer <METRICS_TOKEN>`,
and sets no cookie."""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable

import sqlalchemy as sa
from flask import Flask, Response, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from diaspora_platform.extensions import db

REQUEST_SECONDS = Histogram(
    "diaspora_request_duration_seconds", "Time to answer a request, by route.",
    ["endpoint", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
MAIL_FAILURES = Counter("diaspora_mail_failures_total", "Mail that could not be delivered.")
_LOCAL = {"127.0.0.1", "::1"}
_HEARTBEATS = "heartbeats"
# name -> (documentation, {module: read}, label): read() is a number, or {label value:
# number}. One reader per module and name: building another app registers it again.
_gauges: dict[str, tuple[str, dict[str, Callable], str | None]] = {}


def add_gauge(name: str, documentation: str, read: Callable, label: str | None = None):
    """A gauge computed when Prometheus scrapes (inside the app context): `read()` returns
    a number, or with `label` a {label value: number} mapping; None leaves it out. Labelled
    gauges of one name added by several modules (the mail and the search outbox) are read
    together."""
    readers = _gauges[name][1] if label and name in _gauges else {}
    readers[read.__module__] = read
    _gauges[name] = (documentation, readers, label)


def gauge_readers(name: str) -> list[str]:
    """The modules whose readers a gauge combines (empty for a gauge not added)."""
    return sorted(_gauges[name][1]) if name in _gauges else []


def _read(readers: dict[str, Callable], label: str | None):
    if not label:
        return next(iter(readers.values()))()
    values: dict = {}
    for read in readers.values():
        values.update(read() or {})
    return values


class _ScrapeCollector:
    def __init__(self, app: Flask):
        self.app = app

    def collect(self):
        with self.app.app_context():
            for name, (documentation, readers, label) in _gauges.items():
                try:
                    value = _read(readers, label)
                except Exception:  # one unreadable figure must not hide the others
                    self.app.logger.exception("Metric %s could not be read", name)
                    continue
                if value is None:
                    continue
                family = GaugeMetricFamily(name, documentation,
                                           labels=[label] if label else None)
                if label:
                    for key, number in sorted(value.items()):
                        family.add_metric([key], number)
                else:
                    family.add_metric([], value)
                yield family


# -- worker heartbeats and the mail outbox -------------------------------------------------

def heartbeats() -> dict[str, float]:
    """{worker: time of its last beat (epoch seconds)}, from the table every worker writes
    on its turns (worker.py), so every host sees every worker."""
    from diaspora_platform.worker import WorkerHeartbeat

    rows = db.session.execute(sa.select(WorkerHeartbeat.name, WorkerHeartbeat.beat_at)).all()
    db.session.rollback()  # a scrape holds no transaction open
    return {name: beat_at.timestamp() for name, beat_at in rows}


def _mail_outbox() -> tuple[int, float]:
    from diaspora_platform import outbox

    waiting, lag = outbox.count_waiting(), outbox.lag_seconds(db.session)
    db.session.rollback()
    return waiting, lag


add_gauge("diaspora_worker_heartbeat_timestamp_seconds",
          "When each background worker last said it was alive (epoch seconds).",
          heartbeats, label="worker")
add_gauge("diaspora_outbox_depth", "Messages and changes waiting in an outbox.",
          lambda: {"mail": _mail_outbox()[0]}, label="outbox")
add_gauge("diaspora_outbox_oldest_age_seconds",
          "Age of the oldest message or change waiting in an outbox.",
          lambda: {"mail": _mail_outbox()[1]}, label="outbox")


# -- the request cycle and the endpoint ---------------------------------------------------

def _start() -> None:
    g.metrics_started = time.perf_counter()


def observe(endpoint: str | None, method: str, status: int, started: float) -> None:
    """Count a request's latency (also for a cached page answered without Flask)."""
    if endpoint != "metrics":
        REQUEST_SECONDS.labels(endpoint or "unmatched", method, str(status)).observe(
            time.perf_counter() - started)


def _observe(response):
    started = g.get("metrics_started")
    if started is not None:
        observe(request.endpoint, request.method, response.status_code, started)
    return response


def _allowed() -> bool:
    token = current_app.config.get("METRICS_TOKEN")
    offered = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        return True
    return request.remote_addr in _LOCAL


def metrics_view():
    if not _allowed():
        abort(404)
    scrape = CollectorRegistry()
    scrape.register(_ScrapeCollector(current_app._get_current_object()))
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(scrape)
        body = generate_latest(scrape)
    else:
        body = generate_latest(REGISTRY) + generate_latest(scrape)
    response = Response(body, mimetype=CONTENT_TYPE_LATEST)
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_observe)
    app.add_url_rule("/metrics", "metrics", metrics_view)
