"""A member's proposed version of a public text in a language it lacks."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import lazy_pgettext


class ProposalStatus(TitledEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


STATUS_TITLES = titles(ProposalStatus, {
    ProposalStatus.PENDING: lazy_pgettext("translation proposal", "Waiting for a decision"),
    ProposalStatus.ACCEPTED: lazy_pgettext("translation proposal", "Accepted"),
    ProposalStatus.DECLINED: lazy_pgettext("translation proposal", "Declined"),
})


class TranslationProposal(db.Model):
    __tablename__ = "translation_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    object_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    language: Mapped[str] = mapped_column(sa.String(2), nullable=False)
    texts: Mapped[dict] = mapped_column(sa.JSON, nullable=False)  # {field: text}
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False,
                                        default=ProposalStatus.PENDING)
    proposer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    proposer = relationship("User", foreign_keys=[proposer_id], lazy="joined")

    __table_args__ = (
        sa.Index("ix_translation_proposals_target", "content_type", "object_id", "status"),
        sa.Index("ix_translation_proposals_status", "status", "id"),
    )

    @property
    def status_title(self) -> str:
        return ProposalStatus(self.status).title

    @property
    def proposer_name(self) -> str:
        return self.proposer.display_name if self.proposer is not None else ""
