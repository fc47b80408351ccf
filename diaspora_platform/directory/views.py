"""Directory pages: browse places (list or map), a place's page, listing and editing
places, photos, open data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from diaspora_platform import opendata, pagination, uploads
from diaspora_platform.authz import action
from diaspora_platform.directory import (
    queries,
    services,
)
from diaspora_platform.directory.forms import OperatingForm, PhotoForm, PlaceForm
from diaspora_platform.directory.models import MAX_PHOTOS, Place, PlacePhoto
from diaspora_platform.directory.placemap import render_place_map
from diaspora_platform.directory.vocabulary import (
    AUDIENCE_TITLES,
    PLACE_KIND_TITLES,
    Audience,
    PlaceKind,
)
from diaspora_platform.extensions import db
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import WORKING_LANGUAGES, _, current_language, ngettext, valid_country
from diaspora_platform.inputs import int_arg
from diaspora_platform.links import external_url
from diaspora_platform.permissions import confirmed_required, require, visible_or_404
from diaspora_platform.unit_of_work import service_errors

if TYPE_CHECKING:
    from diaspora_platform.organisations.models import Organisation

bp = Blueprint("directory", __name__)
OPEN_FIELDS = ("id", "name", "kind", "variant", "organisation_id", "organisation", "country",
               "city", "address", "latitude", "longitude", "languages", "audiences",
               "age_min", "age_max", "schedule", "is_free", "fee_amount", "fee_currency",
               "fee_period", "capacity", "contact_email", "contact_phone", "website",
               "operating", "verified_at", "url")


def load_place(place_id: int) -> Place:
    return visible_or_404(Place, place_id)


def editable_place(place_id: int) -> Place:
    place = load_place(place_id)
    require(place.can_edit(current_user))
    return place


def _filters() -> queries.Filters:
    args = request.args
    country = (args.get("country") or "").upper()
    return queries.Filters(
        kind=args.get("kind") if args.get("kind") in set(PlaceKind) else None,
        country=country if valid_country(country) else None,
        city=(args.get("city") or "").strip()[:100] or None,
        language=args.get("language") if args.get("language") in WORKING_LANGUAGES else None,
        audience=args.get("audience") if args.get("audience") in set(Audience) else None,
        free=args.get("free") == "1", closed=args.get("closed") == "1",
        sort=args.get("sort") if args.get("sort") in queries.SORTS else "name",
        **pagination.cursor_args(),
    )


@bp.route("/directory/")
def browse():
    filters = _filters()
    view = "map" if request.args.get("view") == "map" else "list"
    counts = {facet: queries.facet_counts(filters, facet) for facet in queries.FACETS}
    context = dict(filters=filters, view=view, counts=counts, kinds=PLACE_KIND_TITLES,
                   audiences=AUDIENCE_TITLES, lang=current_language())
    if view == "map":
        points = queries.map_points(filters)
        return render_template("directory/browse.html", points=points,
                               place_map=render_place_map(points), total=len(points),
                               **context)
    page, total, photos = queries.directory(filters)
    return render_template("directory/browse.html", places=page.items, page=page,
                           total=total, photos=photos, kept_args=pagination.kept_args(),
                           **context)


@bp.route("/directory/new", methods=["GET", "POST"])
@action("directory.create")
@confirmed_required
def create():
    organisations = services.editable_organisations(current_user)
    if not organisations:
        return render_template("directory/no_organisation.html")
    form = PlaceForm()
    form.fill_choices(organisations)
    if request.method == "GET" and request.args.get("org", type=int_arg):
        form.organisation.data = request.args.get("org", type=int_arg)
    if form.validate_on_submit():
        org = next((o for o in organisations if o.id == form.organisation.data), None)
        with service_errors(form):
            if org is None:
                abort(403)
            place = services.create_place(current_user, org, form.data_for_service(),
                                          request.files.getlist(form.photos.name))
            flash(_("Thank you. “%(name)s” is listed and waits for review by the "
                    "Coordination Council; you will be told of the decision.",
                    name=place.name), "success")
            return redirect(url_for("directory.detail", place_id=place.id))
    return render_template("directory/form.html", form=form, place=None)


@bp.route("/directory/<int:place_id>")
def detail(place_id: int):
    place = load_place(place_id)
    editor = place.can_edit(current_user)
    return render_template(
        "directory/detail.html", place=place, photos=queries.photos(place), editor=editor,
        operating_form=OperatingForm(obj=place), photo_form=PhotoForm(),
        confirm_form=ConfirmForm(), max_photos=MAX_PHOTOS, lang=current_language(),
        can_delete=editor and services.can_delete(place),
    )


@bp.route("/directory/<int:place_id>/edit", methods=["GET", "POST"])
@action("directory.edit")
@login_required
def edit(place_id: int):
    place = editable_place(place_id)
    form = PlaceForm(obj=place)
    form.fill_choices([place.organisation])
    form.organisation.data = place.organisation_id
    if request.method == "GET":
        form.languages.data, form.audiences.data = place.language_list, place.audience_list
    if form.validate_on_submit():
        with service_errors(form):
            outcome = services.update_place(current_user, place, form.data_for_service())
            flash({
                "saved": _("Saved. The changes are public."),
                "review": _("Saved. A new name, kind or address is checked by the Council "
                            "first: the place is back in the directory once approved."),
                "resubmitted": _("Saved and sent for review again."),
            }[outcome], "success")
            return redirect(url_for("directory.detail", place_id=place.id))
    return render_template("directory/form.html", form=form, place=place)


@bp.route("/directory/<int:place_id>/operating", methods=["POST"])
@action("directory.operating")
@login_required
def operating(place_id: int):
    place = editable_place(place_id)
    form = OperatingForm()
    if form.validate_on_submit():
        services.set_operating(current_user, place, form.operating.data,
                               form.operating_note.data)
        flash(_("Status saved: %(status)s.", status=place.operating_title), "success")
    else:
        flash(_("Choose from the list."), "danger")
    return redirect(url_for("directory.detail", place_id=place.id))


@bp.route("/directory/<int:place_id>/photos", methods=["POST"])
@action("directory.add_photos")
@login_required
def add_photos(place_id: int):
    place = editable_place(place_id)
    form = PhotoForm()
    if form.validate_on_submit():
        with service_errors():
            added = services.add_photos(current_user, place,
                                        request.files.getlist(form.photos.name))
            flash(ngettext("%(num)d photo added.",
                           "%(num)d photo(s) added.", added), "success")
    return redirect(url_for("directory.detail", place_id=place.id) + "#photos")


@bp.route("/directory/<int:place_id>/photos/<int:photo_id>/remove", methods=["POST"])
@action("directory.remove_photo")
@login_required
def remove_photo(place_id: int, photo_id: int):
    place = editable_place(place_id)
    if ConfirmForm().validate_on_submit():
        services.remove_photo(current_user, place, photo_id)
        flash(_("Photo removed."), "success")
    return redirect(url_for("directory.detail", place_id=place.id) + "#photos")


@bp.route("/directory/<int:place_id>/delete", methods=["GET", "POST"])
@action("directory.delete")
@login_required
def delete(place_id: int):
    place = editable_place(place_id)
    org_id = place.organisation_id
    form = ConfirmForm()
    if form.validate_on_submit():
        with service_errors():
            services.delete_place(current_user, place)
            flash(_("The place was deleted."), "success")
            return redirect(url_for("organisations.detail", org_id=org_id))
        return redirect(url_for("directory.detail", place_id=place_id))
    return render_template("directory/delete.html", place=place, form=form)


@bp.route("/directory/photos/<int:photo_id>/<any(full, thumb):size>")
def photo(photo_id: int, size: str):
    item = db.session.get(PlacePhoto, photo_id)
    if item is None:
        abort(404)
    place = load_place(item.place_id)  # 404 unless the reader may see the place
    # A photo's files never change (a new photo is a new row): public ones cache for long.
    return uploads.send("places", item.filename if size == "full" else item.thumbnail,
                        "image/webp", public=place.can_view(None))


def _open_rows():
    for place in queries.open_data():
        row = {field: getattr(place, field, None) for field in OPEN_FIELDS}
        row.update(organisation=place.organisation.name, languages=place.language_list,
                   audiences=place.audience_list,
                   fee_amount=str(place.fee_amount) if place.fee_amount else None,
                   verified_at=place.reviewed_at.isoformat() if place.reviewed_at else None,
                   url=external_url("directory.detail", place_id=place.id))
        yield row


@bp.route("/directory.json")
def open_data_json():
    return opendata.json_response("places", _open_rows())


@bp.route("/directory.csv")
def open_data_csv():
    return opendata.csv_response(_open_rows(), OPEN_FIELDS, "directory.csv")


@bp.app_template_global("org_places")
def places_of(org: Organisation) -> list[Place]:
    """For the organisation page: its public places, or all of them for its editors."""
    return queries.of_organisation(org, include_unpublished=org.can(current_user, "edit")
                                   or bool(getattr(current_user, "acts_as_staff", False)))
