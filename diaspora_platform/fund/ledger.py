"""The fund's public ledger: appending money events to the hash chain (see `hashchain`),
recomputing it with its running balances, and the totals kept beside it.

Appends are serialised (`lock()`), so the chain stays one line and each entry's running
balances are exact while many requests write at once."""

from __future__ import annotations

import json
from collections import defaultdict

import sqlalchemy as sa

from diaspora_platform import hashchain
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.fund.models import EFFECTS, EntryKind, LedgerEntry
from diaspora_platform.fund.totals import CampaignTotals, Totals, count, rebuild
from diaspora_platform.fund.totals import stored as stored_totals

__all__ = ["CampaignTotals", "Totals", "append", "lock", "rebuild_totals", "totals",
           "verify_chain"]

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
    sums = stored_totals([campaign_id]).get(campaign_id) or CampaignTotals()
    return sum(row.matched for row in sums.by_currency.values())


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
    count(EntryKind(kind), campaign_id, amount_minor, currency, pledge_id)
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


def totals(campaign_ids=None) -> dict[int, CampaignTotals]:
    """Sums per campaign and currency, as stored beside the ledger (see `fund.totals`)."""
    return stored_totals(campaign_ids)


def rebuild_totals() -> None:
    """Replace the stored totals by sums of the ledger, with writers held off (the caller
    commits)."""
    lock()
    rebuild()
