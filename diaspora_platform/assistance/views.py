"""Help to open a centre, school, course or library: the public explanation, a member's new
request, their requests and a request's page with its timeline and a reply box. Staff pages
are in staff_views (same blueprint)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform.assistance import (
    URL_PREFIX,
    queries,
    services,
)
from diaspora_platform.assistance.blueprint import bp
from diaspora_platform.assistance.forms import MessageForm, RequestForm
from diaspora_platform.assistance.models import NEED_TITLES, STEPS, AssistanceRequest, Status
from diaspora_platform.authz import action
from diaspora_platform.directory.vocabulary import PLACE_KIND_TITLES
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.permissions import confirmed_required
from diaspora_platform.unit_of_work import service_errors


def place_url(place) -> str | None:
    """The public page of a linked place."""
    return url_for("directory.detail", place_id=place.id) if place is not None else None


@bp.app_context_processor
def _helpers() -> dict:
    return {"assistance_place_url": place_url}


def load_request(request_id: int) -> AssistanceRequest:
    """The request, if the signed-in member is a party to it; 404 otherwise (so nobody
    learns which numbers exist)."""
    req = db.session.get(AssistanceRequest, request_id)
    if req is None or not req.is_party(current_user):
        abort(404)
    return req


@bp.route(f"{URL_PREFIX}/")
def index():
    return render_template("assistance/index.html", kinds=PLACE_KIND_TITLES,
                           needs=NEED_TITLES, steps=STEPS)


def _prefill(form: RequestForm, organisations) -> None:
    form.contact_name.data = current_user.display_name
    form.contact_email.data = current_user.email
    form.country.data = current_user.country or ""
    wanted = request.args.get("organisation", "")
    if wanted in {str(org.id) for org in organisations}:
        form.organisation_id.data = wanted
    if request.args.get("kind") in set(PLACE_KIND_TITLES):
        form.kind.data = request.args["kind"]


@bp.route(f"{URL_PREFIX}/new", methods=["GET", "POST"])
@action("assistance.request_create")
@confirmed_required
def request_create():
    organisations = services.managed_organisations(current_user)
    form = RequestForm()
    form.fill_choices(organisations, _("Myself"))
    if request.method == "GET":
        _prefill(form, organisations)
    if form.validate_on_submit():
        with service_errors(form):
            req, created = services.submit_request(current_user, form.data_for_service())
            if created:
                flash(_("Thank you. Your request was received; Council staff will review it "
                        "and you will be told of every step here and by email."), "success")
            else:
                flash(_("This request was already sent; here it is."), "info")
            return redirect(url_for("assistance.request_detail", request_id=req.id))
    return render_template("assistance/form.html", form=form,
                           has_organisations=bool(organisations))


@bp.route(f"{URL_PREFIX}/mine")
@login_required
def request_list():
    return render_template("assistance/mine.html", rows=queries.mine(current_user))


def _render_detail(req: AssistanceRequest, form: MessageForm, code: int = 200):
    return render_template("assistance/detail.html", req=req, form=form, steps=STEPS,
                           timeline=queries.timeline(req), Status=Status), code


@bp.route(f"{URL_PREFIX}/requests/<int:request_id>")
@login_required
def request_detail(request_id: int):
    req = db.session.get(AssistanceRequest, request_id)
    if req is not None and not req.is_party(current_user) and current_user.has_staff_role:
        # Staff work on the staff page, which also enforces two-factor authentication.
        return redirect(url_for("assistance.staff_request", request_id=request_id))
    req = load_request(request_id)
    return _render_detail(req, MessageForm())


@bp.route(f"{URL_PREFIX}/requests/<int:request_id>/messages", methods=["POST"])
@action("assistance.message_create")
@confirmed_required
def message_create(request_id: int):
    req = load_request(request_id)
    form = MessageForm()
    if form.validate_on_submit():
        with service_errors(form, "body"):
            services.add_message(current_user, req, form.body.data, form.client_token.data)
            flash(_("Your message was added."), "success")
            return redirect(url_for("assistance.request_detail", request_id=req.id,
                                    _anchor="timeline"))
    return _render_detail(req, form)

