"""The weekly digest: new events and news for the member's country and follows, in their
language; idempotent; opt-in; with a one-click unsubscribe link and header."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.community.follows import digest, services
from diaspora_platform.community.follows.models import DigestSend
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.notifications.preferences import set_preferences
from tests.community.conftest import TEXTS


@pytest.fixture
def reader(make_user):
    user = make_user(email="reader@example.org", locale="ru", country="RU")
    set_preferences(user, {"digest": True})
    return user


def _make_event(org=None, country="RU", days=10, title="Navruz evening"):
    from diaspora_platform.community.events.models import Event

    start = utcnow() + timedelta(days=days)
    event = Event(organisation_id=org.id if org else None, kind="celebration", title=title,
                  starts_at=start, ends_at=start + timedelta(hours=3),
                  timezone="Europe/Moscow", country=country, city="Moscow",
                  status="approved", reviewed_at=utcnow())
    db.session.add(event)
    db.session.commit()
    return event


def test_digest_lists_news_in_the_readers_language(runner, reader, make_news, mailbox):
    make_news()
    result = runner.invoke(args=["digest", "send"])
    assert "Digests sent: 1" in result.output
    message = mailbox.last("reader@example.org")
    body = message.get_content()
    assert TEXTS["ru"][0] in body and TEXTS["en"][0] not in body
    assert message["Content-Language"] == "ru"
    assert message["List-Unsubscribe"].startswith("<") and "/follows/unsubscribe/" in \
        message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_running_twice_sends_nothing_twice(runner, reader, make_news, mailbox):
    make_news()
    runner.invoke(args=["digest", "send"])
    result = runner.invoke(args=["digest", "send"])
    assert "Digests sent: 0" in result.output
    assert len(mailbox.messages()) == 1


def test_only_members_who_asked_get_it(runner, make_user, make_news, mailbox):
    make_user(email="quiet@example.org")
    make_news()
    runner.invoke(args=["digest", "send"])
    assert mailbox.messages() == []


def test_nothing_new_sends_nothing_but_claims_the_week(reader, mailbox):
    assert digest.send_due() == (0, 1)
    assert mailbox.messages() == []
    assert db.session.scalar(sa.select(DigestSend.items)) == 0


def test_events_of_the_country_and_follows_only(reader, make_user, make_org, mailbox):
    followed = make_org(name="Followed", country="DE")
    other = make_org(owner=make_user(), name="Other", country="DE")
    services.follow(reader, organisation=followed)
    _make_event(country="RU", title="In my country")
    _make_event(org=followed, country="DE", title="From my follow")
    _make_event(org=other, country="DE", title="Not for me")
    _make_event(country="RU", days=-2, title="Already past")
    digest.send_due()
    body = mailbox.last("reader@example.org").get_content()
    assert "In my country" in body and "From my follow" in body
    assert "Not for me" not in body and "Already past" not in body


def test_next_week_brings_only_what_is_new(reader, make_news, mailbox):
    make_news(langs=("ru",), title_ru="Первая новость")
    now = utcnow()
    digest.send_due(now)
    make_news(langs=("ru",), title_ru="Вторая новость")
    digest.send_due(now + timedelta(days=7))
    second = mailbox.last("reader@example.org").get_content()
    assert "Вторая новость" in second and "Первая новость" not in second


def test_followed_organisation_news_and_a_follower_unsubscribes(
        client, reader, make_user, make_org, make_org_news, staff, mailbox):
    from diaspora_platform.moderation import services as moderation

    owner = make_user()
    org = make_org(owner=owner)
    services.follow(reader, organisation=org)
    item = make_org_news(owner, org, title_en="Navruz in Paris")
    moderation.decide(staff, item, "approve")
    digest.send_due()
    message = mailbox.last("reader@example.org")
    assert "Navruz in Paris" in message.get_content()
    link = message["List-Unsubscribe"].strip("<>")
    assert client.post(link.split("localhost", 1)[-1]).status_code == 200
    db.session.expire_all()
    assert digest.due_users(digest.period_of(utcnow() + timedelta(days=7))) == []
