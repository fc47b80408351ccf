"""The staff page of the worker: parked mail sent again or discarded, parked jobs started
again, each decision in the audit log; members never see it."""

import sqlalchemy as sa

from diaspora_platform import jobs, outbox
from diaspora_platform.audit import AuditEntry
from diaspora_platform.extensions import db
from tests.admin.test_authorization_table import park_job, park_message


def test_staff_see_parked_mail_and_jobs_with_their_errors(client, auth, staff):
    park_message()
    park_job()
    auth.login_as(staff)
    page = client.get("/en/admin/outbox").get_data(as_text=True)
    assert "member@example.org — Confirm your email address" in page
    assert "550 mailbox unavailable" in page
    assert "events.remind" in page and "no calendar" in page
    assert "every 5 minutes" in page  # the schedule the domain declared


def test_a_member_cannot_open_the_page(client, auth, make_user):
    park_message()
    auth.login_as(make_user())
    assert client.get("/en/admin/outbox").status_code == 403


def test_send_again_puts_the_message_back_and_the_worker_delivers_it(client, auth, staff,
                                                                    mailbox):
    from diaspora_platform.mail import build_message, enqueue_message

    with client.application.test_request_context():
        message = build_message("member@example.org", "en", "Hello", "notification",
                                name="M", text="x", link=None)
        key = enqueue_message(message)
        db.session.execute(sa.update(outbox.OutboxMessage).values(
            parked_at=db.func.now(), attempts=12))
        db.session.commit()
    row = db.session.scalar(sa.select(outbox.OutboxMessage))
    auth.login_as(staff)
    response = client.post(f"/admin/outbox/{row.id}/retry", follow_redirects=True)
    assert "back in the queue" in response.get_data(as_text=True)
    db.session.expire_all()
    row = db.session.get(outbox.OutboxMessage, row.id)
    assert row.parked_at is None and row.attempts == 0
    outbox.drain()
    assert mailbox.last("member@example.org")["Message-ID"].startswith(f"<{key}@")
    entry = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == "outbox.message_retried" and entry.actor_id == staff.id


def test_discard_removes_the_message_and_a_second_click_is_told(client, auth, staff):
    message_id = park_message().id
    auth.login_as(staff)
    client.post(f"/admin/outbox/{message_id}/discard")
    assert db.session.get(outbox.OutboxMessage, message_id) is None
    assert client.post(f"/admin/outbox/{message_id}/discard").status_code == 404
    actions = db.session.scalars(sa.select(AuditEntry.action)).all()
    assert "outbox.message_discarded" in actions


def test_run_again_unparks_a_job(client, auth, staff):
    park_job()
    auth.login_as(staff)
    client.post("/admin/jobs/events.remind/retry")
    db.session.expire_all()
    job = db.session.get(jobs.ScheduledJob, "events.remind")
    assert job.parked_at is None and job.failures == 0
    assert client.post("/admin/jobs/events.remind/retry").status_code == 404
