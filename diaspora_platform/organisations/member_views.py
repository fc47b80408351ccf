"""Membership pages: join, leave, the members page, invitations, ownership."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform.authz import action
from diaspora_platform.errors import InvalidToken
from diaspora_platform.extensions import db
from diaspora_platform.forms import BaseForm
from diaspora_platform.i18n import _, current_language
from diaspora_platform.organisations import membership
from diaspora_platform.organisations.blueprint import bp
from diaspora_platform.organisations.forms import AcceptForm, DeclineForm, InviteForm, JoinForm
from diaspora_platform.organisations.models import Membership, MembershipStatus
from diaspora_platform.organisations.views import load_organisation
from diaspora_platform.permissions import confirmed_required, require
from diaspora_platform.unit_of_work import service_errors


def _members_page(org_id: int):
    return redirect(url_for("organisations.members", org_id=org_id))


def _load_membership(org, membership_id: int) -> Membership:
    found = db.session.get(Membership, membership_id)
    if found is None or found.organisation_id != org.id:
        abort(404)
    return found


def _managed(org_id: int, permission: str = "manage_members"):
    """Load the organisation and check the permission (403); services check again."""
    org = load_organisation(org_id)
    require(org.can(current_user, permission))
    return org


def _run(action, *args, success: str, target):
    with service_errors(category="warning"):
        action(*args)
        flash(success, "success")
    return target


@bp.route("/organisations/<int:org_id>/members")
@login_required
def members(org_id: int):
    org = load_organisation(org_id)
    require(org.can(current_user, "view_members"))
    manage = org.can(current_user, "manage_members")
    return render_template(
        "organisations/members.html", org=org, manage=manage,
        owner=org.can(current_user, "transfer_ownership"),
        active=membership.members(org),
        pending=membership.members(org, MembershipStatus.PENDING) if manage else [],
        invited=membership.members(org, MembershipStatus.INVITED) if manage else [],
        accept_form=AcceptForm(), decline_form=DeclineForm(), invite_form=InviteForm(),
        form=BaseForm(),
    )


@bp.route("/organisations/<int:org_id>/join", methods=["POST"])
@action("organisations.join")
@confirmed_required
def join(org_id: int):
    org = load_organisation(org_id)
    form = JoinForm()
    if not form.validate_on_submit():
        flash(_("Your message is too long."), "warning")
        return redirect(url_for("organisations.detail", org_id=org.id))
    return _run(membership.request_to_join, current_user, org, form.message.data,
                success=_("Your request was sent to the organisation's administrators."),
                target=redirect(url_for("organisations.detail", org_id=org.id)))


@bp.route("/organisations/<int:org_id>/leave", methods=["POST"])
@action("organisations.leave")
@login_required
def leave(org_id: int):
    org = load_organisation(org_id)
    return _run(membership.leave, current_user, org,
                success=_("You left %(name)s.", name=org.name),
                target=redirect(url_for("organisations.detail", org_id=org.id)))


@bp.route("/organisations/<int:org_id>/members/<int:membership_id>/accept", methods=["POST"])
@action("organisations.accept")
@login_required
def accept(org_id: int, membership_id: int):
    org = _managed(org_id)
    form = AcceptForm()
    form.validate_on_submit()
    return _run(membership.accept_request, current_user, _load_membership(org, membership_id),
                form.role.data, success=_("Accepted."), target=_members_page(org.id))


@bp.route("/organisations/<int:org_id>/members/<int:membership_id>/decline", methods=["POST"])
@action("organisations.decline")
@login_required
def decline(org_id: int, membership_id: int):
    org = _managed(org_id)
    form = DeclineForm()
    if not form.validate_on_submit():
        flash(_("Give a reason: the person will read it."), "warning")
        return _members_page(org.id)
    return _run(membership.decline_request, current_user, _load_membership(org, membership_id),
                form.reason.data, success=_("Declined."), target=_members_page(org.id))


@bp.route("/organisations/<int:org_id>/members/<int:membership_id>/role", methods=["POST"])
@action("organisations.change_role")
@login_required
def change_role(org_id: int, membership_id: int):
    org = _managed(org_id)
    form = AcceptForm()
    form.validate_on_submit()
    return _run(membership.change_role, current_user, _load_membership(org, membership_id),
                form.role.data, success=_("Role changed."), target=_members_page(org.id))


@bp.route("/organisations/<int:org_id>/members/<int:membership_id>/remove", methods=["POST"])
@action("organisations.remove")
@login_required
def remove(org_id: int, membership_id: int):
    org = _managed(org_id)
    return _run(membership.remove_member, current_user, _load_membership(org, membership_id),
                success=_("Removed."), target=_members_page(org.id))


@bp.route("/organisations/<int:org_id>/members/<int:membership_id>/transfer",
          methods=["POST"])
@action("organisations.transfer")
@login_required
def transfer(org_id: int, membership_id: int):
    org = _managed(org_id, "transfer_ownership")
    return _run(membership.transfer_ownership, current_user, org,
                _load_membership(org, membership_id),
                success=_("Ownership transferred."), target=_members_page(org.id))


@bp.route("/organisations/<int:org_id>/invite", methods=["POST"])
@action("organisations.invite")
@login_required
def invite(org_id: int):
    org = _managed(org_id)
    form = InviteForm()
    if not form.validate_on_submit():
        flash(_("Enter a valid email address, like name@example.com."), "warning")
        return _members_page(org.id)
    sent = _("Invitation sent to %(email)s.", email=form.email.data)
    return _run(membership.invite, current_user, org, form.email.data, form.role.data,
                current_language(), success=sent, target=_members_page(org.id))


@bp.route("/organisations/invitations/<token>", methods=["GET", "POST"])
@action("organisations.invitation")
@login_required
def invitation(token: str):
    try:
        invite_ = membership.read_invitation(token)
    except InvalidToken as exc:
        flash(exc.message, "warning")
        return redirect(url_for("organisations.mine"))
    if request.method == "POST" and BaseForm().validate_on_submit():
        with service_errors(category="warning"):
            org = membership.accept_invitation(current_user, token)
            flash(_("Welcome to %(name)s.", name=org.name), "success")
            return redirect(url_for("organisations.detail", org_id=org.id))
    return render_template("organisations/invitation.html", invitation=invite_,
                           form=BaseForm())
