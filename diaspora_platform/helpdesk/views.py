"""The person's pages: file a request without an account, follow it through the private
link, write back; and the public statistics."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_login import current_user

from diaspora_platform.authz import action
from diaspora_platform.extensions import limiter
from diaspora_platform.forms import select_choices
from diaspora_platform.helpdesk import queries, services
from diaspora_platform.helpdesk.blueprint import bp
from diaspora_platform.helpdesk.forms import MessageForm, RequestForm
from diaspora_platform.helpdesk.vocabulary import CATEGORY_TITLES, Category, FiledAs
from diaspora_platform.i18n import _, country_name, current_language, valid_country
from diaspora_platform.official import queries as office_queries
from diaspora_platform.organisations import queries as org_queries
from diaspora_platform.unit_of_work import service_errors

if TYPE_CHECKING:
    from diaspora_platform.organisations.models import Organisation


def _own_organisations() -> list[Organisation]:
    from diaspora_platform.helpdesk.access import edited_orgs

    if not current_user.is_authenticated:
        return []
    return [org_queries.by_id(i) for i in edited_orgs(current_user)]


def _filing(form: RequestForm) -> services.Filing:
    org_id = form.organisation_id.data
    return services.Filing(
        client_token=form.client_token.data, category=form.category.data,
        country=form.country.data, city=form.city.data or "", name=form.name.data,
        story=form.story.data, phone=form.phone.data or "",
        messenger=form.messenger.data or "", email=form.email.data or "",
        language=current_language(), filed_as=form.filed_as.data,
        organisation_id=int(org_id) if org_id and org_id.isdigit() else None,
        consent=bool(form.consent.data), files=request.files.getlist(form.files.name))


@bp.route("/help-abroad/request", methods=["GET", "POST"])
@action("helpdesk.new")
@limiter.limit(lambda: current_app.config["HELPDESK_RATE_LIMIT"], methods=["POST"])
def new():
    orgs = _own_organisations()
    form = RequestForm()
    form.organisation_id.choices = select_choices(
        (str(o.id), o.display_name(current_language())) for o in orgs)
    if not orgs:
        form.filed_as.choices = [c for c in form.filed_as.choices
                                 if c.value != FiledAs.ORGANISATION]
    if request.method == "GET" and request.args.get("category") in CATEGORY_TITLES:
        form.category.data = request.args["category"]
    if request.method == "GET" and valid_country((request.args.get("country") or "").upper()):
        form.country.data = request.args["country"].upper()
    if form.validate_on_submit():
        with service_errors(form):
            _req, secret, _created = services.file_request(current_user, _filing(form))
            flash(_("Your request was received. Keep this page's link: only with it can "
                    "you follow your request."), "success")
            return redirect(url_for("helpdesk.status", secret=secret))
    return render_template("helpdesk/new.html", form=form, has_orgs=bool(orgs),
                           story_max=services.STORY_MAX)


def _by_secret(secret: str):
    req = services.by_secret(secret)
    if req is None:
        abort(404)
    return req


@bp.route("/help-request/<secret>", methods=["GET", "POST"])
@action("helpdesk.status")
def status(secret: str):
    req = _by_secret(secret)
    form = MessageForm()
    if form.validate_on_submit():
        with service_errors(form, "body"):
            services.person_writes(req, form.body.data,
                                   request.files.getlist(form.files.name))
            flash(_("Your message was sent."), "success")
            return redirect(url_for("helpdesk.status", secret=secret))
    office = office_queries.office(req.office_id) if req.office_id else None
    partner = org_queries.by_id(req.partner_id) if req.partner_id else None
    return render_template("helpdesk/status.html", req=req, form=form, office=office,
                           partner=partner, lang=current_language())


@bp.route("/help-abroad/statistics")
def statistics():
    rows = queries.facts()
    return render_template("helpdesk/statistics.html", total=queries.summary(rows),
                           by_country=queries.breakdown(rows, "country"),
                           by_category=queries.breakdown(rows, "category"),
                           by_month=queries.breakdown(rows, "month"),
                           country_label=country_name,
                           category_label=lambda key: Category(key).title,
                           month_label=_month)


def _month(key: str) -> str:
    """'2026-03' as "March 2026" in the reader's language."""
    year, month = (int(part) for part in key.split("-"))
    return format_date(date(year, month, 1), "LLLL y")
