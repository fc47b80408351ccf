"""Uploaded images: checked by their content (not their name), re-encoded, size-limited,
and stored under random names."""

from __future__ import annotations

import io
import secrets
from pathlib import Path

from flask import current_app
from PIL import Image, UnidentifiedImageError

from diaspora_platform.errors import DomainError
from diaspora_platform.i18n import _

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP"}
# A phone's 12 Mpx photo is the largest the pages need (they show at most 2400 px a side);
# each decoded megapixel costs ~4 MB of worker memory, so larger canvases are refused from
# the header, before any decoding.
MAX_PIXELS = 12_000_000
UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError,
              Image.DecompressionBombError)


def _upload_dir(kind: str) -> Path:
    folder = Path(current_app.config["UPLOAD_DIR"]) / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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


def save_image(kind: str, data: bytes) -> str:
    return save_file(kind, data, "webp")


def save_file(kind: str, data: bytes, extension: str) -> str:
    """Store checked content under a random name (never the uploader's)."""
    name = f"{secrets.token_hex(16)}.{extension}"
    (_upload_dir(kind) / name).write_bytes(data)
    return name


def delete_image(kind: str, name: str | None) -> None:
    if name:
        (_upload_dir(kind) / Path(name).name).unlink(missing_ok=True)


def image_path(kind: str, name: str) -> Path:
    return _upload_dir(kind) / Path(name).name


def pdf_without_metadata(data: bytes) -> bytes:
    """The PDF rebuilt from its pages' content only, for blind review (see pdf_clean)."""
    from diaspora_platform.pdf_clean import pdf_content_only

    return pdf_content_only(data)
