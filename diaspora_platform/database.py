"""Shared model mixins and column helpers."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.i18n import _l


def utcnow() -> datetime:
    return datetime.now(UTC)


def list_contains(column, value: str):
    """SQL condition: the comma-separated list in `column` ("ru,tg,en") holds `value` as a
    whole item (codes from a fixed list, so they carry no LIKE wildcards)."""
    return sa.or_(column == value, column.like(f"{value},%"), column.like(f"%,{value}"),
                  column.like(f"%,{value},%"))


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow, nullable=False
    )


class ModerationStatus(TitledEnum):
    DRAFT = "draft"  # not yet submitted by its author: not in any queue
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    HIDDEN = "hidden"



MODERATION_STATUS_TITLES = titles(ModerationStatus, {
    ModerationStatus.DRAFT: _l("Draft"),
    ModerationStatus.PENDING: _l("Waiting for review"),
    ModerationStatus.APPROVED: _l("Approved"),
    ModerationStatus.REJECTED: _l("Not approved"),
    ModerationStatus.HIDDEN: _l("Hidden"),
})


class ModerationMixin:
    """Columns of a moderated content type; register the model with moderation.registry."""

    status: Mapped[str] = mapped_column(
        sa.String(16), nullable=False, default=ModerationStatus.PENDING, index=True
    )
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.Integer)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    moderation_reason: Mapped[str | None] = mapped_column(sa.String(32))
    moderation_note: Mapped[str | None] = mapped_column(sa.Text)
    assigned_to_id: Mapped[int | None] = mapped_column(sa.Integer)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def is_public(self) -> bool:
        return self.status == ModerationStatus.APPROVED

    @property
    def status_title(self) -> str:
        return ModerationStatus(self.status).title
