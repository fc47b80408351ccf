"""The notification centre: categories, unread counts, marking one or all read."""

import re

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.notifications import services
from diaspora_platform.notifications.models import Notification
from tests.paging import walk


def _notes(user):
    services.notify(user, "moderation.approve", link="/x", email=False, type="place",
                    label="Centre")
    services.notify(user, "follows.news", link="/news/1", email=False, source="Ravzana",
                    title="Navruz")
    services.notify(user, "follows.event", link="/events/1", email=False, source="Ravzana",
                    title="Concert")
    db.session.commit()


def test_categories_of_the_kinds(app):
    assert services.category_of("moderation.approve") == "decisions"
    assert services.category_of("follows.news") == "news"
    assert services.category_of("follows.event") == "events"
    assert services.category_of("competition.submitted") == "registrations"
    assert services.category_of("no.such.kind") == "other"


def test_unread_counts_by_category(make_user):
    user = make_user()
    _notes(user)
    assert services.unread_by_category(user) == {"decisions": 1, "news": 1, "events": 1}
    assert services.unread_count(user) == 3
    assert services.unread_count(user, "news") == 1


def test_filter_by_category_and_unread(client, auth, make_user):
    user = make_user()
    _notes(user)
    auth.login_as(user)
    page = client.get("/notifications/?category=news").get_data(as_text=True)
    assert "News from Ravzana: “Navruz”." in page and "Concert" not in page
    page = client.get("/notifications/?category=bogus").get_data(as_text=True)
    assert "Navruz" in page and "Concert" in page


def test_mark_one_read(client, auth, make_user):
    user = make_user()
    _notes(user)
    note = db.session.scalars(sa.select(Notification).order_by(Notification.id)).first()
    auth.login_as(user)
    client.post(f"/notifications/{note.id}/read")
    db.session.refresh(note)
    assert note.read_at is not None
    assert services.unread_count(user) == 2


def test_another_members_notification_is_not_found(client, auth, make_user):
    owner = make_user()
    _notes(owner)
    note = db.session.scalars(sa.select(Notification)).first()
    auth.login_as(make_user())
    assert client.post(f"/notifications/{note.id}/read").status_code == 404
    db.session.refresh(note)
    assert note.read_at is None


def test_mark_all_read_in_one_category(client, auth, make_user):
    user = make_user()
    _notes(user)
    auth.login_as(user)
    client.post("/notifications/read", data={"category": "news"})
    assert services.unread_by_category(user) == {"decisions": 1, "events": 1}
    client.post("/notifications/read")
    assert services.unread_count(user) == 0


def test_empty_state_of_a_category(client, auth, make_user):
    auth.login_as(make_user())
    page = client.get("/notifications/?category=events").get_data(as_text=True)
    assert "Nothing here." in page


def test_pages_hold_every_notification_once_newest_first(client, auth, make_user):
    user = make_user()
    for i in range(services.PAGE_SIZE + 5):
        services.notify(user, "follows.news", link=f"/news/{i}", email=False,
                        source="Ravzana", title=f"Item {i:02d}")
    services.notify(user, "follows.event", link="/events/1", email=False, source="Ravzana",
                    title="Item 99")
    db.session.commit()
    auth.login_as(user)
    pages = walk(client, "/notifications/?category=news")
    found = [t for p in pages for t in re.findall(r"Item \d\d", p)]
    assert len(pages) == 2 and found == [f"Item {i:02d}" for i in range(34, -1, -1)]
