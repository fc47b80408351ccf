"""Places an organisation runs abroad: cultural centres, schools, courses and libraries."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.content_i18n import Translatable, language_column, translations_column
from diaspora_platform.database import ModerationMixin, TimestampMixin, UTCDateTime, utcnow
from diaspora_platform.directory.vocabulary import Audience, Operating, PlaceKind, Variant
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation

REVIEWED_FIELDS = ("name", "kind", "country", "city", "address", "language", "name_translations",
                   "description_translations")
MAX_PHOTOS = 5


class Place(Translatable, ModerationMixin, TimestampMixin, db.Model):
    __tablename__ = "places"
    TRANSLATABLE = ("name", "description")

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    variant: Mapped[str | None] = mapped_column(sa.String(24))
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    address: Mapped[str] = mapped_column(sa.String(300), nullable=False, default="")
    city: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    city_key: Mapped[str] = mapped_column(sa.String(100), nullable=False, default="")
    country: Mapped[str] = mapped_column(sa.String(2), nullable=False)
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)
    languages: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    audiences: Mapped[str] = mapped_column(sa.String(60), nullable=False, default="")
    age_min: Mapped[int | None] = mapped_column(sa.Integer)
    age_max: Mapped[int | None] = mapped_column(sa.Integer)
    schedule: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    is_free: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    fee_amount: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    fee_currency: Mapped[str | None] = mapped_column(sa.String(3))
    fee_period: Mapped[str | None] = mapped_column(sa.String(60))
    capacity: Mapped[int | None] = mapped_column(sa.Integer)
    contact_email: Mapped[str | None] = mapped_column(sa.String(254))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(40))
    website: Mapped[str | None] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    # The language of name and description, and the other languages' (content_i18n).
    language: Mapped[str] = language_column()
    name_translations: Mapped[dict] = translations_column()
    description_translations: Mapped[dict] = translations_column()
    operating: Mapped[str] = mapped_column(sa.String(24), nullable=False,
                                           default=Operating.OPEN)
    operating_note: Mapped[str | None] = mapped_column(sa.String(300))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)
    photo_files: Mapped[list[PlacePhoto]] = relationship(
        back_populates="place", cascade="all, delete-orphan", lazy="raise_on_sql",
        order_by="PlacePhoto.position")

    __table_args__ = (
        sa.Index("ix_places_public", "status", "operating", "country", "kind"),
        sa.Index("ix_places_status_reviewed", "status", "reviewed_at"),
    )

    @property
    def kind_title(self) -> str:
        return PlaceKind(self.kind).title

    @property
    def variant_title(self) -> str | None:
        return Variant(self.variant).title if self.variant else None

    @property
    def operating_title(self) -> str:
        return Operating(self.operating).title

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def audience_list(self) -> list[str]:
        return [code for code in self.audiences.split(",") if code]

    @property
    def audience_titles(self) -> list[str]:
        return [Audience(code).title for code in self.audience_list]

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def can_edit(self, user) -> bool:
        return self.organisation.can(user, "edit")

    def can_view(self, user) -> bool:
        if self.is_public and self.organisation.is_public:
            return True
        return bool(getattr(user, "acts_as_staff", False)) or self.can_edit(user)


class PlacePhoto(db.Model):
    __tablename__ = "place_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(sa.ForeignKey("places.id", ondelete="CASCADE"),
                                          nullable=False, index=True)
    filename: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    thumbnail: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    position: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    caption: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    place: Mapped[Place] = relationship(back_populates="photo_files")
