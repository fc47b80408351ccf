"""Who follows which organisation or country, and the weekly digests already sent."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation


class Follow(db.Model):
    """A member follows exactly one organisation or one country per row."""

    __tablename__ = "follows"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "organisation_id", name="uq_follows_organisation"),
        sa.UniqueConstraint("user_id", "country", name="uq_follows_country"),
        sa.CheckConstraint("(organisation_id IS NULL) <> (country IS NULL)",
                           name="one_target"),
        sa.Index("ix_follows_country", "country"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    country: Mapped[str | None] = mapped_column(sa.String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    organisation: Mapped[Organisation | None] = relationship(lazy="raise_on_sql")


class DigestSend(db.Model):
    """One row per member and week: the digest of that week was sent (or had nothing to
    say), so running `flask digest send` again sends nothing twice."""

    __tablename__ = "digest_sends"
    __table_args__ = (sa.UniqueConstraint("user_id", "period", name="uq_digest_sends_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    period: Mapped[str] = mapped_column(sa.String(10), nullable=False)  # ISO week 2026-W48
    items: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
