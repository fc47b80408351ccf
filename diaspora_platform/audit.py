"""Append-only audit log of staff and owner actions, each row hash-chained to the previous.

`record()` adds a row to the current transaction (the caller's service commits once);
`verify_chain()` recomputes every hash and reports the first row that does not match.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column

from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.extensions import db

GENESIS = "0" * 64


class AuditEntry(db.Model):
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

    def payload(self) -> str:
        body = {
            "id": self.id,
            "created_at": self.created_at.isoformat(),
            "actor_id": self.actor_id,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "details": self.details,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def compute_hash(self) -> str:
        return hashlib.sha256(self.payload().encode()).hexdigest()

    @property
    def details_dict(self) -> dict:
        return json.loads(self.details or "{}")


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_change(mapper, connection, target):  # pragma: no cover - guard
    raise RuntimeError("The audit log is append-only.")


def _lock_chain() -> None:
    """Serialise appends so two transactions never chain off the same row."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(727001)"))
    # SQLite: the caller's transaction already holds the write lock once it has flushed.


def record(actor, action: str, target=None, **details) -> AuditEntry:
    """Append an audit row to the current transaction; the caller commits."""
    db.session.flush()
    _lock_chain()
    last = db.session.execute(
        sa.select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    entry = AuditEntry(
        id=(last.id + 1) if last else 1,
        created_at=utcnow().replace(microsecond=0),
        actor_id=getattr(actor, "id", actor),
        action=action,
        target_type=type(target).__name__.lower() if target is not None else "",
        target_id=str(getattr(target, "id", "") or "") if target is not None else "",
        details=json.dumps(details, sort_keys=True, ensure_ascii=False, default=str),
        prev_hash=last.hash if last else GENESIS,
    )
    entry.hash = entry.compute_hash()
    db.session.add(entry)
    return entry


@dataclass
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(batch: int = 1000) -> ChainReport:
    """Walk the log in id order, recomputing hashes and links."""
    prev, checked, expected_id = GENESIS, 0, 1
    stmt = sa.select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=batch)
    for entry in db.session.scalars(stmt):
        if entry.id != expected_id:
            return ChainReport(checked, entry.id, "gap in ids (a row was removed)")
        if entry.prev_hash != prev:
            return ChainReport(checked, entry.id, "link to previous row broken")
        if entry.compute_hash() != entry.hash:
            return ChainReport(checked, entry.id, "row content changed")
        prev, checked, expected_id = entry.hash, checked + 1, expected_id + 1
    return ChainReport(checked)


def recent(limit: int = 50) -> list[AuditEntry]:
    stmt = sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    return list(db.session.scalars(stmt))


def log_page(*, after: str | None = None, before: str | None = None, per_page: int = 50):
    """A page of the log, newest first (a `pagination.Page`)."""
    from diaspora_platform import pagination

    return pagination.paginate(sa.select(AuditEntry), (pagination.desc(AuditEntry.id),),
                               pagination.getters("id"), after=after, before=before,
                               per_page=per_page)
