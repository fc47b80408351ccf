"""Finding the candidates to score: experts for a project, projects for an expert.

Experts for a project: candidates are prefiltered on the indexed expert_skills.skill and
ranked by the database with score_sql (the very numbers matching.score gives, as SQL), so
20,000 profiles never become Python objects; only the winners are loaded and scored again
in Python for their reasons. Projects for an expert: the open projects needing one of
their skills (indexed project_skills.skill) are few, and are scored in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from diaspora_platform import table_cache
from diaspora_platform.accounts.models import User
from diaspora_platform.experts.models import (
    ExpertProfile,
    ExpertSkill,
    Visibility,
)
from diaspora_platform.experts.models import (
    profile_of as expert_profile_of,
)
from diaspora_platform.extensions import db
from diaspora_platform.projects.matching import (
    AVAILABILITY_POINTS,
    DEFAULT_LANGUAGES,
    LANGUAGE_POINTS,
    MODE_POINTS,
    SECTOR_POINTS,
    SKILL_POINTS,
    SOME_LANGUAGE_POINTS,
    Match,
    Needs,
    Offered,
    rank,
    score,
)


@dataclass(frozen=True)
class Suggestion:
    match: Match
    profile: ExpertProfile | None = None
    project: object | None = None  # projects.models.Project


def needs_of(project) -> Needs:
    """A project's needs: its skills that still have places left, its sector, and the most
    hours a month one of those places asks for."""
    open_skills = [s for s in project.skills if not s.is_filled]
    hours = max((s.hours for s in open_skills if s.hours), default=None)
    return Needs(skills=tuple(s.skill for s in open_skills), sector=project.sector,
                 languages=tuple(getattr(project, "languages", None) or DEFAULT_LANGUAGES),
                 hours=hours, mode=getattr(project, "mode", None) or "both")


def offered_by(profile: ExpertProfile) -> Offered:
    return Offered(skills=frozenset(profile.skills), sectors=frozenset(profile.sectors),
                   languages=frozenset(profile.languages), hours=profile.hours_per_month,
                   mode=profile.mode)


def _fully_staffed(project) -> bool:
    return bool(project.skills) and all(s.is_filled for s in project.skills)


def _has(column, code: str):
    return column.like(f"%,{code},%")


def score_sql(needs: Needs, matched):
    """matching.score as a SQL expression over ExpertProfile's columns and `matched` (the
    number of needed skills the expert offers): the same whole numbers, so the database
    can rank thousands of candidates. The tests check it against matching.score."""
    parts = []
    if needs.skills:
        parts.append(sa.literal(SKILL_POINTS) * matched // len(needs.skills))
    if needs.sector:
        parts.append(sa.case((_has(ExpertProfile.sectors_csv, needs.sector), SECTOR_POINTS),
                             else_=0))
    if needs.languages:
        spoken = sum((sa.case((_has(ExpertProfile.languages_csv, code), 1), else_=0)
                      for code in needs.languages), sa.literal(0))
        parts.append(sa.case((spoken == len(needs.languages), LANGUAGE_POINTS),
                             (spoken > 0, SOME_LANGUAGE_POINTS), else_=0))
    hours = ExpertProfile.hours_per_month
    if needs.hours:
        parts.append(sa.case((hours <= 0, 0), (hours >= needs.hours, AVAILABILITY_POINTS),
                             else_=sa.literal(AVAILABILITY_POINTS) * hours // needs.hours))
    else:
        parts.append(sa.case((hours > 0, AVAILABILITY_POINTS), else_=0))
    if needs.mode == "both":
        parts.append(sa.literal(MODE_POINTS))
    else:
        parts.append(sa.case((ExpertProfile.mode.in_([needs.mode, "both"]), MODE_POINTS),
                             else_=0))
    total = sum(parts[1:], parts[0])
    return sa.case((total < 1, 1), else_=total)


def _managers(project):
    """SELECT of the user ids who manage the project (not suggested to themselves)."""
    from diaspora_platform.organisations import queries as org_queries

    managers = org_queries.members_who_may(project.organisation_id, "publish")
    if project.created_by_id:
        managers = managers.union(sa.select(sa.literal(project.created_by_id)))
    return managers


def _ranked(project, needs: Needs, limit: int) -> list[tuple[int, int]]:
    """(id, score) of the best `limit` candidates, ranked by the database (score_sql)."""
    from diaspora_platform.projects.models import Offer

    if needs.skills:
        counts = (sa.select(ExpertSkill.expert_id, sa.func.count().label("matched"))
                  .where(ExpertSkill.skill.in_(needs.skills))
                  .group_by(ExpertSkill.expert_id).subquery())
        matched = counts.c.matched
        stmt = sa.select(ExpertProfile.id).join(counts, counts.c.expert_id == ExpertProfile.id)
    else:
        matched = sa.literal(0)
        stmt = sa.select(ExpertProfile.id).where(
            _has(ExpertProfile.sectors_csv, needs.sector))
    # "Only owners of projects I offer to": suggested only to a project they offered to.
    shown = sa.or_(ExpertProfile.visibility != Visibility.PROJECT_OWNERS,
                   ExpertProfile.user_id.in_(sa.select(Offer.expert_id).where(
                       Offer.project_id == project.id)))
    stmt = stmt.join(User, User.id == ExpertProfile.user_id).where(
        User.deleted_at.is_(None), User.suspended_at.is_(None), shown)
    stmt = stmt.where(ExpertProfile.user_id.not_in(_managers(project)))
    points = score_sql(needs, matched)
    stmt = stmt.add_columns(points).order_by(
        points.desc(), matched.desc(), ExpertProfile.hours_per_month.desc(),
        ExpertProfile.id).limit(limit)
    return [tuple(row) for row in db.session.execute(stmt)]


def suggest_experts(project, limit: int = 20) -> list[Suggestion]:
    """The best-matching experts for a project, with the reasons (for its owner): the
    database ranks the candidates; the winners are scored again here for the reasons."""
    if _fully_staffed(project):
        return []
    needs = needs_of(project)
    if not needs.skills and not needs.sector:
        return []
    ids = [expert_id for expert_id, _points in _ranked(project, needs, limit)]
    if not ids:
        return []
    profiles = {p.id: p for p in db.session.scalars(
        sa.select(ExpertProfile).options(joinedload(ExpertProfile.user))
        .where(ExpertProfile.id.in_(ids)))}
    found = [Suggestion(score(needs, offered_by(profiles[i])), profile=profiles[i])
             for i in ids if i in profiles]
    return [s for s in found if s.match.is_match]


def profile_of(user) -> ExpertProfile | None:
    """The member's expert profile, if any: what projects ask of someone offering help."""
    return expert_profile_of(user)


def has_profile(user) -> bool:
    """Whether the member has an expert profile; the projects list asks on every view, so
    the answer is kept until the profiles table changes."""
    if not getattr(user, "is_authenticated", False):
        return False
    return table_cache.remember(None, lambda: expert_profile_of(user) is not None,
                                key=("expert_profile", user.id),
                                tables=(ExpertProfile.__tablename__,))


def offers_of(profile: ExpertProfile) -> list:
    """The expert's offers on projects, newest first (their dashboard)."""
    from diaspora_platform.projects.queries import offers_of as offers_by

    return offers_by(profile)


def managed_project_ids(user):
    """SELECT of the ids of organisation projects the user manages (Project.can_manage;
    the Council's own projects are managed by staff, who see every profile anyway)."""
    from diaspora_platform.organisations import queries as org_queries
    from diaspora_platform.projects.models import Project

    return sa.select(Project.id).where(
        org_queries.where_user_may(Project.organisation_id, user, "publish"))


def offered_to(user):
    """SELECT of the user ids of experts who offered to a project the user manages (who
    may see a profile kept for "the owners of projects I offer to")."""
    from diaspora_platform.projects.models import Offer

    return sa.select(Offer.expert_id).where(Offer.project_id.in_(managed_project_ids(user)))


def _open_projects(profile: ExpertProfile, published_after: datetime | None):
    from diaspora_platform.projects.models import ACTIVE_OFFER, Offer, Project, ProjectSkill
    from diaspora_platform.projects.queries import public, today

    by_skill = sa.exists().where(ProjectSkill.project_id == Project.id,
                                 ProjectSkill.skill.in_(profile.skills or [""]))
    no_skills = ~sa.exists().where(ProjectSkill.project_id == Project.id)
    by_sector = sa.and_(no_skills, Project.sector.in_(profile.sectors or [""]))
    offered = sa.select(Offer.project_id).where(
        Offer.expert_id == profile.user_id, Offer.status.in_([str(s) for s in ACTIVE_OFFER]))
    stmt = public().where(Project.closed_at.is_(None), Project.offers_until >= today(),
                          sa.or_(by_skill, by_sector), Project.id.not_in(offered),
                          Project.id.not_in(managed_project_ids(profile.user)),
                          sa.or_(Project.created_by_id.is_(None),
                                 Project.created_by_id != profile.user_id))
    if published_after is not None:
        stmt = stmt.where(Project.reviewed_at > published_after)
    return list(db.session.scalars(stmt).unique())


def suggest_projects(profile: ExpertProfile, limit: int = 20,
                     published_after: datetime | None = None) -> list[Suggestion]:
    """The open projects that best match an expert, with the reasons (their dashboard and
    the weekly email); projects they already offered to or manage are left out."""
    projects = {p.id: p for p in _open_projects(profile, published_after)
                if not _fully_staffed(p)}
    offered = offered_by(profile)
    results = []
    for project in projects.values():
        ranked = rank(needs_of(project), [(project.id, offered)], 1)
        if ranked:
            results.append(Suggestion(ranked[0][1], project=project))
    results.sort(key=lambda s: (-s.match.score, s.project.offers_until, s.project.id))
    return results[:limit]
