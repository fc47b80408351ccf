"""Staff pages: campaigns (create, edit, status), disbursements, bank details, and
reconciling a bank statement. Every staff action is audited."""

import io

import pytest
import sqlalchemy as sa

from diaspora_platform.audit import AuditEntry
from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from diaspora_platform.fund import campaigns, reconcile
from diaspora_platform.fund.models import Campaign, Disbursement, Pledge
from tests.fund.conftest import campaign_data, campaign_form, confirm, ledger_sums


def _actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def test_staff_create_a_matched_campaign_as_a_draft(client, auth, staff):
    auth.login_as(staff)
    response = client.post("/fund/manage/new", data=campaign_form(
        match_sponsor="Somon Energy", match_ratio="3", match_cap="150 000"))
    assert response.status_code == 302
    campaign = db.session.scalar(sa.select(Campaign))
    assert (campaign.status, campaign.match_ratio, campaign.match_cap_minor) == (
        "draft", 3, 15000000)
    assert campaign.currency_list == ["TJS", "USD", "EUR", "RUB"]
    assert "fund.campaign_saved" in _actions()
    client.post(f"/fund/manage/{campaign.id}/status",
                data={"to_status": "open", "expected": "draft"})
    assert db.session.get(Campaign, campaign.id).status == "open"


@pytest.mark.parametrize("overrides,message", [
    ({"target": "-1"}, "more than zero"),
    ({"target": "abc"}, "as a number"),
    ({"currency": "XYZ"}, "Not a valid choice"),
    ({"title_ru": ""}, "both a title and a description"),
    ({f"{field}_{lang}": "" for field in ("title", "description") for lang in ("tg", "ru", "en")},
     "at least one language"),
    ({"match_sponsor": "Sponsor", "match_ratio": "", "match_cap": "100"}, "ratio"),
    ({"match_sponsor": "Sponsor", "match_ratio": "2", "match_cap": "0"}, "more than zero"),
])
def test_bad_campaigns_are_refused_with_a_message(client, auth, staff, overrides, message):
    auth.login_as(staff)
    response = client.post("/fund/manage/new", data=campaign_form(**overrides))
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Campaign.id))) == 0


def test_dates_must_be_in_order(staff):
    from datetime import timedelta

    today = utcnow().date()
    with pytest.raises(DomainError, match="end on or after"):
        campaigns.save_campaign(staff, campaign_data(starts_on=today,
                                                     ends_on=today - timedelta(days=1)))


def test_matching_rule_is_frozen_after_the_first_pledge(staff, make_campaign, make_pledge):
    campaign = make_campaign(match=("Somon Energy", 1, "1000"))
    make_pledge(campaign)
    with pytest.raises(DomainError, match="matching rule"):
        campaigns.save_campaign(staff, campaign_data(
            match_sponsor="Somon Energy", match_ratio=3, match_cap="1000"), campaign)
    campaigns.save_campaign(staff, campaign_data(
        title_en="Renamed", match_sponsor="Somon Energy", match_ratio=1, match_cap="1000"),
        campaign)
    assert campaign.title_en == "Renamed"


def test_impossible_status_changes_are_refused(staff, make_campaign):
    campaign = make_campaign(status="completed")
    with pytest.raises(DomainError):
        campaigns.transition_campaign(staff, campaign, "open", "completed")


def test_a_disbursement_cannot_exceed_what_the_campaign_holds(staff, make_campaign,
                                                              make_pledge):
    campaign = make_campaign(match=("Somon Energy", 1, "1000"))
    confirm(staff, make_pledge(campaign, amount="300"))  # holds 600 TJS with the match
    data = {"idempotency_key": "disb-00000001", "amount": "600.01", "currency": "TJS",
            "recipient": "Builder", "purpose": "Roof", "paid_on": utcnow().date(),
            "evidence_url": "https://example.org/a.pdf"}
    with pytest.raises(DomainError, match="holds only"):
        campaigns.record_disbursement(staff, campaign, data)
    campaigns.record_disbursement(staff, campaign, {**data, "amount": "600"})
    campaigns.record_disbursement(staff, campaign, {**data, "amount": "600"})  # same form
    assert ledger_sums(campaign.id)[("TJS", "disbursement")] == 60000
    assert db.session.scalar(sa.select(sa.func.count(Disbursement.id))) == 1


def test_a_disbursement_needs_evidence_and_accepts_a_pdf(client, auth, staff, make_campaign,
                                                         make_pledge):
    campaign = make_campaign()
    confirm(staff, make_pledge(campaign, amount="300"))
    auth.login_as(staff)
    form = {"idempotency_key": "disb-00000002", "amount": "100", "currency": "TJS",
            "recipient": "Builder", "purpose": "Bricks", "paid_on": str(utcnow().date())}
    response = client.post(f"/fund/manage/{campaign.id}/disbursements/new", data=form)
    assert "Add evidence" in response.get_data(as_text=True)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = client.post(f"/fund/manage/{campaign.id}/disbursements/new",
                           data={**form, "evidence": (io.BytesIO(pdf), "invoice.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    item = db.session.scalar(sa.select(Disbursement))
    page = client.get(f"/fund/{campaign.id}").get_data(as_text=True)
    assert "Bricks" in page
    evidence = client.get(f"/fund/disbursements/{item.id}/evidence")
    assert evidence.status_code == 200 and evidence.data == pdf
    assert "fund.disbursement_recorded" in _actions()


def test_bank_details_are_audited_and_shown_to_pledgers(client, auth, staff):
    auth.login_as(staff)
    client.post("/fund/manage/settings", data={"bank_details_en": "**Amonatbonk** 2020",
                                               "bank_details_tg": "**Амонатбонк** 2020"})
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == "fund.bank_details_changed"))
    assert entry.details_dict["new"] == {"tg": "**Амонатбонк** 2020",
                                         "en": "**Amonatbonk** 2020"}


def _statement(*lines: str) -> bytes:
    return ("Date;Amount;Currency;Description;Bank reference\n" + "\n".join(lines)).encode()


def test_reconciliation_proposes_matches_and_lists_the_rest(client, auth, staff,
                                                            make_campaign, make_pledge):
    campaign = make_campaign()
    good = make_pledge(campaign, amount="250")
    wrong_amount = make_pledge(campaign, amount="100")
    done = make_pledge(campaign, amount="70")
    confirm(staff, done)
    statement = _statement(
        f"2026-11-20;250,00;TJS;Pledge {good.reference.lower().replace('-', '')};AMB-1",
        f"20.11.2026;99.00;TJS;{wrong_amount.reference};AMB-2",
        f"2026-11-21;70.00;TJS;{done.reference};AMB-3",
        "2026-11-21;15.00;TJS;Salary;AMB-4",
        "2026-11-21;12.00;TJS;DF-ZZZZ-ZZZZ;AMB-5",
        "yesterday;abc;TJS;?;AMB-6")
    auth.login_as(staff)
    page = client.post("/fund/manage/reconcile", data={
        "statement": (io.BytesIO(statement), "statement.csv"), "currency": "TJS"},
        content_type="multipart/form-data").get_data(as_text=True)
    assert "1 line matches an open pledge" in page and "5 lines not matched" in page
    for reason in reconcile.REASONS.values():
        if str(reason) != "The same reference appears on an earlier line" and \
                str(reason) != "This pledge was cancelled":
            assert str(reason) in page
    lines = reconcile.parse_statement(statement)
    proposal = next(line for line in lines if line.reason is None)
    from diaspora_platform.fund.staff_views import _proposal_value

    client.post("/fund/manage/reconcile/accept", data={"accept": _proposal_value(proposal)})
    db.session.expire_all()
    pledge = db.session.get(Pledge, good.id)
    assert pledge.status == "received" and pledge.payment_reference == "AMB-1"
    response = client.post("/fund/manage/reconcile/accept",
                           data={"accept": _proposal_value(proposal)}, follow_redirects=True)
    assert "1 proposal skipped" in response.get_data(as_text=True)
    assert ledger_sums(campaign.id)[("TJS", "pledge_received")] == 25000 + 7000


@pytest.mark.parametrize("content,message", [
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"a,b,c\n1,2,3\n", "columns"),
])
def test_unreadable_statements_are_refused_with_a_message(client, auth, staff, content,
                                                          message):
    auth.login_as(staff)
    response = client.post("/fund/manage/reconcile", data={
        "statement": (io.BytesIO(content), "s.csv"), "currency": "TJS"},
        content_type="multipart/form-data")
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_a_too_large_statement_is_refused(app, staff):
    app.config["FUND_STATEMENT_MAX_BYTES"] = 100
    with pytest.raises(DomainError, match="too large"):
        reconcile.parse_statement(_statement(*["2026-11-20;1;TJS;x;y"] * 20))


def test_a_disbursement_key_used_on_one_campaign_is_refused_on_another(staff, make_campaign,
                                                                      make_pledge):
    first, second = make_campaign(), make_campaign()
    for campaign in (first, second):
        confirm(staff, make_pledge(campaign, amount="300"))
    data = {"idempotency_key": "disb-00000003", "amount": "100", "currency": "TJS",
            "recipient": "Builder", "purpose": "Roof", "paid_on": utcnow().date(),
            "evidence_url": "https://example.org/a.pdf"}
    campaigns.record_disbursement(staff, first, data)
    with pytest.raises(DomainError, match="another campaign"):
        campaigns.record_disbursement(staff, second, data)
    assert db.session.scalar(sa.select(Disbursement.campaign_id)) == first.id
