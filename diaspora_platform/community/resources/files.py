"""Resource files, checked by what they contain, never by their name or claimed type:
PDF (structure; no embedded scripts or launch actions), EPUB (a ZIP whose first entry
declares the EPUB type, without scripts) and images (re-encoded as WebP)."""

from __future__ import annotations

import io
import re
import zipfile

from diaspora_platform import uploads
from diaspora_platform.errors import DomainError
from diaspora_platform.i18n import _

PDF_TAIL = 2048
IMAGE_SIDE = 2400
EPUB_MIMETYPE = b"application/epub+zip"
MAX_EPUB_ENTRIES = 5000
# PDF actions that run something when the file is opened.
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")


def _pdf(data: bytes) -> bytes:
    if b"%%EOF" not in data[-PDF_TAIL:]:
        raise DomainError(_("This PDF is damaged or incomplete. Save it again and upload "
                            "it once more."))
    if PDF_ACTIVE.search(data):
        raise DomainError(_("This PDF contains scripts or embedded programs, which we do "
                            "not accept. Print it to a new PDF and upload that."))
    return data


def _epub(data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if (not names or names[0] != "mimetype" or len(names) > MAX_EPUB_ENTRIES
                    or archive.read("mimetype").strip() != EPUB_MIMETYPE
                    or "META-INF/container.xml" not in names):
                raise DomainError(_("This file is not an EPUB book we can read."))
            if any(name.lower().endswith((".js", ".exe", ".dll")) or name.startswith("/")
                   or ".." in name.split("/") for name in names):
                raise DomainError(_("This EPUB contains scripts or unsafe paths, which we "
                                    "do not accept."))
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError) as exc:
        raise DomainError(_("This file is not an EPUB book we can read.")) from exc
    return data


def check(upload, limit: int) -> tuple[bytes, str]:
    """Read and check an upload; returns (content to store, media type) or raises a
    DomainError that says what is wrong."""
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise DomainError(_("The file is too large: at most %(mb).1f MB.",
                            mb=limit / 1024 / 1024))
    if not data:
        raise DomainError(_("The file is empty."))
    if data.startswith(b"%PDF-"):
        return _pdf(data), "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        return _epub(data), "application/epub+zip"
    try:
        return uploads.process_image(io.BytesIO(data), limit, IMAGE_SIDE), "image/webp"
    except DomainError as exc:
        raise DomainError(_("This file is not a PDF, an EPUB book or an image (PNG, JPEG, "
                            "WebP). Other files are not accepted.")) from exc
