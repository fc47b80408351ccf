"""Follows: organisations and countries, told of new events and news; email preferences per
category; one-click unsubscribe by a signed link."""

import pytest
import sqlalchemy as sa

from diaspora_platform.community.follows import services
from diaspora_platform.community.follows.models import Follow
from diaspora_platform.community.follows.unsubscribe import make_token
from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from diaspora_platform.notifications.models import Notification
from diaspora_platform.notifications.preferences import preferences_of, set_preferences


def test_follow_and_unfollow_an_organisation_from_its_page(client, auth, make_user, make_org):
    fan = make_user()
    org = make_org()
    auth.login_as(fan)
    response = client.post(f"/follows/organisations/{org.id}",
                           data={"next": f"/organisations/{org.id}"})
    assert response.headers["Location"].endswith(f"/organisations/{org.id}")
    client.post(f"/follows/organisations/{org.id}")  # a double click is no error
    assert services.followers_of(org) == [fan]
    client.post(f"/follows/organisations/{org.id}/unfollow")
    assert services.followers_of(org) == []


def test_next_cannot_leave_the_site(client, auth, make_user, make_org):
    org = make_org()
    auth.login_as(make_user())
    response = client.post(f"/follows/organisations/{org.id}",
                           data={"next": "https://evil.example/"})
    assert "evil" not in response.headers["Location"]


def test_an_unpublished_organisation_cannot_be_followed(make_user, make_org):
    owner = make_user()
    org = make_org(owner=owner, approved=False)
    with pytest.raises(DomainError):
        services.follow(make_user(), organisation=org)


def test_follow_a_country(client, auth, make_user):
    fan = make_user()
    auth.login_as(fan)
    client.post("/follows/countries", data={"country": "RU"})
    assert services.followed_countries(fan) == ["RU"]
    page = client.get("/follows/").get_data(as_text=True)
    assert "Russia" in page
    client.post("/follows/countries", data={"country": "XX"})
    assert services.followed_countries(fan) == ["RU"]
    client.post("/follows/countries/RU/unfollow")
    assert services.followed_countries(fan) == []


def test_notify_followers_tells_each_follower_once(make_user, make_org, mailbox):
    org = make_org(country="RU")
    both, by_org, by_country, author = (make_user() for _ in range(4))
    for user in (both, by_org, author):
        services.follow(user, organisation=org)
    for user in (both, by_country):
        services.follow(user, country="RU")
    told = services.notify_followers(organisation=org, country="RU", kind="follows.event",
                                     link="/events/1", exclude=(author,), source=org.name,
                                     title="Navruz")
    db.session.commit()
    assert told == 3
    rows = db.session.scalars(sa.select(Notification.user_id)).all()
    assert sorted(rows) == sorted([both.id, by_org.id, by_country.id])
    assert len(mailbox.messages()) == 3


def test_email_preferences_stop_mail_but_keep_the_notification(make_user, make_org,
                                                               mailbox):
    org = make_org()
    fan = make_user()
    services.follow(fan, organisation=org)
    set_preferences(fan, {"events": False})
    services.notify_followers(organisation=org, kind="follows.event", link="/events/1",
                              source=org.name, title="Navruz")
    db.session.commit()
    assert mailbox.messages() == []
    assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 1


def test_preferences_form(client, auth, make_user):
    user = make_user()
    assert preferences_of(user)["digest"] is False  # opt-in
    auth.login_as(user)
    client.post("/follows/email", data={"decisions": "y", "digest": "y"})
    assert preferences_of(user) == {"decisions": True, "registrations": False,
                                    "events": False, "news": False, "digest": True}


def test_unsubscribe_link_works_without_signing_in(client, make_user):
    user = make_user()
    set_preferences(user, {"digest": True})
    token = make_token(user, "digest")
    page = client.get(f"/follows/unsubscribe/{token}")
    assert page.status_code == 200 and preferences_of(user)["digest"] is True  # GET: asks
    response = client.post(f"/follows/unsubscribe/{token}")  # one click (RFC 8058 too)
    assert response.status_code == 200
    db.session.expire_all()
    assert preferences_of(user)["digest"] is False
    assert client.post(f"/follows/unsubscribe/{token}").status_code == 200  # twice: fine


@pytest.mark.parametrize("token", ["nonsense", "eyJ1aWQiOjF9.forged"])
def test_a_forged_unsubscribe_link_is_refused(client, token):
    response = client.post(f"/follows/unsubscribe/{token}")
    assert response.status_code == 400
    assert "This link is not valid." in response.get_data(as_text=True)


def test_deleting_the_account_removes_follows(make_user, make_org):
    from diaspora_platform.accounts import personal_data

    fan = make_user()
    services.follow(fan, organisation=make_org())
    assert personal_data.export_all(fan)["follows"]["follows"]
    personal_data.erase_all(fan)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Follow.id))) == 0


def test_the_follow_button_shows_on_news_of_an_organisation(client, auth, make_user,
                                                            make_org, make_org_news, staff):
    from diaspora_platform.moderation import services as moderation

    owner = make_user()
    org = make_org(owner=owner)
    item = make_org_news(owner, org)
    moderation.decide(staff, item, "approve")
    auth.login_as(make_user())
    page = client.get(f"/news/{item.id}").get_data(as_text=True)
    assert f'action="/en/follows/organisations/{org.id}"' in page and "0 followers" in page
