"""Educational resources: textbooks, lesson plans, guides and videos, shared by the
Council (published directly) or by verified organisations (moderated)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.community.publishing import PublishedByOrganisationOrCouncil
from diaspora_platform.content_i18n import Translatable, language_column, translations_column
from diaspora_platform.database import ModerationMixin, TimestampMixin
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.organisations.models import Organisation


class ResourceKind(TitledEnum):
    TEXTBOOK = "textbook"
    LESSON_PLAN = "lesson_plan"
    GUIDE = "guide"
    VIDEO = "video"
    OTHER = "other"


KIND_TITLES = titles(ResourceKind, {
    ResourceKind.TEXTBOOK: _l("Textbook"),
    ResourceKind.LESSON_PLAN: _l("Lesson plan"),
    ResourceKind.GUIDE: _l("Guide for diaspora organisations"),
    ResourceKind.VIDEO: _l("Video"),
    ResourceKind.OTHER: _l("Other material"),
})


class ResourceAudience(TitledEnum):
    CHILDREN = "children"
    YOUTH = "youth"
    ADULTS = "adults"
    TEACHERS = "teachers"
    ORGANISERS = "organisers"


AUDIENCE_TITLES = titles(ResourceAudience, {
    ResourceAudience.CHILDREN: _l("Children"),
    ResourceAudience.YOUTH: _l("Young people"),
    ResourceAudience.ADULTS: _l("Adults"),
    ResourceAudience.TEACHERS: _l("Teachers"),
    ResourceAudience.ORGANISERS: _l("Organisation leaders"),
})


class Level(TitledEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


LEVEL_TITLES = titles(Level, {
    Level.BEGINNER: _l("Beginner"),
    Level.INTERMEDIATE: _l("Intermediate"),
    Level.ADVANCED: _l("Advanced"),
})

# Stored file types: media type -> (extension, short name shown to readers)
FILE_TYPES = {
    "application/pdf": ("pdf", "PDF"),
    "application/epub+zip": ("epub", "EPUB"),
    "image/webp": ("webp", "WebP"),
}


class Resource(Translatable, PublishedByOrganisationOrCouncil, ModerationMixin, TimestampMixin,
               db.Model):
    __tablename__ = "resources"
    TRANSLATABLE = ("title", "description")

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    description: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    # The language the material itself is in (a textbook may be in Uzbek).
    material_language: Mapped[str] = mapped_column(sa.String(8), nullable=False)
    # The language of the title and description, and the other languages' (content_i18n).
    language: Mapped[str] = language_column()
    title_translations: Mapped[dict] = translations_column()
    description_translations: Mapped[dict] = translations_column()
    audience: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    level: Mapped[str | None] = mapped_column(sa.String(16))
    url: Mapped[str | None] = mapped_column(sa.String(500))
    stored_name: Mapped[str | None] = mapped_column(sa.String(64))
    original_name: Mapped[str | None] = mapped_column(sa.String(200))
    media_type: Mapped[str | None] = mapped_column(sa.String(64))
    size: Mapped[int | None] = mapped_column(sa.Integer)
    download_count: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")

    __table_args__ = (
        sa.Index("ix_resources_public", "status", "kind", "material_language"),
        sa.CheckConstraint("url IS NOT NULL OR stored_name IS NOT NULL",
                           name="file_or_link"),
    )

    @property
    def kind_title(self) -> str:
        return ResourceKind(self.kind).title

    @property
    def audience_title(self) -> str:
        return ResourceAudience(self.audience).title

    @property
    def level_title(self) -> str | None:
        return Level(self.level).title if self.level else None

    @property
    def has_file(self) -> bool:
        return self.stored_name is not None

    @property
    def file_type(self) -> str:
        return FILE_TYPES.get(self.media_type or "", ("", ""))[1]

    @property
    def extension(self) -> str:
        return FILE_TYPES.get(self.media_type or "", ("bin", ""))[0]

