"""The public record of staff decisions: approvals, rejections (with their public reason),
hides and restores of public content, role grants (the role, never the person), campaign
openings and disbursements, each copied from the audit log as it is written.

A chain of its own (see `hashchain`): its rows hold only what anyone may read, so the whole
of it is published and anyone can check it the way they check the fund's ledger. The
actor is "Council staff" unless the staff member chose to be named (`User.
named_in_public_log`; the name at the time of the decision is stored), or "the platform"
for what no one decided (hidden after members' reports).
"""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from diaspora_platform import hashchain
from diaspora_platform.database import UTCDateTime
from diaspora_platform.extensions import db

LOCK_KEY = 727003  # taken after the audit log's 727001, never before it
MODERATION = {"moderation.approve", "moderation.reject", "moderation.hide",
              "moderation.restore"}
ROLES = {"role.staff_granted": "staff", "role.staff_revoked": "staff",
         "role.admin_created": "admin"}
MADE_PUBLIC = {"moderation.approve", "moderation.restore"}  # the object may be linked


class PublicDecision(hashchain.ChainedRow, db.Model):
    __tablename__ = "public_decisions"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    action: Mapped[str] = mapped_column(sa.String(64), nullable=False, index=True)
    object_type: Mapped[str] = mapped_column(sa.String(32), nullable=False, default="")
    object_id: Mapped[str] = mapped_column(sa.String(64), nullable=False, default="")
    reason: Mapped[str] = mapped_column(sa.String(32), nullable=False, default="")
    details: Mapped[str] = mapped_column(sa.Text, nullable=False, default="{}")
    actor_name: Mapped[str] = mapped_column(sa.String(80), nullable=False, default="")
    audit_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    prev_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    hash: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)

    HASHED = ("id", "created_at", "action", "object_type", "object_id", "reason", "details",
              "actor_name", "audit_id", "prev_hash")

    def hashed_fields(self) -> dict:
        fields = {name: getattr(self, name) for name in self.HASHED}
        return {**fields, "created_at": self.created_at.isoformat()}


hashchain.append_only(PublicDecision, "public record of decisions")


def public_part(action: str, target_type: str, target_id: str, details: dict) -> dict | None:
    """What of an audit entry is public, or None when the action is not a public decision."""
    if action in MODERATION:
        return {"object_type": details.get("type") or target_type, "reason":
                details.get("reason") or "", "object_id": target_id
                if action in MADE_PUBLIC else ""}
    if action in ROLES:
        return {"details": {"role": ROLES[action]}}
    if action == "fund.campaign_status" and details.get("new") == "open":
        return {"object_type": "campaign", "object_id": target_id}
    if action == "fund.disbursement_recorded":
        return {"object_type": "disbursement", "object_id": target_id,
                "details": {key: details.get(key) for key in ("amount_minor", "currency")}}
    return None


def copy(entry, actor) -> PublicDecision | None:
    """Append the public part of an audit entry (in the caller's transaction)."""
    part = public_part(entry.action, entry.target_type, entry.target_id, entry.details_dict)
    if part is None:
        return None
    hashchain.lock(LOCK_KEY)
    next_id, prev_hash = hashchain.chain_end(PublicDecision)
    named = getattr(actor, "named_in_public_log", False)
    details = part.get("details", {})
    if actor is None:  # taken by the platform itself (e.g. hidden after members' reports)
        details = {**details, "automatic": True}
    row = PublicDecision(
        id=next_id, created_at=entry.created_at, action=entry.action,
        object_type=part.get("object_type", ""), object_id=part.get("object_id", ""),
        reason=part.get("reason", ""), actor_name=actor.display_name if named else "",
        details=json.dumps(details, sort_keys=True, ensure_ascii=False),
        audit_id=entry.id, prev_hash=prev_hash)
    row.hash = row.compute_hash()
    db.session.add(row)
    return row


def verify_chain(batch: int = 1000) -> hashchain.ChainReport:
    """Walk the record in id order, recomputing hashes and links (as anyone can)."""
    stmt = sa.select(PublicDecision).order_by(PublicDecision.id).execution_options(
        yield_per=batch)
    rows = ({**row.hashed_fields(), "hash": row.hash} for row in db.session.scalars(stmt))
    return hashchain.verify(rows, lambda row: {k: v for k, v in row.items() if k != "hash"})


def page(*, after: str | None = None, before: str | None = None, per_page: int = 50,
         action: str | None = None):
    """A page of the record, newest first (a `pagination.Page`)."""
    from diaspora_platform import pagination

    stmt = sa.select(PublicDecision)
    if action:
        stmt = stmt.where(PublicDecision.action == action)
    return pagination.paginate(stmt, (pagination.desc(PublicDecision.id),),
                               pagination.getters("id"), after=after, before=before,
                               per_page=per_page)


def rows():
    """Every row in id order with its hashed fields and hash: the published export."""
    stmt = sa.select(PublicDecision).order_by(PublicDecision.id).execution_options(
        yield_per=500)
    for row in db.session.scalars(stmt):
        yield {**row.hashed_fields(), "hash": row.hash}
