"""Moderation records: the decision log (public in part) and reports by members."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.extensions import db


class ModerationDecision(db.Model):
    """One decision on one item. Rejections and hidings appear, without names, in the
    public moderation log."""

    __tablename__ = "moderation_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(sa.String(32), nullable=False, index=True)
    object_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    decision: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    reason: Mapped[str | None] = mapped_column(sa.String(32))
    note: Mapped[str | None] = mapped_column(sa.Text)
    staff_id: Mapped[int | None] = mapped_column(sa.Integer)
    waited_seconds: Mapped[int | None] = mapped_column(sa.Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False,
                                                 index=True)


class Report(db.Model):
    __tablename__ = "moderation_reports"
    __table_args__ = (sa.UniqueConstraint("content_type", "object_id", "reporter_id",
                                          name="uq_moderation_reports_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    object_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    reporter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                             nullable=False)
    reason: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    text: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False, default="open")
    # A keyed digest of the address the report came from (reports.network_key).
    network: Mapped[str | None] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    closed_by_id: Mapped[int | None] = mapped_column(sa.Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __mapper_args__ = {"eager_defaults": False}


sa.Index("ix_moderation_reports_item", Report.content_type, Report.object_id, Report.status)
