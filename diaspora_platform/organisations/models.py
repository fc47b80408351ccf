"""Diaspora organisations, proposed changes to them, and their members."""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.accounts.models import User
from diaspora_platform.content_i18n import Translatable, language_column, translations_column
from diaspora_platform.database import ModerationMixin, TimestampMixin, UTCDateTime, utcnow
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.permissions import OrgRole, org_role_allows


class Kind(TitledEnum):
    ASSOCIATION = "association"
    CULTURAL_CENTRE_OPERATOR = "cultural_centre_operator"
    SCHOOL = "school"
    MEDIA = "media"
    BUSINESS_ASSOCIATION = "business_association"
    STUDENT_UNION = "student_union"
    CHARITY = "charity"
    OTHER = "other"



KIND_TITLES = titles(Kind, {
    Kind.ASSOCIATION: _l("Diaspora association"),
    Kind.CULTURAL_CENTRE_OPERATOR: _l("Cultural centre operator"),
    Kind.SCHOOL: _l("School"),
    Kind.MEDIA: _l("Media"),
    Kind.BUSINESS_ASSOCIATION: _l("Business association"),
    Kind.STUDENT_UNION: _l("Student union"),
    Kind.CHARITY: _l("Charity"),
    Kind.OTHER: _l("Other"),
})

# Fields whose change on an approved organisation goes back to review (any language
# version of the name included).
REVIEWED_FIELDS = ("name", "language", "name_translations", "kind", "country")


class NamesMixin(Translatable):
    """The name as the organisation wrote it, in `language`, and its other languages'
    versions (content_i18n)."""

    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    language: Mapped[str] = language_column()
    name_translations: Mapped[dict] = translations_column()

    def display_name(self, lang: str) -> str:
        """The name in the reader's language where the organisation gave one."""
        return self.text_in("name", lang)[0] or self.name


class Organisation(NamesMixin, ModerationMixin, TimestampMixin, db.Model):
    __tablename__ = "organisations"
    TRANSLATABLE = ("name", "description")

    id: Mapped[int] = mapped_column(primary_key=True)
    name_key: Mapped[str] = mapped_column(sa.String(200), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(sa.String(32), nullable=False, index=True)
    country: Mapped[str] = mapped_column(sa.String(2), nullable=False, index=True)
    city: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    city_key: Mapped[str] = mapped_column(sa.String(100), nullable=False, default="", index=True)
    founded_year: Mapped[int | None] = mapped_column(sa.Integer)
    description: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    description_translations: Mapped[dict] = translations_column()
    languages: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    website: Mapped[str | None] = mapped_column(sa.String(300))
    contact_email: Mapped[str | None] = mapped_column(sa.String(254))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(40))
    social_links: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    logo: Mapped[str | None] = mapped_column(sa.String(64))
    possible_duplicates: Mapped[str] = mapped_column(sa.Text, nullable=False, default="[]")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", lazy="raise_on_sql")

    __table_args__ = (sa.Index("ix_organisations_public", "status", "country", "name_key"),
                      sa.Index("ix_organisations_by_name", "status", "name_key", "id"),
                      sa.Index("ix_organisations_updated_at", "updated_at"),
                      sa.Index("ix_organisations_name_key_by_country", "country", "name_key"))

    @property
    def kind_title(self) -> str:
        return Kind(self.kind).title

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def social_list(self) -> list[str]:
        return [line for line in self.social_links.splitlines() if line.strip()]

    @property
    def duplicate_ids(self) -> list[int]:
        return json.loads(self.possible_duplicates or "[]")

    def role_of(self, user) -> str | None:
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        return db.session.scalar(sa.select(Membership.role).where(
            Membership.organisation_id == self.id, Membership.user_id == user.id,
            Membership.status == MembershipStatus.ACTIVE))

    def can(self, user, permission: str) -> bool:
        return org_role_allows(self.role_of(user), permission)

    def can_view(self, user) -> bool:
        if self.is_public:
            return True
        return bool(getattr(user, "acts_as_staff", False)) or self.role_of(user) is not None


class OrganisationChange(NamesMixin, ModerationMixin, db.Model):
    """A proposed change of name, kind or country of an approved organisation; the
    approved version stays public until staff approve this."""

    __tablename__ = "organisation_changes"
    TRANSLATABLE = ("name",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    country: Mapped[str] = mapped_column(sa.String(2), nullable=False)
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                      ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship()


class MembershipStatus(TitledEnum):
    PENDING = "pending"
    INVITED = "invited"
    ACTIVE = "active"
    DECLINED = "declined"


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (
        sa.UniqueConstraint("organisation_id", "user_id", name="uq_memberships_person"),
        sa.UniqueConstraint("organisation_id", "invited_email", name="uq_memberships_invite"),
        sa.Index("ix_memberships_counted", "organisation_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                                index=True)
    role: Mapped[str] = mapped_column(sa.String(16), nullable=False, default=OrgRole.MEMBER)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    message: Mapped[str | None] = mapped_column(sa.Text)
    decline_reason: Mapped[str | None] = mapped_column(sa.Text)
    invited_email: Mapped[str | None] = mapped_column(sa.String(254))
    invited_by_id: Mapped[int | None] = mapped_column(sa.Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organisation: Mapped[Organisation] = relationship(back_populates="memberships")
    user: Mapped[User | None] = relationship()

    @property
    def role_title(self) -> str:
        return OrgRole(self.role).title
