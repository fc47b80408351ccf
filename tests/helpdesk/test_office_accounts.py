"""Official-body accounts: granted by Council staff (audited), acting for their own
office only, and only with the second factor, like Council staff."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.audit import AuditEntry
from diaspora_platform.errors import Conflict, DomainError
from diaspora_platform.extensions import db
from diaspora_platform.official.accounts import grant_office_account
from tests.official.conftest import office_form


def test_an_office_account_updates_its_own_entry_but_not_another(client, auth, world):
    auth.login_as(world.officer)
    response = client.post(f"/official/{world.moscow.id}/edit",
                           data=office_form(city="Moscow", hours_en="Mon–Sat 9–19"))
    assert response.status_code == 302
    db.session.expire_all()
    assert world.moscow.hours_en == "Mon–Sat 9–19"
    other = client.post(f"/official/{world.astana.id}/edit", data=office_form(city="X"))
    assert other.status_code == 403


def test_without_the_second_factor_an_office_account_cannot_act(client, auth, world):
    auth.login_as(world.officer, second_factor=False)
    response = client.get(f"/official/{world.moscow.id}/edit")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_an_office_account_without_two_factor_is_sent_to_enrol(client, auth, world,
                                                               make_user):
    clerk = make_user(email="clerk@example.org")
    grant_office_account(world.staff, world.moscow, clerk.email)
    auth.login_as(clerk)
    response = client.get("/helpdesk/")
    assert response.headers["Location"].endswith("/account/two-factor")


def test_granting_is_audited_and_one_member_works_for_one_office(world, make_user):
    clerk = make_user(email="clerk@example.org")
    grant_office_account(world.staff, world.moscow, "CLERK@example.org")
    entry = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == "official.account_granted" and str(clerk.id) in entry.details
    with pytest.raises(Conflict):
        grant_office_account(world.staff, world.astana, clerk.email)
    with pytest.raises(DomainError, match="No member"):
        grant_office_account(world.staff, world.astana, "nobody@example.org")


def test_an_office_session_ends_after_30_idle_minutes_like_staff(client, auth, world):
    auth.login_as(world.officer)
    assert client.get("/helpdesk/").status_code == 200
    with client.session_transaction() as session:
        session["seen"] -= int(timedelta(minutes=31).total_seconds())
    response = client.get("/helpdesk/")
    assert "/account/login" in response.headers["Location"]
    assert client.get("/account/").status_code == 302
