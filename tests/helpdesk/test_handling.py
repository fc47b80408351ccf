"""What helpers do with a request, and what the person and the audit log see of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.audit import AuditEntry
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.helpdesk import handling, queries
from tests.helpdesk.conftest import STORY


def test_the_first_answer_starts_the_work_and_the_person_is_told_without_its_text(
        world, file_request, sent):
    req = file_request()[0]
    handling.answer_request(world.officer, req, "Позвоните нам завтра в 10:00.")
    assert req.status == "in_progress" and req.first_answer_at is not None
    text = sent[-1][2]
    assert "10:00" not in text and "/help-request/" in text


def test_the_person_is_told_by_email_when_they_gave_one(world, file_request, mailbox):
    req = file_request(email="farrukh@example.org")[0]
    handling.change_status(world.officer, req, "waiting")
    message = mailbox.last("farrukh@example.org")
    body = message.get_content()
    assert message["Content-Language"] == "ru" and "/help-request/" in body
    assert STORY not in body and "Фаррух" not in body


def test_cannot_help_needs_a_reason_and_closes_the_request(world, file_request):
    req = file_request()[0]
    with pytest.raises(DomainError, match="why"):
        handling.change_status(world.officer, req, "cannot_help")
    handling.change_status(world.officer, req, "cannot_help", "out_of_scope")
    assert req.is_closed and req.closed_at is not None and req.reason_title


def test_a_status_cannot_jump_backwards_to_received(world, file_request):
    req = file_request()[0]
    with pytest.raises(DomainError):
        handling.change_status(world.officer, req, "received")


def test_a_partner_reads_and_answers_but_does_not_route(world, file_request):
    req = file_request()[0]
    handling.hand_off(world.officer, req, world.partner.id)
    handling.answer_request(world.partner_owner, req, "Мы юристы, поможем.")
    with pytest.raises(NotAllowed):
        handling.change_status(world.partner_owner, req, "resolved")


def test_only_organisations_with_verified_help_can_be_partners(world, file_request,
                                                               make_org):
    req = file_request()[0]
    unverified = make_org()
    with pytest.raises(DomainError):
        handling.hand_off(world.officer, req, unverified.id)


def test_staff_of_an_unrelated_office_cannot_act(world, file_request):
    req = file_request()[0]
    with pytest.raises(NotAllowed):
        handling.answer_request(world.other_officer, req, "?")


def test_every_opening_is_audited_without_any_content(world, file_request):
    req = file_request()[0]
    handling.open_request(world.officer, req)
    handling.open_request(world.officer, req)
    entries = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.action == "helpdesk.opened")).all()
    assert len(entries) == 2 and entries[0].actor_id == world.officer.id
    assert all("Фаррух" not in e.details and "Казан" not in e.details for e in entries)


def test_the_dashboard_counts_overdue_requests_against_each_categorys_target(
        world, file_request):
    urgent = file_request(category="detention")[0]
    slow = file_request(category="other")[0]
    for req in (urgent, slow):
        req.created_at = req.created_at - timedelta(days=2)
    db.session.commit()
    counts = queries.counts(world.officer)
    assert (counts.open, counts.overdue) == (2, 1)
    assert urgent.is_overdue() and not slow.is_overdue()
