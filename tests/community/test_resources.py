"""Resources: files checked by their content (PDF, EPUB, images), size-limited, served as
downloads with safe headers and counted; organisation resources moderated; a catalogue with
filters."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform import uploads
from diaspora_platform.community.resources.models import Resource
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from tests.community.conftest import PDF, epub_bytes
from tests.fixtures_organisations import png_bytes
from tests.paging import link, walk

NOT_ACCEPTED = "This file is not a PDF, an EPUB book or an image"


def test_a_pdf_is_stored_and_downloaded_as_an_attachment(client, make_resource):
    item = make_resource()
    assert item.media_type == "application/pdf" and item.size == len(PDF)
    response = client.get(f"/resources/{item.id}/download")
    assert response.status_code == 200
    assert response.data == PDF
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "object-src 'none'" in response.headers["Content-Security-Policy"]
    db.session.refresh(item)
    assert item.download_count == 1


def test_downloads_are_counted_and_shown(client, make_resource):
    item = make_resource()
    for _ in range(3):
        client.get(f"/resources/{item.id}/download")
    assert "3 downloads" in client.get("/resources/").get_data(as_text=True)


def test_an_epub_is_accepted(make_resource):
    assert make_resource(file_bytes=epub_bytes()).media_type == "application/epub+zip"


def test_an_image_is_re_encoded(make_resource):
    assert make_resource(file_bytes=png_bytes()).media_type == "image/webp"


@pytest.mark.parametrize("content, message", [
    (b"MZ\x90\x00 this is a Windows program", NOT_ACCEPTED),
    (b"<html><script>alert(1)</script></html>", NOT_ACCEPTED),
    (b"just text pretending to be a book", NOT_ACCEPTED),
    (b"%PDF-1.4\n1 0 obj << >> endobj\n", "This PDF is damaged or incomplete"),
    (PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript >>"),
     "This PDF contains scripts"),
    (b"PK\x03\x04 not really a zip", "This file is not an EPUB book we can read."),
    (epub_bytes({"OEBPS/evil.js": "alert(1)"}), "This EPUB contains scripts"),
    (b"", "The file is empty."),
])
def test_files_that_are_not_what_they_claim_are_refused(make_resource, content, message):
    with pytest.raises(DomainError) as refused:
        make_resource(file_bytes=content)
    assert message in refused.value.message
    assert db.session.scalar(sa.select(sa.func.count(Resource.id))) == 0


def test_a_zip_that_is_not_an_epub_is_refused(make_resource):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    with pytest.raises(DomainError):
        make_resource(file_bytes=out.getvalue())


def test_too_large_a_file_is_refused_with_the_limit(app, make_resource):
    app.config["RESOURCE_MAX_BYTES"] = 100
    with pytest.raises(DomainError) as refused:
        make_resource()
    assert "at most 0.0 MB" in refused.value.message or "too large" in refused.value.message


def test_the_form_refuses_a_renamed_file_and_keeps_the_input(client, auth, staff):
    import io

    auth.login_as(staff)
    response = client.post("/resources/new", data={
        "kind": "textbook", "title": "Alifbo", "material_language": "tg", "audience": "children",
        "level": "", "url": "", "description": "Kept text",
        "file": (io.BytesIO(b"MZ\x90\x00program"), "alifbo.pdf")},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert NOT_ACCEPTED in page and "Kept text" in page and 'value="Alifbo"' in page


def test_a_resource_needs_a_file_or_a_link(make_resource):
    with pytest.raises(DomainError):
        make_resource(file_bytes=None)
    item = make_resource(file_bytes=None, kind="video", url="https://video.example.org/1")
    assert item.url and not item.has_file


def test_links_must_be_web_addresses(make_resource):
    with pytest.raises(DomainError):
        make_resource(file_bytes=None, url="javascript:alert(1)")


def test_organisation_resources_wait_for_review(client, make_user, make_org, make_resource,
                                                staff):
    owner = make_user()
    org = make_org(owner=owner)
    item = make_resource(org=org, user=owner, title="Lesson plan: Navruz")
    assert item.status == "pending"
    assert client.get(f"/resources/{item.id}").status_code == 404
    assert client.get(f"/resources/{item.id}/download").status_code == 404
    moderation.decide(staff, item, "approve")
    assert "Lesson plan: Navruz" in client.get("/resources/").get_data(as_text=True)


def test_only_editors_of_verified_organisations_share(make_user, make_org, make_resource):
    owner = make_user()
    with pytest.raises(NotAllowed):
        make_resource(org=make_org(owner=owner), user=make_user())
    with pytest.raises(NotAllowed):
        make_resource(org=make_org(owner=owner, approved=False, name="New"), user=owner)
    with pytest.raises(NotAllowed):
        make_resource(user=make_user())  # a member cannot share as the Council


def test_the_catalogue_filters_by_kind_language_and_audience(client, make_resource):
    make_resource(title="Tajik textbook")
    make_resource(title="Russian guide", kind="guide", material_language="ru",
                  audience="organisers", level="")
    page = client.get("/resources/?kind=guide&language=ru").get_data(as_text=True)
    assert "Russian guide" in page and "Tajik textbook" not in page
    page = client.get("/resources/?audience=children&kind=bogus").get_data(as_text=True)
    assert "Tajik textbook" in page and "Russian guide" not in page
    assert "No resources match" in client.get("/resources/?kind=video").get_data(as_text=True)


def test_replacing_the_file_of_an_organisation_resource_goes_back_to_review(
        make_user, make_org, make_resource, staff):
    from diaspora_platform.community.resources import services
    from tests.community.conftest import resource_data, upload

    owner = make_user()
    item = make_resource(org=make_org(owner=owner), user=owner)
    moderation.decide(staff, item, "approve")
    old = item.stored_name
    outcome = services.update_resource(owner, item, resource_data(), upload(epub_bytes()))
    assert outcome == "review" and item.media_type == "application/epub+zip"
    assert uploads.read(services.FOLDER, old) is None


def test_resources_are_found_by_search(client, make_resource):
    item = make_resource(title="Алифбои тоҷикӣ барои кӯдакон")
    found = client.get("/search.json?q=алифбо&type=resource").get_json()
    assert [r["url"] for r in found["results"]] == [f"/en/resources/{item.id}"]


def _approved_links(count: int) -> list[Resource]:
    """`count` approved Council links, Link 00 the oldest and least downloaded."""
    items = [Resource(kind="guide", title=f"Link {i:02d}", material_language="ru",
                      audience="adults",
                      url=f"https://example.org/{i}", status=S.APPROVED, download_count=i // 2,
                      reviewed_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=i // 3))
             for i in range(count)]
    items.append(Resource(kind="video", title="Link 99", material_language="ru", audience="adults",
                          url="https://example.org/99", status=S.APPROVED))
    db.session.add_all(items)
    db.session.commit()
    return items


def test_the_catalogue_pages_hold_every_resource_once_in_each_sort(client):
    names = [f"Link {i:02d}" for i in range(45)]
    _approved_links(45)
    for sort, expected in (("newest", names[::-1]), ("popular", names[::-1]),
                           ("title", names)):
        pages = walk(client, f"/resources/?kind=guide&sort={sort}")
        found = [n for page in pages for n in re.findall(r"Link \d\d", page)]
        assert len(pages) == 3 and found == expected, sort
        back = link(pages[-1], "prev")
        assert re.findall(r"Link \d\d", client.get(back).get_data(as_text=True)) == \
            expected[20:40], sort
