"""What the helpers do with a request: open it (audited every time), take it from the
Council's queue, answer, move its status, hand it to a partner organisation. Each action
re-checks access, audits without any of the request's content, commits once and tells the
person by their channel."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.helpdesk import access
from diaspora_platform.helpdesk.channels import tell_person
from diaspora_platform.helpdesk.models import HelpMessage, HelpRequest
from diaspora_platform.helpdesk.services import check_message, link_for, secret_for
from diaspora_platform.helpdesk.vocabulary import CLOSED, NEXT, Reason, Status
from diaspora_platform.i18n import _
from diaspora_platform.official.models import OrganisationHelp
from diaspora_platform.organisations.models import Organisation


def _require(allowed: bool) -> None:
    if not allowed:
        raise NotAllowed(_("You cannot act on this request."))


def _done(user, req: HelpRequest, action: str, **details) -> None:
    """Audit (no content), commit, and tell the person by their channel."""
    audit.record(user, action, req, **details)
    db.session.commit()
    tell_person(req, link_for(secret_for(req.client_token)))


def _start(req: HelpRequest) -> None:
    """Someone acted on a new request: it is in progress."""
    if req.status == Status.RECEIVED:
        req.status = Status.IN_PROGRESS


def open_request(user, req: HelpRequest) -> None:
    """Record that `user` read the request (whoever reads it is in the audit log)."""
    _require(access.can_open(user, req))
    audit.record(user, "helpdesk.opened", req)
    db.session.commit()


def take_request(user, req: HelpRequest) -> None:
    """A Council staff member takes a request from the Council's queue."""
    _require(user.acts_as_staff and req.office_id is None and req.assigned_id is None)
    req.assigned_id = user.id
    audit.record(user, "helpdesk.taken", req)
    db.session.commit()


def answer_request(user, req: HelpRequest, body: str) -> HelpMessage:
    """Write to the person in the thread; the first answer starts the work."""
    _require(access.can_open(user, req))
    body = check_message(body)
    message = HelpMessage(request=req, author_id=user.id, body=body)
    db.session.add(message)
    if req.first_answer_at is None:
        req.first_answer_at = utcnow()
    _start(req)
    _done(user, req, "helpdesk.answered", status=req.status)
    return message


def change_status(user, req: HelpRequest, status: str, reason: str | None = None) -> None:
    """Move the request; "cannot help" needs a reason the person is shown."""
    _require(access.can_route(user, req))
    if status not in NEXT[Status(req.status)]:
        raise DomainError(_("A request cannot move from “%(now)s” to that status.",
                            now=req.status_title))
    if status == Status.CANNOT_HELP and reason not in set(Reason):
        raise DomainError(_("Choose why you cannot help; the person sees the reason."))
    req.status = status
    req.reason = reason if status == Status.CANNOT_HELP else None
    req.closed_at = utcnow() if status in CLOSED else None
    _done(user, req, "helpdesk.status", status=status, reason=req.reason)


def partner_choices() -> list[Organisation]:
    """Organisations the Council verified and whose declared help staff verified."""
    # IN rather than a DISTINCT join: PostgreSQL cannot compare the JSON columns of a row.
    return list(db.session.scalars(
        sa.select(Organisation).where(
            Organisation.id.in_(sa.select(OrganisationHelp.organisation_id).where(
                OrganisationHelp.verified_at.is_not(None))),
            Organisation.status == ModerationStatus.APPROVED)
        .order_by(Organisation.id)))


def hand_off(user, req: HelpRequest, organisation_id: int) -> Organisation:
    """Give the request to a partner organisation, which may then open and answer it."""
    _require(access.can_route(user, req))
    org = next((o for o in partner_choices() if o.id == organisation_id), None)
    if org is None:
        raise DomainError(_("Choose an organisation whose help the Council verified."))
    req.partner_id = org.id
    _start(req)
    _done(user, req, "helpdesk.handed_off", organisation_id=org.id)
    return org
