"""The project timeline and followers, documents, and personal data."""

import io

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from diaspora_platform.accounts import personal_data
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.projects import documents, offers, updates
from diaspora_platform.projects.models import Offer, ProjectFollower, ProjectUpdate
from tests.competitions.conftest import PDF
from tests.fixtures_organisations import png_bytes


@pytest.fixture
def owner(make_user):
    return make_user(display_name="Owner")


@pytest.fixture
def project(make_project, owner):
    return make_project(owner=owner)


def test_followers_get_updates_by_email_in_their_language(project, owner, make_user,
                                                          mailbox):
    tajik, russian = make_user(locale="tg"), make_user(locale="ru")
    for person in (tajik, russian):
        updates.follow(person, project)
    updates.follow(tajik, project)  # twice is once
    assert db.session.scalar(sa.select(sa.func.count(ProjectFollower.id))) == 2
    updates.post_update(owner, project, {"title": "Survey of 120 ha finished",
                                         "body": "Soil samples taken.",
                                         "is_milestone": True})
    for person in (tajik, russian):
        message = mailbox.last(person.email)
        assert message["Content-Language"] == person.locale
        assert "Survey of 120 ha finished" in message.get_content()


def test_a_resent_update_form_posts_once(project, owner):
    data = {"title": "Pumps delivered", "body": "Six pumps."}
    first = updates.post_update(owner, project, data)
    assert updates.post_update(owner, project, data).id == first.id
    assert db.session.scalar(sa.select(sa.func.count(ProjectUpdate.id))) == 1


def test_only_the_owner_posts_updates(project, make_user):
    with pytest.raises(NotAllowed):
        updates.post_update(make_user(), project, {"title": "Hello"})


def test_projects_in_review_cannot_be_followed_and_tell_nobody(make_project, owner,
                                                               make_user, mailbox):
    pending = make_project(owner=owner, approved=False)
    with pytest.raises(DomainError):
        updates.follow(make_user(), pending)
    before = len(mailbox.messages())
    updates.post_update(owner, pending, {"title": "Internal note"})
    assert len(mailbox.messages()) == before


def test_unfollow_stops_the_mail(project, owner, make_user, mailbox):
    reader = make_user()
    updates.follow(reader, project)
    updates.unfollow(reader, project)
    updates.unfollow(reader, project)
    updates.post_update(owner, project, {"title": "Quiet"})
    assert not [m for m in mailbox.messages() if m["To"] == reader.email]


def _file(data: bytes, name: str) -> FileStorage:
    return FileStorage(io.BytesIO(data), name)


def test_documents_pdf_and_images_are_checked_by_content(client, project, owner):
    pdf = documents.add_document(owner, project, _file(PDF, "study.pdf"), "Study")
    image = documents.add_document(owner, project, _file(png_bytes(), "map.png"), "")
    assert (pdf.media_type, image.media_type) == ("application/pdf", "image/webp")
    assert image.title == "map.png"
    response = client.get(f"/projects/documents/{pdf.id}")
    assert response.status_code == 200 and response.data == PDF
    assert "attachment" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.4\n/OpenAction << /S /JavaScript /JS (app.alert(1)) >>\n%%EOF\n", "scripts"),
    (b"%PDF-1.4 truncated", "not a PDF"),
    (b"<script>alert(1)</script>", "not an image"),
])
def test_dangerous_or_fake_documents_are_refused(project, owner, data, message):
    with pytest.raises(DomainError, match=message):
        documents.add_document(owner, project, _file(data, "x.pdf"), "")


def test_documents_larger_than_the_limit_are_refused(app, project, owner):
    app.config["PROJECT_DOCUMENT_MAX_BYTES"] = 100
    with pytest.raises(DomainError, match="too large"):
        documents.add_document(owner, project, _file(PDF + b" " * 200, "big.pdf"), "")


def test_documents_of_a_project_in_review_are_not_public(client, make_project, owner):
    pending = make_project(owner=owner, approved=False)
    item = documents.add_document(owner, pending, _file(PDF, "a.pdf"), "")
    assert client.get(f"/projects/documents/{item.id}").status_code == 404
    assert client.get("/projects/documents/9999").status_code == 404


def test_personal_data_export_and_erase(project, owner, make_expert, make_offer):
    expert = make_expert()
    offer = make_offer(expert, project)
    updates.follow(expert, project)
    exported = personal_data.export_all(expert)["projects"]
    assert exported["offers"][0]["message"].startswith("I designed")
    assert exported["following"] == [{"project_id": project.id, "title": project.title}]
    personal_data.erase_all(expert)
    db.session.commit()
    offer = db.session.get(Offer, offer.id)
    assert offer.status == "withdrawn" and offer.message == ""
    assert not db.session.scalar(sa.select(sa.func.count(ProjectFollower.id)))


def test_an_accepted_offer_erased_keeps_its_place_but_not_its_message(
        project, owner, make_expert, make_offer):
    expert = make_expert()
    offer = make_offer(expert, project)
    offers.accept_offer(owner, offer)
    personal_data.erase_all(expert)
    db.session.commit()
    assert db.session.get(Offer, offer.id).status == "accepted"
    assert db.session.get(Offer, offer.id).message == ""
