"""Reading places: the public directory with filters and counts, map points, open data."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from diaspora_platform import pagination, table_cache
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import list_contains
from diaspora_platform.directory.models import Place, PlacePhoto
from diaspora_platform.directory.vocabulary import Operating
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.text import phonetic_key

PAGE_SIZE = 20
MAP_LIMIT = 2000  # points drawn on the map view at once
# "Newest" is the approval time; a place approved without a review record counts from its
# creation, so every row has a key to seek by.
APPROVED_AT = sa.func.coalesce(Place.reviewed_at, Place.created_at)
SORTS = {"name": pagination.key(Place.name, Place.id),
         "newest": pagination.key(pagination.desc(APPROVED_AT), pagination.desc(Place.id)),
         "city": pagination.key(Place.country, Place.city_key, Place.name, Place.id)}
SORT_GETTERS = {"name": pagination.getters("name", "id"),
                "newest": [lambda p: p.reviewed_at or p.created_at, lambda p: p.id],
                "city": pagination.getters("country", "city_key", "name", "id")}
FACETS = ("kind", "country")


@dataclass
class Filters:
    kind: str | None = None
    country: str | None = None
    city: str | None = None
    language: str | None = None
    audience: str | None = None
    free: bool = False
    closed: bool = False  # include closed places too
    sort: str = "name"
    after: str | None = None
    before: str | None = None

    @property
    def active(self) -> bool:
        return any((self.kind, self.country, self.city, self.language, self.audience,
                    self.free, self.closed))


def public():
    """Places anybody may see: approved, of an approved organisation."""
    return (sa.select(Place).join(Place.organisation)
            .where(Place.status == S.APPROVED, Organisation.status == S.APPROVED))


def _filtered(filters: Filters, skip: str | None = None):
    stmt = public()
    if not filters.closed:
        stmt = stmt.where(Place.operating != Operating.CLOSED)
    if filters.kind and skip != "kind":
        stmt = stmt.where(Place.kind == filters.kind)
    if filters.country and skip != "country":
        stmt = stmt.where(Place.country == filters.country)
    if filters.city:
        stmt = stmt.where(Place.city_key == phonetic_key(filters.city))
    if filters.language:
        stmt = stmt.where(list_contains(Place.languages, filters.language))
    if filters.audience:
        stmt = stmt.where(list_contains(Place.audiences, filters.audience))
    if filters.free:
        stmt = stmt.where(Place.is_free.is_(True))
    return stmt


def directory(filters: Filters) -> tuple[pagination.Page, int, dict[int, PlacePhoto]]:
    """One page of places, the total, and each place's first photo (three queries)."""
    total = table_cache.count(_filtered(filters).with_only_columns(Place.id))
    sort = filters.sort if filters.sort in SORTS else "name"
    page = pagination.paginate(_filtered(filters), SORTS[sort], SORT_GETTERS[sort],
                               after=filters.after, before=filters.before, per_page=PAGE_SIZE)
    return page, total, first_photos([p.id for p in page.items])


def first_photos(place_ids: list[int]) -> dict[int, PlacePhoto]:
    if not place_ids:
        return {}
    first = (sa.select(PlacePhoto.place_id, sa.func.min(PlacePhoto.position).label("pos"))
             .where(PlacePhoto.place_id.in_(place_ids)).group_by(PlacePhoto.place_id)
             .subquery())
    rows = db.session.scalars(sa.select(PlacePhoto).join(
        first, sa.and_(first.c.place_id == PlacePhoto.place_id,
                       first.c.pos == PlacePhoto.position)))
    return {photo.place_id: photo for photo in rows}


def facet_counts(filters: Filters, column: str) -> dict[str, int]:
    """How many places each value of `column` has, the other filters applied."""
    sub = _filtered(filters, skip=column).with_only_columns(getattr(Place, column)).subquery()
    return table_cache.grouped(sa.select(sub.c[column], sa.func.count())
                               .group_by(sub.c[column]))


def map_points(filters: Filters) -> list[tuple]:
    """(id, name, kind, latitude, longitude) of filtered places that gave coordinates."""
    stmt = (_filtered(filters).where(Place.latitude.is_not(None))
            .with_only_columns(Place.id, Place.name, Place.kind, Place.latitude,
                               Place.longitude)
            .order_by(Place.id).limit(MAP_LIMIT))
    return db.session.execute(stmt).all()


def of_organisation(org: Organisation, include_unpublished: bool) -> list[Place]:
    stmt = sa.select(Place).where(Place.organisation_id == org.id)
    if not include_unpublished:
        stmt = stmt.where(Place.status == S.APPROVED)
    stmt = stmt.order_by(Place.operating == Operating.CLOSED, Place.name)
    return list(db.session.scalars(stmt))


def photos(place: Place) -> list[PlacePhoto]:
    return list(db.session.scalars(sa.select(PlacePhoto).where(
        PlacePhoto.place_id == place.id).order_by(PlacePhoto.position, PlacePhoto.id)))


def open_data(batch: int = 1000):
    """Every public place (closed ones too, marked so), streamed in id order."""
    stmt = public().order_by(Place.id).execution_options(yield_per=batch)
    return db.session.scalars(stmt)
