"""News: Council news in three languages published directly and audited; organisation news
moderated and told to followers; the reader's language or a fallback with a note; pinned
first; official advice marked with its check date; Atom feeds per category."""

from datetime import date, timedelta
from xml.etree import ElementTree as ET

import pytest
import sqlalchemy as sa

from diaspora_platform.audit import AuditEntry
from diaspora_platform.community.follows import services as follows
from diaspora_platform.community.news.models import NewsItem
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.notifications.models import Notification
from tests.community.conftest import TEXTS, news_data, news_form

ATOM = "{http://www.w3.org/2005/Atom}"


def test_council_news_is_public_at_once_and_audited(client, make_news):
    item = make_news()
    assert item.is_public and item.published_at is not None
    assert db.session.scalar(sa.select(AuditEntry.action).where(
        AuditEntry.action == "news.published")) == "news.published"
    page = client.get(f"/news/{item.id}").get_data(as_text=True)
    assert TEXTS["en"][0] in page


@pytest.mark.parametrize("lang", ["tg", "ru", "en"])
def test_reader_sees_their_language(client, make_news, lang):
    item = make_news()
    page = client.get(f"/news/{item.id}", headers={"Accept-Language": lang}).get_data(
        as_text=True)
    assert TEXTS[lang][0] in page
    assert "not available in your language" not in page


def test_missing_language_falls_back_with_a_note(client, make_news):
    item = make_news(langs=("ru",))
    page = client.get(f"/news/{item.id}").get_data(as_text=True)
    assert TEXTS["ru"][0] in page
    assert "Shown in Russian — no English version yet." in page
    listing = client.get("/news/").get_data(as_text=True)
    assert "Not available in your language; shown in Russian." in listing


def test_a_version_can_be_chosen(client, make_news):
    item = make_news()
    page = client.get(f"/news/{item.id}?lang=tg").get_data(as_text=True)
    assert TEXTS["tg"][0] in page


def test_each_language_needs_title_and_text(make_news):
    with pytest.raises(DomainError):
        make_news(title_en="Only a title", body_en="")
    with pytest.raises(DomainError):
        make_news(langs=())


def test_pinned_news_comes_first(client, make_news):
    make_news(langs=("en",), title_en="Pinned one", pinned=True)
    make_news(langs=("en",), title_en="Newer one")
    page = client.get("/news/").get_data(as_text=True)
    assert page.index("Pinned one") < page.index("Newer one")


def test_migrant_advice_is_marked_official_with_its_check_date(client, make_news):
    with pytest.raises(DomainError):
        make_news(category="migrant-advice")
    with pytest.raises(DomainError):
        make_news(category="migrant-advice", checked_on=date.today() + timedelta(days=3))
    item = make_news(category="migrant-advice", checked_on=date(2026, 11, 2))
    page = client.get(f"/news/{item.id}").get_data(as_text=True)
    assert "Official information from the Diaspora Coordination Council." in page
    assert "Last checked: November 2, 2026" in page


def test_members_cannot_publish_council_news(make_user):
    with pytest.raises(NotAllowed):
        from diaspora_platform.community.news import services

        services.publish_council_news(make_user(), news_data())


def test_staff_publish_through_the_form(client, auth, staff):
    auth.login_as(staff)
    response = client.post("/news/new", data=news_form(category="council"))
    assert response.status_code == 302
    item = db.session.scalar(sa.select(NewsItem))
    assert item.category == "council" and item.languages == ["tg", "ru", "en"]


def test_a_bad_form_keeps_the_input_and_says_why(client, auth, staff):
    auth.login_as(staff)
    data = news_form(body_en="")
    response = client.post("/news/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Each language needs both a title and a text." in page
    assert TEXTS["ru"][0] in page  # kept
    assert db.session.scalar(sa.select(sa.func.count(NewsItem.id))) == 0


def test_organisation_news_waits_for_review_then_reaches_followers(
        client, make_user, make_org, make_org_news, staff, mailbox):
    owner, fan = make_user(), make_user(email="fan@example.org")
    org = make_org(owner=owner)
    follows.follow(fan, organisation=org)
    item = make_org_news(owner, org, title_en="Navruz in Paris")
    assert item.status == "pending"
    assert client.get(f"/news/{item.id}").status_code == 404
    assert "Navruz in Paris" not in client.get("/news/").get_data(as_text=True)
    moderation.decide(staff, item, "approve")
    assert "Navruz in Paris" in client.get("/news/").get_data(as_text=True)
    notes = db.session.scalars(sa.select(Notification).where(
        Notification.user_id == fan.id)).all()
    assert [n.kind for n in notes] == ["follows.news"]
    assert mailbox.last("fan@example.org")["Subject"] == "News from what you follow"


def test_only_publishers_of_an_approved_organisation_post_news(make_user, make_org,
                                                               make_org_news):
    owner = make_user()
    with pytest.raises(NotAllowed):
        make_org_news(make_user(), make_org(owner=owner))
    with pytest.raises(NotAllowed):
        make_org_news(owner, make_org(owner=owner, approved=False, name="Pending org"))


def test_editing_organisation_news_sends_it_back_to_review(make_user, make_org,
                                                          make_org_news, staff):
    from diaspora_platform.community.news import services

    owner = make_user()
    item = make_org_news(owner, make_org(owner=owner))
    moderation.decide(staff, item, "approve")
    data = news_data(("en",), title_en="Changed title")
    data.pop("category")
    assert services.update_news(owner, item, data) == "review"
    assert item.status == "pending"


def test_staff_pin_and_withdraw(client, auth, staff, make_news):
    item = make_news()
    auth.login_as(staff)
    client.post(f"/news/{item.id}/pin", data={"pinned": "1"})
    db.session.refresh(item)
    assert item.pinned
    client.post(f"/news/{item.id}/withdraw")
    db.session.refresh(item)
    assert item.status == "hidden"
    auth.logout()
    assert client.get(f"/news/{item.id}").status_code == 404


def _entries(response):
    root = ET.fromstring(response.data)
    return root, root.findall(f"{ATOM}entry")


@pytest.mark.parametrize("lang", ["tg", "ru", "en"])
def test_atom_feed_per_category_in_each_language(client, make_news, lang):
    make_news()
    make_news(langs=("en",), category="calls", title_en="A call")
    response = client.get(f"/news/announcements.atom?lang={lang}")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    root, entries = _entries(response)
    assert len(entries) == 1
    assert entries[0].find(f"{ATOM}title").text == TEXTS[lang][0]
    assert entries[0].get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert root.find(f"{ATOM}updated").text.endswith("Z")
    assert {link.get("hreflang") for link in entries[0].findall(f"{ATOM}link")} == {
        None, *({"tg", "ru", "en"} - {lang})}


def test_feed_leaves_out_what_is_not_public(client, make_user, make_org, make_org_news):
    owner = make_user()
    make_org_news(owner, make_org(owner=owner))
    _root, entries = _entries(client.get("/news/organisations.atom"))
    assert entries == []
    assert client.get("/news/unknown.atom").status_code == 404


def test_news_of_a_hidden_organisation_is_not_shown(client, make_user, make_org,
                                                  make_org_news, staff):
    owner = make_user()
    org = make_org(owner=owner)
    item = make_org_news(owner, org, title_en="Soon hidden")
    moderation.decide(staff, item, "approve")
    moderation.decide(staff, org, "hide", reason="spam")
    assert client.get(f"/news/{item.id}").status_code == 404
    assert "Soon hidden" not in client.get("/news/").get_data(as_text=True)


def test_news_is_found_by_search(client, make_news):
    item = make_news(langs=("tg",))
    found = client.get("/search.json?q=Истиқлолият&type=news").get_json()
    assert [r["url"] for r in found["results"]] == [f"/en/news/{item.id}"]
    page = client.get("/search?q=Истиқлолият&type=news").get_data(as_text=True)
    assert f'href="/en/news/{item.id}"' in page
