"""Helpers for fund tests: campaigns made through the services (open, optionally with a
matching rule), pledges, and the campaign form a staff member posts."""

import itertools
from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.fund import campaigns, ledger, pledges
from diaspora_platform.fund.models import LedgerEntry, Pledge, PledgeStatus

_keys = itertools.count(1)


def campaign_data(**overrides) -> dict:
    today = utcnow().date()
    data = {"title_tg": "Мактаб дар Хатлон", "title_ru": "Школа в Хатлоне",
            "title_en": "A school in Khatlon", "description_tg": "Тавсиф.",
            "description_ru": "Описание.", "description_en": "A **new** school.",
            "currency": "TJS", "currencies": ["TJS", "USD", "EUR", "RUB"],
            "target": "100000", "starts_on": today - timedelta(days=1),
            "ends_on": today + timedelta(days=30), "project_id": "",
            "match_sponsor": "", "match_ratio": None, "match_cap": ""}
    data.update(overrides)
    return data


def campaign_form(**overrides) -> dict:
    """The same, as a browser posts it."""
    data = campaign_data(**overrides)
    form = {k: ("" if v is None else v) for k, v in data.items()}
    form["starts_on"], form["ends_on"] = str(data["starts_on"]), str(data["ends_on"])
    return form


def key() -> str:
    return f"key-{next(_keys):08d}"


def pledge_data(**overrides) -> dict:
    data = {"idempotency_key": key(), "amount": "100", "currency": "TJS",
            "show_as": "name", "organisation_id": "", "message": ""}
    data.update(overrides)
    return data


@pytest.fixture
def staff(make_user):
    return make_user(email="staff@example.org", role=Role.STAFF, display_name="Staff One")


@pytest.fixture
def make_campaign(staff):
    def make(status="open", match=None, **overrides):
        if match:
            sponsor, ratio, cap = match
            overrides.update(match_sponsor=sponsor, match_ratio=ratio, match_cap=cap)
        campaign = campaigns.save_campaign(staff, campaign_data(**overrides))
        if status != "draft":
            campaigns.transition_campaign(staff, campaign, "open", "draft")
        if status in ("closed", "completed"):
            campaigns.transition_campaign(staff, campaign, "closed", "open")
        if status == "completed":
            campaigns.transition_campaign(staff, campaign, "completed", "closed")
        return campaign

    return make


@pytest.fixture
def make_pledge(make_user):
    def make(campaign, user=None, **overrides):
        user = user or make_user()
        pledge, _created = pledges.make_pledge(user, campaign, pledge_data(**overrides))
        return pledge

    return make


def confirm(staff, pledge, reference="BANK-1"):
    pledges.confirm_pledge(staff, pledge, reference, utcnow().date())


def ledger_sums(campaign_id: int) -> dict:
    """(currency, kind) -> sum, straight from the ledger table."""
    rows = db.session.execute(sa.select(LedgerEntry.currency, LedgerEntry.kind,
                                        sa.func.sum(LedgerEntry.amount_minor))
                              .where(LedgerEntry.campaign_id == campaign_id)
                              .group_by(LedgerEntry.currency, LedgerEntry.kind)).all()
    return {(currency, kind): int(total) for currency, kind, total in rows}


def pledge_sums(campaign_id: int) -> dict:
    """currency -> (all pledged, received, cancelled), from the pledges table."""
    out = {}
    for p in db.session.scalars(sa.select(Pledge).where(Pledge.campaign_id == campaign_id)):
        row = out.setdefault(p.currency, [0, 0, 0])
        row[0] += p.amount_minor
        row[1] += p.amount_minor if p.status == PledgeStatus.RECEIVED else 0
        row[2] += p.amount_minor if p.status == PledgeStatus.CANCELLED else 0
    return out


def chain_ok() -> bool:
    db.session.expire_all()
    return ledger.verify_chain().ok
