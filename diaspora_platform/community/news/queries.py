"""Reading news: the public list, a category's feed, an organisation's news, and what is
new for a member's digest."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from diaspora_platform import pagination
from diaspora_platform.community.news.models import NewsItem
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation

PAGE_SIZE = 15
FEED_SIZE = 30


def public():
    """Approved items whose organisation (if any) is public too."""
    org_public = sa.or_(NewsItem.organisation_id.is_(None), NewsItem.organisation_id.in_(
        sa.select(Organisation.id).where(Organisation.status == S.APPROVED)))
    return sa.select(NewsItem).where(NewsItem.status == S.APPROVED,
                                     NewsItem.published_at.is_not(None), org_public)


LISTING_KEY = pagination.key(pagination.desc(NewsItem.pinned),
                             pagination.desc(NewsItem.published_at), pagination.desc(NewsItem.id))


def listing(category: str | None = None, *, after: str | None = None,
            before: str | None = None) -> pagination.Page:
    """Pinned items first, then the newest."""
    stmt = public()
    if category:
        stmt = stmt.where(NewsItem.category == category)
    return pagination.paginate(stmt, LISTING_KEY,
                               pagination.getters("pinned", "published_at", "id"),
                               after=after, before=before, per_page=PAGE_SIZE)


def feed(category: str | None) -> list[NewsItem]:
    stmt = public()
    if category:
        stmt = stmt.where(NewsItem.category == category)
    return list(db.session.scalars(stmt.order_by(NewsItem.published_at.desc(),
                                                 NewsItem.id.desc()).limit(FEED_SIZE)))


def of_organisation(org, include_unpublished: bool = False, limit: int = 5) -> list[NewsItem]:
    """An organisation's news for its page; its editors also see items in review."""
    if include_unpublished:
        stmt = sa.select(NewsItem).where(NewsItem.organisation_id == org.id,
                                         NewsItem.status != S.REJECTED)
    else:
        stmt = public().where(NewsItem.organisation_id == org.id)
    stmt = stmt.order_by(NewsItem.published_at.desc().nulls_first(), NewsItem.id.desc())
    return list(db.session.scalars(stmt.limit(limit)))


def for_digest(since: datetime, countries: list[str], org_ids: list[int],
               limit: int = 20) -> list[NewsItem]:
    """News published since `since` that concern the member: Council news for everyone
    or for one of their countries, and news of organisations they follow."""
    council = sa.and_(NewsItem.organisation_id.is_(None), sa.or_(
        NewsItem.country.is_(None), NewsItem.country.in_(countries or ["--"])))
    followed = NewsItem.organisation_id.in_(org_ids or [-1])
    stmt = public().where(NewsItem.published_at >= since, sa.or_(council, followed))
    return list(db.session.scalars(stmt.order_by(NewsItem.pinned.desc(),
                                                 NewsItem.published_at.desc()).limit(limit)))
