"""Organisation pages: the directory, public pages, registering and editing, open data."""

from __future__ import annotations

from flask import (
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from diaspora_platform import opendata, pagination, uploads
from diaspora_platform.authz import action
from diaspora_platform.i18n import _, current_language, valid_country
from diaspora_platform.links import external_url
from diaspora_platform.organisations import (
    queries,
    services,
)
from diaspora_platform.organisations.blueprint import bp
from diaspora_platform.organisations.forms import JoinForm, OrganisationForm
from diaspora_platform.organisations.models import KIND_TITLES, Kind, Organisation
from diaspora_platform.permissions import confirmed_required, require, visible_or_404
from diaspora_platform.unit_of_work import service_errors

OPEN_FIELDS = ("id", "name", "name_tg", "name_ru", "name_en", "kind", "country", "city",
               "founded_year", "languages", "website", "contact_email", "contact_phone",
               "social_links", "verified_at", "url")


def load_organisation(org_id: int) -> Organisation:
    return visible_or_404(Organisation, org_id)


def _filters() -> queries.Filters:
    args = request.args
    country = (args.get("country") or "").upper()
    kind = args.get("kind") or None
    return queries.Filters(
        country=country if valid_country(country) else None,
        city=(args.get("city") or "").strip()[:100] or None,
        kind=kind if kind in Kind.__members__.values() else None,
        language=(args.get("language") or "")[:5] or None,
        sort=args.get("sort") if args.get("sort") in queries.SORTS else "name",
        **pagination.cursor_args(),
    )


@bp.route("/organisations/")
def directory():
    filters = _filters()
    page, total, counts = queries.directory(filters)
    return render_template(
        "organisations/directory.html", page=page, counts=counts, total=total,
        filters=filters, kept_args=pagination.kept_args(), kinds=KIND_TITLES,
        kind_counts=queries.facet_counts(filters, "kind"),
        country_counts=queries.facet_counts(filters, "country"), lang=current_language(),
    )


@bp.route("/organisations/mine")
@login_required
def mine():
    return render_template("organisations/mine.html", rows=queries.mine(current_user),
                           lang=current_language())


@bp.route("/organisations/new", methods=["GET", "POST"])
@action("organisations.create")
@confirmed_required
def create():
    form = OrganisationForm()
    form.fill_choices()
    if form.validate_on_submit():
        with service_errors(form, "logo"):
            org = services.register_organisation(current_user, form.data_for_service(),
                                                 form.logo.data)
            flash(_("Thank you. “%(name)s” is registered and waits for review by the "
                    "Coordination Council; you will be told of the decision.", name=org.name),
                  "success")
            return redirect(url_for("organisations.detail", org_id=org.id))
    return render_template("organisations/form.html", form=form, org=None)


@bp.route("/organisations/<int:org_id>")
def detail(org_id: int):
    org = load_organisation(org_id)
    role = org.role_of(current_user)
    return render_template(
        "organisations/detail.html", org=org, role=role, lang=current_language(),
        member_count=queries.member_count(org), join_form=JoinForm(),
        change=services.pending_change(org) if role else None,
    )


@bp.route("/organisations/<int:org_id>/edit", methods=["GET", "POST"])
@action("organisations.edit")
@login_required
def edit(org_id: int):
    org = load_organisation(org_id)
    require(org.can(current_user, "edit"))
    form = OrganisationForm(obj=org)
    form.fill_choices()
    if request.method == "GET":
        form.languages.data = org.language_list
    if form.validate_on_submit():
        with service_errors(form, "logo"):
            outcome = services.update_organisation(current_user, org, form.data_for_service(),
                                                   form.logo.data)
            flash({
                "saved": _("Saved. The changes are public."),
                "review": _("Saved. The new name, kind or country is shown once the Council "
                            "approves it; until then the approved version stays public."),
                "resubmitted": _("Saved and sent for review again."),
            }[outcome], "success")
            return redirect(url_for("organisations.detail", org_id=org.id))
    return render_template("organisations/form.html", form=form, org=org)


@bp.route("/organisations/<int:org_id>/logo")
def logo(org_id: int):
    org = load_organisation(org_id)
    # Pages link the logo with its stored name (?v=): a new logo is a new address, so the
    # public one may be cached for long.
    current = bool(org.logo) and request.args.get("v") == org.logo
    return uploads.send("logos", org.logo, "image/webp", public=org.is_public and current)


def _open_rows():
    for org in queries.open_data():
        yield {
            **{f: getattr(org, f) for f in OPEN_FIELDS[:-2]},
            "languages": org.language_list, "social_links": org.social_list,
            "verified_at": org.reviewed_at.isoformat() if org.reviewed_at else None,
            "url": external_url("organisations.detail", org_id=org.id),
        }


@bp.route("/organisations.json")
def open_data_json():
    return opendata.json_response("organisations", _open_rows(),
                                  version=queries.open_data_version())


@bp.route("/organisations.csv")
def open_data_csv():
    return opendata.csv_response(_open_rows(), OPEN_FIELDS, "organisations.csv",
                                 version=queries.open_data_version())

