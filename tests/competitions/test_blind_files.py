"""In a blind edition a PDF loses the author details in its properties when it is
uploaded (judges would otherwise read who entered in their viewer's "Properties"); in an
open edition the file is kept as sent."""

import io

import pytest
from pypdf import PdfReader, PdfWriter

from diaspora_platform import uploads
from diaspora_platform.competitions import entries
from tests.competitions.test_entries import EN, owner_of

AUTHOR = {"/Author": "Zarina Karimova", "/Title": "Ravzana annual report",
          "/Creator": "Ravzana cultural centre"}


def signed_pdf() -> bytes:
    """A one-page PDF whose properties name its author, as office programs write them."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata(AUTHOR)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(client, auth, centre, edition, content: bytes):
    owner = owner_of(centre)
    entry = entries.create_entry(owner, edition, f"place:{centre.id}",
                                 {"title": "Ours", "statement": "x"})
    auth.login(owner.email)
    page = client.post(f"/competitions/entries/{entry.id}/files", headers=EN,
                       content_type="multipart/form-data", follow_redirects=True,
                       data={"file": (io.BytesIO(content), "report.pdf")})
    return entry, page.get_data(as_text=True)


def stored(entry) -> bytes:
    [attachment] = entries.attachments(entry)
    return uploads.image_path("entries", attachment.stored_name).read_bytes()


@pytest.mark.parametrize("blind", [True, False])
def test_a_blind_edition_strips_the_authors_name_from_a_pdf(client, auth, make_edition,
                                                            centre, blind):
    entry, page = upload(client, auth, centre, make_edition(questions="", blind=blind),
                         signed_pdf())
    assert "File added." in page
    data = stored(entry)
    metadata = PdfReader(io.BytesIO(data)).metadata or {}
    if blind:
        assert b"Zarina" not in data and b"Ravzana" not in data
        assert not any(key in metadata for key in AUTHOR)
    else:
        assert metadata.get("/Author") == "Zarina Karimova"
    assert len(PdfReader(io.BytesIO(data)).pages) == 1  # still the same document


def test_a_pdf_that_cannot_be_rewritten_is_refused_in_a_blind_edition(
        client, auth, make_edition, centre):
    broken = b"%PDF-1.4\n1 0 obj<</Author (Zarina Karimova)>>endobj\ntrailer<<>>\n%%EOF\n"
    entry, page = upload(client, auth, centre, make_edition(questions="", blind=True), broken)
    assert "We could not remove the author" in page
    assert entries.attachments(entry) == []
