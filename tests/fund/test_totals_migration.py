"""The migration that adds the stored totals fills them from a ledger written before it."""

from flask_migrate import downgrade, upgrade

from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.fund import campaigns, pledges, totals
from tests.core.test_migrations import _fresh_url
from tests.fund.conftest import campaign_data, pledge_data

BEFORE = "a7c1e5d9b3f2"  # the revision before fund_campaign_totals


def _user(n: int, role=Role.MEMBER) -> User:
    user = User(email=f"m{n}@example.org", password_hash="x", display_name=f"M {n}",
                locale="en", role=role, confirmed_at=utcnow())
    db.session.add(user)
    db.session.commit()
    return user


def _fill() -> int:
    """A matched campaign with pledges in two currencies received, cancelled and waiting."""
    staff = _user(0, Role.STAFF)
    campaign = campaigns.save_campaign(staff, campaign_data(
        match_sponsor="Somon Energy", match_ratio=2, match_cap="1000"))
    campaigns.transition_campaign(staff, campaign, "open", "draft")
    members = [_user(n) for n in range(1, 5)]
    made = [pledges.make_pledge(member, campaign, pledge_data(
        amount=str(100 * n), currency="USD" if n == 3 else "TJS"))[0]
        for n, member in enumerate(members, start=1)]
    pledges.make_pledge(members[0], campaign, pledge_data(amount="70"))
    pledges.confirm_pledge(staff, made[0], "BANK-1", utcnow().date())
    pledges.cancel_pledge(members[1], made[1])
    return campaign.id


def test_migration_fills_totals_from_the_existing_ledger(app_factory, database_url,
                                                         tmp_path):
    app = app_factory(SQLALCHEMY_DATABASE_URI=_fresh_url(database_url, tmp_path))
    with app.app_context():
        db.drop_all()
        upgrade()
        campaign_id = _fill()
        expected, counted = totals.recompute(), totals.contributors([campaign_id])
        db.session.remove()
        downgrade(revision=BEFORE)  # the ledger as it was before the totals existed
        upgrade()
        assert totals.stored() == expected != {}
        assert totals.contributors([campaign_id]) == counted == {campaign_id: 3}
        assert totals.mismatches() == []
        db.session.remove()
        downgrade(revision="base")
        db.engine.dispose()
