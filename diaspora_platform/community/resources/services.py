"""Sharing resources: Council staff publish directly (audited); editors of verified
organisations submit them for review. Files are checked by their content."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from werkzeug.utils import secure_filename

from diaspora_platform import audit, uploads
from diaspora_platform.community.resources import files
from diaspora_platform.community.resources.models import (
    Level,
    Resource,
    ResourceAudience,
    ResourceKind,
)
from diaspora_platform.content_i18n import versions_from_form
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.forms import is_web_url
from diaspora_platform.i18n import WORKING_LANGUAGES, _
from diaspora_platform.moderation import services as moderation

FOLDER = "resources"
FIELDS = ("kind", "title", "description", "material_language", "audience", "level", "url")
TEXT_LIMITS = {"title": 200, "description": 10_000}
# Changes that send an organisation's approved resource back to review (any language
# version of the title or description included).
REVIEWED_FIELDS = ("kind", "title", "description", "url", "language", "title_translations",
                   "description_translations")


def _clean(data: dict) -> dict:
    clean = {key: (data.get(key) or "").strip() or None for key in FIELDS}
    if clean["kind"] not in set(ResourceKind):
        raise DomainError(_("Choose what kind of resource this is."))
    if not clean["title"] or len(clean["title"]) > 200:
        raise DomainError(_("Give a title of at most 200 characters."))
    if len(clean["description"] or "") > 10_000:
        raise DomainError(_("The description is too long."))
    clean["description"] = clean["description"] or ""
    if clean["material_language"] not in WORKING_LANGUAGES:
        raise DomainError(_("Choose the language of the resource."))
    if clean["audience"] not in set(ResourceAudience):
        raise DomainError(_("Choose who the resource is for."))
    if clean["level"] and clean["level"] not in set(Level):
        raise DomainError(_("Choose from the list."))
    if clean["url"] and (not is_web_url(clean["url"]) or len(clean["url"]) > 500):
        raise DomainError(_("Enter a full web address starting with https://"))
    clean.update(versions_from_form(data, Resource.TRANSLATABLE, TEXT_LIMITS))
    return clean


def _store(item: Resource, upload) -> str | None:
    """Check and store a new file; returns the name of the file it replaces."""
    data, media_type = files.check(upload, current_app.config["RESOURCE_MAX_BYTES"])
    old = item.stored_name
    extension = "pdf" if media_type == "application/pdf" else (
        "epub" if media_type.endswith("epub+zip") else "webp")
    item.stored_name = uploads.save_file(FOLDER, data, extension)
    item.media_type, item.size = media_type, len(data)
    name = secure_filename(getattr(upload, "filename", "") or "") or f"resource.{extension}"
    item.original_name = name.rsplit(".", 1)[0][:180] + f".{extension}"
    return old


def _has_upload(upload) -> bool:
    return upload is not None and bool(getattr(upload, "filename", ""))


def share_resource(user, data: dict, upload=None, org=None) -> Resource:
    """Council resources (org None, staff only) are public at once; an organisation's
    wait for review."""
    if org is None and not user.acts_as_staff:
        raise NotAllowed(_("Only Council staff can share Council resources."))
    if org is not None and (not org.can(user, "publish") or org.status != S.APPROVED):
        raise NotAllowed(_("Only editors of verified organisations can share resources."))
    item = Resource(**_clean(data), organisation_id=org.id if org else None,
                    created_by_id=user.id)
    if not item.url and not _has_upload(upload):
        raise DomainError(_("Attach a file or give a link."))
    if _has_upload(upload):
        _store(item, upload)
    db.session.add(item)
    db.session.flush()
    if org is None:
        item.status, item.reviewed_by_id, item.reviewed_at = S.APPROVED, user.id, utcnow()
        audit.record(user, "resource.published", item)
    else:
        moderation.submit(item)
        audit.record(user, "resource.submitted", item, organisation=org.id)
    db.session.commit()
    return item


def update_resource(user, item: Resource, data: dict, upload=None) -> str:
    """"saved", or "review" when an organisation's change must be checked again."""
    if not item.can_edit(user):
        raise NotAllowed(_("You cannot edit this resource."))
    clean = _clean(data)
    changed = sorted(k for k, v in clean.items() if getattr(item, k) != v)
    for key, value in clean.items():
        setattr(item, key, value)
    old = _store(item, upload) if _has_upload(upload) else None
    if old:
        changed.append("file")
    if not item.url and not item.stored_name:
        raise DomainError(_("Attach a file or give a link."))
    outcome = "saved"
    if not item.is_council and (set(changed) & {*REVIEWED_FIELDS, "file"}
                                or item.status == S.REJECTED):
        moderation.submit(item)
        outcome = "review"
    audit.record(user, "resource.updated", item, fields=changed, outcome=outcome)
    db.session.commit()
    if old:
        uploads.delete_image(FOLDER, old)
    return outcome


def withdraw_resource(user, item: Resource) -> None:
    if not item.can_edit(user):
        raise NotAllowed(_("You cannot edit this resource."))
    if item.status == S.HIDDEN:
        return
    item.status = S.HIDDEN
    audit.record(user, "resource.withdrawn", item)
    db.session.commit()


def record_download(item: Resource) -> None:
    """Count a download atomically (a Core update: two readers at once both count, and a
    counter is not a change the search index or the audit log need to see)."""
    db.session.execute(sa.update(Resource).where(Resource.id == item.id).values(
        download_count=Resource.download_count + 1).execution_options(
        synchronize_session=False))
    db.session.commit()

