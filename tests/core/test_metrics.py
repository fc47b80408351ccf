"""/metrics as Prometheus scrapes it: latency by route name, outbox depth and lag, mail
failures, worker heartbeats; answered only to the host itself or a scraper with the token,
and never with a cookie."""

from __future__ import annotations

import secrets

from diaspora_platform import outbox
from diaspora_platform.extensions import db
from diaspora_platform.mail import send_mail
from diaspora_platform.search.models import SearchOutbox
from diaspora_platform.worker import Worker


def scrape(client, **kwargs) -> str:
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    return response.get_data(as_text=True)


def sample(text: str, name: str, **labels) -> float | None:
    for line in text.splitlines():
        if not line.startswith(name + ("{" if labels else " ")):
            continue
        if all(f'{key}="{value}"' in line for key, value in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_request_latency_is_counted_by_route_name_not_address(client, app):
    client.get("/organisations/424242")  # a 404 under the route's name, not its address
    client.get("/healthz")
    text = scrape(client)
    assert sample(text, "diaspora_request_duration_seconds_count",
                  endpoint="main.healthz", method="GET", status="200") >= 1
    assert sample(text, "diaspora_request_duration_seconds_count",
                  endpoint="organisations.detail", status="404") >= 1
    assert "424242" not in text


def test_metrics_refuse_other_addresses_unless_they_bring_the_token(app_factory):
    token = secrets.token_urlsafe(16)
    client = app_factory(METRICS_TOKEN=token).test_client()
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.get("/metrics", environ_base=outside).status_code == 404
    assert client.get("/metrics", environ_base=outside,
                      headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert "diaspora_request_duration_seconds" in scrape(
        client, environ_base=outside, headers={"Authorization": f"Bearer {token}"})


def test_outbox_depth_and_search_lag_are_read_when_scraped(app_factory):
    app = app_factory(SEARCH_INDEXER="worker")
    with app.app_context():
        client = app.test_client()
        assert sample(scrape(client), "diaspora_outbox_depth", outbox="search") == 0
        db.session.add_all([SearchOutbox(type_key="organisation", object_id=n)
                            for n in (1, 2)])
        db.session.commit()
        text = scrape(client)
        assert sample(text, "diaspora_outbox_depth", outbox="search") == 2
        assert sample(text, "diaspora_search_index_lag_seconds") >= 0
        assert sample(text, "diaspora_outbox_oldest_age_seconds", outbox="search") >= 0


def test_a_mail_that_cannot_be_delivered_is_counted_and_waits_in_the_outbox(app_factory):
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=9, MAIL_USE_TLS=False,
                      WORKER="external")
    with app.app_context():
        client = app.test_client()
        before = sample(scrape(client), "diaspora_mail_failures_total") or 0
        assert send_mail("someone@example.org", "en", "Hello", "confirm",
                         user={"display_name": "Someone"}, link="https://x.example")
        db.session.commit()
        assert sample(scrape(client), "diaspora_outbox_depth", outbox="mail") == 1
        outbox.drain()  # port 9 refuses: the try fails and the message waits for the next
        text = scrape(client)
        assert sample(text, "diaspora_mail_failures_total") == before + 1
        assert sample(text, "diaspora_outbox_depth", outbox="mail") == 1
        assert sample(text, "diaspora_outbox_oldest_age_seconds", outbox="mail") >= 0


def test_worker_heartbeats_are_seen_by_every_host(app_factory, tmp_path):
    # Two hosts with instance folders of their own, one database.
    worker_app = app_factory(WORKER="external", INSTANCE_PATH=str(tmp_path / "a"))
    host = app_factory(WORKER="external", INSTANCE_PATH=str(tmp_path / "b"))
    with worker_app.app_context():
        Worker(worker_app, "worker-on-host-a").beat()
    with host.app_context():
        text = scrape(host.test_client())
    beat = sample(text, "diaspora_worker_heartbeat_timestamp_seconds", worker="worker-on-host-a")
    assert beat is not None and beat > 1.7e9


def test_building_more_apps_does_not_stack_the_gauges_readers(app_factory):
    """Each app registers its gauges again (tests and workers build many): one reader per
    module and gauge stays, so a scrape does not grow deeper with every app built."""
    from diaspora_platform import metrics

    for _ in range(3):
        app = app_factory()
    assert metrics.gauge_readers("diaspora_outbox_depth") == [
        "diaspora_platform.metrics", "diaspora_platform.search.health"]
    with app.app_context():
        text = scrape(app.test_client())
    assert sample(text, "diaspora_outbox_depth", outbox="mail") == 0
    assert sample(text, "diaspora_outbox_depth", outbox="search") == 0
