"""Reading resources: the public catalogue with filters, an organisation's resources."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from diaspora_platform.community.resources.models import Resource
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation

PAGE_SIZE = 20
SORTS = ("newest", "popular", "title")


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    language: str | None = None
    audience: str | None = None
    level: str | None = None
    sort: str = "newest"
    page: int = 1


def _public():
    org_public = sa.or_(Resource.organisation_id.is_(None), Resource.organisation_id.in_(
        sa.select(Organisation.id).where(Organisation.status == S.APPROVED)))
    return sa.select(Resource).where(Resource.status == S.APPROVED, org_public)


def catalogue(filters: Filters):
    stmt = _public()
    for name in ("kind", "language", "audience", "level"):
        value = getattr(filters, name)
        if value:
            stmt = stmt.where(getattr(Resource, name) == value)
    order = {"newest": (Resource.reviewed_at.desc(), Resource.id.desc()),
             "popular": (Resource.download_count.desc(), Resource.id.desc()),
             "title": (Resource.title, Resource.id)}[filters.sort]
    return db.paginate(stmt.order_by(*order), page=filters.page, per_page=PAGE_SIZE,
                       error_out=False)


def of_organisation(org, include_unpublished: bool = False, limit: int = 10):
    if include_unpublished:
        stmt = sa.select(Resource).where(Resource.organisation_id == org.id,
                                         Resource.status != S.REJECTED)
    else:
        stmt = _public().where(Resource.organisation_id == org.id)
    return list(db.session.scalars(stmt.order_by(Resource.id.desc()).limit(limit)))
