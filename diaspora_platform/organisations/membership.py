"""Membership of organisations: requests, invitations, roles, ownership, leaving.
An organisation always keeps exactly one owner."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from diaspora_platform import audit
from diaspora_platform.accounts.models import User
from diaspora_platform.collation import sorted_by
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, InvalidToken, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import LANGUAGES, _, _l, current_language
from diaspora_platform.links import external_url
from diaspora_platform.mail import send_mail
from diaspora_platform.notifications.services import notify, register_kind
from diaspora_platform.organisations.models import Membership, MembershipStatus, Organisation
from diaspora_platform.permissions import OrgRole

ACTIVE = MembershipStatus.ACTIVE

register_kind("organisation.join_requested",
              _l("%(name)s asks to join %(organisation)s."), _l("A request to join"),
              category="decisions")
register_kind("organisation.join_accepted",
              _l("You are now a member of %(organisation)s (%(role)s)."),
              _l("Your request to join was accepted"),
              lambda p: {**p, "role": OrgRole(p["role"]).title}, category="decisions")
register_kind("organisation.join_declined",
              _l("Your request to join %(organisation)s was declined: %(reason)s"),
              _l("Your request to join was declined"), category="decisions")
register_kind("organisation.ownership_received",
              _l("You are now the owner of %(organisation)s."), _l("You own an organisation"),
              category="decisions")


def _membership(org: Organisation, user) -> Membership | None:
    return db.session.scalar(sa.select(Membership).where(
        Membership.organisation_id == org.id, Membership.user_id == user.id))


def _managers(org: Organisation) -> list:
    return [m.user for m in db.session.scalars(sa.select(Membership).where(
        Membership.organisation_id == org.id, Membership.status == ACTIVE,
        Membership.role.in_([OrgRole.OWNER, OrgRole.ADMIN])))]


def request_to_join(user, org: Organisation, message: str | None) -> Membership:
    if not org.is_public:
        raise DomainError(_("You can join an organisation once it is verified."))
    existing = _membership(org, user)
    if existing is not None and existing.status in (ACTIVE, MembershipStatus.PENDING):
        raise Conflict(_("You are already a member or your request is waiting."))
    if existing is None:
        existing = Membership(organisation_id=org.id, user_id=user.id)
        db.session.add(existing)
    existing.status, existing.role = MembershipStatus.PENDING, OrgRole.MEMBER
    existing.message, existing.decline_reason = (message or "").strip() or None, None
    for manager in _managers(org):
        notify(manager, "organisation.join_requested", link=f"/organisations/{org.id}/members",
               name=user.display_name, organisation=org.name)
    db.session.commit()
    return existing


def _require(actor, org: Organisation, permission: str) -> None:
    if not org.can(actor, permission):
        raise NotAllowed(_("You cannot manage the members of this organisation."))


def accept_request(actor, membership: Membership, role: str) -> None:
    org = membership.organisation
    _require(actor, org, "manage_members")
    if role not in (OrgRole.ADMIN, OrgRole.EDITOR, OrgRole.MEMBER):
        raise DomainError(_("Choose a role."))
    if membership.status != MembershipStatus.PENDING:
        raise Conflict(_("This request was already answered."))
    membership.status, membership.role, membership.decided_at = ACTIVE, role, utcnow()
    audit.record(actor, "organisation.member_accepted", org, user_id=membership.user_id,
                 role=role)
    notify(membership.user, "organisation.join_accepted", link=f"/organisations/{org.id}",
           organisation=org.name, role=role)
    db.session.commit()


def decline_request(actor, membership: Membership, reason: str) -> None:
    org = membership.organisation
    _require(actor, org, "manage_members")
    if membership.status != MembershipStatus.PENDING:
        raise Conflict(_("This request was already answered."))
    if not (reason or "").strip():
        raise DomainError(_("Give a reason: the person will read it."))
    membership.status, membership.decided_at = MembershipStatus.DECLINED, utcnow()
    membership.decline_reason = reason.strip()
    audit.record(actor, "organisation.member_declined", org, user_id=membership.user_id)
    notify(membership.user, "organisation.join_declined", link=f"/organisations/{org.id}",
           organisation=org.name, reason=membership.decline_reason)
    db.session.commit()


def change_role(actor, membership: Membership, role: str) -> None:
    org = membership.organisation
    _require(actor, org, "manage_members")
    if membership.role == OrgRole.OWNER or role == OrgRole.OWNER:
        raise DomainError(_("Ownership changes only by transfer."))
    if role not in (OrgRole.ADMIN, OrgRole.EDITOR, OrgRole.MEMBER):
        raise DomainError(_("Choose a role."))
    membership.role = role
    audit.record(actor, "organisation.role_changed", org, user_id=membership.user_id, role=role)
    db.session.commit()


def remove_member(actor, membership: Membership) -> None:
    org = membership.organisation
    _require(actor, org, "manage_members")
    if membership.role == OrgRole.OWNER:
        raise DomainError(_("The owner cannot be removed. Transfer ownership first."))
    audit.record(actor, "organisation.member_removed", org, user_id=membership.user_id)
    db.session.delete(membership)
    db.session.commit()


def leave(user, org: Organisation) -> None:
    membership = _membership(org, user)
    if membership is None or membership.status != ACTIVE:
        raise DomainError(_("You are not a member of this organisation."))
    if membership.role == OrgRole.OWNER:
        raise DomainError(_("An organisation always keeps an owner: transfer ownership to "
                            "another member before you leave."))
    audit.record(user, "organisation.member_left", org)
    db.session.delete(membership)
    db.session.commit()


def transfer_ownership(owner, org: Organisation, new_owner_membership: Membership) -> None:
    _require(owner, org, "transfer_ownership")
    target = new_owner_membership
    if target.organisation_id != org.id or target.status != ACTIVE or target.user_id == owner.id:
        raise DomainError(_("Choose an active member of this organisation."))
    current = _membership(org, owner)
    current.role, target.role = OrgRole.ADMIN, OrgRole.OWNER
    audit.record(owner, "organisation.ownership_transferred", org, to_user_id=target.user_id)
    notify(target.user, "organisation.ownership_received", link=f"/organisations/{org.id}",
           organisation=org.name)
    db.session.commit()


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="organisations.invite")


def invite(actor, org: Organisation, email: str, role: str, page_language: str) -> None:
    """Invite someone by email; they join when they open the link while signed in. The
    mail is in the invitee's language if they have an account, else in the language of
    the page the invitation was sent from, with the other languages below."""
    _require(actor, org, "manage_members")
    if role not in (OrgRole.ADMIN, OrgRole.EDITOR, OrgRole.MEMBER):
        raise DomainError(_("Choose a role."))
    email = email.strip().lower()
    invitation = db.session.scalar(sa.select(Membership).where(
        Membership.organisation_id == org.id, Membership.invited_email == email,
        Membership.status == MembershipStatus.INVITED))
    if invitation is None:
        invitation = Membership(organisation_id=org.id, invited_email=email,
                                status=MembershipStatus.INVITED)
        db.session.add(invitation)
    invitation.role, invitation.invited_by_id = role, actor.id
    db.session.flush()
    audit.record(actor, "organisation.member_invited", org, email=email, role=role)
    db.session.commit()
    token = _serializer().dumps({"m": invitation.id, "e": email})
    link = external_url("organisations.invitation", token=token)
    account = db.session.scalar(sa.select(User).where(User.email == email))
    if account is not None and account.locale:
        language, others = account.locale, ()
    else:
        language, others = page_language, LANGUAGES
    send_mail(email, language, _l("An invitation to join an organisation"), "invitation",
              others, organisation=org, inviter=actor, link=link, role=OrgRole(role),
              page_language=page_language if others else None)


def read_invitation(token: str) -> Membership:
    try:
        data = _serializer().loads(token, max_age=14 * 24 * 3600)
    except SignatureExpired as exc:
        raise InvalidToken(_("This invitation has expired. Ask for a new one.")) from exc
    except BadSignature as exc:
        raise InvalidToken(_("This invitation link is not valid.")) from exc
    invitation = db.session.get(Membership, data.get("m"))
    if invitation is None or invitation.status != MembershipStatus.INVITED \
            or invitation.invited_email != data.get("e"):
        raise InvalidToken(_("This invitation was already used or withdrawn."))
    return invitation


def accept_invitation(user, token: str) -> Organisation:
    invitation = read_invitation(token)
    if not user.is_confirmed or user.email != invitation.invited_email:
        raise NotAllowed(_("This invitation was sent to %(email)s. Sign in with that address "
                           "(and confirm it) to accept it.", email=invitation.invited_email))
    org = invitation.organisation
    existing = _membership(org, user)
    if existing is not None and existing.status == ACTIVE:
        db.session.delete(invitation)
        db.session.commit()
        return org
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
    invitation.user_id, invitation.status = user.id, ACTIVE
    invitation.invited_email, invitation.decided_at = None, utcnow()
    audit.record(user, "organisation.invitation_accepted", org, role=invitation.role)
    db.session.commit()
    return org


def members(org: Organisation, status: str = ACTIVE) -> list[Membership]:
    """Active members in the alphabetical order of their names (in the reader's language);
    requests and invitations first come, first served."""
    from sqlalchemy.orm import selectinload

    rows = list(db.session.scalars(sa.select(Membership).options(selectinload(Membership.user))
                                   .where(Membership.organisation_id == org.id,
                                          Membership.status == status)
                                   .order_by(Membership.created_at)))
    if status != ACTIVE:
        return rows
    return sorted_by(rows, lambda m: m.user.display_name if m.user else m.invited_email,
                     current_language())
