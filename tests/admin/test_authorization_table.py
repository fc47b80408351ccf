"""Authorization as a table: the staff page of parked messages and jobs, tried by each kind
of actor (generated from the declared checks); a refused actor changes nothing.

Actors: anonymous; member and owner (signed-in members: nothing here is theirs); staff and
admin (two-factor passed); staff without the second factor. Outcomes: "login", 403,
"enrol", "ok" (the parked message or job changed)."""

import pytest
import sqlalchemy as sa

from diaspora_platform import jobs, outbox
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.audit import AuditEntry
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from tests.authz import cells, changing_rules, check_row

ACTORS = ("anonymous", "member", "owner", "staff", "admin")

# rule -> (url, form data that makes the action run for someone allowed)
SCENARIOS = {
    "/admin/outbox/<int:message_id>/retry": ("/admin/outbox/{message}/retry", {}),
    "/admin/outbox/<int:message_id>/discard": ("/admin/outbox/{message}/discard", {}),
    "/admin/jobs/<name>/retry": ("/admin/jobs/{job}/retry", {}),
}


def test_every_state_changing_outbox_route_is_in_the_table(app):
    assert changing_rules(app, "admin.outbox_", "admin.job_") == set(SCENARIOS)


def park_message(summary="member@example.org — Confirm your email address"):
    message = outbox.enqueue("mail", {"to": "member@example.org"}, summary=summary)
    message.attempts, message.parked_at = 12, utcnow()
    message.last_error = "SMTPRecipientsRefused: 550 mailbox unavailable"
    db.session.commit()
    return message


def park_job(name="events.remind"):
    job = jobs.ScheduledJob(name=name, next_run_at=utcnow(), failures=5, runs=3,
                            parked_at=utcnow(), last_error="RuntimeError: no calendar")
    db.session.add(job)
    db.session.commit()
    return job


@pytest.fixture
def people(make_user, staff):
    people = {"owner": make_user(email="owner@example.org"),
              "member": make_user(email="member@example.org"), "staff": staff,
              "admin": make_user(email="admin@example.org", role=Role.ADMIN)}
    people["ids"] = {"message": park_message().id, "job": park_job().name}
    return people


def _state():
    db.session.expire_all()
    return (db.session.execute(sa.select(outbox.OutboxMessage.id,
                                         outbox.OutboxMessage.parked_at)).all(),
            db.session.execute(sa.select(jobs.ScheduledJob.name,
                                         jobs.ScheduledJob.parked_at)).all(),
            db.session.scalar(sa.select(sa.func.count(AuditEntry.id))))


@pytest.mark.parametrize(("rule", "actor"), cells(SCENARIOS, ACTORS))
def test_route_answers_each_actor_as_its_check_says(client, auth, people, make_user, rule,
                                                  actor):
    check_row(client, auth, people, rule, SCENARIOS[rule], actor, _state,
              make_user=make_user)
