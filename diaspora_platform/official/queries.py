"""Reading the official network: the public list and the finder."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from diaspora_platform import pagination, table_cache
from diaspora_platform.extensions import db
from diaspora_platform.official.models import OfficialBody, OrganisationHelp
from diaspora_platform.official.vocabulary import (
    SITUATION_HELP,
    SITUATION_SERVICES,
    OfficeKind,
    Situation,
)
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.text import phonetic_key

PAGE_SIZE = 20
LIST_KEY = pagination.key(OfficialBody.country, OfficialBody.city, OfficialBody.name_en,
                          OfficialBody.id)


@dataclass(frozen=True)
class Filters:
    country: str | None = None
    kind: str | None = None
    service: str | None = None
    after: str | None = None
    before: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.country or self.kind or self.service)


def office(office_id: int | None) -> OfficialBody | None:
    """An office by id whatever its state (for the rows that point at it), or None."""
    return db.session.get(OfficialBody, office_id) if office_id else None


def _has(column, code: str):
    """Comma-list membership, the same on SQLite and PostgreSQL."""
    return ("," + column + ",").like(f"%,{code},%")


def _public():
    return sa.select(OfficialBody).where(OfficialBody.archived_at.is_(None))


def offices(filters: Filters) -> tuple[pagination.Page, int]:
    """One page of public offices matching the filters, and how many match in all."""
    query = _public()
    if filters.country:
        query = query.where(sa.or_(OfficialBody.country == filters.country,
                                   _has(OfficialBody.covers_countries, filters.country)))
    if filters.kind:
        query = query.where(OfficialBody.kind == filters.kind)
    if filters.service:
        query = query.where(_has(OfficialBody.services, filters.service))
    total = table_cache.count(query.with_only_columns(OfficialBody.id))
    page = pagination.paginate(query, LIST_KEY,
                               pagination.getters("country", "city", "name_en", "id"),
                               after=filters.after, before=filters.before, per_page=PAGE_SIZE)
    return page, total


def archived() -> list[OfficialBody]:
    return list(db.session.scalars(sa.select(OfficialBody).where(
        OfficialBody.archived_at.is_not(None)).order_by(OfficialBody.archived_at.desc())))


@dataclass
class Found:
    """What the finder answers: offices in the city, offices covering the country,
    hotlines, and organisations whose verified help fits."""

    in_city: list[OfficialBody]
    in_country: list[OfficialBody]
    hotlines: list[OfficialBody]
    organisations: list[tuple[Organisation, list[str]]]

    @property
    def empty(self) -> bool:
        return not (self.in_city or self.in_country or self.organisations)


def _serves_city(office: OfficialBody, key: str) -> bool:
    return bool(key) and (office.city_key == key or key in {
        phonetic_key(city) for city in office.covered_cities})


def find(country: str, city: str, situation: str) -> Found:
    """Who can help with `situation` in `city`, `country`: city first, then country."""
    services = SITUATION_SERVICES[Situation(situation)]
    key = phonetic_key(city or "")
    gives = sa.or_(*[_has(OfficialBody.services, code) for code in services])
    rows = list(db.session.scalars(_public().where(gives).order_by(
        OfficialBody.kind, OfficialBody.id)))
    local = [o for o in rows if not o.is_hotline and (
        o.country == country or country in o.covered_countries)]
    in_city = [o for o in local if _serves_city(o, key)]
    in_country = [o for o in local if o not in in_city]
    hotlines = [o for o in _hotlines() if o.country == country or country in
                o.covered_countries or o.country == "TJ"]
    return Found(in_city, in_country, hotlines, helpers(country, key, situation))


def _hotlines() -> list[OfficialBody]:
    return list(db.session.scalars(_public().where(
        OfficialBody.kind == OfficeKind.HOTLINE).order_by(OfficialBody.id)))


def helpers(country: str, city_key: str, situation: str) -> list[tuple[Organisation, list[str]]]:
    """Approved organisations in the country with verified help fitting the situation,
    those in the reader's city first."""
    kinds = [k.value for k in SITUATION_HELP[Situation(situation)]]
    rows = db.session.execute(
        sa.select(Organisation, OrganisationHelp.kind)
        .join(OrganisationHelp, OrganisationHelp.organisation_id == Organisation.id)
        .where(Organisation.status == "approved", Organisation.country == country,
               OrganisationHelp.verified_at.is_not(None), OrganisationHelp.kind.in_(kinds))
        .order_by(Organisation.name_key, OrganisationHelp.kind))
    found: dict[int, tuple[Organisation, list[str]]] = {}
    for org, kind in rows:
        found.setdefault(org.id, (org, []))[1].append(kind)
    return sorted(found.values(), key=lambda pair: pair[0].city_key != city_key)


def verified_help(org: Organisation) -> list[OrganisationHelp]:
    return list(db.session.scalars(sa.select(OrganisationHelp).where(
        OrganisationHelp.organisation_id == org.id,
        OrganisationHelp.verified_at.is_not(None)).order_by(OrganisationHelp.kind)))


def unverified_help() -> list[OrganisationHelp]:
    return list(db.session.scalars(sa.select(OrganisationHelp).where(
        OrganisationHelp.verified_at.is_(None)).order_by(OrganisationHelp.declared_at)))
