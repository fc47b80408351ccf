"""Guides for working legally abroad (one per country) and for returning home, written by
Council staff in three languages, section by section, each section with its source and the
day staff last checked it."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.content_i18n import (
    TitledVersions,
    Translatable,
    language_column,
    translations_column,
)
from diaspora_platform.database import TimestampMixin, UTCDateTime
from diaspora_platform.extensions import db
from diaspora_platform.guides.vocabulary import GuideKind, Topic


class Guide(TitledVersions, TimestampMixin, db.Model):
    """A country guide (`country` set) or the return guide; readers see it once published."""

    __tablename__ = "guides"
    TRANSLATABLE = ("title", "summary")

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    country: Mapped[str | None] = mapped_column(sa.String(2))
    summary: Mapped[str] = mapped_column(sa.Text, nullable=False, default="",
                                         server_default="")
    summary_translations: Mapped[dict] = translations_column()
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))

    sections: Mapped[list[GuideSection]] = relationship(
        back_populates="guide", order_by="GuideSection.position, GuideSection.id",
        cascade="all, delete-orphan")

    __table_args__ = (
        sa.Index("ix_guides_published", "published_at", "kind"),
    )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def kind_title(self) -> str:
        return GuideKind(self.kind).title

    @property
    def last_checked(self) -> date | None:
        """The oldest "checked on" of its sections: the guide is as fresh as that."""
        days = [s.checked_on for s in self.sections if s.checked_on]
        return min(days) if days else None

    def can_view(self, user) -> bool:
        return self.is_published or bool(getattr(user, "acts_as_staff", False))


class GuideSection(Translatable, TimestampMixin, db.Model):
    """One topic of a guide: its text (Markdown) in up to three languages, the source it
    is drawn from and when staff last checked it against that source."""

    __tablename__ = "guide_sections"
    TRANSLATABLE = ("title", "body")

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(sa.ForeignKey("guides.id", ondelete="CASCADE"),
                                          nullable=False, index=True)
    topic: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    position: Mapped[int] = mapped_column(nullable=False, default=0)
    language: Mapped[str] = language_column()
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="",
                                       server_default="")
    title_translations: Mapped[dict] = translations_column()
    body: Mapped[str] = mapped_column(sa.Text, nullable=False, default="", server_default="")
    body_translations: Mapped[dict] = translations_column()
    source_title: Mapped[str] = mapped_column(sa.String(300), nullable=False, default="")
    source_url: Mapped[str] = mapped_column(sa.String(500), nullable=False, default="")
    checked_on: Mapped[date | None] = mapped_column(sa.Date)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))

    guide: Mapped[Guide] = relationship(back_populates="sections")

    @property
    def topic_title(self) -> str:
        return Topic(self.topic).title

    @property
    def anchor(self) -> str:
        return f"section-{self.topic}"
