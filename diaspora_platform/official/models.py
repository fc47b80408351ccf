"""Official bodies and the help organisations declare for migrants."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.database import TimestampMixin, UTCDateTime, utcnow
from diaspora_platform.extensions import db
from diaspora_platform.i18n import LANGUAGES
from diaspora_platform.official.vocabulary import HelpKind, OfficeKind, Service
from diaspora_platform.organisations.models import Organisation


def _codes(value: str) -> list[str]:
    return [code for code in (value or "").split(",") if code]


class OfficialBody(TimestampMixin, db.Model):
    """An embassy, consulate, representation, Migration Service centre or hotline, kept by
    Council staff. A later account for the body's own staff can point here."""

    __tablename__ = "official_bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    name_tg: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    name_ru: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    hours_tg: Mapped[str] = mapped_column(sa.String(500), nullable=False, default="")
    hours_ru: Mapped[str] = mapped_column(sa.String(500), nullable=False, default="")
    hours_en: Mapped[str] = mapped_column(sa.String(500), nullable=False, default="")
    country: Mapped[str] = mapped_column(sa.String(2), nullable=False)
    city: Mapped[str] = mapped_column(sa.String(100), nullable=False, default="")
    city_key: Mapped[str] = mapped_column(sa.String(100), nullable=False, default="")
    address: Mapped[str] = mapped_column(sa.String(300), nullable=False, default="")
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)
    phones: Mapped[str] = mapped_column(sa.String(300), nullable=False, default="")
    email: Mapped[str | None] = mapped_column(sa.String(254))
    website: Mapped[str | None] = mapped_column(sa.String(300))
    languages: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    services: Mapped[str] = mapped_column(sa.String(400), nullable=False, default="")
    # Countries (ISO codes) and cities (phonetic keys) the body serves beyond its own city.
    covers_countries: Mapped[str] = mapped_column(sa.String(400), nullable=False, default="")
    covers_cities: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    note: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    checked_on: Mapped[date | None] = mapped_column(sa.Date)
    checked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))

    __table_args__ = (sa.Index("ix_official_bodies_public", "archived_at", "country", "kind"),)

    @property
    def kind_title(self) -> str:
        return OfficeKind(self.kind).title

    @property
    def is_public(self) -> bool:
        return self.archived_at is None

    @property
    def is_hotline(self) -> bool:
        return self.kind == OfficeKind.HOTLINE

    def name_in(self, lang: str) -> str:
        """The name in the reader's language, else the first given (tg, ru, en)."""
        return getattr(self, f"name_{lang}", "") or next(
            (getattr(self, f"name_{code}") for code in LANGUAGES
             if getattr(self, f"name_{code}")), "")

    def hours_in(self, lang: str) -> str:
        return getattr(self, f"hours_{lang}", "") or next(
            (getattr(self, f"hours_{code}") for code in LANGUAGES
             if getattr(self, f"hours_{code}")), "")

    @property
    def phone_list(self) -> list[str]:
        return _codes(self.phones)

    @property
    def language_list(self) -> list[str]:
        return _codes(self.languages)

    @property
    def service_list(self) -> list[str]:
        return _codes(self.services)

    @property
    def service_titles(self) -> list[str]:
        return [Service(code).title for code in self.service_list]

    @property
    def covered_countries(self) -> list[str]:
        return _codes(self.covers_countries)

    @property
    def covered_cities(self) -> list[str]:
        return [line for line in self.covers_cities.splitlines() if line.strip()]

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def can_view(self, user) -> bool:
        return self.is_public or bool(getattr(user, "acts_as_staff", False))


class OrganisationHelp(db.Model):
    """One kind of help an organisation says it gives migrants; public once verified."""

    __tablename__ = "organisation_help"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    declared_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                     ondelete="SET NULL"))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                     ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        sa.UniqueConstraint("organisation_id", "kind", name="uq_organisation_help_kind"),
        sa.Index("ix_organisation_help_verified", "verified_at", "kind"),
    )

    @property
    def kind_title(self) -> str:
        return HelpKind(self.kind).title

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class OfficeAccount(db.Model):
    """A member who works for an official body: keeps its entry and answers the help
    requests routed to it, with the second factor passed, like Council staff."""

    __tablename__ = "official_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(
        sa.ForeignKey("official_bodies.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    granted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))

    office: Mapped[OfficialBody] = relationship(lazy="joined", innerjoin=True)
    user = relationship("User", foreign_keys=[user_id], lazy="joined", innerjoin=True)
