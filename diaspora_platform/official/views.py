"""Official network pages: the list, an office's page, the finder, staff upkeep, and
organisations' declared help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from diaspora_platform import pagination
from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.form_pages import form_page
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import _, current_language, valid_country
from diaspora_platform.official import (
    queries,
    services,
)
from diaspora_platform.official.accounts import acts_for, has_office_role
from diaspora_platform.official.forms import HelpForm, OfficeForm
from diaspora_platform.official.models import OfficialBody, OrganisationHelp
from diaspora_platform.official.vocabulary import (
    OFFICE_KIND_TITLES,
    SERVICE_TITLES,
    SITUATION_TITLES,
    HelpKind,
    OfficeKind,
    Service,
    Situation,
)
from diaspora_platform.organisations import queries as org_queries
from diaspora_platform.permissions import (
    confirmed_required,
    require,
    second_factor_gate,
    staff_required,
    visible_or_404,
)
from diaspora_platform.unit_of_work import service_errors

if TYPE_CHECKING:
    from diaspora_platform.organisations.models import Organisation

bp = Blueprint("official", __name__)


def _choice(name: str, allowed) -> str | None:
    value = request.args.get(name) or None
    return value if value in allowed else None


def _country_arg() -> str | None:
    code = (request.args.get("country") or "").upper()
    return code if valid_country(code) else None


@bp.route("/official/")
def browse():
    filters = queries.Filters(
        country=_country_arg(), kind=_choice("kind", set(OfficeKind)),
        service=_choice("service", set(Service)),
        **pagination.cursor_args())
    page, total = queries.offices(filters)
    return render_template("official/browse.html", offices=page.items, page=page,
                           total=total, filters=filters, kinds=OFFICE_KIND_TITLES,
                           services=SERVICE_TITLES, kept_args=pagination.kept_args(),
                           lang=current_language())


@bp.route("/official/<int:office_id>")
def detail(office_id: int):
    office = visible_or_404(OfficialBody, office_id)
    return render_template("official/detail.html", office=office, lang=current_language(),
                           confirm_form=ConfirmForm())


@bp.route("/help-abroad/")
def finder():
    country, city = _country_arg(), (request.args.get("city") or "").strip()[:100]
    situation = _choice("situation", set(Situation))
    asked = "situation" in request.args or "country" in request.args
    found = queries.find(country, city, situation) if country and situation else None
    return render_template("official/finder.html", country=country, city=city,
                           situation=situation, situations=SITUATION_TITLES, found=found,
                           asked=asked, lang=current_language())


def _office_page(office: OfficialBody | None):
    """The one create-or-edit page of an office: the same form, service and template."""
    form = OfficeForm(obj=office)
    form.fill_choices()
    if request.method == "GET" and office is not None:
        form.load_lists(office)
    return form_page(form, "official/form.html", lambda data: _save_office(office, data),
                     lambda saved: url_for("official.detail", office_id=saved.id),
                     office=office)


def _save_office(office: OfficialBody | None, data: dict) -> OfficialBody:
    if office is None:
        return services.create_office(current_user, data)
    services.update_office(current_user, office, data)
    return office


@bp.route("/official/new", methods=["GET", "POST"])
@action("official.create")
@staff_required
def create():
    return _office_page(None)


def keeper_required(view):
    """Council staff or an official body's account, each with the second factor."""
    return second_factor_gate(lambda user: user.has_staff_role or has_office_role(user))(view)


def _kept_office(office_id: int) -> OfficialBody:
    office = visible_or_404(OfficialBody, office_id)
    require(current_user.acts_as_staff or acts_for(current_user, office))
    return office


@bp.route("/official/<int:office_id>/edit", methods=["GET", "POST"])
@action("official.edit")
@keeper_required
def edit(office_id: int):
    return _office_page(_kept_office(office_id))


@bp.route("/official/<int:office_id>/archive", methods=["GET", "POST"])
@action("official.archive")
@staff_required
def archive(office_id: int):
    office = visible_or_404(OfficialBody, office_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        if office.is_public:
            services.archive_office(current_user, office)
            flash(_("Archived: readers no longer see this office."), "success")
        else:
            services.restore_office(current_user, office)
            flash(_("Restored: readers see this office again."), "success")
        return redirect(url_for("official.detail", office_id=office.id))
    return render_template("official/archive.html", office=office, form=form,
                           lang=current_language())


@bp.route("/official/<int:office_id>/checked", methods=["POST"])
@action("official.checked")
@keeper_required
def checked(office_id: int):
    office = _kept_office(office_id)
    if ConfirmForm().validate_on_submit():
        services.mark_checked(current_user, office)
        flash(_("Marked as checked today."), "success")
    return redirect(url_for("official.detail", office_id=office.id))


@bp.route("/official/manage")
@staff_required
def manage():
    return render_template("official/manage.html", archived=queries.archived(),
                           pending=queries.unverified_help(), form=ConfirmForm(),
                           lang=current_language())


@bp.route("/official/help/<int:help_id>/verify", methods=["POST"])
@action("official.verify_help")
@staff_required
def verify_help(help_id: int):
    item = db.session.get(OrganisationHelp, help_id)
    if item is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        services.verify_help(current_user, item)
        flash(_("Verified: the help now shows in the finder."), "success")
    return redirect(url_for("official.manage"))


@bp.route("/organisations/<int:org_id>/help", methods=["GET", "POST"])
@action("official.org_help")
@confirmed_required
def org_help(org_id: int):
    org = org_queries.visible(org_id)
    require(org.can(current_user, "edit"))
    declared = services.declared_help(org)
    form = HelpForm()
    if request.method == "GET":
        form.kinds.data = [row.kind for row in declared]
    if form.validate_on_submit():
        with service_errors():
            services.declare_help(current_user, org, form.kinds.data)
            flash(_("Saved. New kinds of help show publicly once the Council verifies "
                    "them."), "success")
            return redirect(url_for("official.org_help", org_id=org.id))
    return render_template("official/org_help.html", org=org, form=form, declared=declared,
                           lang=current_language())


@bp.app_template_global("org_verified_help")
def org_verified_help(org: Organisation):
    """For the organisation page: the help staff verified."""
    return queries.verified_help(org)


@bp.app_template_global("help_title")
def help_title(kind: str) -> str:
    return HelpKind(kind).title
