"""The campaign figures the fund's pages show come from totals stored beside the ledger:
they equal the ledger's sums after every kind of entry, the pages show the same figures as
before, and `flask fund verify` catches a stored total that was changed."""

import sqlalchemy as sa

from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.formatting import format_money
from diaspora_platform.fund import campaigns, ledger, pledges, totals
from diaspora_platform.fund.models import Pledge, PledgeStatus
from tests.fund.conftest import confirm


def _stored_equals_ledger() -> bool:
    db.session.expire_all()
    return totals.mismatches() == [] and totals.stored() == totals.recompute()


def _distinct_pledgers(campaign_id: int) -> int:
    """Contributors as the pages have always counted them: members with a live pledge."""
    return db.session.scalar(sa.select(sa.func.count(sa.distinct(Pledge.user_id))).where(
        Pledge.campaign_id == campaign_id, Pledge.status != PledgeStatus.CANCELLED))


def _scenario(staff, make_campaign, make_pledge, make_user):
    """Pledges in two currencies recorded, received (with the sponsor's match), cancelled,
    and money spent; the stored totals are checked after each kind of entry."""
    campaign = make_campaign(match=("Somon Energy", 1, "1000"))
    alice, bob, carol = make_user(), make_user(), make_user()
    first = make_pledge(campaign, user=alice, amount="300")
    assert _stored_equals_ledger()
    confirm(staff, first)  # received, and 300 TJS matched
    assert _stored_equals_ledger()
    make_pledge(campaign, user=alice, amount="50", currency="USD")
    cancelled = make_pledge(campaign, user=bob, amount="200")
    pledges.cancel_pledge(bob, cancelled)
    assert _stored_equals_ledger()
    make_pledge(campaign, user=carol, amount="100")
    campaigns.record_disbursement(staff, campaign, {
        "idempotency_key": "disb-00000001", "amount": "250", "currency": "TJS",
        "recipient": "Builder", "purpose": "Roof", "paid_on": utcnow().date(),
        "evidence_url": "https://example.org/a.pdf"})
    assert _stored_equals_ledger()
    return campaign


def test_stored_totals_equal_the_ledger_after_every_kind_of_entry(
        staff, make_campaign, make_pledge, make_user):
    campaign = _scenario(staff, make_campaign, make_pledge, make_user)
    tjs = ledger.totals([campaign.id])[campaign.id].get("TJS")
    assert (tjs.pledged, tjs.received, tjs.cancelled, tjs.matched, tjs.spent) == \
        (60000, 30000, 20000, 30000, 25000)
    assert totals.contributors([campaign.id]) == {campaign.id: 2} == \
        {campaign.id: _distinct_pledgers(campaign.id)}


def test_pages_show_the_figures_of_the_ledger(client, staff, make_campaign,
                                              make_pledge, make_user):
    campaign = _scenario(staff, make_campaign, make_pledge, make_user)
    figures = client.get(f"/fund/{campaign.id}/totals.json").get_json()
    assert figures["contributors"] == 2
    assert figures["by_currency"]["TJS"] == {
        "pledged_minor": 60000, "received_minor": 30000, "pending_minor": 10000,
        "cancelled_minor": 20000, "matched_minor": 30000, "spent_minor": 25000,
        "held_minor": 35000}
    assert figures["by_currency"]["USD"]["pledged_minor"] == 5000
    assert figures["by_currency"]["USD"]["pending_minor"] == 5000
    assert figures["match_remaining_minor"] == 70000
    shown = {name: format_money(value, "TJS", minor=True, lang="en") for name, value in (
        ("received", 30000), ("pending", 10000), ("matched", 30000), ("spent", 25000))}
    listing = client.get("/fund/").get_data(as_text=True)
    page = client.get(f"/fund/{campaign.id}").get_data(as_text=True)
    assert f'data-fund-figure="received">{shown["received"]}<' in listing
    for html in (listing, page):
        assert "2 contributors" in html
    for name, text in shown.items():
        assert f'data-fund-figure="{name}">{text}<' in page


def test_verify_reports_a_changed_total_and_rebuild_repairs_it(
        runner, staff, make_campaign, make_pledge, make_user):
    campaign = _scenario(staff, make_campaign, make_pledge, make_user)
    assert runner.invoke(args=["fund", "verify"]).exit_code == 0
    db.session.execute(sa.text("UPDATE fund_campaign_totals SET received = received + 100 "
                               "WHERE currency = 'TJS'"))
    db.session.commit()
    result = runner.invoke(args=["fund", "verify"])
    assert result.exit_code == 1
    assert f"campaign {campaign.id} TJS" in result.output
    assert "rebuild-totals" in result.output

    rebuilt = runner.invoke(args=["fund", "rebuild-totals"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert runner.invoke(args=["fund", "verify"]).exit_code == 0
    db.session.expire_all()
    assert ledger.totals([campaign.id])[campaign.id].get("TJS").received == 30000


def test_verify_reports_a_removed_contributor(runner, staff, make_campaign, make_pledge,
                                              make_user):
    campaign = _scenario(staff, make_campaign, make_pledge, make_user)
    db.session.execute(sa.text("DELETE FROM fund_campaign_contributors WHERE campaign_id = "
                               ":c AND user_id = (SELECT min(user_id) FROM "
                               "fund_campaign_contributors)"), {"c": campaign.id})
    db.session.commit()
    result = runner.invoke(args=["fund", "verify"])
    assert result.exit_code == 1 and "contributors" in result.output
    assert runner.invoke(args=["fund", "rebuild-totals"]).exit_code == 0
    db.session.expire_all()
    assert totals.contributors([campaign.id]) == {campaign.id: 2}


def test_a_second_pledge_by_one_member_counts_once_until_both_are_cancelled(
        make_campaign, make_pledge, make_user):
    campaign, member = make_campaign(), make_user()
    first = make_pledge(campaign, user=member, amount="10")
    second = make_pledge(campaign, user=member, amount="20")
    assert totals.contributors([campaign.id]) == {campaign.id: 1}
    pledges.cancel_pledge(member, first)
    assert totals.contributors([campaign.id]) == {campaign.id: 1}
    pledges.cancel_pledge(member, second)
    assert totals.contributors([campaign.id]) == {}
    assert _stored_equals_ledger()
