"""Signed-in members get the public list pages assembled from the anonymous reader's
cached page with their own regions filled in: the page is the one a full render gives
them, never carries another member's name or staff controls, and content hidden after
caching disappears for members too."""

import re

import pytest

from diaspora_platform.accounts import services as accounts
from diaspora_platform.accounts.models import Role
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation

PAGES = ("/", "/organisations/", "/directory/", "/fund/", "/news/", "/events/",
         "/competitions/", "/projects/")
STAFF_MENU = 'href="/en/admin/"'  # the Council's link in the staff menu
HIDE = {"decision": "hide", "reason": "inaccurate"}
_VARYING = re.compile(r'(name="csrf_token" value="|nonce="|nonce-)[^"\']+')


@pytest.fixture
def content(make_org, make_place, make_news, make_event, make_campaign, make_project):
    org = make_org(name="Shared Society")
    make_place(name="Maktabi Shared")
    make_news(title_en="Shared headline")
    make_event()
    make_campaign()
    make_project()
    return org


@pytest.fixture
def chief(make_user):
    return make_user(email="chief@example.org", role=Role.STAFF, two_factor=True,
                     display_name="Chief Staffer")


def normal(html: str) -> str:
    """The page without what differs on every response (CSRF token, CSP nonce)."""
    return _VARYING.sub(r"\1X", html)


def full_render(app, client, url):
    kept = app.config["MEMBER_PAGE_ENDPOINTS"]
    app.config["MEMBER_PAGE_ENDPOINTS"] = frozenset()
    try:
        return client.get(url).get_data(as_text=True)
    finally:
        app.config["MEMBER_PAGE_ENDPOINTS"] = kept


@pytest.mark.parametrize("url", PAGES)
def test_assembled_page_is_the_full_render(app, client, auth, content, chief, url):
    auth.login_as(chief)
    client.get("/about")  # shows (and so ends) the welcome flashed at sign-in
    first, again = (client.get(url) for _ in range(2))  # a miss, then a hit
    assert first.status_code == again.status_code == 200
    full = full_render(app, client, url)
    assert "Chief Staffer" in full
    assert normal(first.get_data(as_text=True)) == normal(full)
    assert normal(again.get_data(as_text=True)) == normal(full)


@pytest.mark.parametrize("url", PAGES)
def test_no_member_sees_another_members_page(client, auth, content, chief, make_user, url):
    auth.login_as(chief)
    staff_page = client.get(url).get_data(as_text=True)
    assert "Chief Staffer" in staff_page and STAFF_MENU in staff_page
    auth.logout()
    member = make_user(display_name="Plain Member")
    auth.login_as(member)
    page = client.get(url).get_data(as_text=True)
    assert "Plain Member" in page
    assert "Chief Staffer" not in page and STAFF_MENU not in page
    assert "/manage" not in page  # no staff control (manage the fund, editions)
    auth.logout()
    visitor = client.get(url).get_data(as_text=True)
    assert "Plain Member" not in visitor and "Chief Staffer" not in visitor


def test_hidden_content_leaves_the_members_page(client, auth, content, staff, make_user):
    auth.login_as(make_user(display_name="Plain Member"))
    assert "Shared Society" in client.get("/organisations/").get_data(as_text=True)
    moderation.decide(staff, content, **HIDE)
    assert "Shared Society" not in client.get("/organisations/").get_data(as_text=True)


def test_a_flashed_message_shows_once(client, auth, content, make_user):
    auth.login_as(make_user())
    client.get("/news/")  # signing in flashed nothing that is still waiting
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Saved for you")]
    assert "Saved for you" in client.get("/news/").get_data(as_text=True)
    assert "Saved for you" not in client.get("/news/").get_data(as_text=True)


def test_a_members_next_page_follows_their_account(client, auth, content, make_user, staff):
    member = make_user(display_name="Plain Member")
    auth.login_as(member)
    assert "Plain Member" in client.get("/news/").get_data(as_text=True)
    accounts.update_profile(member, "Renamed Member", "en", {})
    assert "Renamed Member" in client.get("/news/").get_data(as_text=True)
    accounts.end_sessions(member)  # every session of the account ends at once
    page = client.get("/news/").get_data(as_text=True)
    assert "Renamed Member" not in page and 'href="/en/account/login' in page
    auth.login_as(member)
    assert "Renamed Member" in client.get("/news/").get_data(as_text=True)
    accounts.suspend_user(staff, member, "spam")
    db.session.commit()
    assert "Renamed Member" not in client.get("/news/").get_data(as_text=True)
