"""Reads: the organisations and office a member may nominate for, the offices that cover
a country, each party's nominations, and the endorsement shown beside an entry."""

from __future__ import annotations

import re

import sqlalchemy as sa

from diaspora_platform import pagination, table_cache
from diaspora_platform.database import ModerationStatus
from diaspora_platform.extensions import db
from diaspora_platform.nominations.models import Consent, Nomination
from diaspora_platform.official.accounts import acting_office_id
from diaspora_platform.official.models import OfficialBody
from diaspora_platform.official.vocabulary import OfficeKind
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.organisations.queries import mine
from diaspora_platform.permissions import org_role_allows

ENDORSING = (OfficeKind.EMBASSY, OfficeKind.CONSULATE)
PAGE_SIZE = 25
LIST_KEY = (pagination.desc(Nomination.id),)


def managed_organisations(user) -> list[Organisation]:
    """Verified organisations the user owns or administers: those it may nominate for."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [org for org, role in mine(user) if org.status == ModerationStatus.APPROVED
            and org_role_allows(role, "manage_members")]


def acting_office(user) -> OfficialBody | None:
    office_id = acting_office_id(user)
    return db.session.get(OfficialBody, office_id) if office_id else None


def offices_covering(country: str) -> list[OfficialBody]:
    """Embassies, then consulates, of this country or covering it; the first is where a
    nomination goes when the nominator chooses none."""
    if not country:
        return []
    rows = db.session.scalars(sa.select(OfficialBody).where(
        OfficialBody.archived_at.is_(None), OfficialBody.kind.in_(ENDORSING),
        sa.or_(OfficialBody.country == country,
               OfficialBody.covers_countries.contains(country))).order_by(OfficialBody.id))
    found = [body for body in rows if body.country == country
             or country in body.covered_countries]
    return sorted(found, key=lambda body: (body.kind != OfficeKind.EMBASSY,
                                           body.country != country, body.id))


def all_endorsing_offices() -> list[OfficialBody]:
    return list(db.session.scalars(sa.select(OfficialBody).where(
        OfficialBody.archived_at.is_(None), OfficialBody.kind.in_(ENDORSING))
        .order_by(OfficialBody.country, OfficialBody.id)))


def _page(stmt, after=None, before=None) -> pagination.Page:
    return pagination.paginate(stmt, LIST_KEY, pagination.getters("id"), after=after,
                               before=before, per_page=PAGE_SIZE)


def by_nominator(user, **cursor) -> pagination.Page:
    """The nominations this user made, or that their organisations or office made."""
    orgs = [org.id for org in managed_organisations(user)]
    office_id = acting_office_id(user)
    return _page(sa.select(Nomination).where(sa.or_(
        Nomination.nominator_id == user.id, Nomination.organisation_id.in_(orgs or [-1]),
        Nomination.nominating_office_id == (office_id or -1))), **cursor)


def for_office(office_id: int, **cursor) -> pagination.Page:
    """The consented nominations routed to the office, decided or not."""
    return _page(sa.select(Nomination).where(Nomination.office_id == office_id,
                                             Nomination.consent == Consent.GIVEN), **cursor)


def for_edition(edition_id: int, **cursor) -> tuple[pagination.Page, int]:
    """Every nomination of an edition (for staff), with their number."""
    stmt = sa.select(Nomination).where(Nomination.edition_id == edition_id)
    return _page(stmt, **cursor), table_cache.count(stmt)


def of_entry(entry_id: int) -> Nomination | None:
    return db.session.scalar(sa.select(Nomination).where(Nomination.entry_id == entry_id))


def without_name(text: str, name: str) -> str:
    """The text with the person's name (and each longer part of it) blacked out, for
    judges of a blind edition."""
    parts = sorted({name.strip(), *[p for p in re.split(r"\s+", name) if len(p) > 2]},
                   key=len, reverse=True)
    for part in filter(None, parts):
        text = re.sub(re.escape(part), "███", text, flags=re.IGNORECASE)
    return text
