"""Request ids and the log: every answer carries X-Request-Id, the request's log line and
every record made while it runs carry the same id, work done later for it is logged under
it, and LOG_FORMAT=json makes each line a JSON object."""

from __future__ import annotations

import io
import json
import logging

from diaspora_platform import request_log


def test_every_answer_carries_a_request_id_and_keeps_the_proxys(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first.headers["X-Request-Id"]) >= 16
    assert first.headers["X-Request-Id"] != second.headers["X-Request-Id"]
    given = client.get("/healthz", headers={"X-Request-Id": "haproxy-0a1b2c3d"})
    assert given.headers["X-Request-Id"] == "haproxy-0a1b2c3d"
    hostile = client.get("/healthz", headers={"X-Request-Id": "<script>" + "x" * 200})
    assert "<" not in hostile.headers["X-Request-Id"]
    assert len(hostile.headers["X-Request-Id"]) <= 64


def test_one_log_line_per_request_with_route_status_and_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="diaspora_platform.requests"):
        response = client.get("/healthz")
    lines = [r for r in caplog.records if r.name == "diaspora_platform.requests"]
    assert len(lines) == 1
    assert lines[0].request_id == response.headers["X-Request-Id"]
    assert (lines[0].endpoint, lines[0].status, lines[0].method) == ("main.healthz", 200, "GET")


def _formatted(log_format: str, make_record) -> str:
    stream = io.StringIO()
    request_log.configure_logging(log_format)
    root = logging.getLogger()
    handler = next(h for h in root.handlers if getattr(h, "_diaspora", False))
    handler.stream = stream
    try:
        make_record()
    finally:
        root.removeHandler(handler)
    return stream.getvalue()


def test_json_logs_carry_the_request_id_into_later_work():
    def worker_logs():
        with request_log.bound("req-12345678"):
            logging.getLogger("diaspora_platform.worker").warning("Delivered %s", "mail 7")

    entry = json.loads(_formatted("json", worker_logs).strip())
    assert entry["message"] == "Delivered mail 7"
    assert entry["request_id"] == "req-12345678"
    assert entry["level"] == "WARNING" and entry["logger"] == "diaspora_platform.worker"


def test_text_logs_are_the_default_and_readable(app):
    assert app.config["LOG_FORMAT"] == "text"
    line = _formatted("text", lambda: logging.getLogger("x").warning("Plain words"))
    assert "WARNING [-] x: Plain words" in line
