"""Attachments to help requests, checked by their content: photos are re-encoded (which
also drops their location and camera data), PDFs are rebuilt from their pages' content
only. Anything else is refused. The results are stored encrypted."""

from __future__ import annotations

import io

from flask import current_app

from diaspora_platform import uploads
from diaspora_platform.errors import DomainError
from diaspora_platform.helpdesk.models import HelpAttachment
from diaspora_platform.i18n import _

MAX_FILES = 3
IMAGE_SIDE = 2400


def _refused() -> DomainError:
    return DomainError(_("Attach a photo (PNG, JPEG or WebP) or a PDF document; other "
                         "files cannot be accepted."))


def _one(stream) -> HelpAttachment:
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DomainError(_("A file may be at most %(mb).1f MB.", mb=limit / 1024 / 1024))
    if data.startswith(b"%PDF-"):
        try:
            return HelpAttachment(media_type="application/pdf",
                                  data=uploads.pdf_without_metadata(data))
        except DomainError as exc:
            raise _refused() from exc
    try:
        image = uploads.process_image(io.BytesIO(data), limit, IMAGE_SIDE)
    except DomainError as exc:
        raise _refused() from exc
    return HelpAttachment(media_type="image/webp", data=image)


def checked(files) -> list[HelpAttachment]:
    """Attachments from uploaded streams (empty file fields are skipped)."""
    files = [f for f in files if f is not None and getattr(f, "filename", "x")]
    if len(files) > MAX_FILES:
        raise DomainError(_("Attach at most %(max)d files.", max=MAX_FILES))
    return [_one(getattr(f, "stream", f)) for f in files]
