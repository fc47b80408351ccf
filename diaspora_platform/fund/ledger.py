"""The fund's public ledger: appending money events to the hash chain (see `hashchain`),
recomputing it with its running balances, and the totals read from it.

Appends are serialised (`lock()`), so the chain stays one line and each entry's running
balances are exact while many requests write at once."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa

from diaspora_platform import hashchain
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.fund.models import EFFECTS, EntryKind, LedgerEntry

LOCK_KEY = 727002  # the audit log uses 727001; the ledger's lock is always taken first


def lock() -> None:
    """Serialise ledger writers until this transaction ends."""
    hashchain.lock(LOCK_KEY)


def _stream_state(campaign_id: int, currency: str) -> tuple[int, int]:
    row = db.session.execute(
        sa.select(LedgerEntry.balance_minor, LedgerEntry.pending_minor)
        .where(LedgerEntry.campaign_id == campaign_id, LedgerEntry.currency == currency)
        .order_by(LedgerEntry.id.desc()).limit(1)).first()
    return (row.balance_minor, row.pending_minor) if row else (0, 0)


def matched_so_far(campaign_id: int) -> int:
    """Sponsor money credited to the campaign; call under `lock()` for an exact answer."""
    total = db.session.scalar(sa.select(sa.func.sum(LedgerEntry.amount_minor)).where(
        LedgerEntry.campaign_id == campaign_id, LedgerEntry.kind == EntryKind.MATCH_CREDITED))
    return int(total or 0)  # PostgreSQL sums bigints as numeric


def append(kind: EntryKind, campaign_id: int, amount_minor: int, currency: str,
           pledge_id: int | None = None, disbursement_id: int | None = None,
           **details) -> LedgerEntry:
    """Add one entry to the current transaction (the caller commits)."""
    lock()
    next_id, prev_hash = hashchain.chain_end(LedgerEntry)
    balance, pending = _stream_state(campaign_id, currency)
    d_balance, d_pending = EFFECTS[EntryKind(kind)]
    entry = LedgerEntry(
        id=next_id, created_at=utcnow().replace(microsecond=0),
        campaign_id=campaign_id, kind=str(kind), pledge_id=pledge_id,
        disbursement_id=disbursement_id, amount_minor=amount_minor, currency=currency,
        balance_minor=balance + d_balance * amount_minor,
        pending_minor=pending + d_pending * amount_minor,
        details=json.dumps(details, sort_keys=True, ensure_ascii=False, default=str),
        prev_hash=prev_hash,
    )
    entry.hash = entry.compute_hash()
    db.session.add(entry)
    db.session.flush()
    return entry


HASHED = ("id", "created_at", "campaign_id", "kind", "pledge_id", "disbursement_id",
          "amount_minor", "currency", "balance_minor", "pending_minor", "details",
          "prev_hash")


def verify_rows(rows) -> hashchain.ChainReport:
    """Check entries (dicts of the hashed fields, in id order): links, hashes, balances."""
    streams: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])

    def balances_add_up(row: dict) -> str | None:
        d_balance, d_pending = EFFECTS.get(row["kind"], (None, None))
        if d_balance is None or row["amount_minor"] <= 0:
            return "unknown kind or amount"
        state = streams[(row["campaign_id"], row["currency"])]
        state[0] += d_balance * row["amount_minor"]
        state[1] += d_pending * row["amount_minor"]
        if (row["balance_minor"], row["pending_minor"]) != tuple(state):
            return "running balance does not add up"
        return None

    return hashchain.verify(rows, lambda row: {k: row[k] for k in HASHED}, balances_add_up)


def verify_chain(batch: int = 1000) -> hashchain.ChainReport:
    """Walk the whole ledger in id order and recompute it."""
    stmt = sa.select(LedgerEntry).order_by(LedgerEntry.id).execution_options(yield_per=batch)
    rows = ({**entry.hashed_fields(), "hash": entry.hash}
            for entry in db.session.scalars(stmt))
    return verify_rows(rows)


@dataclass
class Totals:
    """One campaign's figures in one currency, all from the ledger."""

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


_FIELD = {EntryKind.PLEDGE_RECORDED: "pledged", EntryKind.PLEDGE_RECEIVED: "received",
          EntryKind.PLEDGE_CANCELLED: "cancelled", EntryKind.MATCH_CREDITED: "matched",
          EntryKind.DISBURSEMENT: "spent"}


@dataclass
class CampaignTotals:
    by_currency: dict[str, Totals] = field(default_factory=dict)

    def get(self, currency: str) -> Totals:
        return self.by_currency.get(currency) or Totals(currency)


def totals(campaign_ids=None) -> dict[int, CampaignTotals]:
    """Sums per campaign, currency and kind in one query."""
    stmt = (sa.select(LedgerEntry.campaign_id, LedgerEntry.currency, LedgerEntry.kind,
                      sa.func.sum(LedgerEntry.amount_minor))
            .group_by(LedgerEntry.campaign_id, LedgerEntry.currency, LedgerEntry.kind))
    if campaign_ids is not None:
        stmt = stmt.where(LedgerEntry.campaign_id.in_(list(campaign_ids)))
    result: dict[int, CampaignTotals] = defaultdict(CampaignTotals)
    for campaign_id, currency, kind, amount in db.session.execute(stmt):
        row = result[campaign_id].by_currency.setdefault(currency, Totals(currency))
        setattr(row, _FIELD[EntryKind(kind)], int(amount))
    return result
