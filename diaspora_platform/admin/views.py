"""Administration: staff roles and the audit log."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from diaspora_platform import audit, pagination
from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.admin import audit_names, services
from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.forms import BaseForm
from diaspora_platform.i18n import _
from diaspora_platform.permissions import admin_required, staff_required
from diaspora_platform.unit_of_work import service_errors

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@staff_required
def dashboard():
    from diaspora_platform.moderation.queue import waiting_figures

    return render_template("admin/dashboard.html", waiting=waiting_figures(), form=BaseForm())


@bp.route("/users")
@admin_required
def users():
    query = request.args.get("q", "")[:100]
    role = request.args.get("role", "")
    page, total = services.list_users(query, role, **pagination.cursor_args())
    return render_template("admin/users.html", pagination=page, total=total, q=query, role=role,
                           roles=list(Role), form=BaseForm())


def _change_role(user_id: int, action) -> object:
    user = db.session.get(User, user_id) or abort(404)
    form = BaseForm()
    if not form.validate_on_submit():
        abort(400)
    with service_errors(category="warning"):
        action(current_user, user)
        flash(_("%(name)s is now: %(role)s.", name=user.display_name, role=user.role_title),
              "success")
    return redirect(url_for("admin.users", q=request.args.get("q", "")))


@bp.route("/users/<int:user_id>/grant-staff", methods=["POST"])
@action("admin.grant_staff")
@admin_required
def grant_staff(user_id: int):
    return _change_role(user_id, services.grant_staff)


@bp.route("/users/<int:user_id>/revoke-staff", methods=["POST"])
@action("admin.revoke_staff")
@admin_required
def revoke_staff(user_id: int):
    return _change_role(user_id, services.revoke_staff)


@bp.route("/public-name", methods=["POST"])
@action("admin.public_name")
@staff_required
def public_name():
    if not BaseForm().validate_on_submit():
        abort(400)
    named = request.form.get("named") == "1"
    with service_errors(category="warning"):
        services.set_public_name(current_user, named)
        flash(_("The record of decisions will show your name from now on.") if named else
              _("The record of decisions will say “Council staff” from now on."), "success")
    return redirect(url_for("admin.dashboard"))


@bp.route("/audit")
@staff_required
def audit_log():
    area = request.args.get("area")
    area = area if area in audit_names.AREAS else None
    target_type = request.args.get("type")
    target_type = target_type if target_type in audit_names.OBJECTS else None
    target_id = (request.args.get("id") or "")[:64] or None
    page = audit.log_page(area=area, target_type=target_type, target_id=target_id,
                          **pagination.cursor_args())
    entries = page.items
    actors = {u.id: u for u in db.session.scalars(
        db.select(User).where(User.id.in_({e.actor_id for e in entries if e.actor_id})))}
    return render_template("admin/audit.html", entries=entries, actors=actors, page=page,
                           names=audit_names, area=area, target_type=target_type,
                           target_id=target_id)
