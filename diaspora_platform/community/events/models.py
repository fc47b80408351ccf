"""Events and the registrations of members for them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.content_i18n import Translatable, language_column, translations_column
from diaspora_platform.database import (
    ModerationMixin,
    TimestampMixin,
    UTCDateTime,
    utcnow,
)
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.organisations.models import Organisation


class EventKind(TitledEnum):
    CONFERENCE = "conference"
    WORKSHOP = "workshop"
    CREATIVE_EVENING = "creative_evening"
    YOUTH = "youth"
    CHILDREN = "children"
    CELEBRATION = "celebration"
    OTHER = "other"


EVENT_KIND_TITLES = titles(EventKind, {
    EventKind.CONFERENCE: _l("Conference"),
    EventKind.WORKSHOP: _l("Workshop"),
    EventKind.CREATIVE_EVENING: _l("Creative evening"),
    EventKind.YOUTH: _l("Youth event"),
    EventKind.CHILDREN: _l("Children's event"),
    EventKind.CELEBRATION: _l("National celebration"),
    EventKind.OTHER: _l("Other event"),
})


class EventAudience(TitledEnum):
    EVERYONE = "everyone"
    ADULTS = "adults"
    YOUTH = "youth"
    CHILDREN = "children"
    FAMILIES = "families"
    PROFESSIONALS = "professionals"


EVENT_AUDIENCE_TITLES = titles(EventAudience, {
    EventAudience.EVERYONE: _l("Everyone"),
    EventAudience.ADULTS: _l("Adults"),
    EventAudience.YOUTH: _l("Young people"),
    EventAudience.CHILDREN: _l("Children"),
    EventAudience.FAMILIES: _l("Families"),
    EventAudience.PROFESSIONALS: _l("Specialists"),
})


class RegistrationStatus(TitledEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


REGISTRATION_STATUS_TITLES = titles(RegistrationStatus, {
    RegistrationStatus.CONFIRMED: _l("Registered"),
    RegistrationStatus.WAITLISTED: _l("On the waitlist"),
    RegistrationStatus.CANCELLED: _l("Registration cancelled"),
})

# Changes to these on an approved event send it back to the Council for review.
REVIEWED_FIELDS = ("title", "description", "kind", "language", "title_translations",
                   "description_translations")
# Changes to these are told to everyone registered.
ANNOUNCED_FIELDS = ("starts_at", "ends_at", "timezone", "is_online", "online_url", "address",
                    "city", "country", "place_id")


class Event(Translatable, ModerationMixin, TimestampMixin, db.Model):
    __tablename__ = "events"
    TRANSLATABLE = ("title", "description")

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("places.id",
                                                               ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    description: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    # The language of title and description, and the other languages' (content_i18n).
    language: Mapped[str] = language_column()
    title_translations: Mapped[dict] = translations_column()
    description_translations: Mapped[dict] = translations_column()
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    timezone: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    is_online: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    online_url: Mapped[str | None] = mapped_column(sa.String(500))  # attendees only
    address: Mapped[str] = mapped_column(sa.String(300), nullable=False, default="")
    city: Mapped[str] = mapped_column(sa.String(100), nullable=False, default="")
    country: Mapped[str | None] = mapped_column(sa.String(2))  # None when online
    languages: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    audience: Mapped[str] = mapped_column(sa.String(24), nullable=False,
                                          default=EventAudience.EVERYONE)
    capacity: Mapped[int | None] = mapped_column(sa.Integer)  # None: no limit
    registration_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_count: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancel_reason: Mapped[str | None] = mapped_column(sa.String(500))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")

    __table_args__ = (
        sa.Index("ix_events_public", "status", "starts_at"),
        sa.Index("ix_events_country_start", "country", "starts_at"),
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint("confirmed_count >= 0", name="seats_not_negative"),
    )

    @property
    def kind_title(self) -> str:
        return EventKind(self.kind).title

    @property
    def audience_title(self) -> str:
        return EventAudience(self.audience).title

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_past(self) -> bool:
        return self.ends_at <= utcnow()

    @property
    def deadline(self) -> datetime:
        """When registration closes: the deadline given, else the start."""
        return self.registration_deadline or self.starts_at

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.confirmed_count >= self.capacity

    @property
    def registration_open(self) -> bool:
        return (self.is_public and not self.is_cancelled and utcnow() < self.deadline
                and (self.organisation is None or self.organisation.is_public))

    def can_edit(self, user) -> bool:
        """Organisation events: its owner, admins and editors; Council events: staff."""
        if not getattr(user, "is_authenticated", False):
            return False
        if self.organisation_id is None:
            return bool(user.acts_as_staff)
        return self.organisation.can(user, "publish")

    def can_view(self, user) -> bool:
        if self.is_public and (self.organisation is None or self.organisation.is_public):
            return True
        return bool(getattr(user, "acts_as_staff", False)) or self.can_edit(user)

    @property
    def host_name(self) -> str | None:
        return self.organisation.name if self.organisation else None


class Registration(db.Model):
    """A member's place at an event (confirmed) or in its queue (waitlisted)."""

    __tablename__ = "event_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"),
                                          nullable=False)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    event: Mapped[Event] = relationship(lazy="joined", innerjoin=True)
    user = relationship("User", lazy="joined", innerjoin=True)

    __table_args__ = (
        sa.UniqueConstraint("event_id", "user_id", name="uq_event_registrations_member"),
        sa.Index("ix_event_registrations_queue", "event_id", "status", "queued_at"),
    )

    @property
    def status_title(self) -> str:
        return RegistrationStatus(self.status).title

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED



class EventMessage(db.Model):
    """A message the organisers sent to everyone registered (kept: the limit counts them,
    and organisers see what they said)."""

    __tablename__ = "event_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"),
                                          nullable=False, index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text, nullable=False)
    recipients: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
