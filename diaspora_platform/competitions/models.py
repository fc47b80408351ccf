"""The Concept's six competitions, their yearly editions, entries, juries and scores."""

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
from diaspora_platform.i18n import _l, lazy_pgettext

NOMINATED_COMPETITIONS = ("best-scientist", "best-media-reporter")


class EntrantType(TitledEnum):
    """Who enters. A media reporter is a person (an outlet enters "best organisation" as an
    organisation of kind media); the charity competition is entered with an initiative by a
    person or on behalf of an organisation they manage."""

    ORGANISATION = "organisation"
    PERSON = "person"
    CULTURAL_CENTRE = "cultural_centre"
    SCHOOL = "school"
    INITIATIVE = "initiative"


ENTRANT_TITLES = titles(EntrantType, {
    EntrantType.ORGANISATION: _l("An organisation"),
    EntrantType.PERSON: _l("A person"),
    EntrantType.CULTURAL_CENTRE: _l("A listed cultural centre"),
    EntrantType.SCHOOL: _l("A listed school"),
    EntrantType.INITIATIVE: _l("A project or initiative"),
})


class EditionState(TitledEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    JUDGING = "judging"
    PUBLISHED = "published"


EDITION_STATE_TITLES = titles(EditionState, {
    EditionState.DRAFT: _l("In preparation"),
    EditionState.OPEN: _l("Open for entries"),
    EditionState.CLOSED: _l("Closed for entries"),
    EditionState.JUDGING: _l("Being judged"),
    EditionState.PUBLISHED: _l("Results published"),
})


class Award(TitledEnum):
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    COMMENDATION = "commendation"


AWARD_TITLES = titles(Award, {
    Award.FIRST: _l("First place"),
    Award.SECOND: _l("Second place"),
    Award.THIRD: _l("Third place"),
    Award.COMMENDATION: _l("Commendation"),
})


ENTRY_STATE_TITLES = {
    "draft": _l("Draft"),
    "pending": _l("Submitted; eligibility being checked"),
    "approved": _l("Eligible"),
    "rejected": _l("Not eligible"),
    "hidden": lazy_pgettext("entry", "Hidden"),
}


class Competition(db.Model):
    """One of the six; created by the first competitions migration, never by people."""

    __tablename__ = "competitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(40), unique=True, nullable=False)
    entrant_type: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    name_tg: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    name_ru: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    name_en: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    description_tg: Mapped[str] = mapped_column(sa.Text, nullable=False)
    description_ru: Mapped[str] = mapped_column(sa.Text, nullable=False)
    description_en: Mapped[str] = mapped_column(sa.Text, nullable=False)
    position: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)

    def name(self, lang: str) -> str:
        return getattr(self, f"name_{lang}", None) or self.name_en

    def description(self, lang: str) -> str:
        return getattr(self, f"description_{lang}", None) or self.description_en

    @property
    def entrant_title(self) -> str:
        return EntrantType(self.entrant_type).title


class Edition(Translatable, TimestampMixin, db.Model):
    """A yearly edition. Its texts have versions in three languages (content_i18n); the
    questions and required attachments keep one list per language, in the same order."""

    TRANSLATABLE = ("eligibility", "results_notes")
    __tablename__ = "competition_editions"
    __table_args__ = (sa.UniqueConstraint("competition_id", "year",
                                          name="uq_competition_editions_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(sa.ForeignKey("competitions.id"),
                                                nullable=False, index=True)
    year: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    state: Mapped[str] = mapped_column(sa.String(16), nullable=False,
                                       default=EditionState.DRAFT)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    judging_ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    eligibility: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    results_notes: Mapped[str] = mapped_column(sa.Text, nullable=False, default="",
                                               server_default="")
    questions_json: Mapped[str] = mapped_column(sa.Text, nullable=False, default="[]")
    required_attachments_json: Mapped[str] = mapped_column(sa.Text, nullable=False,
                                                           default="[]")
    language: Mapped[str] = language_column()
    eligibility_translations: Mapped[dict] = translations_column()
    results_notes_translations: Mapped[dict] = translations_column()
    questions_translations: Mapped[dict] = translations_column()  # {"ru": [...], ...}
    required_attachments_translations: Mapped[dict] = translations_column()
    optional_attachments: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=2)
    max_entries: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=1)
    blind: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    hide_jury: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    # Nominations: an organisation or an official body proposes a person, who consents;
    # the embassy or consulate of their country endorses (when required).
    by_nomination: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    self_entry: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    endorsement_required: Mapped[bool] = mapped_column(sa.Boolean, nullable=False,
                                                       default=True)
    judges_per_entry: Mapped[int | None] = mapped_column(sa.Integer)  # None: all judges
    override_reason: Mapped[str | None] = mapped_column(sa.Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(sa.Integer)

    competition: Mapped[Competition] = relationship(lazy="joined", innerjoin=True)
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="edition", cascade="all, delete-orphan", lazy="selectin",
        order_by="Criterion.position")

    def title(self, lang: str) -> str:
        return f"{self.competition.name(lang)} {self.year}"

    @property
    def state_title(self) -> str:
        return EditionState(self.state).title

    @property
    def questions(self) -> list[str]:
        return json.loads(self.questions_json or "[]")

    @property
    def required_attachments(self) -> list[str]:
        return json.loads(self.required_attachments_json or "[]")

    def _list_in(self, name: str, lang: str) -> list[str]:
        own = getattr(self, name)
        other = (getattr(self, f"{name}_translations") or {}).get(lang)
        return list(other) if lang != self.language and other and len(other) == len(own) \
            else own

    def questions_in(self, lang: str) -> list[str]:
        """The questions in `lang` if that version exists, else the author's."""
        return self._list_in("questions", lang)

    def attachments_in(self, lang: str) -> list[str]:
        """The required attachments' descriptions in `lang`, else the author's."""
        return self._list_in("required_attachments", lang)

    def file_label(self, file, lang: str) -> str:
        """An uploaded file's label: the required attachment it answers, in `lang`."""
        listed = self.attachments_in(lang)
        index = file.required_index
        return listed[index] if index is not None and 0 <= index < len(listed) else file.label

    def accepts_entries(self, now: datetime | None = None) -> bool:
        """The server's rule: open, and the deadline not passed (whatever the state says)."""
        now = now or utcnow()
        return self.state == EditionState.OPEN and self.opens_at <= now < self.closes_at

    @property
    def results_public(self) -> bool:
        return self.state == EditionState.PUBLISHED

    @property
    def takes_nominations(self) -> bool:
        """The competitions about people always do; any other edition staff mark so."""
        return self.by_nomination or self.competition.key in NOMINATED_COMPETITIONS


class Criterion(Translatable, db.Model):
    """A rubric line: its name and the judges' guidance in up to three languages (the
    edition's language is the author's)."""

    TRANSLATABLE = ("name", "description")
    __tablename__ = "competition_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        sa.ForeignKey("competition_editions.id", ondelete="CASCADE"), nullable=False,
        index=True)
    name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    description: Mapped[str] = mapped_column(sa.String(500), nullable=False, default="")
    weight: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    position: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    language: Mapped[str] = language_column()
    name_translations: Mapped[dict] = translations_column()
    description_translations: Mapped[dict] = translations_column()

    edition: Mapped[Edition] = relationship(back_populates="criteria")


class Entry(ModerationMixin, TimestampMixin, db.Model):
    """An entry: a draft until its author submits it; then staff check eligibility
    through the moderation queue (approved = eligible, rejected = not eligible)."""

    __tablename__ = "competition_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        sa.ForeignKey("competition_editions.id", ondelete="CASCADE"), nullable=False,
        index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"),
                                                index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"))
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("places.id",
                                                               ondelete="SET NULL"))
    entrant_key: Mapped[str] = mapped_column(sa.String(40), nullable=False)
    entrant_name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    statement: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    answers_json: Mapped[str] = mapped_column(sa.Text, nullable=False, default="[]")
    country: Mapped[str] = mapped_column(sa.String(2), nullable=False, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    award: Mapped[str | None] = mapped_column(sa.String(16))
    rank: Mapped[int | None] = mapped_column(sa.Integer)
    final_score: Mapped[float | None] = mapped_column(sa.Float)
    raw_score: Mapped[float | None] = mapped_column(sa.Float)
    commended: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)

    edition: Mapped[Edition] = relationship(lazy="joined", innerjoin=True)
    user: Mapped[User | None] = relationship()

    __table_args__ = (sa.Index("ix_competition_entries_entrant", "edition_id",
                               "entrant_key"),)

    @property
    def answers(self) -> list[str]:
        return json.loads(self.answers_json or "[]")

    @property
    def is_draft(self) -> bool:
        return self.status == "draft" and self.withdrawn_at is None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def state_title(self) -> str:
        if self.is_withdrawn:
            return str(lazy_pgettext("entry", "Withdrawn"))
        return str(ENTRY_STATE_TITLES.get(self.status, self.status))

    @property
    def award_title(self) -> str | None:
        return Award(self.award).title if self.award else None


class Attachment(db.Model):
    __tablename__ = "competition_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        sa.ForeignKey("competition_entries.id", ondelete="CASCADE"), nullable=False,
        index=True)
    label: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    required_index: Mapped[int | None] = mapped_column(sa.Integer)
    stored_name: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    original_name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    media_type: Mapped[str] = mapped_column(sa.String(40), nullable=False)
    size: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    @property
    def extension(self) -> str:
        return {"application/pdf": "pdf", "image/webp": "webp"}.get(self.media_type, "bin")


class Judge(db.Model):
    __tablename__ = "competition_judges"
    __table_args__ = (sa.UniqueConstraint("edition_id", "user_id",
                                          name="uq_competition_judges_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        sa.ForeignKey("competition_editions.id", ondelete="CASCADE"), nullable=False,
        index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)


class Assignment(db.Model):
    """One entry for one judge: conflict declared (or recused), scores saved, submitted."""

    __tablename__ = "competition_assignments"
    __table_args__ = (sa.UniqueConstraint("entry_id", "judge_user_id",
                                          name="uq_competition_assignments_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        sa.ForeignKey("competition_editions.id", ondelete="CASCADE"), nullable=False,
        index=True)
    entry_id: Mapped[int] = mapped_column(
        sa.ForeignKey("competition_entries.id", ondelete="CASCADE"), nullable=False,
        index=True)
    judge_user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    declared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recused_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recusal_reason: Mapped[str | None] = mapped_column(sa.String(500))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    entry: Mapped[Entry] = relationship()
    scores: Mapped[list[Score]] = relationship(back_populates="assignment",
                                               cascade="all, delete-orphan", lazy="selectin")

    @property
    def state(self) -> str:
        if self.recused_at:
            return "recused"
        if self.submitted_at:
            return "submitted"
        return "scoring" if self.declared_at else "new"


class Score(db.Model):
    __tablename__ = "competition_scores"
    __table_args__ = (sa.UniqueConstraint("assignment_id", "criterion_id",
                                          name="uq_competition_scores_cell"),
                      sa.CheckConstraint("value >= 0 AND value <= 10",
                                         name="ck_competition_scores_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("competition_assignments.id", ondelete="CASCADE"), nullable=False,
        index=True)
    criterion_id: Mapped[int] = mapped_column(
        sa.ForeignKey("competition_criteria.id", ondelete="CASCADE"), nullable=False)
    value: Mapped[int | None] = mapped_column(sa.Integer)
    comment: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")

    assignment: Mapped[Assignment] = relationship(back_populates="scores")
