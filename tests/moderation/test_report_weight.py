"""Throwaway accounts cannot hide content: only confirmed, established members' reports
count towards hiding an item, one per network address and per hour of account creation;
staff hear of every report at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow
from diaspora_platform.errors import NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services
from diaspora_platform.moderation.models import Report
from diaspora_platform.notifications.models import Notification
from diaspora_platform.organisations.models import Organisation
from tests.conftest import PASSWORD


def _status(org) -> str:
    return db.session.get(Organisation, org.id).status


def _report_from(app, user, org, address):
    """Sign in and send the report form from `address`, as a browser would."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    return client.post(f"/moderation/organisation/{org.id}/report", data={"reason": "spam"})


def test_fresh_accounts_do_not_hide_a_verified_organisation(app, make_user, make_org):
    org = make_org()
    for n in range(3):
        _report_from(app, make_user(), org, f"198.51.100.{n}")
    assert _status(org) == "approved"


def test_reports_from_one_address_count_once(app, make_org, make_reporter):
    org = make_org()
    for _ in range(3):
        _report_from(app, make_reporter(), org, "203.0.113.9")
    assert _status(org) == "approved"


def test_accounts_created_in_the_same_hour_count_once(app, make_user, make_org):
    org = make_org()
    batch = utcnow().replace(minute=5) - timedelta(days=5)
    for n in range(3):
        _report_from(app, make_user(created_at=batch + timedelta(minutes=n)), org,
                     f"198.51.100.{n}")
    assert _status(org) == "approved"


def test_established_members_from_different_addresses_hide_it(app, make_org, make_reporter):
    org = make_org()
    for n in range(3):
        _report_from(app, make_reporter(), org, f"198.51.100.{n}")
    assert _status(org) == "hidden"


def test_the_minimum_account_age_is_configurable(app_factory, make_org, make_user):
    app = app_factory(REPORT_MIN_ACCOUNT_AGE=timedelta(hours=1))
    with app.app_context():
        org = make_org()
        for n in range(3):
            member = make_user(created_at=utcnow() - timedelta(hours=2 + n))
            _report_from(app, member, org, f"198.51.100.{n}")
        assert _status(org) == "hidden"


def test_unconfirmed_accounts_get_a_message_instead_of_the_form(app, client, auth,
                                                                make_user, make_org):
    org = make_org()
    auth.login(make_user(confirmed=False).email)
    page = client.get(f"/moderation/organisation/{org.id}/report",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Please confirm your email address before you report content" in page
    assert 'name="reason"' not in page
    client.post(f"/moderation/organisation/{org.id}/report", data={"reason": "spam"})
    assert db.session.scalar(sa.select(sa.func.count(Report.id))) == 0
    with pytest.raises(NotAllowed):
        services.report(make_user(confirmed=False), org, "spam")


def test_staff_are_told_of_a_report_at_once(app, make_user, make_org, make_reporter):
    staff = make_user(email="council@example.org", role=Role.STAFF)
    org = make_org()
    _report_from(app, make_reporter(), org, "198.51.100.1")
    kinds = [n.kind for n in db.session.query(Notification).filter_by(user_id=staff.id)]
    assert kinds == ["moderation.reported"]
