"""Read side of the fund: campaign lists with their figures, the ledger page and exports,
a member's pledges, the staff's pledge lists."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from diaspora_platform import pagination, table_cache
from diaspora_platform.accounts.models import User
from diaspora_platform.extensions import db
from diaspora_platform.formatting import format_money
from diaspora_platform.fund import ledger, totals
from diaspora_platform.fund.models import (
    Campaign,
    CampaignStatus,
    LedgerEntry,
    Pledge,
    PledgeStatus,
)
from diaspora_platform.organisations.models import Organisation

LEDGER_PAGE = 50
PLEDGES_PAGE = 50
LEDGER_KEY = pagination.key(pagination.desc(LedgerEntry.id))
PLEDGES_KEY = pagination.key(pagination.desc(Pledge.id))


@dataclass
class Figures:
    """What a campaign page shows: totals per currency and the number of contributors."""

    campaign: Campaign
    totals: ledger.CampaignTotals
    contributors: int

    @property
    def main(self) -> ledger.Totals:
        return self.totals.get(self.campaign.currency)

    @property
    def progress(self) -> float:
        return min(1.0, self.main.received / self.campaign.target_minor)

    @property
    def match_remaining(self) -> int:
        if not self.campaign.has_match:
            return 0
        return max(0, self.campaign.match_cap_minor - self.main.matched)

    @property
    def rows(self) -> list[ledger.Totals]:
        """Every accepted currency, the campaign's own first, plus any with entries."""
        codes = list(dict.fromkeys([self.campaign.currency, *self.campaign.currency_list,
                                    *self.totals.by_currency]))
        return [self.totals.get(code) for code in codes]

    def as_json(self) -> dict:
        return {
            "campaign_id": self.campaign.id, "status": self.campaign.status,
            "currency": self.campaign.currency, "target_minor": self.campaign.target_minor,
            "contributors": self.contributors, "match_remaining_minor": self.match_remaining,
            "by_currency": {row.currency: {
                "pledged_minor": row.pledged, "received_minor": row.received,
                "pending_minor": row.pending, "cancelled_minor": row.cancelled,
                "matched_minor": row.matched, "spent_minor": row.spent,
                "held_minor": row.held} for row in self.rows},
            # The campaign's own currency, formatted in the reader's language.
            "display": {key: format_money(value, self.campaign.currency, minor=True)
                        for key, value in (
                ("received", self.main.received), ("pending", self.main.pending),
                ("matched", self.main.matched), ("spent", self.main.spent),
                ("match_remaining", self.match_remaining))},
        }


def figures(campaigns: list[Campaign]) -> list[Figures]:
    """The stored figures of these campaigns (two index reads, whatever the ledger's size)."""
    ids = [c.id for c in campaigns]
    sums = ledger.totals(ids) if ids else {}
    counts = totals.contributors(ids) if ids else {}
    return [Figures(c, sums.get(c.id) or ledger.CampaignTotals(), counts.get(c.id, 0))
            for c in campaigns]


def public_campaigns(project_id: int | None = None) -> list[Campaign]:
    """Campaigns anyone may see (all, or those raising money for one project): open ones
    first, then closed, then completed; the latest ending first."""
    order = sa.case({CampaignStatus.OPEN: 0, CampaignStatus.CLOSED: 1}, value=Campaign.status,
                    else_=2)
    stmt = public_campaign_select()
    if project_id is not None:
        stmt = stmt.where(Campaign.project_id == project_id)
    return list(db.session.scalars(stmt.order_by(order, Campaign.ends_on.desc())))


def public_campaign_select():
    """Campaigns anyone may see: every one but drafts."""
    return sa.select(Campaign).where(Campaign.status != CampaignStatus.DRAFT)


def all_campaigns() -> list[Campaign]:
    return list(db.session.scalars(sa.select(Campaign).order_by(Campaign.id.desc())))


def _ledger_filter(stmt, campaign_id: int | None, currency: str | None):
    if campaign_id:
        stmt = stmt.where(LedgerEntry.campaign_id == campaign_id)
    if currency:
        stmt = stmt.where(LedgerEntry.currency == currency)
    return stmt


def ledger_page(campaign_id: int | None = None, currency: str | None = None, *,
                after: str | None = None, before: str | None = None) -> pagination.Page:
    """A page of the public ledger, newest first. Only public campaigns have entries (a
    draft cannot take pledges), so the page seeks the ledger's primary key directly. The
    entries' campaigns are not joined to every row: the page reads `public_campaigns()`
    first (its filter lists them), and each entry finds its campaign in the session."""
    stmt = _ledger_filter(sa.select(LedgerEntry), campaign_id, currency).options(
        joinedload(LedgerEntry.pledge).joinedload(Pledge.user),
        joinedload(LedgerEntry.pledge).joinedload(Pledge.organisation),
        joinedload(LedgerEntry.disbursement))
    return pagination.paginate(stmt, LEDGER_KEY, pagination.getters("id"), after=after,
                               before=before, per_page=LEDGER_PAGE)


def ledger_version(campaign_id: int | None = None, currency: str | None = None) -> str:
    """Names the export's current content: the change stamps of the ledger and of the
    users and organisations whose names appear in it (no query), or without the table
    cache the last entry and the last change to a user or organisation (three lookups)."""
    stamps = [table_cache.stamp(t.name) for t in (LedgerEntry.__table__, User.__table__,
                                                  Organisation.__table__, Pledge.__table__)]
    if None not in stamps:
        text = f"stamps|{stamps}|{campaign_id}|{currency}"
        return hashlib.sha256(text.encode()).hexdigest()[:32]
    last = db.session.execute(sa.select(
        sa.select(sa.func.max(LedgerEntry.id)).scalar_subquery(),
        sa.select(sa.func.max(User.updated_at)).scalar_subquery(),
        sa.select(sa.func.max(Organisation.updated_at)).scalar_subquery())).one()
    text = f"{last[0]}|{last[1]}|{last[2]}|{campaign_id}|{currency}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def ledger_rows(campaign_id: int | None = None, currency: str | None = None):
    """Every entry in id order, with the hashed fields (so the export can be verified)
    and the name the pledger chose ("anonymous" otherwise)."""
    stmt = _ledger_filter(public_ledger(), campaign_id, currency).order_by(
        LedgerEntry.id).execution_options(yield_per=500)
    for entry in db.session.scalars(stmt):
        yield ledger_row(entry)


def public_ledger():
    """Every ledger entry (all are public), with what names their pledger."""
    return sa.select(LedgerEntry).options(
        joinedload(LedgerEntry.pledge).joinedload(Pledge.user),
        joinedload(LedgerEntry.pledge).joinedload(Pledge.organisation))


def ledger_row(entry: LedgerEntry) -> dict:
    """An entry as published: the hashed fields, its hash and the name the pledger chose
    ("anonymous" otherwise)."""
    pledge = entry.pledge
    name = (pledge.public_name or "anonymous") if pledge is not None else ""
    return {**entry.hashed_fields(), "hash": entry.hash, "name": name}


def campaign_pledges(campaign: Campaign, status: str | None, *, after: str | None = None,
                     before: str | None = None) -> pagination.Page:
    """A page of the campaign's pledges for staff, newest first (by cursor)."""
    stmt = sa.select(Pledge).where(Pledge.campaign_id == campaign.id).options(
        joinedload(Pledge.user), joinedload(Pledge.organisation))
    if status in set(PledgeStatus):
        stmt = stmt.where(Pledge.status == status)
    return pagination.paginate(stmt, PLEDGES_KEY, pagination.getters("id"), after=after,
                               before=before, per_page=PLEDGES_PAGE)


def supporters(campaign: Campaign, limit: int = 20) -> list[Pledge]:
    """Recent non-cancelled pledges, for the campaign page (names as their pledgers chose)."""
    return list(db.session.scalars(sa.select(Pledge).where(
        Pledge.campaign_id == campaign.id, Pledge.status != PledgeStatus.CANCELLED)
        .options(joinedload(Pledge.user), joinedload(Pledge.organisation))
        .order_by(Pledge.id.desc()).limit(limit)))


def my_pledges(user) -> list[Pledge]:
    return list(db.session.scalars(sa.select(Pledge).where(Pledge.user_id == user.id)
                                   .options(selectinload(Pledge.campaign))
                                   .order_by(Pledge.id.desc())))


def disbursements(campaign: Campaign) -> list:
    from diaspora_platform.fund.models import Disbursement

    return list(db.session.scalars(sa.select(Disbursement).where(
        Disbursement.campaign_id == campaign.id).order_by(Disbursement.paid_on.desc(),
                                                           Disbursement.id.desc())))
