"""Staff reviewing members' reports: who may decide, and what the reports page offers."""

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.errors import NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services
from diaspora_platform.moderation.models import ModerationDecision, Report
from diaspora_platform.organisations.models import Organisation

EN = {"Accept-Language": "en"}


def hidden_by_reports(make_reporter, make_org, **org_fields):
    org = make_org(**org_fields)
    for _ in range(3):
        services.report(make_reporter(), org, "spam")
    assert db.session.get(Organisation, org.id).status == "hidden"
    return org


def test_a_member_cannot_uphold_reports_on_an_item_they_already_hid(make_user, make_org,
                                                                   make_reporter):
    org = hidden_by_reports(make_reporter, make_org)
    member = make_user()
    decisions = db.session.scalar(sa.select(sa.func.count(ModerationDecision.id)))

    with pytest.raises(NotAllowed):
        services.uphold_reports(member, org, "offensive")

    db.session.rollback()
    org = db.session.get(Organisation, org.id)
    assert (org.status, org.moderation_reason, org.reviewed_by_id) == ("hidden", "reported", None)
    assert db.session.scalar(sa.select(sa.func.count(ModerationDecision.id))) == decisions
    assert set(db.session.scalars(sa.select(Report.status))) == {"open"}


def test_reports_page_offers_to_restore_what_reports_hid(client, auth, make_user, make_org,
                                                         make_reporter):
    hidden_by_reports(make_reporter, make_org, name="Hidden Society")
    services.report(make_user(), make_org(name="Public Society"), "spam")
    auth.login_as(make_user(role=Role.STAFF))

    page = client.get("/moderation/reports", headers=EN).get_data(as_text=True)

    hidden, public = page.split("Hidden Society")[1].split("Public Society")
    assert "3 open reports:" in hidden and "1 open report:" in public
    assert "Dismiss the reports and restore it" in hidden and "Keep it hidden" in hidden
    assert "Dismiss the reports (keep it public)" in public and "Hide it" in public
