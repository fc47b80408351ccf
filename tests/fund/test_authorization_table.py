"""Authorization as a table: every state-changing fund route, tried by each kind of actor;
a refused actor changes nothing, and another member's pledge answers 404 (so pledge numbers
cannot be probed).

Actors: anonymous; member (signed in, not the pledger); owner (the pledger); staff; admin.
Outcomes: "login" (sent to sign in), 403, 404, "ok" (the action ran or its form answered).
"""

import io

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.audit import AuditEntry
from diaspora_platform.extensions import db
from diaspora_platform.fund.models import Campaign, FundSettings, LedgerEntry, Pledge
from tests.authz import cells, changing_rules, check_row, pages_test
from tests.fund.conftest import campaign_form, pledge_data

pytestmark = [pytest.mark.outbox_only, pytest.mark.any_database]

ACTORS = ("anonymous", "member", "owner", "staff", "admin")
SIGNED_IN = {"anonymous": "login", "member": "ok", "owner": "ok", "staff": "ok",
             "admin": "ok"}
PLEDGER = {"anonymous": "login", "member": 404, "owner": "ok", "staff": 404, "admin": 404}
STAFF = {"anonymous": "login", "member": 403, "owner": 403, "staff": "ok", "admin": "ok"}

# rule -> (url, form data that makes the action run for someone allowed)
SCENARIOS = {
    "/fund/<int:campaign_id>/pledge": ("/fund/{campaign}/pledge", pledge_data),
    "/fund/pledges/<int:pledge_id>/cancel": ("/fund/pledges/{pledge}/cancel", {}),
    "/fund/manage/new": ("/fund/manage/new", campaign_form),
    "/fund/manage/<int:campaign_id>/edit": (
        "/fund/manage/{campaign}/edit", lambda: campaign_form(title_en="Renamed")),
    "/fund/manage/<int:campaign_id>/status": (
        "/fund/manage/{campaign}/status", {"to_status": "closed", "expected": "open"}),
    "/fund/manage/pledges/<int:pledge_id>/confirm": (
        "/fund/manage/pledges/{pledge}/confirm",
        {"payment_reference": "AMB-1", "received_on": "{today}"}),
    "/fund/manage/pledges/<int:pledge_id>/cancel": (
        "/fund/manage/pledges/{pledge}/cancel", {"reason": "Duplicate"}),
    "/fund/manage/<int:campaign_id>/disbursements/new": (
        "/fund/manage/{campaign}/disbursements/new",
        {"idempotency_key": "disbursement-key-1", "amount": "10", "currency": "TJS",
         "recipient": "Builder", "purpose": "Bricks", "paid_on": "{today}",
         "evidence_url": "https://example.org/invoice.pdf"}),
    "/fund/manage/settings": ("/fund/manage/settings", {"bank_details_en": "Account 1"}),
    "/fund/manage/reconcile": ("/fund/manage/reconcile", "statement"),
    "/fund/manage/reconcile/accept": (
        "/fund/manage/reconcile/accept", {"accept": "{pledge}|10000|TJS|{today}|AMB-7"}),
}
# Routes whose "ok" reads only (the statement is proposed, not applied).
READ_ONLY = {"/fund/manage/reconcile"}

READS = {
    "/fund/pledges/{pledge}": {**PLEDGER, "staff": "ok", "admin": "ok"},
    "/fund/mine": SIGNED_IN,
    "/fund/manage/": STAFF,
    "/fund/manage/{campaign}": STAFF,
    "/fund/manage/reconcile": STAFF,
    "/fund/manage/settings": STAFF,
}


def test_every_state_changing_fund_route_is_in_the_table(app):
    changing = changing_rules(app, "fund.")
    assert changing == set(SCENARIOS), "add new state-changing routes to SCENARIOS"


@pytest.fixture
def people(make_user, make_campaign, make_pledge, staff):
    from diaspora_platform.database import utcnow
    from diaspora_platform.fund import pledges

    people = {"owner": make_user(email="owner@example.org"),
              "member": make_user(email="member@example.org"),
              "staff": staff,
              "admin": make_user(email="admin@example.org", role=Role.ADMIN)}
    campaign = make_campaign()
    held = make_pledge(campaign, amount="500")
    pledges.confirm_pledge(staff, held, "AMB-0", utcnow().date())  # money to disburse
    pledge = make_pledge(campaign, user=people["owner"], amount="100")
    people["ids"] = {"campaign": campaign.id, "pledge": pledge.id,
                     "reference": pledge.reference, "today": str(utcnow().date())}
    return people


def _state():
    db.session.expire_all()
    return (db.session.execute(sa.select(Pledge.id, Pledge.status).order_by(Pledge.id)).all(),
            db.session.execute(sa.select(Campaign.id, Campaign.status, Campaign.title,
                                    Campaign.title_translations)
                               .order_by(Campaign.id)).all(),
            db.session.scalar(sa.select(sa.func.count(LedgerEntry.id))),
            db.session.scalar(sa.select(sa.func.count(AuditEntry.id))),
            db.session.scalar(sa.select(FundSettings.bank_details)))


def _data(data, ids):
    if data == "statement":
        csv = f"date,amount,currency,description\n{ids['today']},100.00,TJS,{ids['reference']}\n"
        return {"statement": (io.BytesIO(csv.encode()), "statement.csv"), "currency": "TJS"}
    data = data() if callable(data) else data
    return {key: value.format(**ids) if isinstance(value, str) else value
            for key, value in data.items()}


@pytest.mark.parametrize(("rule", "actor"), cells(SCENARIOS, ACTORS))
def test_route_answers_each_actor_as_its_check_says(client, auth, people, make_user, rule,
                                                  actor):
    url, data = SCENARIOS[rule]
    ids = people["ids"]
    check_row(client, auth, people, rule, (url, {}), actor, _state, make_user=make_user,
              files=lambda: _data(data, ids), changes=rule not in READ_ONLY,
              content_type="multipart/form-data")


test_pages_show_pledges_only_to_those_concerned = pages_test(READS, ACTORS)


def test_staff_without_two_factor_are_sent_to_set_it_up(client, auth, make_user, people):
    staff = make_user(email="new-staff@example.org", role=Role.STAFF)
    staff.totp_enabled_at = staff.totp_secret = None
    db.session.commit()
    auth.login_as(staff)
    before = _state()
    response = client.post(f"/fund/manage/pledges/{people['ids']['pledge']}/confirm",
                           data={"payment_reference": "X", "received_on": "2026-01-01"})
    assert response.status_code == 302 and "two-factor" in response.headers["Location"]
    assert _state() == before
