"""The notification centre: everything that happened for the member, by category, with
unread counts; marking one or all read."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform import pagination
from diaspora_platform.authz import action
from diaspora_platform.forms import BaseForm
from diaspora_platform.i18n import _
from diaspora_platform.notifications import services
from diaspora_platform.notifications.preferences import CATEGORIES, OTHER

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def _category(value: str | None) -> str | None:
    return value if value in CATEGORIES or value == OTHER else None


@bp.route("/")
@login_required
def index():
    category = _category(request.args.get("category"))
    unread = request.args.get("unread") == "1"
    page = services.list_for(current_user, category, unread, **pagination.cursor_args())
    counts = services.unread_by_category(current_user)
    tabs = [(key, title) for key, (title, _d) in CATEGORIES.items() if key != "digest"]
    tabs.append((OTHER, _("Other")))
    return render_template("notifications/index.html", pagination=page,
                           render=services.render, form=BaseForm(), category=category,
                           unread=unread, counts=counts, total_unread=sum(counts.values()),
                           tabs=tabs, category_of=services.category_of,
                           titles={k: t for k, t in tabs})


@bp.route("/read", methods=["POST"])
@action("notifications.mark_read")
@login_required
def mark_read():
    category = _category(request.form.get("category"))
    if BaseForm().validate_on_submit():
        services.mark_all_read(current_user, category)
        flash(_("All notifications are marked as read."), "info")
    return redirect(url_for("notifications.index", category=category))


@bp.route("/<int:note_id>/read", methods=["POST"])
@action("notifications.mark_one_read")
@login_required
def mark_one_read(note_id: int):
    if not BaseForm().validate_on_submit():
        abort(400)
    if services.mark_read(current_user, note_id) is None:
        abort(404)
    category = _category(request.form.get("category"))
    return redirect(url_for("notifications.index", category=category) + f"#n{note_id}")
