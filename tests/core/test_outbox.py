"""The outbox: mail leaves once, after the commit, through SMTP outages, crashes between
sending and marking, and several workers at once."""

from __future__ import annotations

import socket
import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from diaspora_platform import outbox
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.mail import send_mail


class FlakyInbox:
    """A real SMTP server that refuses every message while `refusing` is set."""

    def __init__(self):
        self.refusing = False
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        if self.refusing:
            return "451 4.3.0 Mail server busy, try again later"
        self.received.append(envelope.content)
        return "250 OK"

    def message_ids(self) -> list[str]:
        from email import message_from_bytes

        return [message_from_bytes(raw)["Message-ID"] for raw in self.received]


@pytest.fixture
def smtp():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = FlakyInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


def _queue(count: int, prefix: str = "member") -> None:
    for n in range(count):
        send_mail(f"{prefix}{n}@example.org", "en", "Subject", "notification", name="A",
                  text=f"Message {n}", link=None)
    db.session.commit()


def _waiting():
    db.session.expire_all()
    return db.session.scalars(sa.select(outbox.OutboxMessage)
                              .order_by(outbox.OutboxMessage.id)).all()


def test_an_hour_of_smtp_refusals_delivers_everything_once_afterwards(app_factory, smtp):
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_USE_TLS=False,
                      WORKER="external")
    smtp.refusing = True
    with app.test_request_context():
        _queue(5)
        start = utcnow()
        for minute in range(0, 61):  # the worker keeps trying through the outage
            outbox.deliver_due(now=start + timedelta(minutes=minute))
        waiting = _waiting()
        assert len(waiting) == 5 and smtp.received == []
        assert all(m.parked_at is None and m.attempts > 3 for m in waiting)
        assert "451" in waiting[0].last_error
        smtp.refusing = False  # the server is back
        for minute in range(61, 61 + 20):
            outbox.deliver_due(now=start + timedelta(minutes=minute))
        assert _waiting() == []
    ids = smtp.message_ids()
    assert len(ids) == 5 and len(set(ids)) == 5


def test_back_off_grows_between_attempts(app_factory, smtp):
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_USE_TLS=False,
                      WORKER="external")
    smtp.refusing = True
    with app.test_request_context():
        _queue(1)
        start = utcnow()
        gaps = []
        now = start
        for _ in range(4):
            outbox.deliver_due(now=now)
            following = _waiting()[0].available_at
            gaps.append((following - now).total_seconds())
            now = following
    assert gaps == [30, 60, 120, 240]


def test_a_crash_between_sending_and_marking_does_not_send_twice(app_factory, smtp,
                                                                 monkeypatch):
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_USE_TLS=False,
                      WORKER="external")
    real_mark = outbox.mark_delivered

    def failing_mark(*args, **kwargs):
        raise sa.exc.OperationalError("DELETE", {}, Exception("connection lost"))

    with app.test_request_context():
        _queue(2)
        monkeypatch.setattr(outbox, "mark_delivered", failing_mark)
        result = outbox.deliver_due()
        assert result.delivered == 0 and result.failed == 2
        assert len(smtp.received) == 2  # sent, but not marked
        assert len(_waiting()) == 2
        monkeypatch.setattr(outbox, "mark_delivered", real_mark)
        outbox.deliver_due(now=utcnow() + timedelta(minutes=5))
        assert _waiting() == []
    assert len(smtp.received) == 2  # the retry found the keys already sent


def test_the_file_sender_never_writes_a_message_twice(app_factory, mailbox, monkeypatch):
    app = app_factory(WORKER="external")
    with app.test_request_context():
        _queue(1)
        message = _waiting()[0]
        db.session.execute(sa.delete(outbox.OutboxSent))  # even without the recorded key
        db.session.commit()
        from diaspora_platform import mail

        mail._send(message.payload, message.key)
        mail._send(message.payload, message.key)
    assert len(list(mailbox.folder.glob("*.eml"))) == 1


def test_a_message_that_keeps_failing_is_parked_and_out_of_the_lag(app_factory, smtp):
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_USE_TLS=False,
                      WORKER="external", OUTBOX_MAX_ATTEMPTS=3)
    smtp.refusing = True
    with app.test_request_context():
        _queue(1)
        start = utcnow()
        for hour in range(4):
            outbox.deliver_due(now=start + timedelta(hours=hour))
        [message] = _waiting()
        assert message.parked_at is not None and message.attempts == 3
        assert outbox.parked_messages() == [message]
        assert outbox.lag_seconds(db.session, start + timedelta(hours=5)) == 0
        smtp.refusing = False
        outbox.deliver_due(now=start + timedelta(hours=6))
        assert len(_waiting()) == 1  # parked: only staff send it again
    assert smtp.received == []


def test_private_mail_keeps_the_address_out_of_errors_and_the_staff_page(app_factory):
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=9, MAIL_USE_TLS=False,
                      WORKER="external", OUTBOX_MAX_ATTEMPTS=1)
    with app.test_request_context():
        send_mail("secret.person@example.org", "ru", "Subject", "notification", private=True,
                  name="A", text="x", link=None)
        db.session.commit()
        outbox.deliver_due()
        [message] = _waiting()
    assert message.parked_at is not None
    assert "secret.person" not in message.summary
    assert "secret.person" not in (message.last_error or "")


def test_two_workers_deliver_each_message_exactly_once(app_factory, monkeypatch):
    """Threads of their own, each with its own sessions, against the same database."""
    app = app_factory(WORKER="external")
    sent, lock = [], threading.Lock()

    def record(payload, key):
        with lock:
            sent.append(key)

    monkeypatch.setitem(outbox._senders, "test.record",
                        outbox.Sender("test.record", record))
    with app.app_context():
        for n in range(60):
            outbox.enqueue("test.record", {"n": n})
        db.session.commit()
    start = threading.Barrier(2)
    errors = []

    def work(name):
        try:
            with app.app_context():
                start.wait()
                while outbox.deliver_due(limit=7, owner=name):
                    pass
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors
    assert len(sent) == 60 and len(set(sent)) == 60
    with app.app_context():
        assert _waiting() == []


def test_drain_delivers_what_an_external_worker_would(app_factory, mailbox, drain_outbox):
    app = app_factory(WORKER="external")
    with app.test_request_context():
        _queue(2)
        assert mailbox.messages() == []  # the web request only queued them
        assert drain_outbox() == 2
    assert sorted(m["To"] for m in mailbox.messages()) == ["member0@example.org",
                                                            "member1@example.org"]


def _recording_sender(monkeypatch, during=None):
    """A sender of kind test.record that notes each key (and runs `during(payload)`)."""
    sent, lock = [], threading.Lock()

    def record(payload, key):
        if during is not None:
            during(payload)
        with lock:
            sent.append(key)

    monkeypatch.setitem(outbox._senders, "test.record", outbox.Sender("test.record", record))
    return sent


def test_what_a_dead_worker_had_leased_is_delivered_once_its_short_lease_ran_out(
        app_factory, monkeypatch):
    """A worker killed mid-batch (its lease taken, nothing sent): another worker delivers
    those messages within a minute, not before the lease ran out, and once."""
    app = app_factory(WORKER="external")
    sent = _recording_sender(monkeypatch)
    with app.app_context():
        for n in range(3):
            outbox.enqueue("test.record", {"n": n})
        db.session.commit()
        now = utcnow()
        with sa.orm.Session(db.engine) as session:
            assert len(outbox._lease(session, "killed-worker", now, 10)) == 3
        assert not outbox.deliver_due(now + outbox.LEASE / 2, owner="survivor")
        assert outbox.deliver_due(now + outbox.LEASE + timedelta(seconds=1),
                                  owner="survivor").delivered == 3
        assert _waiting() == []
    assert len(sent) == len(set(sent)) == 3


def test_a_long_batch_renews_its_lease_so_no_other_worker_sends_it_too(app_factory,
                                                                       monkeypatch):
    """A batch that takes longer than a lease (a slow mail relay): the worker renews the
    lease on what it has not sent yet, and a second worker finds nothing to take."""
    app = app_factory(WORKER="external")
    monkeypatch.setattr(outbox, "LEASE", timedelta(seconds=2))
    monkeypatch.setattr(outbox, "RENEW_AFTER", 0)  # renewed before every message
    taken_by_other = []

    def slow_relay(payload):
        if payload["n"] == 0:
            time.sleep(3)  # the first message outlasts the lease taken for the batch
        elif payload["n"] == 1:  # the lease was renewed before this one was sent
            with app.app_context():
                taken_by_other.append(outbox.deliver_due(owner="other").delivered)

    sent = _recording_sender(monkeypatch, during=slow_relay)
    with app.app_context():
        for n in range(3):
            outbox.enqueue("test.record", {"n": n})
        db.session.commit()
        assert outbox.deliver_due(owner="slow").delivered == 3
        assert _waiting() == []
    assert taken_by_other == [0]
    assert len(sent) == len(set(sent)) == 3
