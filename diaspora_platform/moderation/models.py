"""Moderation records: the decision log (public in part) and reports by members."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l


class Reason(TitledEnum):
    """Standard reasons for rejecting or hiding, shown publicly in the moderation log."""

    INCOMPLETE = "incomplete"
    INACCURATE = "inaccurate"
    DUPLICATE = "duplicate"
    NOT_DIASPORA = "not_diaspora"
    SPAM = "spam"
    OFFENSIVE = "offensive"
    REPORTED = "reported"
    OTHER = "other"



REASON_TITLES = titles(Reason, {
    Reason.INCOMPLETE: _l("Information is missing or unclear"),
    Reason.INACCURATE: _l("Information is inaccurate"),
    Reason.DUPLICATE: _l("Already listed on the platform"),
    Reason.NOT_DIASPORA: _l("Does not belong on the platform"),
    Reason.SPAM: _l("Spam or advertising"),
    Reason.OFFENSIVE: _l("Offensive or unlawful content"),
    Reason.REPORTED: _l("Hidden after reports, waiting for review"),
    Reason.OTHER: _l("Other reason"),
})
STAFF_REASONS = [r for r in Reason if r != Reason.REPORTED]


class ReportReason(TitledEnum):
    SPAM = "spam"
    OFFENSIVE = "offensive"
    INACCURATE = "inaccurate"
    DOES_NOT_BELONG = "does_not_belong"
    OTHER = "other"



REPORT_REASON_TITLES = titles(ReportReason, {
    ReportReason.SPAM: _l("Spam or advertising"),
    ReportReason.OFFENSIVE: _l("Offensive or abusive"),
    ReportReason.INACCURATE: _l("Inaccurate or misleading"),
    ReportReason.DOES_NOT_BELONG: _l("Does not belong on the platform"),
    ReportReason.OTHER: _l("Something else"),
})


class Decision(TitledEnum):
    APPROVE = "approve"
    REJECT = "reject"
    HIDE = "hide"
    RESTORE = "restore"



DECISION_TITLES = titles(Decision, {
    Decision.APPROVE: _l("Approved"),
    Decision.REJECT: _l("Not approved"),
    Decision.HIDE: _l("Hidden"),
    Decision.RESTORE: _l("Restored"),
})


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
