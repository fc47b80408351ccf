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
    return uploads.read("entries", attachment.stored_name)


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


NAME = "Zarina Karimova"
XMP = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
       f'02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
       f'<dc:creator><rdf:Seq><rdf:li>{NAME}</rdf:li></rdf:Seq></dc:creator>'
       f'</rdf:Description></rdf:RDF></x:xmpmeta>').encode()


def pdf_naming_its_author_everywhere() -> bytes:
    """A PDF naming its author where office programs and viewers put it: page-level XMP,
    an annotation's author, an embedded file's name, and the document XMP left behind as
    an unreferenced object after an earlier edit."""
    from pypdf.annotations import Text
    from pypdf.generic import DecodedStreamObject, NameObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    xmp = DecodedStreamObject()
    xmp.set_data(XMP)
    xmp.update({NameObject("/Type"): NameObject("/Metadata"),
                NameObject("/Subtype"): NameObject("/XML")})
    page[NameObject("/Metadata")] = writer._add_object(xmp)
    note = Text(rect=(50, 550, 200, 650), text="Looks good")
    note[NameObject("/T")] = TextStringObject(NAME)
    writer.add_annotation(0, note)
    writer.add_attachment(f"{NAME}.txt", b"notes")
    orphan = DecodedStreamObject()
    orphan.set_data(XMP)
    writer._add_object(orphan)  # referenced by nothing, still in the file's bytes
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def every_readable_byte(data: bytes) -> bytes:
    """The file's bytes followed by every stream in it decompressed, readable or not by
    the object table (an orphan is found by scanning, as a curious judge would)."""
    import re
    import zlib

    parts = [data]
    for raw in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompress(raw.strip()))
        except zlib.error:
            parts.append(raw)
    return b"\n".join(parts)


def test_the_hostile_pdf_does_name_its_author_before_cleaning():
    text = every_readable_byte(pdf_naming_its_author_everywhere())
    assert text.count(NAME.encode()) >= 4  # page XMP, annotation, attachment, orphan


def test_a_blind_pdf_keeps_its_pages_and_loses_every_trace_of_its_author(
        client, auth, make_edition, centre):
    entry, page = upload(client, auth, centre, make_edition(questions="", blind=True),
                         pdf_naming_its_author_everywhere())
    assert "File added." in page
    data = stored(entry)
    text = every_readable_byte(data)
    for form in (NAME.encode(), "Zarina".encode("utf-16-be"), b"Zarina", b"Karimova"):
        assert form not in text
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert "/Annots" not in reader.pages[0] and "/Metadata" not in reader.pages[0]
    assert "/Names" not in reader.trailer["/Root"]


def test_an_encrypted_pdf_is_refused_in_a_blind_edition(client, auth, make_edition, centre):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("", "owner-secret")
    out = io.BytesIO()
    writer.write(out)
    entry, page = upload(client, auth, centre, make_edition(questions="", blind=True),
                         out.getvalue())
    assert "We could not remove the author" in page
    assert entries.attachments(entry) == []
