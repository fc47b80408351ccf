"""Reading assistance requests: the staff dashboard with filters and counts, a member's own
requests, a request's timeline, the places a request can be linked to."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from diaspora_platform import pagination, table_cache
from diaspora_platform.assistance.models import (
    MANAGING,
    AssistanceMessage,
    AssistanceRequest,
    Status,
)
from diaspora_platform.database import ModerationStatus
from diaspora_platform.directory.models import Place
from diaspora_platform.extensions import db
from diaspora_platform.organisations import queries as org_queries

PAGE_SIZE = 20
PLACE_CHOICES_MAX = 300
UNASSIGNED = "none"
DASHBOARD_KEY = pagination.key(pagination.desc(AssistanceRequest.updated_at),
                               pagination.desc(AssistanceRequest.id))


@dataclass
class Filters:
    status: str | None = None
    country: str | None = None
    assignee: str | None = None  # a staff id as text, or UNASSIGNED
    mine: bool = False
    after: str | None = None
    before: str | None = None


def _filtered(filters: Filters, viewer, skip_status: bool = False):
    stmt = sa.select(AssistanceRequest)
    if filters.status and not skip_status:
        stmt = stmt.where(AssistanceRequest.status == filters.status)
    if filters.country:
        stmt = stmt.where(AssistanceRequest.country == filters.country)
    if filters.mine:
        stmt = stmt.where(AssistanceRequest.assignee_id == viewer.id)
    elif filters.assignee == UNASSIGNED:
        stmt = stmt.where(AssistanceRequest.assignee_id.is_(None))
    elif filters.assignee:
        stmt = stmt.where(AssistanceRequest.assignee_id == int(filters.assignee))
    return stmt


def dashboard(filters: Filters, viewer) -> tuple[pagination.Page, int]:
    """One page of requests, most recently active first, and how many match."""
    stmt = _filtered(filters, viewer)
    total = table_cache.count(stmt.with_only_columns(AssistanceRequest.id))
    page = pagination.paginate(
        stmt.options(selectinload(AssistanceRequest.assignee),
                     selectinload(AssistanceRequest.organisation)),
        DASHBOARD_KEY, pagination.getters("updated_at", "id"), after=filters.after,
        before=filters.before, per_page=PAGE_SIZE)
    return page, total


def status_counts(filters: Filters, viewer) -> dict[str, int]:
    """How many requests each status has, the other filters applied."""
    sub = _filtered(filters, viewer, skip_status=True).subquery()
    counts = {str(status): 0 for status in Status}
    counts.update(table_cache.grouped(sa.select(sub.c.status, sa.func.count())
                                      .group_by(sub.c.status)))
    return counts


def last_messages(requests) -> dict[int, AssistanceMessage]:
    """The newest timeline entry of each request (to show who spoke last)."""
    ids = [req.id for req in requests]
    if not ids:
        return {}
    newest = (sa.select(sa.func.max(AssistanceMessage.id))
              .where(AssistanceMessage.request_id.in_(ids))
              .group_by(AssistanceMessage.request_id))
    rows = db.session.scalars(sa.select(AssistanceMessage).where(
        AssistanceMessage.id.in_(newest)))
    return {message.request_id: message for message in rows}


def mine(user) -> list[AssistanceRequest]:
    """Requests the member filed, and those filed for organisations they manage."""
    managed = org_queries.where_user_may(AssistanceRequest.organisation_id, user, MANAGING)
    stmt = (sa.select(AssistanceRequest)
            .where(sa.or_(AssistanceRequest.requester_id == user.id, managed))
            .options(selectinload(AssistanceRequest.organisation))
            .order_by(AssistanceRequest.updated_at.desc(), AssistanceRequest.id.desc()))
    return list(db.session.scalars(stmt))


def timeline(req: AssistanceRequest) -> list[AssistanceMessage]:
    return list(db.session.scalars(
        sa.select(AssistanceMessage).where(AssistanceMessage.request_id == req.id)
        .options(selectinload(AssistanceMessage.author)).order_by(AssistanceMessage.id)))


def place_choices(req: AssistanceRequest) -> list[Place]:
    """Approved places a request can be linked to: those in its country, by name."""
    return list(db.session.scalars(
        sa.select(Place).where(Place.status == ModerationStatus.APPROVED,
                               Place.country == req.country)
        .order_by(Place.name).limit(PLACE_CHOICES_MAX)))
