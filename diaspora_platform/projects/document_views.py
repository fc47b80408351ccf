"""A project's documents: upload, remove, download (for whoever may see the project)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user, login_required

from diaspora_platform import uploads
from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import _
from diaspora_platform.projects import documents
from diaspora_platform.projects.blueprint import bp
from diaspora_platform.projects.forms import DocumentForm
from diaspora_platform.projects.models import ProjectDocument
from diaspora_platform.projects.views import load_project, managed_project
from diaspora_platform.unit_of_work import service_errors


@bp.route("/<int:project_id>/documents", methods=["POST"])
@action("projects.add_document")
@login_required
def add_document(project_id: int):
    project = managed_project(project_id)
    form = DocumentForm()
    if form.validate_on_submit():
        with service_errors():
            documents.add_document(current_user, project, form.file.data, form.title.data)
            flash(_("Document added."), "success")
    return redirect(url_for("projects.detail", project_id=project.id) + "#documents")


@bp.route("/<int:project_id>/documents/<int:document_id>/remove", methods=["POST"])
@action("projects.remove_document")
@login_required
def remove_document(project_id: int, document_id: int):
    project = managed_project(project_id)
    if ConfirmForm().validate_on_submit():
        documents.remove_document(current_user, project, document_id)
        flash(_("Document removed."), "success")
    return redirect(url_for("projects.detail", project_id=project.id) + "#documents")


@bp.route("/documents/<int:document_id>")
def document(document_id: int):
    item = db.session.get(ProjectDocument, document_id)
    if item is None:
        abort(404)
    load_project(item.project_id)  # 404 unless the reader may see the project
    extension = "pdf" if item.media_type == "application/pdf" else "webp"
    return uploads.send(documents.FOLDER, item.stored_name, item.media_type,
                        download_name=f"project-{item.project_id}-{item.id}.{extension}")
