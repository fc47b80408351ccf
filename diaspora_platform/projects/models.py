"""Investment projects in Tajikistan, the skills each needs, its documents, progress
updates and followers, and the offers of expertise diaspora experts make to it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from babel.numbers import get_currency_precision
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Region
from diaspora_platform.content_i18n import Translatable, language_column, translations_column
from diaspora_platform.database import ModerationMixin, TimestampMixin, UTCDateTime, utcnow
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l, lazy_pgettext
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.projects import vocabulary


class Stage(TitledEnum):
    IDEA = "idea"
    FEASIBILITY = "feasibility"
    FINANCING = "financing"
    IMPLEMENTATION = "implementation"


STAGE_TITLES = titles(Stage, {
    Stage.IDEA: _l("Idea"),
    Stage.FEASIBILITY: _l("Feasibility study"),
    Stage.FINANCING: _l("Looking for financing"),
    Stage.IMPLEMENTATION: _l("Implementation"),
})


class Mode(TitledEnum):
    REMOTE = "remote"
    ONSITE = "onsite"
    BOTH = "both"


MODE_TITLES = titles(Mode, {
    Mode.REMOTE: _l("Remotely"),
    Mode.ONSITE: _l("On site in Tajikistan"),
    Mode.BOTH: _l("Remotely and on site"),
})


class OfferStatus(TitledEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


OFFER_STATUS_TITLES = titles(OfferStatus, {
    OfferStatus.PENDING: _l("Waiting for an answer"),
    OfferStatus.ACCEPTED: lazy_pgettext("offer", "Accepted"),
    OfferStatus.DECLINED: lazy_pgettext("offer", "Declined"),
    OfferStatus.WITHDRAWN: lazy_pgettext("offer", "Withdrawn"),
    OfferStatus.EXPIRED: lazy_pgettext("offer", "Expired"),
})
# An expert has at most one of these per project (a partial unique index guarantees it).
ACTIVE_OFFER = (OfferStatus.PENDING, OfferStatus.ACCEPTED)
_ACTIVE_SQL = "status IN ('pending', 'accepted')"

REGIONS = tuple(Region)
# Fields whose change on an approved project sends it back to review.
REVIEWED_FIELDS = ("title", "sector", "description", "language", "title_translations",
                   "description_translations")
MAX_SKILLS = 8
MAX_DOCUMENTS = 10


class Project(Translatable, ModerationMixin, TimestampMixin, db.Model):
    """A project seeking experts; title and description in up to three languages."""

    TRANSLATABLE = ("title", "description")
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: published by the Coordination Council itself.
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    sector: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    region: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    town: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    town_key: Mapped[str] = mapped_column(sa.String(100), nullable=False, default="")
    stage: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    # Money as integer minor units with its ISO 4217 code (architecture: never floats).
    budget_minor: Mapped[int | None] = mapped_column(sa.BigInteger)
    budget_currency: Mapped[str | None] = mapped_column(sa.String(3))
    offers_until: Mapped[date] = mapped_column(sa.Date, nullable=False)
    description: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    language: Mapped[str] = language_column()
    title_translations: Mapped[dict] = translations_column()
    description_translations: Mapped[dict] = translations_column()
    # Revealed to an expert only once the owner accepts their offer.
    contact_name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    contact_email: Mapped[str] = mapped_column(sa.String(254), nullable=False)
    contact_phone: Mapped[str | None] = mapped_column(sa.String(40))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    skills: Mapped[list[ProjectSkill]] = relationship(
        back_populates="project", cascade="all, delete-orphan", lazy="selectin",
        order_by="ProjectSkill.position")

    __table_args__ = (
        sa.Index("ix_projects_public", "status", "sector", "region", "stage"),
        sa.Index("ix_projects_status_reviewed", "status", "reviewed_at"),
        sa.CheckConstraint("(budget_minor IS NULL) = (budget_currency IS NULL)",
                           name="budget_currency"),
        sa.CheckConstraint("budget_minor IS NULL OR budget_minor > 0",
                           name="budget_positive"),
    )

    @property
    def stage_title(self) -> str:
        return Stage(self.stage).title

    @property
    def region_title(self) -> str:
        return Region(self.region).title

    @property
    def sector_title(self) -> str:
        return vocabulary.sector_label(self.sector)

    @property
    def budget(self) -> Decimal | None:
        if self.budget_minor is None:
            return None
        return Decimal(self.budget_minor).scaleb(-get_currency_precision(self.budget_currency))

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def deadline_passed(self, today: date) -> bool:
        return today > self.offers_until

    def is_open_for_offers(self, today: date) -> bool:
        return self.is_public and not self.is_closed and not self.deadline_passed(today)

    def can_manage(self, user) -> bool:
        """The owner: editors of the publishing organisation, or Council staff for the
        Council's own projects. Staff moderate organisations' projects, not manage them."""
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        if self.organisation_id is None:
            return user.acts_as_staff
        return self.organisation.can(user, "publish")

    def can_view(self, user) -> bool:
        if self.is_public and (self.organisation is None or self.organisation.is_public):
            return True
        return bool(getattr(user, "acts_as_staff", False)) or self.can_manage(user)


class ProjectSkill(db.Model):
    """A skill the project needs: how many experts, roughly how many hours each."""

    __tablename__ = "project_skills"
    __table_args__ = (
        sa.UniqueConstraint("project_id", "skill", name="uq_project_skills_skill"),
        sa.CheckConstraint("experts_needed BETWEEN 1 AND 50", name="needed"),
        sa.CheckConstraint("accepted >= 0 AND accepted <= experts_needed",
                           name="accepted"),
        sa.Index("ix_project_skills_skill", "skill"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    skill: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    experts_needed: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=1)
    hours: Mapped[int | None] = mapped_column(sa.Integer)
    position: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    # Accepted offers counted against this need (kept by conditional updates).
    accepted: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)

    project: Mapped[Project] = relationship(back_populates="skills")

    @property
    def label(self) -> str:
        return vocabulary.skill_label(self.skill)

    @property
    def is_filled(self) -> bool:
        return self.accepted >= self.experts_needed

    @property
    def places_left(self) -> int:
        return max(self.experts_needed - self.accepted, 0)


class ProjectDocument(db.Model):
    __tablename__ = "project_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    stored_name: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    original_name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    media_type: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    size: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)


class ProjectUpdate(Translatable, db.Model):
    """A progress update or milestone on the project's timeline, sent to followers; title
    and text in up to three languages."""

    TRANSLATABLE = ("title", "body")

    __tablename__ = "project_updates"
    __table_args__ = (sa.Index("ix_project_updates_timeline", "project_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"),
                                            nullable=False)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    body: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    language: Mapped[str] = language_column()
    title_translations: Mapped[dict] = translations_column()
    body_translations: Mapped[dict] = translations_column()
    is_milestone: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)


class ProjectFollower(db.Model):
    __tablename__ = "project_followers"
    __table_args__ = (sa.UniqueConstraint("project_id", "user_id",
                                          name="uq_project_followers_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)


class Offer(db.Model):
    """An expert's offer of help on a project."""

    __tablename__ = "offers"
    __table_args__ = (
        # One open (pending or accepted) offer per expert per project, on every backend.
        sa.Index("uq_offers_one_active", "project_id", "expert_id", unique=True,
                 sqlite_where=sa.text(_ACTIVE_SQL), postgresql_where=sa.text(_ACTIVE_SQL)),
        sa.Index("ix_offers_expert_status", "expert_id", "status"),
        sa.Index("ix_offers_project_status", "project_id", "status"),
        sa.Index("ix_offers_expiry", "status", "expires_at"),
        sa.CheckConstraint("hours_per_month BETWEEN 1 AND 200", name="hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"),
                                            nullable=False)
    # The expert's account (their expert profile is found by user).
    expert_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                           nullable=False)
    hours_per_month: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    mode: Mapped[str] = mapped_column(sa.String(8), nullable=False)
    message: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False,
                                        default=OfferStatus.PENDING)
    decline_reason: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(sa.Integer)

    project: Mapped[Project] = relationship(lazy="joined", innerjoin=True)
    expert: Mapped[User] = relationship(lazy="joined", innerjoin=True)
    skills: Mapped[list[OfferSkill]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", lazy="selectin",
        order_by="OfferSkill.id")

    @property
    def status_title(self) -> str:
        return OfferStatus(self.status).title

    @property
    def mode_title(self) -> str:
        return Mode(self.mode).title

    @property
    def is_pending(self) -> bool:
        return self.status == OfferStatus.PENDING

    @property
    def is_accepted(self) -> bool:
        return self.status == OfferStatus.ACCEPTED

    def is_expert(self, user) -> bool:
        return getattr(user, "id", None) == self.expert_id

    def can_view(self, user) -> bool:
        """Only the two sides see an offer (staff neither: it is between them)."""
        return self.is_expert(user) or self.project.can_manage(user)


class OfferSkill(db.Model):
    """A needed skill the offer covers; `counted` once its acceptance took one place."""

    __tablename__ = "offer_skills"
    __table_args__ = (sa.UniqueConstraint("offer_id", "skill_id", name="uq_offer_skills"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(sa.ForeignKey("offers.id", ondelete="CASCADE"),
                                          nullable=False, index=True)
    skill_id: Mapped[int] = mapped_column(sa.ForeignKey("project_skills.id",
                                                        ondelete="CASCADE"),
                                          nullable=False, index=True)
    counted: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)

    offer: Mapped[Offer] = relationship(back_populates="skills")
    need: Mapped[ProjectSkill] = relationship(lazy="joined", innerjoin=True)


class OfferEvent(db.Model):
    """Every state change of an offer, for both sides' timeline."""

    __tablename__ = "offer_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(sa.ForeignKey("offers.id", ondelete="CASCADE"),
                                          nullable=False, index=True)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    actor_id: Mapped[int | None] = mapped_column(sa.Integer)
    note: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    @property
    def status_title(self) -> str:
        return OfferStatus(self.status).title
