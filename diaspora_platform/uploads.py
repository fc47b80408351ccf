"""Uploaded images: checked by their content (not their name), re-encoded, size-limited,
and stored under random names in the file store (storage.py)."""

from __future__ import annotations

import io
import logging
import secrets
from pathlib import Path

from flask import abort
from PIL import Image, UnidentifiedImageError

from diaspora_platform import storage
from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _

log = logging.getLogger(__name__)
SAVED = "uploads_saved"  # session.info: keys stored since the transaction began

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP"}
# A phone's 12 Mpx photo is the largest the pages need (they show at most 2400 px a side);
# each decoded megapixel costs ~4 MB of worker memory, so larger canvases are refused from
# the header, before any decoding.
MAX_PIXELS = 12_000_000
UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError,
              Image.DecompressionBombError)


def process_image(stream, max_bytes: int, max_side: int) -> bytes:
    """Return the image re-encoded as WebP (at most max_side px a side), or raise."""
    return process_image_sizes(stream, max_bytes, (max_side,))[0]


def process_image_sizes(stream, max_bytes: int, sides: tuple[int, ...]) -> list[bytes]:
    """Check an upload once and re-encode it as WebP at each of `sides` (e.g. a photo and
    its thumbnail). Raises DomainError with a message for the person uploading."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DomainError(_("The image is too large: at most %(mb).1f MB.",
                            mb=max_bytes / 1024 / 1024))
    if not data:
        raise DomainError(_("The file is empty."))
    try:
        with Image.open(io.BytesIO(data)) as probe:  # reads the header only
            _check_header(probe)
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            # JPEG decodes straight at a reduced scale: no full-size bitmap in memory.
            image.draft(image.mode, (max(sides), max(sides)))
            image.load()
            image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            encoded = [_encoded_at(image, side) for side in sides]
    except UNREADABLE as exc:
        raise DomainError(_("This file is not an image we can read. Use PNG, JPEG or WebP.")) \
            from exc
    return encoded


def _check_header(probe: Image.Image) -> None:
    if probe.format not in ALLOWED_FORMATS:
        raise DomainError(_("Use a PNG, JPEG or WebP image."))
    if probe.width * probe.height > MAX_PIXELS:
        raise DomainError(_("The image has too many pixels: at most %(mpx)d megapixels. "
                            "Make it smaller and try again.", mpx=MAX_PIXELS // 1_000_000))


def _encoded_at(image: Image.Image, side: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((side, side), reducing_gap=2.0)  # reduce() first, then resample
    out = io.BytesIO()
    copy.save(out, "WEBP", quality=85, method=4)  # drops EXIF and anything hidden
    return out.getvalue()


MEDIA_TYPES = {"webp": "image/webp", "pdf": "application/pdf", "png": "image/png",
               "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def key(kind: str, name: str) -> str:
    return f"{kind}/{Path(name).name}"


def save_image(kind: str, data: bytes) -> str:
    return save_file(kind, data, "webp")


def save_file(kind: str, data: bytes, extension: str) -> str:
    """Store checked content under a random name (never the uploader's). Raises
    StorageUnavailable (a DomainError: the request's changes are not committed) when the
    file store cannot be reached."""
    name = f"{secrets.token_hex(16)}.{extension}"
    stored = key(kind, name)
    storage.backend().put(stored, data, MEDIA_TYPES.get(extension, "application/octet-stream"))
    db.session.connection()  # a transaction is open, so its rollback removes the file
    db.session.info.setdefault(SAVED, []).append(stored)
    return name


def _forget_saved(session) -> None:
    session.info.pop(SAVED, None)


def _remove_saved(session, previous_transaction) -> None:
    """A transaction that stored files and then rolled back leaves no orphan behind: no
    row will ever point at them."""
    if previous_transaction.parent is not None:
        return  # a savepoint; the outer transaction decides
    for stored in session.info.pop(SAVED, []):
        kind, _sep, name = stored.partition("/")
        delete_image(kind, name)


def init_app(app) -> None:
    from sqlalchemy import event

    if not event.contains(db.session, "after_commit", _forget_saved):
        event.listen(db.session, "after_commit", _forget_saved)
        event.listen(db.session, "after_soft_rollback", _remove_saved)


def delete_image(kind: str, name: str | None) -> None:
    """Remove a stored file; a store that cannot be reached leaves an orphan (logged), never
    an error for a change that is already committed."""
    if not name:
        return
    try:
        storage.backend().delete(key(kind, name))
    except storage.StorageUnavailable:
        log.warning("storage: %s/%s left behind; remove it when the store is back", kind, name)


def read(kind: str, name: str) -> bytes | None:
    return storage.backend().get(key(kind, name))


def send(kind: str, name: str | None, mimetype: str, **options):
    """The stored file as a response (see storage.serve); 404 when it is missing."""
    response = storage.serve(key(kind, name), mimetype, **options) if name else None
    if response is None:
        abort(404)
    return response


def pdf_without_metadata(data: bytes) -> bytes:
    """The PDF rebuilt from its pages' content only, for blind review (see pdf_clean)."""
    from diaspora_platform.pdf_clean import pdf_content_only

    return pdf_content_only(data)
