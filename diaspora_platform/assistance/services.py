"""Assistance request operations: submit, reply, assign, change status, link the place that
opened. Each checks its rule, writes the audit record for staff actions, tells the people
concerned and commits once.

Double submits are harmless: every form carries a random client token, unique per request
(for new requests, per requester), so a repeated form finds what the first one made.
Status and assignment changes are conditional updates on what the staff member saw, so when
two staff members act at once exactly one change is recorded; the other gets a Conflict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.assistance import (
    URL_PREFIX,
)
from diaspora_platform.assistance.models import (
    MANAGING,
    NEXT_STATUSES,
    AssistanceMessage,
    AssistanceRequest,
    Need,
    Status,
)
from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.directory.models import Place
from diaspora_platform.directory.vocabulary import PlaceKind
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.forms import TOO_LONG
from diaspora_platform.i18n import _, ngettext, valid_country
from diaspora_platform.inputs import parse_int
from diaspora_platform.notifications.services import notify
from diaspora_platform.organisations import queries as org_queries
from diaspora_platform.unit_of_work import conditional_update

if TYPE_CHECKING:
    from diaspora_platform.organisations.models import Organisation

MESSAGE_MAX = 2000
PEOPLE_MAX = 100_000
# field -> longest accepted text (the forms say so first; this guards other callers)
TEXT_LIMITS = {"title": 200, "city": 100, "description": 5000, "timeline": 200,
               "contact_name": 120, "contact_email": 254, "contact_phone": 40}


class InvalidPlace(DomainError):
    """The place number given is not an approved place."""


def member_url(req: AssistanceRequest) -> str:
    return f"{URL_PREFIX}/requests/{req.id}"


def staff_url(req: AssistanceRequest) -> str:
    return f"{URL_PREFIX}/staff/requests/{req.id}"


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _require_staff(user) -> None:
    if not getattr(user, "acts_as_staff", False):
        raise NotAllowed(_("Only Council staff can do this."))


def _clean_token(token) -> str:
    token = _text(token)
    if not 8 <= len(token) <= 64:
        raise DomainError(_("The form is incomplete. Please reload the page and try again."))
    return token


def _clean_request(user, data: dict) -> dict:
    clean = {key: _text(data.get(key)) for key in TEXT_LIMITS}
    for key, limit in TEXT_LIMITS.items():
        if len(clean[key]) > limit:
            raise DomainError(TOO_LONG % {"max": limit})
    if not all(clean[key] for key in TEXT_LIMITS if key != "contact_phone"):
        raise DomainError(_("Please fill in every required field."))
    clean["contact_phone"] = clean["contact_phone"] or None
    kind = data.get("kind")
    if kind not in set(PlaceKind):
        raise DomainError(_("Choose what you want to open."))
    country = _text(data.get("country")).upper()
    if not valid_country(country):
        raise DomainError(_("Choose a country from the list."))
    needs = list(dict.fromkeys(data.get("needs") or []))
    if not needs or any(need not in set(Need) for need in needs):
        raise DomainError(_("Choose what you need from the list."))
    people = data.get("people")
    if not isinstance(people, int) or not 1 <= people <= PEOPLE_MAX:
        raise DomainError(_("Enter a number of people between 1 and %(max)d.", max=PEOPLE_MAX))
    return {**clean, "kind": kind, "country": country, "people": people,
            "needs": ",".join(needs), "organisation_id": _organisation_for(user, data)}


def managed_organisations(user) -> list[Organisation]:
    """Organisations the user may file a request for: where they are owner or administrator
    and that were not rejected or hidden."""
    return org_queries.held_by(user, MANAGING,
                               [ModerationStatus.APPROVED, ModerationStatus.PENDING])


def _organisation_for(user, data: dict) -> int | None:
    raw = data.get("organisation_id")
    if raw in (None, "", 0, "0"):
        return None
    allowed = {org.id for org in managed_organisations(user)}
    org_id = parse_int(raw)
    if org_id not in allowed:
        raise DomainError(_("You can file a request only for an organisation you own or "
                            "administer."))
    return org_id


def _request_by_token(user, token: str) -> AssistanceRequest | None:
    return db.session.scalar(sa.select(AssistanceRequest).where(
        AssistanceRequest.requester_id == user.id, AssistanceRequest.client_token == token))


def submit_request(user, data: dict) -> tuple[AssistanceRequest, bool]:
    """A confirmed member files a request. Returns (request, created); a repeated form
    returns the request the first one made, with created False."""
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    token = _clean_token(data.get("client_token"))
    existing = _request_by_token(user, token)
    if existing is not None:
        return existing, False
    req = AssistanceRequest(**_clean_request(user, data), requester_id=user.id,
                            client_token=token, status=Status.RECEIVED)
    db.session.add(req)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        db.session.rollback()  # the same form, sent at the same moment, won the race
        existing = _request_by_token(user, token)
        if existing is None:
            raise
        return existing, False
    audit.record(user, "assistance.submitted", req, organisation_id=req.organisation_id)
    notify(user, "assistance.received", link=member_url(req), title=req.title)
    db.session.commit()
    return req, True


def _message_by_token(req: AssistanceRequest, token: str | None) -> AssistanceMessage | None:
    if not token:
        return None
    return db.session.scalar(sa.select(AssistanceMessage).where(
        AssistanceMessage.request_id == req.id, AssistanceMessage.client_token == token))


def _clean_message(body) -> str:
    body = _text(body)
    if not body:
        raise DomainError(_("Write a message."))
    if len(body) > MESSAGE_MAX:
        raise DomainError(ngettext("Use at most %(max)d character.",
                                   "Use at most %(max)d characters.", MESSAGE_MAX, max=MESSAGE_MAX))
    return body


def _tell(user, author, kind: str, link: str, **params) -> None:
    if user is not None and (author is None or user.id != author.id):
        notify(user, kind, link=link, **params)


def add_message(user, req: AssistanceRequest, body: str, client_token: str | None,
                as_staff: bool = False) -> AssistanceMessage:
    """The requester (or their organisation's managers) or staff add a message to the
    timeline; the other side is told."""
    if as_staff:
        _require_staff(user)
    elif not req.is_party(user):
        raise NotAllowed(_("You cannot write about this request."))
    body, token = _clean_message(body), _clean_token(client_token)
    existing = _message_by_token(req, token)
    if existing is not None:
        return existing
    message = AssistanceMessage(request_id=req.id, author_id=user.id, from_staff=as_staff,
                                body=body, client_token=token)
    db.session.add(message)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        db.session.rollback()
        existing = _message_by_token(req, token)
        if existing is None:
            raise
        return existing
    req.updated_at = utcnow()
    if as_staff:
        audit.record(user, "assistance.message_added", req, length=len(body))
        _tell(req.requester, user, "assistance.staff_message", member_url(req),
              title=req.title, message=body)
    else:
        _tell(req.assignee, user, "assistance.message", staff_url(req), title=req.title,
              name=user.display_name, message=body)
    db.session.commit()
    return message


def _approved_place(place_id) -> Place:
    try:
        place = db.session.get(Place, int(place_id))
    except (TypeError, ValueError):
        place = None
    if place is None or place.status != ModerationStatus.APPROVED:
        raise InvalidPlace(_("There is no approved place with this number. Choose one from "
                             "the list."))
    return place


def _conditional_update(req: AssistanceRequest, where, **values) -> None:
    """Change the request only if `where` still holds; else Conflict (someone was faster)."""
    conditional_update(req, where, updated_at=utcnow(), **values, conflict=_(
        "Another staff member changed this request a moment ago. Nothing was changed; the "
        "page now shows its current state."))


def change_status(staff, req: AssistanceRequest, to_status: str, message: str,
                  expected: str | None = None, client_token: str | None = None,
                  place_id=None) -> bool:
    """Move the request on (received -> in review -> in progress -> fulfilled, or declined),
    with a message to the requester. `expected` is the status the staff member saw.
    Returns False when this exact change was already made (the same form sent twice)."""
    _require_staff(staff)
    if _message_by_token(req, client_token) is not None:
        return False
    expected = expected or req.status
    if to_status not in set(Status) or expected not in set(Status):
        raise DomainError(_("Choose a status from the list."))
    if to_status not in NEXT_STATUSES[Status(expected)]:
        raise DomainError(_("A request that is “%(current)s” cannot become “%(new)s”.",
                            current=Status(expected).title, new=Status(to_status).title))
    body = _clean_message(message)
    place = None
    if to_status == Status.FULFILLED and place_id not in (None, ""):
        place = _approved_place(place_id)
    values = {"status": str(to_status), "status_changed_at": utcnow()}
    if place is not None:
        values["place_id"] = place.id
    try:
        _conditional_update(req, AssistanceRequest.status == expected, **values)
    except Conflict:
        if _message_by_token(req, client_token) is not None:
            return False  # the same form, sent twice at once: the first one did it
        raise
    db.session.add(AssistanceMessage(request_id=req.id, author_id=staff.id, from_staff=True,
                                     status=str(to_status), body=body,
                                     client_token=client_token or None))
    audit.record(staff, "assistance.status_changed", req, previous=expected,
                 new=str(to_status), place_id=place.id if place else None)
    notify(req.requester, "assistance.status", link=member_url(req), title=req.title,
           status=str(to_status), message=body)
    db.session.commit()
    return True


def staff_members() -> list:
    """Active Council staff and administrators, who may be assigned requests."""
    from diaspora_platform.accounts.models import User
    from diaspora_platform.accounts.vocabulary import Role

    return list(db.session.scalars(sa.select(User).where(
        User.role.in_([Role.STAFF, Role.ADMIN]), User.deleted_at.is_(None),
        User.suspended_at.is_(None)).order_by(User.display_name)))


def assign_request(staff, req: AssistanceRequest, assignee_id, expected_id) -> None:
    """Give the request to a staff member (or to nobody). `expected_id` is the assignee the
    staff member saw; if it changed meanwhile, Conflict."""
    _require_staff(staff)
    assignee = None
    if assignee_id not in (None, ""):
        assignee = next((u for u in staff_members() if str(u.id) == str(assignee_id)), None)
        if assignee is None:
            raise DomainError(_("Choose a Council staff member from the list."))
    previous = parse_int(expected_id)
    column = AssistanceRequest.assignee_id
    where = column.is_(None) if previous is None else column == previous
    _conditional_update(req, where, assignee_id=assignee.id if assignee else None)
    audit.record(staff, "assistance.assigned", req, previous=previous,
                 new=assignee.id if assignee else None)
    _tell(assignee, staff, "assistance.assigned", staff_url(req), title=req.title,
          name=staff.display_name)
    db.session.commit()


def link_place(staff, req: AssistanceRequest, place_id) -> Place:
    """Link a fulfilled request to the approved place that opened thanks to it."""
    _require_staff(staff)
    if req.status != Status.FULFILLED:
        raise DomainError(_("Only a fulfilled request can be linked to the place that "
                            "opened."))
    place = _approved_place(place_id)
    previous = req.place_id
    req.place_id = place.id
    audit.record(staff, "assistance.place_linked", req, previous=previous, place_id=place.id)
    notify(req.requester, "assistance.place_linked", link=member_url(req), title=req.title,
           place=place.name)
    db.session.commit()
    return place
