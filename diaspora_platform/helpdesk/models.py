"""Confidential help requests. Everything that could identify the person (name,
contacts, city, story, messages, attachments) is stored encrypted; the plain columns are
what routing and the anonymous statistics need."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.database import TimestampMixin, UTCDateTime, utcnow
from diaspora_platform.extensions import db
from diaspora_platform.helpdesk.crypto import SealedBytes, SealedText
from diaspora_platform.helpdesk.vocabulary import (
    CLOSED,
    TARGET,
    Category,
    FiledAs,
    Reason,
    Status,
)


class HelpRequest(TimestampMixin, db.Model):
    __tablename__ = "help_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    country: Mapped[str] = mapped_column(sa.String(2), nullable=False)
    language: Mapped[str] = mapped_column(sa.String(5), nullable=False, default="tg")
    filed_as: Mapped[str] = mapped_column(sa.String(16), nullable=False, default=FiledAs.SELF)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"))
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    office_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("official_bodies.id", ondelete="SET NULL"), index=True)
    assigned_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    partner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False, default=Status.RECEIVED)
    reason: Mapped[str | None] = mapped_column(sa.String(24))
    token_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)
    client_token: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)
    first_answer_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    name = mapped_column(SealedText, nullable=False)
    phone = mapped_column(SealedText)
    messenger = mapped_column(SealedText)
    email = mapped_column(SealedText)
    city = mapped_column(SealedText)
    story = mapped_column(SealedText, nullable=False)

    messages: Mapped[list[HelpMessage]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="HelpMessage.id")
    attachments: Mapped[list[HelpAttachment]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="HelpAttachment.id")

    @property
    def status_title(self) -> str:
        return Status(self.status).title

    @property
    def category_title(self) -> str:
        return Category(self.category).title

    @property
    def reason_title(self) -> str:
        return Reason(self.reason).title if self.reason else ""

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def target(self):
        return TARGET[Category(self.category)]

    @property
    def answer_due_at(self) -> datetime:
        return self.created_at + self.target

    def is_overdue(self, now: datetime | None = None) -> bool:
        """No first answer yet and the promised time has passed."""
        return self.first_answer_at is None and (now or utcnow()) > self.answer_due_at


class HelpMessage(db.Model):
    """One message in a request's thread: from the person (author_id None) or a helper."""

    __tablename__ = "help_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("help_requests.id", ondelete="CASCADE"), nullable=False, index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                ondelete="SET NULL"))
    from_person: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    body = mapped_column(SealedText, nullable=False)

    request: Mapped[HelpRequest] = relationship(back_populates="messages")


class HelpAttachment(db.Model):
    __tablename__ = "help_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("help_requests.id", ondelete="CASCADE"), nullable=False, index=True)
    media_type: Mapped[str] = mapped_column(sa.String(40), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    data = mapped_column(SealedBytes, nullable=False)

    request: Mapped[HelpRequest] = relationship(back_populates="attachments")


class HelpTally(db.Model):
    """What stays of a deleted request: anonymous facts for the public statistics."""

    __tablename__ = "help_tallies"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(sa.String(7), nullable=False)  # "2026-03"
    country: Mapped[str] = mapped_column(sa.String(2), nullable=False)
    category: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    outcome: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    first_answer_hours: Mapped[float | None] = mapped_column(sa.Float)


# Every encrypted column, for key rotation.
SEALED = {HelpRequest: ("name", "phone", "messenger", "email", "city", "story"),
          HelpMessage: ("body",), HelpAttachment: ("data",)}
