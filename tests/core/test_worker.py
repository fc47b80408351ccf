"""`flask worker`: one loop for search, mail and jobs; one worker only on SQLite; its
heartbeat and the outbox lag in /healthz."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from diaspora_platform import jobs, outbox, worker
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.mail import send_mail


def _queue_one():
    send_mail("ra@example.org", "tg", "Subject", "notification", name="Ра", text="x",
              link=None)
    db.session.commit()


def test_flask_worker_delivers_mail_runs_jobs_and_beats(app_factory, mailbox, monkeypatch):
    app = app_factory(WORKER="external")
    ran = []
    monkeypatch.setattr(jobs, "_jobs", {})
    jobs.register("count", jobs.Every(hours=1), lambda: ran.append(1))
    with app.test_request_context():
        _queue_one()
        result = app.test_cli_runner().invoke(args=["worker", "--once"])
        assert result.exit_code == 0, result.output
        assert [m["To"] for m in mailbox.messages()] == ["ra@example.org"]
        assert ran == [1]
        assert worker.heartbeat_age(db.session) is not None


def test_a_second_worker_refuses_on_sqlite_and_joins_in_on_postgresql(app_factory,
                                                                       database_url):
    app = app_factory(WORKER="external")
    first = worker.Worker(app)
    first.lock.acquire()
    try:
        with app.app_context():
            result = app.test_cli_runner().invoke(args=["worker", "--once"])
        if database_url == "sqlite":
            assert result.exit_code == 1
            assert "Another worker" in result.output and "only one worker" in result.output
        else:  # any number of workers share the work on PostgreSQL
            assert result.exit_code == 0, result.output
    finally:
        first.lock.release()
    with app.app_context():
        assert app.test_cli_runner().invoke(args=["worker", "--once"]).exit_code == 0


def test_healthz_reports_heartbeat_and_outbox_lag(app_factory):
    app = app_factory(WORKER="external", HEALTH_OUTBOX_LAG_MAX=120, HEALTH_HEARTBEAT_MAX=60)
    client = app.test_client()
    with app.app_context():
        response = client.get("/healthz")
        assert response.status_code == 503  # no worker has ever run
        assert response.json["worker"]["problems"] == ["heartbeat"]
        assert client.get("/healthz?scope=web").status_code == 200  # for a load balancer
        assert "Set-Cookie" not in response.headers

        worker.Worker(app).beat()
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json["worker"]["outbox_lag"] == 0
        assert response.json["worker"]["heartbeat_age"] < 60

        _queue_one()  # waiting, nobody delivering
        db.session.execute(sa.update(outbox.OutboxMessage).values(
            created_at=utcnow() - timedelta(seconds=300)))
        db.session.commit()
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json["worker"]["problems"] == ["outbox_lag"]
        assert response.json["worker"]["outbox_lag"] >= 300

        outbox.drain()
        db.session.execute(sa.update(worker.WorkerHeartbeat).values(
            beat_at=utcnow() - timedelta(seconds=90)))
        db.session.commit()
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json["worker"]["problems"] == ["heartbeat"]


def test_a_task_that_fails_does_not_stop_mail_or_jobs(app_factory, mailbox, monkeypatch):
    app = app_factory(WORKER="external")

    def broken():
        raise RuntimeError("index unreadable")

    monkeypatch.setitem(worker._tasks, "broken", worker.Task("broken", broken))
    with app.test_request_context():
        _queue_one()
        worker.Worker(app).turn()
    assert len(mailbox.messages()) == 1
