"""News and announcements: from the Council (published directly) or from an organisation
(moderated), each with a title and text in Tajik, Russian and English where given."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.community.publishing import PublishedByOrganisationOrCouncil
from diaspora_platform.content_i18n import TitledVersions, translations_column
from diaspora_platform.database import ModerationMixin, TimestampMixin, UTCDateTime
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.organisations.models import Organisation


class NewsCategory(TitledEnum):
    ANNOUNCEMENTS = "announcements"
    CALLS = "calls"
    MIGRANT_ADVICE = "migrant-advice"
    COUNCIL = "council"
    ORGANISATIONS = "organisations"  # news organisations publish on their page


CATEGORY_TITLES = titles(NewsCategory, {
    NewsCategory.ANNOUNCEMENTS: _l("Announcements"),
    NewsCategory.CALLS: _l("Calls and competitions"),
    NewsCategory.MIGRANT_ADVICE: _l("Advice for labour migrants"),
    NewsCategory.COUNCIL: _l("Concept and Council news"),
    NewsCategory.ORGANISATIONS: _l("News from organisations"),
})
STAFF_CATEGORIES = (NewsCategory.ANNOUNCEMENTS, NewsCategory.CALLS,
                    NewsCategory.MIGRANT_ADVICE, NewsCategory.COUNCIL)


class NewsItem(TitledVersions, PublishedByOrganisationOrCouncil, ModerationMixin, TimestampMixin,
               db.Model):
    __tablename__ = "news_items"
    TRANSLATABLE = ("title", "body")

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    country: Mapped[str | None] = mapped_column(sa.String(2))  # for whom, if for one country
    # With the title (TitledVersions): the author's text and the other languages'.
    body: Mapped[str] = mapped_column(sa.Text, nullable=False, default="", server_default="")
    body_translations: Mapped[dict] = translations_column()
    pinned: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    checked_on: Mapped[date | None] = mapped_column(sa.Date)  # advice: last checked
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                    ondelete="SET NULL"))

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")

    __table_args__ = (
        sa.Index("ix_news_public", "status", "category", "published_at"),
        sa.Index("ix_news_listing", "status", "pinned", "published_at", "id"),
    )

    @property
    def category_title(self) -> str:
        return NewsCategory(self.category).title

    @property
    def languages(self) -> list[str]:
        """Languages the item is written in."""
        return self.text_languages

    def title_in(self, lang: str) -> str:
        return self.text_in("title", lang)[0]

    def body_in(self, lang: str) -> str:
        return self.text_in("body", lang)[0]

    @property
    def is_official_advice(self) -> bool:
        return self.is_council and self.category == NewsCategory.MIGRANT_ADVICE

