"""The fund's figures per campaign and currency, stored beside the ledger. `ledger.append`
calls `count` in the entry's own transaction, under the ledger's lock, so the stored sums
and contributor rows are exact while many requests write at once, and pages read a few
rows instead of summing the ledger. `recompute` sums the ledger (and the pledges) again:
`flask fund verify` compares the two, `flask fund rebuild-totals` replaces the stored rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.fund.models import (
    CampaignContributor,
    CampaignTotal,
    EntryKind,
    LedgerEntry,
    Pledge,
    PledgeStatus,
)

FIELDS = ("pledged", "received", "cancelled", "matched", "spent")
_FIELD = {EntryKind.PLEDGE_RECORDED: "pledged", EntryKind.PLEDGE_RECEIVED: "received",
          EntryKind.PLEDGE_CANCELLED: "cancelled", EntryKind.MATCH_CREDITED: "matched",
          EntryKind.DISBURSEMENT: "spent"}


@dataclass
class Totals:
    """One campaign's figures in one currency."""

    currency: str
    pledged: int = 0  # every pledge recorded
    received: int = 0
    cancelled: int = 0
    matched: int = 0
    spent: int = 0

    @property
    def pending(self) -> int:
        return self.pledged - self.received - self.cancelled

    @property
    def held(self) -> int:
        return self.received + self.matched - self.spent

    @property
    def fulfilment(self) -> float | None:
        """Received / pledged (cancelled pledges count as not fulfilled)."""
        return self.received / self.pledged if self.pledged else None


@dataclass
class CampaignTotals:
    by_currency: dict[str, Totals] = field(default_factory=dict)

    def get(self, currency: str) -> Totals:
        return self.by_currency.get(currency) or Totals(currency)


def _add_amount(campaign_id: int, currency: str, column: str, amount: int) -> None:
    # An increment in SQL, not a read-modify-write: exact whatever this session has cached.
    where = (CampaignTotal.campaign_id == campaign_id, CampaignTotal.currency == currency)
    done = db.session.execute(
        sa.update(CampaignTotal).where(*where)
        .values({column: getattr(CampaignTotal, column) + amount})
        .execution_options(synchronize_session=False))
    if done.rowcount == 0:
        db.session.execute(sa.insert(CampaignTotal).values(
            {"campaign_id": campaign_id, "currency": currency,
             **{name: amount if name == column else 0 for name in FIELDS}}))


def _count_pledger(campaign_id: int, user_id: int, step: int) -> None:
    where = (CampaignContributor.campaign_id == campaign_id,
             CampaignContributor.user_id == user_id)
    done = db.session.execute(
        sa.update(CampaignContributor).where(*where)
        .values(pledges=CampaignContributor.pledges + step)
        .execution_options(synchronize_session=False))
    if done.rowcount == 0 and step > 0:
        db.session.execute(sa.insert(CampaignContributor).values(
            campaign_id=campaign_id, user_id=user_id, pledges=step))
    elif step < 0:
        db.session.execute(sa.delete(CampaignContributor).where(
            *where, CampaignContributor.pledges <= 0)
            .execution_options(synchronize_session=False))


def count(kind: EntryKind, campaign_id: int, amount_minor: int, currency: str,
          pledge_id: int | None) -> None:
    """Add one ledger entry to the stored figures; call under the ledger's lock."""
    _add_amount(campaign_id, currency, _FIELD[kind], amount_minor)
    if kind in (EntryKind.PLEDGE_RECORDED, EntryKind.PLEDGE_CANCELLED):
        user_id = db.session.scalar(sa.select(Pledge.user_id).where(Pledge.id == pledge_id))
        _count_pledger(campaign_id, user_id,
                       1 if kind == EntryKind.PLEDGE_RECORDED else -1)


def stored(campaign_ids=None) -> dict[int, CampaignTotals]:
    """The stored sums per campaign and currency (all campaigns, or those given)."""
    stmt = sa.select(CampaignTotal.__table__)  # plain rows: nothing cached in the session
    if campaign_ids is not None:
        stmt = stmt.where(CampaignTotal.campaign_id.in_(list(campaign_ids)))
    result: dict[int, CampaignTotals] = defaultdict(CampaignTotals)
    for row in db.session.execute(stmt):
        result[row.campaign_id].by_currency[row.currency] = Totals(
            row.currency, **{name: int(getattr(row, name)) for name in FIELDS})
    return result


def contributors(campaign_ids) -> dict[int, int]:
    """Members with a pledge that is not cancelled, per campaign."""
    stmt = (sa.select(CampaignContributor.campaign_id, sa.func.count())
            .where(CampaignContributor.campaign_id.in_(list(campaign_ids)))
            .group_by(CampaignContributor.campaign_id))
    return dict(db.session.execute(stmt).all())


def recompute(campaign_ids=None) -> dict[int, CampaignTotals]:
    """The same sums, straight from the ledger."""
    stmt = (sa.select(LedgerEntry.campaign_id, LedgerEntry.currency, LedgerEntry.kind,
                      sa.func.sum(LedgerEntry.amount_minor))
            .group_by(LedgerEntry.campaign_id, LedgerEntry.currency, LedgerEntry.kind))
    if campaign_ids is not None:
        stmt = stmt.where(LedgerEntry.campaign_id.in_(list(campaign_ids)))
    result: dict[int, CampaignTotals] = defaultdict(CampaignTotals)
    for campaign_id, currency, kind, amount in db.session.execute(stmt):
        row = result[campaign_id].by_currency.setdefault(currency, Totals(currency))
        setattr(row, _FIELD[EntryKind(kind)], int(amount))  # PostgreSQL sums to numeric
    return result


def _live_pledges():
    """(campaign, member) -> pledges not cancelled, from the pledges table."""
    return (sa.select(Pledge.campaign_id, Pledge.user_id, sa.func.count(Pledge.id))
            .where(Pledge.status != PledgeStatus.CANCELLED)
            .group_by(Pledge.campaign_id, Pledge.user_id))


def mismatches() -> list[str]:
    """Where the stored figures differ from the ledger and the pledges (empty if none)."""
    found = []
    want, have = recompute(), stored()
    for campaign_id in sorted(set(want) | set(have)):
        codes = set(want.get(campaign_id, CampaignTotals()).by_currency) | \
            set(have.get(campaign_id, CampaignTotals()).by_currency)
        for code in sorted(codes):
            expected = want.get(campaign_id, CampaignTotals()).get(code)
            actual = have.get(campaign_id, CampaignTotals()).get(code)
            if expected != actual:
                found.append(f"campaign {campaign_id} {code}: stored {actual}, "
                             f"ledger {expected}")
    live = {(c, u): n for c, u, n in db.session.execute(_live_pledges())}
    kept = {(row.campaign_id, row.user_id): row.pledges
            for row in db.session.scalars(sa.select(CampaignContributor))}
    if live != kept:
        found.append(f"contributors: {len(kept)} stored, {len(live)} in the pledges")
    return found


def rebuild() -> None:
    """Replace the stored figures by the recomputed ones; call under the ledger's lock (the
    caller commits)."""
    db.session.execute(sa.delete(CampaignTotal))
    db.session.execute(sa.delete(CampaignContributor))
    rows = [{"campaign_id": campaign_id, "currency": t.currency,
             **{name: getattr(t, name) for name in FIELDS}}
            for campaign_id, sums in recompute().items() for t in sums.by_currency.values()]
    if rows:
        db.session.execute(sa.insert(CampaignTotal), rows)
    markers = [{"campaign_id": c, "user_id": u, "pledges": n}
               for c, u, n in db.session.execute(_live_pledges())]
    if markers:
        db.session.execute(sa.insert(CampaignContributor), markers)
