"""Append-only audit log of staff and owner actions, each row hash-chained to the previous.

`record()` adds a row to the current transaction (the caller's service commits once);
`verify_chain()` recomputes every hash and reports the first row that does not match.
"""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from diaspora_platform import decisions, hashchain
from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.extensions import db

LOCK_KEY = 727001  # the ledger's chain uses 727002


class AuditEntry(hashchain.ChainedRow, db.Model):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    # Plain integers, not foreign keys: the log outlives the rows it speaks of.
    actor_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)
    action: Mapped[str] = mapped_column(sa.String(64), nullable=False, index=True)
    target_type: Mapped[str] = mapped_column(sa.String(64), nullable=False, default="")
    target_id: Mapped[str] = mapped_column(sa.String(64), nullable=False, default="")
    details: Mapped[str] = mapped_column(sa.Text, nullable=False, default="{}")
    prev_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    hash: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)

    def hashed_fields(self) -> dict:
        return {
            "id": self.id,
            "created_at": self.created_at.isoformat(),
            "actor_id": self.actor_id,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "details": self.details,
            "prev_hash": self.prev_hash,
        }


hashchain.append_only(AuditEntry, "audit log")


def record(actor, action: str, target=None, **details) -> AuditEntry:
    """Append an audit row to the current transaction; the caller commits."""
    # The signed-in user arrives as a proxy: name the object behind it ("user", not
    # "localproxy").
    target = target._get_current_object() if hasattr(target, "_get_current_object") else target
    hashchain.lock(LOCK_KEY)
    next_id, prev_hash = hashchain.chain_end(AuditEntry)
    entry = AuditEntry(
        id=next_id,
        created_at=utcnow().replace(microsecond=0),
        actor_id=getattr(actor, "id", actor),
        action=action,
        target_type=type(target).__name__.lower() if target is not None else "",
        target_id=str(getattr(target, "id", "") or "") if target is not None else "",
        details=json.dumps(details, sort_keys=True, ensure_ascii=False, default=str),
        prev_hash=prev_hash,
    )
    entry.hash = entry.compute_hash()
    db.session.add(entry)
    decisions.copy(entry, actor)
    return entry


def verify_chain(batch: int = 1000) -> hashchain.ChainReport:
    """Walk the log in id order, recomputing hashes and links."""
    stmt = sa.select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=batch)
    rows = ({**entry.hashed_fields(), "hash": entry.hash} for entry in db.session.scalars(stmt))
    return hashchain.verify(rows, _hashed)


def _hashed(row: dict) -> dict:
    return {key: value for key, value in row.items() if key != "hash"}


def recent(limit: int = 50) -> list[AuditEntry]:
    stmt = sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    return list(db.session.scalars(stmt))


def log_page(*, after: str | None = None, before: str | None = None, per_page: int = 50,
             area: str | None = None, target_type: str | None = None,
             target_id: str | None = None):
    """A page of the log, newest first (a `pagination.Page`), of one area of actions
    ("fund" for "fund.*") and one object if asked."""
    from diaspora_platform import pagination

    stmt = sa.select(AuditEntry)
    if area:
        stmt = stmt.where(AuditEntry.action.startswith(f"{area}.", autoescape=True))
    if target_type:
        stmt = stmt.where(AuditEntry.target_type == target_type)
        if target_id:
            stmt = stmt.where(AuditEntry.target_id == target_id)
    return pagination.paginate(stmt, (pagination.desc(AuditEntry.id),),
                               pagination.getters("id"), after=after, before=before,
                               per_page=per_page)
