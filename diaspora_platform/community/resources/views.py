"""Resource pages: the catalogue with filters, a resource's page, safe downloads, and
sharing (Council staff directly, editors of verified organisations for review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_decimal
from flask_login import current_user, login_required

from diaspora_platform import pagination, uploads
from diaspora_platform.authz import action
from diaspora_platform.community.publishing import withdraw_view
from diaspora_platform.community.resources import (
    queries,
    services,
)
from diaspora_platform.community.resources.forms import ResourceForm
from diaspora_platform.community.resources.models import (
    AUDIENCE_TITLES,
    KIND_TITLES,
    LEVEL_TITLES,
    Resource,
)
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import WORKING_LANGUAGES, _
from diaspora_platform.organisations import queries as org_queries
from diaspora_platform.permissions import (
    confirmed_required,
    require,
    staff_required,
    visible_or_404,
)
from diaspora_platform.unit_of_work import service_errors

if TYPE_CHECKING:
    from diaspora_platform.organisations.models import Organisation

bp = Blueprint("resources", __name__, url_prefix="/resources")


def load_item(item_id: int) -> Resource:
    return visible_or_404(Resource, item_id)


def editable_item(item_id: int) -> Resource:
    item = load_item(item_id)
    require(item.can_edit(current_user))
    return item


def _choice(name: str, allowed) -> str | None:
    value = request.args.get(name)
    return value if value in allowed else None


@bp.route("/")
def index():
    filters = queries.Filters(
        kind=_choice("kind", KIND_TITLES), language=_choice("language", WORKING_LANGUAGES),
        audience=_choice("audience", AUDIENCE_TITLES), level=_choice("level", LEVEL_TITLES),
        sort=_choice("sort", queries.SORTS) or "newest",
        **pagination.cursor_args())
    return render_template("resources/index.html", pagination=queries.catalogue(filters),
                           filters=filters, kinds=KIND_TITLES, audiences=AUDIENCE_TITLES,
                           levels=LEVEL_TITLES)


@bp.route("/<int:item_id>")
def detail(item_id: int):
    item = load_item(item_id)
    return render_template("resources/detail.html", item=item,
                           editor=item.can_edit(current_user), confirm_form=ConfirmForm())


@bp.route("/<int:item_id>/download")
def download(item_id: int):
    """Always an attachment, under a clean name, with its checked type; never rendered
    by the browser as a page."""
    item = load_item(item_id)
    response = uploads.send(services.FOLDER, item.stored_name, item.media_type, max_age=0,
                            download_name=item.original_name or f"resource.{item.extension}")
    if item.is_public:
        services.record_download(item)
    return response


def _form_page(form: ResourceForm, save, item=None, org=None):
    if form.validate_on_submit():
        with service_errors(form):
            outcome = save(form.data_for_service(), request.files.get(form.file.name))
            return outcome
    return render_template("resources/form.html", form=form, item=item, org=org)


def _shared(item: Resource):
    flash(_("Published.") if item.is_public else
          _("Thank you. The resource waits for review by the Coordination Council."),
          "success")
    return redirect(url_for("resources.detail", item_id=item.id))


@bp.route("/new", methods=["GET", "POST"])
@action("resources.create")
@staff_required
def create():
    form = ResourceForm()
    form.fill_choices()
    result = _form_page(form, lambda data, upload: services.share_resource(
        current_user, data, upload))
    return _shared(result) if isinstance(result, Resource) else result


@bp.route("/organisations/<int:org_id>/new", methods=["GET", "POST"])
@action("resources.create_for_organisation")
@confirmed_required
def create_for_organisation(org_id: int):
    org = org_queries.visible(org_id)
    require(org.can(current_user, "publish"))
    form = ResourceForm()
    form.fill_choices()
    result = _form_page(form, lambda data, upload: services.share_resource(
        current_user, data, upload, org), org=org)
    return _shared(result) if isinstance(result, Resource) else result


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
@action("resources.edit")
@login_required
def edit(item_id: int):
    item = editable_item(item_id)
    if item.is_council:
        return staff_required(_edit)(item)
    return _edit(item)


def _edit(item: Resource):
    form = ResourceForm(obj=item)
    form.fill_choices()
    result = _form_page(form, lambda data, upload: services.update_resource(
        current_user, item, data, upload), item=item, org=item.organisation)
    if isinstance(result, str):
        flash(_("Saved.") if result == "saved" else _("Saved and sent for review again."),
              "success")
        return redirect(url_for("resources.detail", item_id=item.id))
    return result


@bp.route("/<int:item_id>/withdraw", methods=["POST"])
@action("resources.withdraw")
@login_required
def withdraw(item_id: int):
    return withdraw_view(editable_item(item_id), services.withdraw_resource,
                         lambda: _("The resource was taken off the site."), "resources.detail")


@bp.app_template_global("file_size")
def file_size(size: int | None) -> str:
    """A file's size in KB under a megabyte, else in MB, in the reader's number format."""
    size = size or 0
    if size < 1024 * 1024:
        return _("%(num)s KB", num=format_decimal(max(1, round(size / 1024))))
    return _("%(num)s MB", num=format_decimal(round(size / 1024 / 1024, 1)))


@bp.app_template_global("org_resources")
def resources_of(org: Organisation) -> list[Resource]:
    insider = org.can(current_user, "publish") or bool(getattr(current_user, "acts_as_staff",
                                                                False))
    return queries.of_organisation(org, include_unpublished=insider)
