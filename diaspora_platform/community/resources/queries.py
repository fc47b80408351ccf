"""Reading resources: the public catalogue with filters, an organisation's resources."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from diaspora_platform import pagination
from diaspora_platform.community.resources.models import Resource
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation

PAGE_SIZE = 20
# "Newest" is the approval time; a resource approved without a review record counts from
# its creation, so every row has a key to seek by.
APPROVED_AT = sa.func.coalesce(Resource.reviewed_at, Resource.created_at)
SORTS = {
    "newest": pagination.key(pagination.desc(APPROVED_AT), pagination.desc(Resource.id)),
    "popular": pagination.key(pagination.desc(Resource.download_count),
                              pagination.desc(Resource.id)),
    "title": pagination.key(Resource.title, Resource.id),
}
SORT_GETTERS = {"newest": [lambda r: r.reviewed_at or r.created_at, lambda r: r.id],
                "popular": pagination.getters("download_count", "id"),
                "title": pagination.getters("title", "id")}


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    language: str | None = None
    audience: str | None = None
    level: str | None = None
    sort: str = "newest"
    after: str | None = None
    before: str | None = None


def public():
    """Approved resources whose organisation (if any) is public too."""
    org_public = sa.or_(Resource.organisation_id.is_(None), Resource.organisation_id.in_(
        sa.select(Organisation.id).where(Organisation.status == S.APPROVED)))
    return sa.select(Resource).where(Resource.status == S.APPROVED, org_public)


def catalogue(filters: Filters) -> pagination.Page:
    """One page of approved resources matching the filters, in the chosen order."""
    stmt = public()
    columns = {"kind": Resource.kind, "language": Resource.material_language,
               "audience": Resource.audience, "level": Resource.level}
    for name, column in columns.items():
        value = getattr(filters, name)
        if value:
            stmt = stmt.where(column == value)
    sort = filters.sort if filters.sort in SORTS else "newest"
    return pagination.paginate(stmt, SORTS[sort], SORT_GETTERS[sort], after=filters.after,
                               before=filters.before, per_page=PAGE_SIZE)


def of_organisation(org, include_unpublished: bool = False, limit: int = 10):
    if include_unpublished:
        stmt = sa.select(Resource).where(Resource.organisation_id == org.id,
                                         Resource.status != S.REJECTED)
    else:
        stmt = public().where(Resource.organisation_id == org.id)
    return list(db.session.scalars(stmt.order_by(Resource.id.desc()).limit(limit)))
