"""Expert profiles: what a diaspora member can offer to projects in Tajikistan.

One profile per member. Skills are vocabulary keys (projects.vocabulary) kept in their
own table, `expert_skills`, indexed by skill, so the roster filters and the matcher
prefilters candidates with an indexed join on both SQLite and PostgreSQL. Sectors,
languages and travel countries are short code lists stored as ",a,b," strings (the
surrounding commas make `LIKE '%,a,%'` exact).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.accounts.models import User
from diaspora_platform.content_i18n import Translatable, language_column, translations_column
from diaspora_platform.database import TimestampMixin, UTCDateTime
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l


class Mode(TitledEnum):
    REMOTE = "remote"
    ONSITE = "onsite"
    BOTH = "both"


MODE_TITLES = titles(Mode, {
    Mode.REMOTE: _l("Remote"),
    Mode.ONSITE: _l("On site in Tajikistan"),
    Mode.BOTH: _l("Remote or on site"),
})


class Visibility(TitledEnum):
    PUBLIC = "public"
    MEMBERS = "members"
    PROJECT_OWNERS = "project_owners"


VISIBILITY_TITLES = titles(Visibility, {
    Visibility.PUBLIC: _l("Everyone"),
    Visibility.MEMBERS: _l("Signed-in members"),
    Visibility.PROJECT_OWNERS: _l("Only the owners of projects I offer to"),
})


def join_codes(codes) -> str:
    """[a, b] -> ",a,b," (empty list -> "")."""
    codes = [c for c in dict.fromkeys(codes or ()) if c]
    return "," + ",".join(codes) + "," if codes else ""


def split_codes(value: str | None) -> list[str]:
    return [c for c in (value or "").split(",") if c]


class ExpertProfile(Translatable, TimestampMixin, db.Model):
    __tablename__ = "expert_profiles"
    # The public summary: one line and a short CV, each in up to three languages.
    TRANSLATABLE = ("headline", "cv")

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True)
    headline: Mapped[str] = mapped_column(sa.String(160), nullable=False)
    keywords: Mapped[str] = mapped_column(sa.String(300), nullable=False, default="")
    sectors_csv: Mapped[str] = mapped_column("sectors", sa.String(200), nullable=False,
                                             default="")
    years_experience: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    languages_csv: Mapped[str] = mapped_column("languages", sa.String(100), nullable=False,
                                               default="")
    hours_per_month: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    mode: Mapped[str] = mapped_column(sa.String(8), nullable=False, default=Mode.REMOTE)
    travel_countries_csv: Mapped[str] = mapped_column("travel_countries", sa.String(200),
                                                      nullable=False, default="")
    cv: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    language: Mapped[str] = language_column()
    headline_translations: Mapped[dict] = translations_column()
    cv_translations: Mapped[dict] = translations_column()
    link: Mapped[str | None] = mapped_column(sa.String(300))
    visibility: Mapped[str] = mapped_column(sa.String(16), nullable=False,
                                            default=Visibility.MEMBERS, index=True)
    weekly_email: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    # Projects published up to this moment have been considered for the weekly email.
    weekly_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
    skill_rows: Mapped[list[ExpertSkill]] = relationship(
        back_populates="expert", cascade="all, delete-orphan", order_by="ExpertSkill.position",
        lazy="selectin")

    # --- code lists -------------------------------------------------------------------
    @property
    def skills(self) -> list[str]:
        return [row.skill for row in self.skill_rows]

    def set_skills(self, keys) -> None:
        """Replace the skills, keeping the given order (the first ones are the main ones)."""
        keys = list(dict.fromkeys(k for k in keys if k))
        existing = {row.skill: row for row in self.skill_rows}
        rows = []
        for position, key in enumerate(keys):
            row = existing.get(key) or ExpertSkill(skill=key)
            row.position = position
            rows.append(row)
        self.skill_rows = rows

    @property
    def sectors(self) -> list[str]:
        return split_codes(self.sectors_csv)

    @sectors.setter
    def sectors(self, codes) -> None:
        self.sectors_csv = join_codes(codes)

    @property
    def languages(self) -> list[str]:
        return split_codes(self.languages_csv)

    @languages.setter
    def languages(self, codes) -> None:
        self.languages_csv = join_codes(codes)

    @property
    def travel_countries(self) -> list[str]:
        return split_codes(self.travel_countries_csv)

    @travel_countries.setter
    def travel_countries(self, codes) -> None:
        self.travel_countries_csv = join_codes(c.upper() for c in (codes or ()))

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in (self.keywords or "").split(",") if k.strip()]

    # --- titles -----------------------------------------------------------------------
    @property
    def mode_title(self) -> str:
        return Mode(self.mode).title

    @property
    def visibility_title(self) -> str:
        return Visibility(self.visibility).title

    @property
    def name(self) -> str:
        return self.user.display_name if self.user is not None else ""

    def __repr__(self) -> str:
        return f"<ExpertProfile {self.id} user={self.user_id}>"


class ExpertSkill(db.Model):
    """One skill (vocabulary key) an expert offers."""

    __tablename__ = "expert_skills"

    expert_id: Mapped[int] = mapped_column(
        sa.ForeignKey("expert_profiles.id", ondelete="CASCADE"), primary_key=True)
    skill: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    position: Mapped[int] = mapped_column(sa.SmallInteger, nullable=False, default=0)

    expert: Mapped[ExpertProfile] = relationship(back_populates="skill_rows")

    __table_args__ = (
        # The matcher's prefilter: "experts with any of these skills".
        sa.Index("ix_expert_skills_skill", "skill", "expert_id"),
    )


def profile_of(user) -> ExpertProfile | None:
    """The member's expert profile, if they have one (None for anonymous visitors)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.execute(
        sa.select(ExpertProfile).where(ExpertProfile.user_id == user.id)
    ).scalar_one_or_none()
