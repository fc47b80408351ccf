"""Reading projects and offers: the public listing with filters, a project's timeline,
documents and followers, the offers each side sees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from diaspora_platform import pagination, table_cache
from diaspora_platform.accounts.models import User
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.extensions import db
from diaspora_platform.organisations import queries as org_queries
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.projects.models import (
    ACTIVE_OFFER,
    Offer,
    OfferEvent,
    OfferSkill,
    OfferStatus,
    Project,
    ProjectDocument,
    ProjectFollower,
    ProjectSkill,
    ProjectUpdate,
)

PAGE_SIZE = 20
OFFER_PAGE_SIZE = 50
PROJECT_ZONE = ZoneInfo("Asia/Dushanbe")  # deadlines are dates in Tajikistan
# "Newest" is the approval time; a project approved without a review record counts from
# its creation, so every row has a key to seek by.
APPROVED_AT = sa.func.coalesce(Project.reviewed_at, Project.created_at)
SORTS = {"newest": pagination.key(pagination.desc(APPROVED_AT), pagination.desc(Project.id)),
         "deadline": pagination.key(Project.offers_until, Project.id),
         "title": pagination.key(Project.title, Project.id)}
SORT_GETTERS = {"newest": [lambda p: p.reviewed_at or p.created_at, lambda p: p.id],
                "deadline": pagination.getters("offers_until", "id"),
                "title": pagination.getters("title", "id")}


def today() -> date:
    """The date in Tajikistan, where a deadline for offers ends at midnight."""
    return datetime.now(PROJECT_ZONE).date()


@dataclass
class Filters:
    sector: str | None = None
    region: str | None = None
    stage: str | None = None
    skill: str | None = None
    open_only: bool = False
    sort: str = "newest"
    after: str | None = None
    before: str | None = None

    @property
    def active(self) -> bool:
        return any((self.sector, self.region, self.stage, self.skill, self.open_only))


def public():
    """Projects anybody may see: approved, and of an approved organisation if any."""
    return (sa.select(Project).outerjoin(Project.organisation)
            .where(Project.status == S.APPROVED,
                   sa.or_(Project.organisation_id.is_(None),
                          Organisation.status == S.APPROVED)))


def _open(stmt):
    return stmt.where(Project.closed_at.is_(None), Project.offers_until >= today())


def _filtered(filters: Filters):
    stmt = public()
    if filters.sector:
        stmt = stmt.where(Project.sector == filters.sector)
    if filters.region:
        stmt = stmt.where(Project.region == filters.region)
    if filters.stage:
        stmt = stmt.where(Project.stage == filters.stage)
    if filters.skill:
        stmt = stmt.where(sa.exists().where(ProjectSkill.project_id == Project.id,
                                            ProjectSkill.skill == filters.skill))
    if filters.open_only:
        stmt = _open(stmt)
    return stmt


def listing(filters: Filters) -> tuple[pagination.Page, int]:
    """One page of public projects (skills loaded with them) and the total."""
    total = table_cache.count(_filtered(filters).with_only_columns(Project.id))
    sort = filters.sort if filters.sort in SORTS else "newest"
    return pagination.paginate(_filtered(filters), SORTS[sort], SORT_GETTERS[sort],
                               after=filters.after, before=filters.before,
                               per_page=PAGE_SIZE), total


def open_projects(limit: int = 500) -> list[Project]:
    """Public projects open for offers (what matching looks through)."""
    stmt = _open(public()).order_by(Project.offers_until, Project.id).limit(limit)
    return list(db.session.scalars(stmt).unique())


def of_organisation(org: Organisation, include_unpublished: bool) -> list[Project]:
    stmt = sa.select(Project).where(Project.organisation_id == org.id)
    if not include_unpublished:
        stmt = stmt.where(Project.status == S.APPROVED)
    return list(db.session.scalars(stmt.order_by(Project.closed_at.is_not(None),
                                                 Project.offers_until.desc())).unique())


def managed_by(user) -> list[Project]:
    """Projects this person manages: their organisations' ones (and the Council's own
    for staff)."""
    condition = org_queries.where_user_may(Project.organisation_id, user, "publish",
                                           council_for_staff=True)
    stmt = sa.select(Project).where(condition).order_by(Project.id.desc())
    return list(db.session.scalars(stmt).unique())


def documents(project: Project) -> list[ProjectDocument]:
    return list(db.session.scalars(sa.select(ProjectDocument).where(
        ProjectDocument.project_id == project.id).order_by(ProjectDocument.id)))


def timeline(project: Project, limit: int = 50) -> list[ProjectUpdate]:
    return list(db.session.scalars(sa.select(ProjectUpdate).where(
        ProjectUpdate.project_id == project.id)
        .order_by(ProjectUpdate.created_at.desc(), ProjectUpdate.id.desc()).limit(limit)))


def follower_count(project: Project) -> int:
    return db.session.scalar(sa.select(sa.func.count(ProjectFollower.id)).where(
        ProjectFollower.project_id == project.id)) or 0


def is_following(user, project: Project) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(db.session.scalar(sa.select(sa.exists().where(
        ProjectFollower.project_id == project.id, ProjectFollower.user_id == user.id))))


def followers(project: Project) -> list[User]:
    return list(db.session.scalars(sa.select(User).join(
        ProjectFollower, ProjectFollower.user_id == User.id).where(
        ProjectFollower.project_id == project.id).order_by(User.id)))


def owners(project: Project) -> list[User]:
    """Who is told of offers: the organisation's owners, admins and editors, or for the
    Council's own projects the staff member who published it."""
    if project.organisation_id is None:
        creator = db.session.get(User, project.created_by_id) if project.created_by_id \
            else None
        return [creator] if creator is not None else []
    return list(db.session.scalars(sa.select(User).where(User.id.in_(
        org_queries.members_who_may(project.organisation_id, "publish"))).order_by(User.id)))


def _offers():
    return sa.select(Offer).options(selectinload(Offer.skills).joinedload(OfferSkill.need))


def offers_for(project: Project, status: str | None = None) -> list[Offer]:
    """Offers made on a project (for its owner), pending first, newest first."""
    stmt = _offers().where(Offer.project_id == project.id)
    if status:
        stmt = stmt.where(Offer.status == status)
    stmt = stmt.order_by(Offer.status != OfferStatus.PENDING, Offer.id.desc())
    return list(db.session.scalars(stmt.limit(OFFER_PAGE_SIZE)).unique())


def offers_of(profile_or_user) -> list[Offer]:
    """An expert's offers, newest first (for their dashboard): takes the expert profile
    or the user."""
    user_id = getattr(profile_or_user, "user_id", None) or profile_or_user.id
    stmt = _offers().where(Offer.expert_id == user_id).order_by(Offer.id.desc())
    return list(db.session.scalars(stmt.limit(OFFER_PAGE_SIZE)).unique())


def open_offer_count(user) -> int:
    return db.session.scalar(sa.select(sa.func.count(Offer.id)).where(
        Offer.expert_id == user.id, Offer.status == OfferStatus.PENDING)) or 0


def active_offer(user, project: Project) -> Offer | None:
    """The expert's pending or accepted offer on this project, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(sa.select(Offer).where(
        Offer.project_id == project.id, Offer.expert_id == user.id,
        Offer.status.in_([str(s) for s in ACTIVE_OFFER])))


def pending_counts(projects: list[Project]) -> dict[int, int]:
    if not projects:
        return {}
    stmt = (sa.select(Offer.project_id, sa.func.count(Offer.id))
            .where(Offer.project_id.in_([p.id for p in projects]),
                   Offer.status == OfferStatus.PENDING).group_by(Offer.project_id))
    return dict(db.session.execute(stmt).all())


def events(offer: Offer) -> list[OfferEvent]:
    return list(db.session.scalars(sa.select(OfferEvent).where(
        OfferEvent.offer_id == offer.id).order_by(OfferEvent.id)))


def expired_candidates(now: datetime, batch: int = 200) -> list[Offer]:
    return list(db.session.scalars(sa.select(Offer).where(
        Offer.status == OfferStatus.PENDING, Offer.expires_at <= now)
        .order_by(Offer.id).limit(batch)).unique())


def open_data(batch: int = 500):
    stmt = public().order_by(Project.id).execution_options(yield_per=batch)
    return db.session.scalars(stmt).unique()
