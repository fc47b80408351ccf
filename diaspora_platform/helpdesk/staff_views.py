"""The helpers' pages: a dashboard of the requests each may open, a request (every
opening audited), and the actions on it. A request the reader may not open is a 404."""

from __future__ import annotations

from functools import wraps

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from diaspora_platform import pagination
from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.forms import ConfirmForm, select_choices
from diaspora_platform.helpdesk import access, handling, queries
from diaspora_platform.helpdesk.blueprint import bp
from diaspora_platform.helpdesk.forms import AnswerForm, HandOffForm, StatusForm
from diaspora_platform.helpdesk.models import HelpAttachment, HelpRequest
from diaspora_platform.helpdesk.vocabulary import NEXT, FiledAs, Status
from diaspora_platform.i18n import _, current_language
from diaspora_platform.official import queries as office_queries
from diaspora_platform.official.accounts import has_office_role
from diaspora_platform.organisations import queries as org_queries
from diaspora_platform.permissions import confirmed_required, require, second_factor_gate
from diaspora_platform.unit_of_work import service_errors


def helper_required(view):
    """Council staff and official-body accounts need their second factor; partner
    organisations' editors a confirmed account."""
    gated, plain = second_factor_gate(lambda user: True)(view), confirmed_required(view)

    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user.is_authenticated and (current_user.has_staff_role
                                              or has_office_role(current_user)):
            return gated(*args, **kwargs)
        return plain(*args, **kwargs)

    return wrapper


def _openable(request_id: int) -> HelpRequest:
    req = db.session.get(HelpRequest, request_id)
    if req is None or not access.can_open(current_user, req):
        abort(404)
    return req


@bp.route("/helpdesk/")
@helper_required
def dashboard():
    page = queries.dashboard(current_user, **pagination.cursor_args())
    return render_template("helpdesk/dashboard.html", page=page,
                           counts=queries.counts(current_user))


def _routable(request_id: int) -> HelpRequest:
    """A request the reader may move (the Council or the routed office); a partner
    organisation that can read it is refused (403), anyone else never learns of it."""
    req = _openable(request_id)
    require(access.can_route(current_user, req))
    return req


def _status_form(req: HelpRequest) -> StatusForm:
    form = StatusForm()
    form.status.choices = select_choices((s.value, s.title) for s in NEXT[Status(req.status)])
    return form


def _hand_off_form() -> HandOffForm:
    form = HandOffForm()
    form.organisation_id.choices = select_choices(
        (str(o.id), o.display_name(current_language())) for o in handling.partner_choices())
    return form


@bp.route("/helpdesk/<int:request_id>")
@helper_required
def detail(request_id: int):
    req = _openable(request_id)
    handling.open_request(current_user, req)
    office = office_queries.office(req.office_id) if req.office_id else None
    partner = org_queries.by_id(req.partner_id) if req.partner_id else None
    return render_template(
        "helpdesk/detail.html", req=req, office=office, partner=partner,
        answer_form=AnswerForm(), status_form=_status_form(req),
        hand_off_form=_hand_off_form(), confirm_form=ConfirmForm(),
        can_route=access.can_route(current_user, req), lang=current_language())


def _done(req: HelpRequest, action, message: str):
    with service_errors():
        action()
        flash(message, "success")
    return redirect(url_for("helpdesk.detail", request_id=req.id))


@bp.route("/helpdesk/<int:request_id>/take", methods=["POST"])
@action("helpdesk.take")
@helper_required
def take(request_id: int):
    req = _openable(request_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("helpdesk.detail", request_id=req.id))
    return _done(req, lambda: handling.take_request(current_user, req),
                 _("The request is now assigned to you."))


@bp.route("/helpdesk/<int:request_id>/answer", methods=["POST"])
@action("helpdesk.answer")
@helper_required
def answer(request_id: int):
    req = _openable(request_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        flash(_("Write a message first."), "danger")
        return redirect(url_for("helpdesk.detail", request_id=req.id))
    return _done(req, lambda: handling.answer_request(current_user, req, form.body.data),
                 _("Sent. The person was told by the channel they gave."))


@bp.route("/helpdesk/<int:request_id>/status", methods=["POST"])
@action("helpdesk.change_status")
@helper_required
def change_status(request_id: int):
    req = _routable(request_id)
    form = _status_form(req)
    if not form.validate_on_submit():
        flash(_("Choose a status from the list."), "danger")
        return redirect(url_for("helpdesk.detail", request_id=req.id))
    return _done(req, lambda: handling.change_status(current_user, req, form.status.data,
                                                     form.reason.data or None),
                 _("Status changed. The person was told by the channel they gave."))


@bp.route("/helpdesk/<int:request_id>/hand-off", methods=["POST"])
@action("helpdesk.hand_off")
@helper_required
def hand_off(request_id: int):
    req = _routable(request_id)
    form = _hand_off_form()
    if not form.validate_on_submit():
        flash(_("Choose an organisation whose help the Council verified."), "danger")
        return redirect(url_for("helpdesk.detail", request_id=req.id))
    return _done(req, lambda: handling.hand_off(current_user, req,
                                                int(form.organisation_id.data)),
                 _("Handed to the partner organisation. The person was told."))


@bp.route("/helpdesk/<int:request_id>/files/<int:file_id>")
@helper_required
def attachment(request_id: int, file_id: int):
    req = _openable(request_id)
    item = db.session.get(HelpAttachment, file_id)
    if item is None or item.request_id != req.id:
        abort(404)
    handling.open_request(current_user, req)
    return Response(item.data, mimetype=item.media_type, headers={
        "Content-Disposition": f"attachment; filename=request-{req.id}-{item.id}"
                               f"{'.pdf' if item.media_type.endswith('pdf') else '.webp'}"})


@bp.app_template_filter("filed_as_title")
def filed_as_title(value: str) -> str:
    return FiledAs(value).title
