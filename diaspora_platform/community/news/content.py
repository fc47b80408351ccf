"""News items declare themselves to moderation and search; organisation news reaches the
organisation's followers when it is approved."""

from __future__ import annotations

from diaspora_platform.community.follows.services import notify_followers
from diaspora_platform.community.news.models import NewsItem
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l, current_language
from diaspora_platform.moderation.registry import ContentType, register
from diaspora_platform.notifications.services import register_kind
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.organisations.queries import where_user_may
from diaspora_platform.search import registry as search_registry
from diaspora_platform.search.registry import Audience, Document, SearchType
from diaspora_platform.text import markdown_text
from diaspora_platform.translations import registry as translation_registry
from diaspora_platform.translations.registry import TranslatableType


def _author(item: NewsItem):
    from diaspora_platform.accounts.models import User

    return db.session.get(User, item.created_by_id) if item.created_by_id else None


def _label(item: NewsItem) -> str:
    return item.title_in(item.languages[0] if item.languages else "en")


def _title_for_reader(params: dict) -> dict:
    """The title in the reader's language when the item has it (stored per language)."""
    titles = params.get("titles") or {}
    lang = current_language()
    return {**params, "title": titles.get(lang) or params.get("title", "")}


register_kind("follows.council_news",
              _l("News from the Coordination Council: “%(title)s”."),
              _l("News from the Coordination Council"), _title_for_reader, category="news")
register_kind("follows.news", _l("News from %(source)s: “%(title)s”."),
              _l("News from what you follow"), _title_for_reader, category="news")


def _titles(item: NewsItem) -> dict:
    return {lang: getattr(item, f"title_{lang}") for lang in item.languages}


def tell_followers(item: NewsItem) -> int:
    """Notify followers of the organisation (or of the item's country) once, when the
    item is first published."""
    if item.organisation is None:
        return notify_followers(country=item.country, kind="follows.council_news",
                                link=f"/news/{item.id}", exclude=(item.created_by_id,),
                                title=_label(item), titles=_titles(item))
    return notify_followers(organisation=item.organisation, country=item.country,
                            kind="follows.news", link=f"/news/{item.id}",
                            exclude=(item.created_by_id,), source=item.organisation.name,
                            title=_label(item), titles=_titles(item))


def _on_decision(item: NewsItem, decision) -> None:
    if str(decision) == "approve" and item.published_at is None:
        item.published_at = utcnow()
        tell_followers(item)


register(ContentType(
    key="news", model=NewsItem, title=_l("News"), label=_label,
    url=lambda item: f"/news/{item.id}", author=_author, country="country",
    on_decision=_on_decision,
))


def _search_document(item: NewsItem) -> Document | None:
    public_org = item.organisation is None or item.organisation.status == "approved"
    if item.status == "approved" and public_org:
        audience = Audience.PUBLIC
    elif item.status == "pending":
        audience = Audience.STAFF
    else:
        return None
    return Document(title=_titles(item),
                    body={lang: markdown_text(getattr(item, f"body_{lang}"))
                          for lang in item.languages},
                    url=f"/news/{item.id}", audience=audience, country=item.country or "",
                    languages=tuple(item.languages),
                    keywords=item.organisation.name if item.organisation else "")


search_registry.register(SearchType(key="news", model=NewsItem, title=_l("News"),
                                    document=_search_document))


def _news_of(org) -> list[int]:
    import sqlalchemy as sa

    return list(db.session.scalars(sa.select(NewsItem.id).where(
        NewsItem.organisation_id == org.id)))


search_registry.register_dependents(Organisation, "news", _news_of)


def _after_translation(item: NewsItem) -> None:
    """A new language version of organisation news is reviewed like any other edit."""
    from diaspora_platform.database import ModerationStatus
    from diaspora_platform.moderation import services as moderation

    if not item.is_council and item.status != ModerationStatus.HIDDEN:
        moderation.submit(item)


translation_registry.register(TranslatableType(
    key="news", model=NewsItem, title=_l("News"), url=lambda item: f"/news/{item.id}",
    can_decide=lambda user, item: item.can_edit(user),
    is_public=lambda item: item.can_view(None),
    public_filter=lambda: NewsItem.status == "approved",
    after_change=_after_translation,
    decidable=lambda user: where_user_may(NewsItem.organisation_id, user, "publish",
                                          council_for_staff=True)))
