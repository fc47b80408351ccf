"""Who may open a help request: the Council staff member it is assigned to (or any staff
member while it waits, unassigned, in the Council's queue), the staff of the official body
it was routed to, and the partner organisation it was handed to. Everyone else gets 404."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.helpdesk.models import HelpRequest
from diaspora_platform.official.accounts import acting_office_id
from diaspora_platform.organisations import queries as org_queries


def _partner_ok(user, req: HelpRequest) -> bool:
    if req.partner_id is None or not getattr(user, "is_confirmed", False):
        return False
    org = org_queries.by_id(req.partner_id)
    return org is not None and org.can(user, "edit")


def can_open(user, req: HelpRequest) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.acts_as_staff and (req.assigned_id == user.id or (
            req.office_id is None and req.assigned_id is None)):
        return True
    if req.office_id is not None and acting_office_id(user) == req.office_id:
        return True
    return _partner_ok(user, req)


def can_route(user, req: HelpRequest) -> bool:
    """Change status, hand off: the Council or the routed office, not the partner."""
    if not can_open(user, req):
        return False
    return bool(user.acts_as_staff) or (
        req.office_id is not None and acting_office_id(user) == req.office_id)


def visible_to(user):
    """A query condition: the requests this user may open (for the dashboard)."""
    conditions = []
    if user.acts_as_staff:
        conditions.append(HelpRequest.assigned_id == user.id)
        conditions.append(sa.and_(HelpRequest.office_id.is_(None),
                                  HelpRequest.assigned_id.is_(None)))
    office_id = acting_office_id(user)
    if office_id is not None:
        conditions.append(HelpRequest.office_id == office_id)
    orgs = edited_orgs(user)
    if orgs:
        conditions.append(HelpRequest.partner_id.in_(orgs))
    return sa.or_(*conditions) if conditions else sa.false()


def edited_orgs(user) -> list[int]:
    if not getattr(user, "is_confirmed", False):
        return []
    return org_queries.ids_where_user_may(user, "edit")
