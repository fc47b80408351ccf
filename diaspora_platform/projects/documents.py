"""A project's documents (feasibility study, budget, drawings): PDFs checked by their
structure and refused when they carry scripts or launch actions, images re-encoded.
Stored under random names; shown to whoever may see the project."""

from __future__ import annotations

import io
import re

from flask import current_app
from werkzeug.utils import secure_filename

from diaspora_platform import audit, uploads
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, ngettext
from diaspora_platform.projects import queries
from diaspora_platform.projects.models import MAX_DOCUMENTS, Project, ProjectDocument

FOLDER = "projects"
IMAGE_SIDE = 2400
PDF_TAIL = 2048
# PDF features a reader may act on without being asked: refused outright.
ACTIVE_PDF = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|OpenAction|AA|RichMedia)\b")


def _pdf(data: bytes) -> bytes:
    if b"%%EOF" not in data[-PDF_TAIL:]:
        raise DomainError(_("This file is not a PDF we can read. Use a PDF or an image."))
    if ACTIVE_PDF.search(data):
        raise DomainError(_("This PDF contains scripts or embedded files, which are not "
                            "accepted. Save it again without them (for example with "
                            "“Print to PDF”)."))
    return data


def add_document(user, project: Project, upload, title: str) -> ProjectDocument:
    if not project.can_manage(user):
        raise NotAllowed(_("You cannot edit this project."))
    if upload is None or not getattr(upload, "filename", ""):
        raise DomainError(_("Choose a file."))
    if len(queries.documents(project)) >= MAX_DOCUMENTS:
        raise DomainError(ngettext("A project can have at most %(max)d document; remove one "
                                   "first.",
                                   "A project can have at most %(max)d documents; remove one "
                                   "first.", MAX_DOCUMENTS, max=MAX_DOCUMENTS))
    limit = current_app.config["PROJECT_DOCUMENT_MAX_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise DomainError(_("The file is too large: at most %(mb).1f MB.",
                            mb=limit / 1024 / 1024))
    if data.startswith(b"%PDF-"):
        data, media_type, extension = _pdf(data), "application/pdf", "pdf"
    else:
        data = uploads.process_image(io.BytesIO(data), limit, IMAGE_SIDE)
        media_type, extension = "image/webp", "webp"
    name = secure_filename(upload.filename) or "document"
    document = ProjectDocument(
        project_id=project.id, title=(title or "").strip()[:200] or name[:200],
        stored_name=uploads.save_file(FOLDER, data, extension), original_name=name[:200],
        media_type=media_type, size=len(data))
    db.session.add(document)
    audit.record(user, "project.document_added", project, name=document.original_name)
    db.session.commit()
    return document


def remove_document(user, project: Project, document_id: int) -> None:
    if not project.can_manage(user):
        raise NotAllowed(_("You cannot edit this project."))
    document = db.session.get(ProjectDocument, document_id)
    if document is None or document.project_id != project.id:
        return  # already gone: removing twice is not an error
    stored = document.stored_name
    db.session.delete(document)
    audit.record(user, "project.document_removed", project, name=document.original_name)
    db.session.commit()
    uploads.delete_image(FOLDER, stored)

