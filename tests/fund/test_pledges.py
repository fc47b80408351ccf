"""Pledging, confirming and cancelling: the rules, the idempotency key, the receipts, and
who may see what."""

import pytest
import sqlalchemy as sa

from diaspora_platform.errors import Conflict, DomainError
from diaspora_platform.extensions import db
from diaspora_platform.fund import ledger, pledges
from diaspora_platform.fund.models import LedgerEntry, Pledge
from tests.fund.conftest import chain_ok, confirm, key, ledger_sums, pledge_data


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Pledge.id)))


def test_member_pledges_and_sees_instructions_with_the_reference(client, auth, make_user,
                                                                  make_campaign, staff):
    from diaspora_platform.fund import campaigns

    campaigns.save_bank_details(staff, {"en": "**Amonatbonk** account 2020297"})
    campaign = make_campaign()
    member = make_user(display_name="Zarina Karimova")
    auth.login_as(member)
    response = client.post(f"/fund/{campaign.id}/pledge",
                           data=pledge_data(amount="1 500,50", message="For the kids"))
    assert response.status_code == 302
    pledge = db.session.scalar(sa.select(Pledge))
    assert (pledge.amount_minor, pledge.currency, pledge.status) == (150050, "TJS", "pledged")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert pledge.reference in page and "Amonatbonk" in page
    assert pledge.reference in client.get("/fund/mine").get_data(as_text=True)
    assert ledger_sums(campaign.id) == {("TJS", "pledge_recorded"): 150050}


def test_the_same_form_sent_twice_records_one_pledge(client, auth, make_user, make_campaign):
    campaign = make_campaign()
    auth.login_as(make_user())
    data = pledge_data()
    first = client.post(f"/fund/{campaign.id}/pledge", data=data)
    second = client.post(f"/fund/{campaign.id}/pledge", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert _count() == 1
    assert db.session.scalar(sa.select(sa.func.count(LedgerEntry.id))) == 1


@pytest.mark.parametrize("amount,currency,message", [
    ("-5", "TJS", "more than zero"),
    ("0", "TJS", "more than zero"),
    ("0.00", "TJS", "more than zero"),
    ("10.005", "TJS", "at most 2 digits"),
    ("1e9", "TJS", "as a number"),
    ("abc", "TJS", "as a number"),
    ("NaN", "TJS", "as a number"),
    ("99999999999999999999", "TJS", "as a number"),
    ("5000000", "TJS", "must be between"),
    ("5", "TJS", "must be between"),
    ("100", "XYZ", "currency from the list"),
    ("100", "", "currency from the list"),
])
def test_bad_amounts_and_currencies_are_refused_with_a_message(client, auth, make_user,
                                                                make_campaign, amount,
                                                                currency, message):
    campaign = make_campaign()
    auth.login_as(make_user())
    response = client.post(f"/fund/{campaign.id}/pledge",
                           data=pledge_data(amount=amount, currency=currency))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert amount in response.get_data(as_text=True)  # the input is kept
    assert _count() == 0


def test_a_currency_the_campaign_does_not_take_is_refused(make_user, make_campaign):
    campaign = make_campaign(currencies=["TJS"])
    with pytest.raises(DomainError):
        pledges.make_pledge(make_user(), campaign, pledge_data(currency="USD"))


@pytest.mark.parametrize("status", ["draft", "closed", "completed"])
def test_only_an_open_campaign_takes_pledges(client, auth, make_user, make_campaign, status):
    campaign = make_campaign(status=status)
    auth.login_as(make_user())
    response = client.post(f"/fund/{campaign.id}/pledge", data=pledge_data())
    if status == "draft":
        assert response.status_code == 404
    else:
        assert "not accepting pledges" in response.get_data(as_text=True)
    assert _count() == 0


def test_a_campaign_past_its_end_date_takes_no_pledges(make_user, make_campaign):
    from datetime import timedelta

    from diaspora_platform.database import utcnow

    today = utcnow().date()
    campaign = make_campaign(starts_on=today - timedelta(days=9),
                             ends_on=today - timedelta(days=1))
    with pytest.raises(DomainError, match="not accepting"):
        pledges.make_pledge(make_user(), campaign, pledge_data())


def test_confirming_twice_is_a_conflict_and_credits_once(make_campaign, make_pledge, staff):
    campaign = make_campaign(match=("Somon Energy", 1, "1000"))
    pledge = make_pledge(campaign, amount="200")
    confirm(staff, pledge)
    with pytest.raises(Conflict):
        confirm(staff, pledge)
    assert ledger_sums(campaign.id) == {("TJS", "pledge_recorded"): 20000,
                                        ("TJS", "pledge_received"): 20000,
                                        ("TJS", "match_credited"): 20000}
    assert chain_ok()


def test_the_match_stops_at_the_cap(make_campaign, make_pledge, staff):
    campaign = make_campaign(match=("Somon Energy", 3, "1000"))
    for amount in ("200", "200", "200"):  # 3:1 -> 600, then 400 (cap), then nothing
        confirm(staff, make_pledge(campaign, amount=amount))
    sums = ledger_sums(campaign.id)
    assert sums[("TJS", "match_credited")] == 100000
    entries = db.session.scalars(sa.select(LedgerEntry).where(
        LedgerEntry.kind == "match_credited").order_by(LedgerEntry.id)).all()
    assert [e.amount_minor for e in entries] == [60000, 40000]


def test_other_currencies_are_not_matched(make_campaign, make_pledge, staff):
    campaign = make_campaign(match=("Somon Energy", 1, "1000"))
    confirm(staff, make_pledge(campaign, amount="50", currency="USD"))
    assert ("USD", "match_credited") not in ledger_sums(campaign.id)


def test_a_received_pledge_cannot_be_cancelled(make_campaign, make_pledge, staff):
    pledge = make_pledge(make_campaign())
    confirm(staff, pledge)
    with pytest.raises(DomainError, match="received pledge"):
        pledges.cancel_pledge(pledge.user, pledge)
    with pytest.raises(DomainError, match="received pledge"):
        pledges.cancel_pledge(staff, pledge, "Duplicate", as_staff=True)
    assert db.session.get(Pledge, pledge.id).status == "received"


def test_a_cancelled_pledge_cannot_be_confirmed(make_campaign, make_pledge, staff):
    pledge = make_pledge(make_campaign())
    assert pledges.cancel_pledge(pledge.user, pledge)
    assert not pledges.cancel_pledge(pledge.user, pledge)  # twice: nothing more happens
    with pytest.raises(DomainError, match="cancelled pledge"):
        confirm(staff, pledge)
    assert ledger_sums(pledge.campaign_id) == {("TJS", "pledge_recorded"): 10000,
                                               ("TJS", "pledge_cancelled"): 10000}


def test_staff_must_give_a_reason_to_cancel(make_campaign, make_pledge, staff, mailbox):
    pledge = make_pledge(make_campaign())
    with pytest.raises(DomainError, match="reason"):
        pledges.cancel_pledge(staff, pledge, "", as_staff=True)
    assert pledges.cancel_pledge(staff, pledge, "Paid twice by mistake", as_staff=True)
    assert "Paid twice by mistake" in mailbox.last(pledge.user.email).get_content()


def test_pledger_cancels_through_the_page(client, auth, make_campaign, make_pledge):
    pledge = make_pledge(make_campaign())
    auth.login_as(pledge.user)
    client.post(f"/fund/pledges/{pledge.id}/cancel")
    assert db.session.get(Pledge, pledge.id).status == "cancelled"


def test_a_member_cannot_read_or_cancel_another_members_pledge(client, auth, make_user,
                                                                make_campaign, make_pledge):
    pledge = make_pledge(make_campaign())
    auth.login_as(make_user())
    assert client.get(f"/fund/pledges/{pledge.id}").status_code == 404
    assert client.post(f"/fund/pledges/{pledge.id}/cancel").status_code == 404
    assert db.session.get(Pledge, pledge.id).status == "pledged"
    assert pledge.reference not in client.get("/fund/mine").get_data(as_text=True)


def test_receipts_are_mailed_when_recorded_and_when_received(make_user, make_campaign,
                                                             make_pledge, staff, mailbox):
    member = make_user(email="zarina@example.org", locale="ru")
    pledge = make_pledge(make_campaign(), user=member, amount="250")
    recorded = mailbox.last("zarina@example.org").get_content()
    assert pledge.reference in recorded and "250,00" in recorded
    confirm(staff, pledge)
    assert len([m for m in mailbox.messages() if m["To"] == "zarina@example.org"]) == 2


def test_a_pledge_in_an_organisations_name_needs_a_managed_organisation(make_user, make_org,
                                                                        make_campaign):
    member = make_user()
    campaign = make_campaign()
    with pytest.raises(DomainError, match="organisation"):
        pledges.make_pledge(member, campaign, pledge_data(show_as="organisation"))
    org = make_org(owner=member, name="Ravzana")
    pledge, _ = pledges.make_pledge(member, campaign, pledge_data(
        show_as="organisation", organisation_id=str(org.id)))
    assert pledge.public_name == "Ravzana"


def test_unconfirmed_members_cannot_pledge(make_user, make_campaign):
    from diaspora_platform.errors import NotAllowed

    with pytest.raises(NotAllowed):
        pledges.make_pledge(make_user(confirmed=False), make_campaign(), pledge_data())


def test_a_pledge_never_changes_amount(make_campaign, make_pledge):
    pledge = make_pledge(make_campaign(), amount="100")
    again, created = pledges.make_pledge(pledge.user, pledge.campaign, pledge_data(
        idempotency_key=pledge.idempotency_key, amount="900"))
    assert not created and again.amount_minor == 10000


def test_keys_are_per_member(make_user, make_campaign):
    campaign = make_campaign()
    shared = key()
    a, _ = pledges.make_pledge(make_user(), campaign, pledge_data(idempotency_key=shared))
    b, _ = pledges.make_pledge(make_user(), campaign, pledge_data(idempotency_key=shared))
    assert a.id != b.id
    assert ledger.verify_chain().checked == 2


def test_a_member_may_have_only_so_many_unpaid_pledges(make_user, make_campaign):
    member, campaign = make_user(), make_campaign()
    for _ in range(pledges.OPEN_PLEDGES_MAX):
        pledges.make_pledge(member, campaign, pledge_data())
    with pytest.raises(DomainError, match="waiting for payment"):
        pledges.make_pledge(member, campaign, pledge_data())


def test_a_key_used_on_one_campaign_is_refused_on_another(client, auth, make_user,
                                                         make_campaign):
    first, second = make_campaign(), make_campaign()
    auth.login_as(make_user())
    data = pledge_data()
    assert client.post(f"/fund/{first.id}/pledge", data=data).status_code == 302
    response = client.post(f"/fund/{second.id}/pledge", data={**data, "amount": "700"})
    assert response.status_code == 200
    assert "already sent for another campaign" in response.get_data(as_text=True)
    assert [p.campaign_id for p in db.session.scalars(sa.select(Pledge))] == [first.id]
