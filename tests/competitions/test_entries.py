"""Entering: who may enter what, drafts, files, the deadline, submission, withdrawal."""

import io

import pytest
import sqlalchemy as sa

from diaspora_platform.competitions import entries
from diaspora_platform.competitions.models import Entry
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.notifications.models import Notification
from tests.competitions.conftest import PDF, close_now
from tests.fixtures_organisations import png_bytes

EN = {"Accept-Language": "en"}


def owner_of(place):
    from diaspora_platform.accounts.models import User

    return db.session.get(User, place.organisation.created_by_id)


def test_entrants_follow_the_competition(make_edition, centre, make_place, make_user):
    owner = owner_of(centre)
    make_place(org=centre.organisation, name="Weekend school")  # a school: not a centre
    centre_edition = make_edition()
    assert [e.key for e in entries.entrants_for(owner, centre_edition)] == [
        f"place:{centre.id}"]
    scientist = make_edition(key="best-scientist")
    assert [e.key for e in entries.entrants_for(owner, scientist)] == [f"user:{owner.id}"]
    charity = make_edition(key="for-development")
    assert [e.key for e in entries.entrants_for(owner, charity)] == [
        f"user:{owner.id}", f"org:{centre.organisation_id}"]
    assert entries.entrants_for(make_user(), centre_edition) == []


def test_draft_then_submit_through_the_pages(client, auth, make_edition, centre, mailbox):
    make_edition(required_attachments="Annual report")
    owner = owner_of(centre)
    auth.login(owner.email)
    response = client.post("/competitions/best-cultural-centre/2026/enter", data={
        "entrant": f"place:{centre.id}", "title": "Navruz for all", "statement": "",
        "answer-0": "A library and a choir."})
    entry = db.session.scalar(sa.select(Entry))
    assert response.status_code == 302 and entry.status == "draft"
    assert entry.answers == ["A library and a choir."] and entry.place_id == centre.id
    page = client.get(f"/competitions/entries/{entry.id}", headers=EN).get_data(as_text=True)
    assert "The statement" in page and "Annual report" in page  # still missing
    client.post(f"/competitions/entries/{entry.id}/submit")
    assert db.session.get(Entry, entry.id).status == "draft"
    client.post(f"/competitions/entries/{entry.id}/edit", data={
        "entrant": entry.entrant_key, "title": "Navruz for all", "statement": "Our year.",
        "answer-0": "A library and a choir."})
    client.post(f"/competitions/entries/{entry.id}/files", content_type="multipart/form-data",
                data={"required_index": "0", "file": (io.BytesIO(PDF), "report 2026.pdf")})
    client.post(f"/competitions/entries/{entry.id}/submit")
    client.post(f"/competitions/entries/{entry.id}/submit")  # a double click
    entry = db.session.get(Entry, entry.id)
    assert entry.status == "pending" and entry.submitted_at is not None
    assert db.session.scalar(sa.select(sa.func.count(Notification.id)).where(
        Notification.kind == "competition.submitted")) == 1
    assert "Navruz for all" in mailbox.last(owner.email).get_content()


def test_submitted_entries_cannot_change(make_edition, centre):
    edition = make_edition(questions="")
    owner = owner_of(centre)
    entry = entries.create_entry(owner, edition, f"place:{centre.id}",
                                 {"title": "Ours", "statement": "Text"})
    entries.submit_entry(owner, entry)
    with pytest.raises(DomainError, match="submitted entry cannot be changed"):
        entries.update_entry(owner, entry, {"title": "Changed", "statement": "x"})


def test_the_deadline_holds_even_for_a_form_opened_before_it(client, auth, make_edition,
                                                             centre):
    edition = make_edition(questions="")
    owner = owner_of(centre)
    entry = entries.create_entry(owner, edition, f"place:{centre.id}",
                                 {"title": "Ours", "statement": "Text"})
    auth.login(owner.email)
    assert client.get(f"/competitions/entries/{entry.id}").status_code == 200
    close_now(edition)  # the deadline passes while the page is open
    page = client.post(f"/competitions/entries/{entry.id}/submit", headers=EN,
                       follow_redirects=True).get_data(as_text=True)
    assert "The deadline has passed" in page
    assert db.session.get(Entry, entry.id).status == "draft"
    response = client.post("/competitions/best-cultural-centre/2026/enter", headers=EN, data={
        "entrant": f"place:{centre.id}", "title": "Another", "statement": "x"})
    assert "The deadline has passed" in response.get_data(as_text=True)


def test_one_entry_per_entrant_unless_withdrawn(make_edition, centre):
    edition = make_edition(questions="")
    owner = owner_of(centre)
    first = entries.create_entry(owner, edition, f"place:{centre.id}",
                                 {"title": "One", "statement": "x"})
    with pytest.raises(DomainError, match="most entries"):
        entries.create_entry(owner, edition, f"place:{centre.id}",
                             {"title": "Two", "statement": "x"})
    entries.withdraw_entry(owner, first)
    entries.create_entry(owner, edition, f"place:{centre.id}", {"title": "Two",
                                                                "statement": "x"})


def test_nobody_enters_for_someone_else(make_edition, centre, make_user):
    edition = make_edition()
    with pytest.raises(NotAllowed):
        entries.create_entry(make_user(), edition, f"place:{centre.id}",
                             {"title": "Stolen", "statement": "x"})


@pytest.mark.parametrize("content, name, message", [
    (b"%PDF-1.4 but cut short", "a.pdf", "not a PDF we can read"),
    (b"MZ\x90\x00 windows program", "a.pdf", "not an image we can read"),
    (PDF + b"0" * (5 * 1024 * 1024), "big.pdf", "too large"),
])
def test_fake_or_oversized_files_are_refused(client, auth, make_edition, centre, content,
                                             name, message):
    edition = make_edition(questions="")
    owner = owner_of(centre)
    entry = entries.create_entry(owner, edition, f"place:{centre.id}",
                                 {"title": "Ours", "statement": "x"})
    auth.login(owner.email)
    page = client.post(f"/competitions/entries/{entry.id}/files", headers=EN,
                       content_type="multipart/form-data", follow_redirects=True,
                       data={"file": (io.BytesIO(content), name)}).get_data(as_text=True)
    assert message in page and entries.attachments(entry) == []


def test_images_are_re_encoded_and_the_original_name_is_kept_for_the_author(
        client, auth, make_edition, centre):
    edition = make_edition(questions="")
    owner = owner_of(centre)
    entry = entries.create_entry(owner, edition, f"place:{centre.id}",
                                 {"title": "Ours", "statement": "x"})
    auth.login(owner.email)
    client.post(f"/competitions/entries/{entry.id}/files", content_type="multipart/form-data",
                data={"file": (io.BytesIO(png_bytes()), "Маркази Рӯдакӣ photo.png")})
    [item] = entries.attachments(entry)
    assert item.media_type == "image/webp" and item.original_name.endswith("photo.png")
    response = client.get(f"/competitions/entries/{entry.id}/files/{item.id}")
    assert response.status_code == 200 and "photo.png" in response.headers[
        "Content-Disposition"]
