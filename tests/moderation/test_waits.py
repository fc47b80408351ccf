"""The public moderation log shows how long content waited: median and longest first wait
per month and kind."""

from datetime import timedelta

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services, waits

EN = {"Accept-Language": "en"}


def test_public_log_shows_median_and_longest_wait_by_month_and_kind(client, make_user,
                                                                    make_org):
    staff = make_user(role=Role.STAFF)
    for hours in (2, 3, 30):
        org = make_org(approved=False)
        org.submitted_at = utcnow() - timedelta(hours=hours, minutes=1)
        db.session.commit()
        services.decide(staff, org, "approve")
    (row,) = waits.monthly()
    assert (row.content_type, row.decisions) == ("organisation", 3)
    assert round(row.median_seconds / 3600) == 3 and round(row.longest_seconds / 3600) == 30
    page = client.get("/moderation/log", headers=EN).get_data(as_text=True)
    table = page.split('id="waits-title"')[1]
    assert "3 hours" in table and "30 hours" in table and "Organisation" in table


def test_public_log_says_when_nothing_was_decided(client):
    page = client.get("/moderation/log", headers=EN).get_data(as_text=True)
    assert "No decision in the last 12 months." in page
