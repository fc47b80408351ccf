"""PDFs for blind review rebuilt from their pages' content only: whatever could name the
author (document and page XMP, annotations and their authors, embedded files, document
information, objects left behind by earlier edits) is not carried over."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from diaspora_platform.errors import DomainError
from diaspora_platform.i18n import _

# What a page needs to be drawn; everything else on a page dictionary (annotations, XMP,
# application data, thumbnails, actions, article beads) is left behind.
PAGE_KEYS = {"/Type", "/Parent", "/Resources", "/MediaBox", "/CropBox", "/BleedBox",
             "/TrimBox", "/ArtBox", "/Contents", "/Rotate", "/Group", "/UserUnit"}
# Keys that carry metadata or application data inside resources (an image's own XMP).
DROPPED_EVERYWHERE = {"/Metadata", "/PieceInfo", "/LastModified", "/OC"}
FAILURES = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError)


def _scrub(node, seen: set[int]) -> None:
    """Remove metadata keys from every dictionary reachable from `node`."""
    if isinstance(node, IndirectObject):
        if node.idnum in seen:
            return
        seen.add(node.idnum)
        node = node.get_object()
    if isinstance(node, DictionaryObject):
        for key in DROPPED_EVERYWHERE & set(node):
            del node[key]
        for value in list(node.values()):
            _scrub(value, seen)
    elif isinstance(node, ArrayObject):
        for value in node:
            _scrub(value, seen)


def pdf_content_only(data: bytes) -> bytes:
    """The PDF rebuilt from its pages' content, or a DomainError when it cannot be."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValueError("encrypted")
        writer = PdfWriter()
        for page in reader.pages:
            for key in set(page) - PAGE_KEYS:
                del page[NameObject(key)]
            writer.add_page(page)
        for page in writer.pages:
            _scrub(page.indirect_reference, set())
        writer.metadata = None  # no document information, not even a producer
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
    except FAILURES as exc:
        raise DomainError(_("We could not remove the author's details from this PDF, as "
                            "blind review needs. Save it again as a PDF, or upload images "
                            "of its pages.")) from exc
    return out.getvalue()
