"""Reading organisations: the public directory with filters and counts, open data."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from diaspora_platform import pagination, table_cache
from diaspora_platform.collation import sorted_by
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import list_contains
from diaspora_platform.extensions import db
from diaspora_platform.i18n import current_language
from diaspora_platform.organisations.models import Membership, MembershipStatus, Organisation
from diaspora_platform.text import phonetic_key

PAGE_SIZE = 20
# "Newest" is the approval time; an organisation approved without a review record (imported)
# counts from its creation, so every row has a key to seek by.
APPROVED_AT = sa.func.coalesce(Organisation.reviewed_at, Organisation.created_at)
SORTS = {"name": pagination.key(Organisation.name_key, Organisation.id),
         "newest": pagination.key(pagination.desc(APPROVED_AT), pagination.desc(Organisation.id))}
SORT_GETTERS = {"name": pagination.getters("name_key", "id"),
                "newest": [lambda o: o.reviewed_at or o.created_at, lambda o: o.id]}


@dataclass
class Filters:
    country: str | None = None
    city: str | None = None
    kind: str | None = None
    language: str | None = None
    sort: str = "name"
    after: str | None = None
    before: str | None = None


def _public(filters: Filters, skip: str | None = None):
    stmt = sa.select(Organisation).where(Organisation.status == S.APPROVED)
    if filters.country and skip != "country":
        stmt = stmt.where(Organisation.country == filters.country)
    if filters.city:
        # "Москва" and "Moskva" are one city: compare spelling-independent keys.
        stmt = stmt.where(Organisation.city_key == phonetic_key(filters.city))
    if filters.kind and skip != "kind":
        stmt = stmt.where(Organisation.kind == filters.kind)
    if filters.language:
        stmt = stmt.where(list_contains(Organisation.languages, filters.language))
    return stmt


def public():
    """Organisations anybody may see: approved."""
    return _public(Filters())


def directory(filters: Filters) -> tuple[pagination.Page, int, dict[int, int]]:
    """One page of approved organisations, their total, and the page's member counts."""
    sort = filters.sort if filters.sort in SORTS else "name"
    page = pagination.paginate(_public(filters), SORTS[sort], SORT_GETTERS[sort],
                               after=filters.after, before=filters.before,
                               per_page=PAGE_SIZE)
    total = table_cache.count(_public(filters).with_only_columns(Organisation.id))
    return page, total, member_counts_of([org.id for org in page.items])


def member_counts_of(ids: list[int]) -> dict[int, int]:
    """Active members of just these organisations (a page's worth, through the index)."""
    if not ids:
        return {}
    return dict(db.session.execute(
        sa.select(Membership.organisation_id, sa.func.count(Membership.id))
        .where(Membership.organisation_id.in_(ids),
               Membership.status == MembershipStatus.ACTIVE)
        .group_by(Membership.organisation_id)).all())


def facet_counts(filters: Filters, column: str) -> dict[str, int]:
    """How many approved organisations each value of `column` has, other filters applied."""
    sub = _public(filters, skip=column).with_only_columns(getattr(Organisation, column)).subquery()
    return table_cache.grouped(sa.select(getattr(sub.c, column), sa.func.count())
                               .group_by(getattr(sub.c, column)))


def open_data(batch: int = 1000):
    """Public fields of every approved organisation, streamed in id order."""
    stmt = (sa.select(Organisation).where(Organisation.status == S.APPROVED)
            .order_by(Organisation.id).execution_options(yield_per=batch))
    return db.session.scalars(stmt)


def open_data_version() -> str:
    """Names the open data's current state: the organisations table's change stamp (moved
    by every commit that writes the table, removals included), or without the table cache
    the last change and the number of organisations (two queries)."""
    stamp = table_cache.stamp("organisations")
    if stamp is not None:
        return f"s{stamp}"
    changed, count = db.session.execute(sa.select(
        sa.select(sa.func.max(Organisation.updated_at)).scalar_subquery(),
        sa.select(sa.func.count(Organisation.id)).scalar_subquery())).one()
    return f"{count}-{changed.timestamp() if changed else 0}"


def visible(org_id: int) -> Organisation:
    """The organisation if the reader may see it, else 404: the door other domains' pages
    use to show an organisation (whether it is visible is decided here, not by them)."""
    from diaspora_platform.permissions import visible_or_404

    return visible_or_404(Organisation, org_id)


def by_id(org_id: int | None) -> Organisation | None:
    """An organisation by id whatever its status (for staff pages and for rows that point at
    it), or None."""
    return db.session.get(Organisation, org_id) if org_id else None


def mine(user):
    """The user's organisations (a short list) by the name shown in the reader's language."""
    stmt = (sa.select(Organisation, Membership.role).join(
        Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.user_id == user.id, Membership.status == MembershipStatus.ACTIVE))
    lang = current_language()
    return sorted_by(db.session.execute(stmt).all(), lambda row: row[0].display_name(lang), lang)


def editable_by(user, statuses) -> list[Organisation]:
    """Organisations in `statuses` where the user's role allows editing (one query: the
    role comes with the row, not from a query per organisation)."""
    from diaspora_platform.permissions import org_role_allows

    return [org for org, role in mine(user)
            if org.status in statuses and org_role_allows(role, "edit")]


def member_count(org: Organisation) -> int:
    return db.session.scalar(sa.select(sa.func.count(Membership.id)).where(
        Membership.organisation_id == org.id, Membership.status == MembershipStatus.ACTIVE))


def where_user_may(column, user, permission: str, council_for_staff: bool = False):
    """SQL condition: `column` (an organisation id) is one where the user's active role
    allows `permission`; with `council_for_staff`, also the Council's rows (no
    organisation) when the user acts as staff. The rule of `Organisation.can`, for lists
    filtered in the database."""
    from diaspora_platform.permissions import OrgRole, org_role_allows

    roles = [str(role) for role in OrgRole if org_role_allows(role, permission)]
    condition = column.in_(sa.select(Membership.organisation_id).where(
        Membership.user_id == user.id, Membership.status == MembershipStatus.ACTIVE,
        Membership.role.in_(roles)))
    if council_for_staff and getattr(user, "acts_as_staff", False):
        condition = sa.or_(column.is_(None), condition)
    return condition


def members_who_may(org_id: int, permission: str):
    """SELECT of the ids of the organisation's active members whose role allows
    `permission` (who is told, who manages)."""
    from diaspora_platform.permissions import OrgRole, org_role_allows

    roles = [str(role) for role in OrgRole if org_role_allows(role, permission)]
    return sa.select(Membership.user_id).where(
        Membership.organisation_id == org_id, Membership.status == MembershipStatus.ACTIVE,
        Membership.role.in_(roles))


def held_by(user, permission: str, statuses) -> list[Organisation]:
    """Organisations in `statuses` where the user's active role allows `permission`, by
    name: whom a member may act for in another domain (pledge, ask for help)."""
    return list(db.session.scalars(sa.select(Organisation).where(
        where_user_may(Organisation.id, user, permission), Organisation.status.in_(statuses))
        .order_by(Organisation.name)))


def ids_where_user_may(user, permission: str) -> list[int]:
    """Ids of the organisations where the user's active role allows `permission`."""
    return list(db.session.scalars(sa.select(Organisation.id).where(
        where_user_may(Organisation.id, user, permission))))


def organisations_of(user_ids: list[int]) -> dict[int, set[int]]:
    """Each user's organisations (active memberships, any role)."""
    found: dict[int, set[int]] = {}
    for org_id, user_id in db.session.execute(sa.select(
            Membership.organisation_id, Membership.user_id).where(
            Membership.status == MembershipStatus.ACTIVE,
            Membership.user_id.in_(user_ids or [-1]))):
        found.setdefault(user_id, set()).add(org_id)
    return found
