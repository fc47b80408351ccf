"""Staff pages for assistance requests: the dashboard (filters, counts per status, pages)
and a request's page, where staff assign it, move it on with a message (declining asks for
confirmation), link the place that opened and write to the requester."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from diaspora_platform import pagination
from diaspora_platform.assistance import URL_PREFIX, queries, services
from diaspora_platform.assistance.blueprint import bp
from diaspora_platform.assistance.forms import (
    AssignForm,
    MessageForm,
    PlaceLinkForm,
    StatusForm,
)
from diaspora_platform.assistance.models import AssistanceRequest, Status
from diaspora_platform.authz import action
from diaspora_platform.errors import Conflict, DomainError
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, valid_country
from diaspora_platform.inputs import parse_int
from diaspora_platform.permissions import staff_required
from diaspora_platform.unit_of_work import service_errors

STAFF = f"{URL_PREFIX}/staff"


def _filters() -> queries.Filters:
    args = request.args
    status = args.get("status") or None
    country = (args.get("country") or "").upper()
    assignee = args.get("assignee") or None
    if assignee not in (None, queries.UNASSIGNED) and parse_int(assignee) is None:
        assignee = None
    return queries.Filters(
        status=status if status in set(Status) else None,
        country=country if valid_country(country) else None,
        assignee=assignee, mine=args.get("mine") == "1",
        **pagination.cursor_args())


@bp.route(f"{STAFF}/")
@staff_required
def staff_dashboard():
    filters = _filters()
    page, total = queries.dashboard(filters, current_user)
    return render_template(
        "assistance/dashboard.html", pagination=page, total=total, filters=filters,
        counts=queries.status_counts(filters, current_user), statuses=list(Status),
        last=queries.last_messages(page.items), staff=services.staff_members(),
        unassigned=queries.UNASSIGNED)


def _load(request_id: int) -> AssistanceRequest:
    return db.session.get(AssistanceRequest, request_id) or abort(404)


def _render(req: AssistanceRequest, code: int = 200, conflict: str | None = None, **forms):
    """The staff page of a request; forms given by the caller keep what was typed."""
    assign = forms.get("assign") or AssignForm()
    assign.assignee_id.data = str(req.assignee_id or "")
    return render_template(
        "assistance/staff_detail.html", req=req, timeline=queries.timeline(req),
        staff=services.staff_members(), places=queries.place_choices(req),
        assign_form=assign, status_form=forms.get("status") or StatusForm(),
        place_form=forms.get("place") or PlaceLinkForm(),
        message_form=forms.get("message") or MessageForm(), conflict=conflict,
        Status=Status), code


@bp.route(f"{STAFF}/requests/<int:request_id>")
@staff_required
def staff_request(request_id: int):
    return _render(_load(request_id))


def _back(req: AssistanceRequest, anchor: str | None = None):
    return redirect(url_for("assistance.staff_request", request_id=req.id, _anchor=anchor))


@bp.route(f"{STAFF}/requests/<int:request_id>/assign", methods=["POST"])
@action("assistance.staff_assign")
@staff_required
def staff_assign(request_id: int):
    req = _load(request_id)
    form = AssignForm()
    if not form.validate_on_submit():
        flash(_("Choose a Council staff member from the list."), "warning")
        return _back(req)
    try:
        services.assign_request(current_user, req, form.assignee_id.data, form.expected.data)
    except Conflict as exc:
        return _render(req, 409, conflict=exc.message)
    except DomainError as exc:
        flash(exc.message, "warning")
        return _back(req)
    who = req.assignee.display_name if req.assignee else _("nobody")
    flash(_("The request is now assigned to %(name)s.", name=who), "success")
    return _back(req)


@bp.route(f"{STAFF}/requests/<int:request_id>/status", methods=["POST"])
@action("assistance.staff_status")
@staff_required
def staff_status(request_id: int):
    req = _load(request_id)
    form = StatusForm()
    if not form.validate_on_submit():
        return _render(req, status=form)
    if form.status.data == Status.DECLINED and form.confirm.data != "yes":
        return render_template("assistance/decline_confirm.html", req=req, form=form)
    try:
        changed = services.change_status(
            current_user, req, form.status.data, form.message.data, form.expected.data,
            form.client_token.data, form.place_id.data)
    except Conflict as exc:
        return _render(req, 409, conflict=exc.message, status=form)
    except DomainError as exc:
        field = form.place_id if isinstance(exc, services.InvalidPlace) else form.message
        field.errors.append(exc.message)
        return _render(req, status=form)
    if changed:
        flash(_("The request is now “%(status)s”; the requester was told.",
                status=req.status_title), "success")
    return _back(req, "timeline")


@bp.route(f"{STAFF}/requests/<int:request_id>/place", methods=["POST"])
@action("assistance.staff_place")
@staff_required
def staff_place(request_id: int):
    req = _load(request_id)
    form = PlaceLinkForm()
    if form.validate_on_submit():
        with service_errors(form, "place_id"):
            place = services.link_place(current_user, req, form.place_id.data)
            flash(_("The request is linked to “%(name)s”.", name=place.name), "success")
            return _back(req)
    return _render(req, place=form)


@bp.route(f"{STAFF}/requests/<int:request_id>/messages", methods=["POST"])
@action("assistance.staff_message")
@staff_required
def staff_message(request_id: int):
    req = _load(request_id)
    form = MessageForm()
    if form.validate_on_submit():
        with service_errors(form, "body"):
            services.add_message(current_user, req, form.body.data, form.client_token.data,
                                 as_staff=True)
            flash(_("Your message was added; the requester was told."), "success")
            return _back(req, "timeline")
    return _render(req, message=form)
