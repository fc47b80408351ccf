"""A cached page is answered before Flask builds a request (page_cache.HitServer), yet the
reader, the browser's security rules and the operator get what Flask would have sent, and
nothing Flask refuses is answered from the cache."""

import logging
import re

from prometheus_client import REGISTRY
from werkzeug.test import EnvironBuilder

NONCE = re.compile(r"nonce-([A-Za-z0-9_-]+)")
FRESH = ("Content-Security-Policy", "X-Request-Id")  # differ on every response


def nonce_of(response) -> str:
    return NONCE.search(response.headers["Content-Security-Policy"])[1]


def settled(response) -> tuple:
    """The response with what must change per response taken out."""
    body = response.get_data(as_text=True).replace(nonce_of(response), "NONCE")
    headers = sorted((k, v) for k, v in response.headers.items() if k not in FRESH)
    return response.status_code, headers, body


def test_a_hit_sends_what_the_rendered_page_sent_with_a_fresh_nonce(client, make_org):
    make_org(name="Cached Society")
    rendered, hits = client.get("/en/organisations/"), [client.get("/en/organisations/")
                                                        for _ in range(2)]
    nonces = {nonce_of(r) for r in (rendered, *hits)}
    assert len(nonces) == 3
    for hit in hits:
        assert settled(hit) == settled(rendered)
        assert f'nonce="{nonce_of(hit)}"' in hit.get_data(as_text=True)
        assert "frame-ancestors 'none'" in hit.headers["Content-Security-Policy"]
    assert ("Vary", "Cookie") in settled(hits[0])[1]


def test_a_hit_over_https_sends_hsts(client):
    for _ in range(2):
        response = client.get("/en/", base_url="https://localhost")
        assert "max-age=" in response.headers["Strict-Transport-Security"]
    assert "Strict-Transport-Security" not in client.get("/en/").headers


def test_a_hit_is_logged_and_timed_under_the_proxys_request_id(client, caplog):
    def count():
        return REGISTRY.get_sample_value("diaspora_request_duration_seconds_count", {
            "endpoint": "news.index", "method": "GET", "status": "200"}) or 0

    client.get("/en/news/")
    before = count()
    with caplog.at_level(logging.INFO, logger="diaspora_platform.requests"):
        response = client.get("/en/news/", headers={"X-Request-Id": "haproxy-0a1b2c3d"})
        hostile = client.get("/en/news/", headers={"X-Request-Id": "<script>" + "x" * 90})
    assert response.headers["X-Request-Id"] == "haproxy-0a1b2c3d"
    assert "<" not in hostile.headers["X-Request-Id"]
    lines = [r for r in caplog.records if r.name == "diaspora_platform.requests"]
    assert [(r.request_id, r.endpoint, r.status, r.path) for r in lines[:1]] == [
        ("haproxy-0a1b2c3d", "news.index", 200, "/news/")]
    assert len(lines) == 2 and count() == before + 2


def test_a_host_flask_refuses_is_refused_once_the_page_is_cached(app, client):
    app.config["TRUSTED_HOSTS"] = ["localhost"]
    assert client.get("/en/news/").status_code == 200
    assert client.get("/en/news/").status_code == 200
    environ = EnvironBuilder(path="/en/news/", headers={"Host": "evil.example"}).get_environ()
    statuses = []
    body = b"".join(app(environ, lambda status, headers, exc_info=None:
                        statuses.append(status)))
    assert statuses == ["400 BAD REQUEST"]
    assert b"Bad request" in body


def test_a_query_the_input_guard_refuses_is_refused_once_a_lookalike_is_cached(client):
    for _ in range(2):  # U+FFFD sent as valid UTF-8 is an ordinary character
        assert client.get("/en/news/?x=%EF%BF%BD").status_code == 200
    assert client.get("/en/news/?x=%FF").status_code == 400  # not UTF-8
    assert client.get("/en/news/?x=%00").status_code == 400


def test_a_reader_with_a_session_is_left_to_flask(client, auth, make_user):
    client.get("/en/news/")
    user = make_user(display_name="Farrukh Signed")
    auth.login_as(user)
    assert "Farrukh Signed" in client.get("/en/news/").get_data(as_text=True)
    auth.logout()
    assert "Farrukh Signed" not in client.get("/en/news/").get_data(as_text=True)


def test_time_zones_are_cached_apart(client, make_event):
    make_event(title="Cached Navruz")
    pages = {}
    for zone in ("Asia/Dushanbe", "America/New_York"):
        client.set_cookie("tz", zone)
        pages[zone] = [client.get("/en/events/").get_data(as_text=True) for _ in range(2)]
        assert len({re.sub(r'nonce="[^"]+"', "", p) for p in pages[zone]}) == 1
    assert pages["Asia/Dushanbe"][0] != pages["America/New_York"][0]
