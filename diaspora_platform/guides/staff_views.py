"""Council staff write guides: create and edit them, add, edit and delete sections,
publish and unpublish."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.form_pages import form_page
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.guides import queries, services
from diaspora_platform.guides.forms import GuideForm, SectionForm
from diaspora_platform.guides.models import Guide, GuideSection
from diaspora_platform.guides.views import bp
from diaspora_platform.i18n import _, current_language
from diaspora_platform.permissions import staff_required
from diaspora_platform.unit_of_work import service_errors


@bp.route("/manage")
@staff_required
def manage():
    return render_template("guides/manage.html", guides=queries.all_guides(),
                           form=ConfirmForm(), lang=current_language())


def _guide_page(guide: Guide | None):
    """The one create-or-edit page of a guide."""
    form = GuideForm(obj=guide)
    form.fill_choices()
    if request.method == "GET" and guide is not None:
        form.country.data = guide.country or ""
    return form_page(form, "guides/guide_form.html",
                     lambda data: services.save_guide(current_user, data, guide),
                     lambda saved: url_for("guides.detail", guide_id=saved.id), guide=guide)


@bp.route("/new", methods=["GET", "POST"])
@action("guides.create")
@staff_required
def create():
    return _guide_page(None)


@bp.route("/<int:guide_id>/edit", methods=["GET", "POST"])
@action("guides.edit")
@staff_required
def edit(guide_id: int):
    return _guide_page(db.get_or_404(Guide, guide_id))


@bp.route("/<int:guide_id>/publish", methods=["POST"])
@action("guides.publish")
@staff_required
def publish(guide_id: int):
    guide = db.get_or_404(Guide, guide_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        publish = request.form.get("publish") == "1"
        with service_errors():
            services.set_published(current_user, guide, publish)
            flash(_("Published: readers see this guide.") if publish else
                  _("Unpublished: readers no longer see this guide."), "success")
    return redirect(url_for("guides.detail", guide_id=guide.id))


def _section_page(guide: Guide, section: GuideSection | None):
    """The one add-or-edit page of a section."""
    form = SectionForm(obj=section)
    form.fill_choices(guide.kind)
    return form_page(form, "guides/section_form.html",
                     lambda data: services.save_section(current_user, guide, data, section),
                     lambda saved: url_for("guides.detail", guide_id=guide.id,
                                           _anchor=saved.anchor),
                     guide=guide, section=section)


@bp.route("/<int:guide_id>/sections/new", methods=["GET", "POST"])
@action("guides.section_add")
@staff_required
def section_add(guide_id: int):
    return _section_page(db.get_or_404(Guide, guide_id), None)


@bp.route("/sections/<int:section_id>/edit", methods=["GET", "POST"])
@action("guides.section_edit")
@staff_required
def section_edit(section_id: int):
    section = db.get_or_404(GuideSection, section_id)
    return _section_page(section.guide, section)


@bp.route("/sections/<int:section_id>/delete", methods=["POST"])
@action("guides.section_delete")
@staff_required
def section_delete(section_id: int):
    section = db.get_or_404(GuideSection, section_id)
    guide_id = section.guide_id
    if ConfirmForm().validate_on_submit():
        with service_errors():
            services.delete_section(current_user, section)
            flash(_("The section was deleted."), "success")
    return redirect(url_for("guides.detail", guide_id=guide_id))
