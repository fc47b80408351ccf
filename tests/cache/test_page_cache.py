"""Anonymous readers get cached pages, yet never a page that shows hidden or outdated
content: hiding, rejecting or editing an item through the real services refreshes them."""

import sqlalchemy as sa

from diaspora_platform.community.events import services as events
from diaspora_platform.community.news import services as news
from diaspora_platform.extensions import db
from diaspora_platform.fund import campaigns, pledges
from diaspora_platform.moderation import services as moderation
from diaspora_platform.organisations.models import Organisation
from tests.community.conftest import news_data
from tests.events.conftest import event_data, org_owner
from tests.fund.conftest import campaign_data

HIDE = {"decision": "hide", "reason": "inaccurate"}


def page(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return response.get_data(as_text=True) if response.status_code == 200 else ""


def test_a_second_anonymous_read_comes_from_the_cache(client, make_org):
    org = make_org(name="Cached Society")
    first = page(client, "/organisations/")
    # A change that bypasses the services (and so the change events) is not seen: the
    # page really is served from the cache.
    db.session.execute(sa.update(Organisation).where(Organisation.id == org.id)
                       .values(name="Renamed Quietly"))
    db.session.commit()
    assert "Cached Society" in first
    assert "Cached Society" in page(client, "/organisations/")
    assert client.get("/organisations/").headers.getlist("Set-Cookie") == []


def test_each_response_gets_a_fresh_nonce(client):
    first, second = client.get("/"), client.get("/")
    nonces = [r.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
              for r in (first, second)]
    assert nonces[0] != nonces[1]
    for response, nonce in zip((first, second), nonces, strict=True):
        assert f'nonce="{nonce}"' in response.get_data(as_text=True)


def test_signed_in_readers_are_not_served_the_visitors_page(client, auth, make_user, make_org):
    make_org(name="Cached Society")
    page(client, "/organisations/")
    user = make_user(display_name="Farrukh Signed")
    auth.login_as(user)
    assert "Farrukh Signed" in page(client, "/organisations/")


def test_languages_are_cached_apart(client, make_org):
    make_org(name="Cached Society")
    assert '<html lang="en">' in page(client, "/")
    assert '<html lang="ru">' in client.get("/", headers={"Accept-Language": "ru"}).get_data(
        as_text=True)


def test_hidden_organisation_leaves_its_page_and_the_list(client, make_org, staff):
    org = make_org(name="Cached Society")
    for url in ("/organisations/", f"/organisations/{org.id}", "/"):
        page(client, url)
    assert "Cached Society" in page(client, f"/organisations/{org.id}")
    moderation.decide(staff, org, **HIDE)
    assert "Cached Society" not in page(client, "/organisations/")
    assert client.get(f"/organisations/{org.id}").status_code == 404


def test_hidden_place_leaves_its_page_and_the_directory(client, make_place, staff):
    place = make_place(name="Maktabi Cached")
    assert "Maktabi Cached" in page(client, "/directory/")
    assert "Maktabi Cached" in page(client, f"/directory/{place.id}")
    moderation.decide(staff, place, **HIDE)
    assert "Maktabi Cached" not in page(client, "/directory/")
    assert client.get(f"/directory/{place.id}").status_code == 404


def test_hidden_news_leaves_the_news_pages_and_home(client, make_news, staff):
    item = make_news(title_en="Cached announcement")
    for url in ("/news/", f"/news/{item.id}", "/"):
        page(client, url)
    assert "Cached announcement" in page(client, f"/news/{item.id}")
    moderation.decide(staff, item, **HIDE)
    assert "Cached announcement" not in page(client, "/news/")
    assert "Cached announcement" not in page(client, "/")
    assert client.get(f"/news/{item.id}").status_code == 404


def test_edited_news_shows_the_new_title(client, make_news, staff):
    item = make_news(title_en="Cached announcement")
    assert "Cached announcement" in page(client, f"/news/{item.id}")
    news.update_news(staff, item, news_data(title_en="Corrected announcement"))
    assert "Corrected announcement" in page(client, f"/news/{item.id}")
    assert "Corrected announcement" in page(client, "/news/")


def test_hidden_event_leaves_its_page_and_the_list(client, make_event, staff):
    event = make_event(title="Cached Navruz")
    assert "Cached Navruz" in page(client, "/events/")
    assert "Cached Navruz" in page(client, f"/events/{event.id}")
    moderation.decide(staff, event, **HIDE)
    assert "Cached Navruz" not in page(client, "/events/")
    assert client.get(f"/events/{event.id}").status_code == 404


def test_edited_event_shows_the_new_place(client, make_event):
    event = make_event(title="Cached Navruz")
    assert "Cached Navruz" in page(client, f"/events/{event.id}")
    events.update_event(org_owner(event.organisation), event,
                        event_data(title="Cached Navruz", address="7 rue Cachée"))
    assert "7 rue Cachée" in page(client, f"/events/{event.id}")


def test_hidden_project_leaves_the_project_list(client, make_project, staff):
    project = make_project(title="Cached orchards")
    assert "Cached orchards" in page(client, "/projects/")
    moderation.decide(staff, project, **HIDE)
    assert "Cached orchards" not in page(client, "/projects/")


def test_campaign_edit_and_pledges_refresh_the_fund_pages(client, make_campaign,
                                                           make_pledge, staff):
    campaign = make_campaign(title_en="Cached school")
    assert "Cached school" in page(client, "/fund/")
    before = page(client, f"/fund/{campaign.id}")
    campaigns.save_campaign(staff, campaign_data(title_en="Renamed school"), campaign)
    assert "Renamed school" in page(client, "/fund/")
    assert "Renamed school" in page(client, f"/fund/{campaign.id}")
    pledge = make_pledge(campaign, amount="5000")
    pledges.confirm_pledge(staff, pledge, "BANK-1", pledge.created_at.date())
    after = page(client, f"/fund/{campaign.id}")
    assert "5,000" in after and "5,000" not in before


def test_a_change_made_by_another_worker_refreshes_this_one(app, app_factory, client,
                                                          make_org, staff):
    org = make_org(name="Cached Society")
    keys = ("PAGE_CACHE_ENABLED", "PAGE_CACHE_REDIS_URL", "PAGE_CACHE_PREFIX")
    other_worker = app_factory(**{key: app.config[key] for key in keys})
    assert "Cached Society" in page(client, "/organisations/")
    with other_worker.app_context():
        moderation.decide(db.session.merge(staff), db.session.merge(org), **HIDE)
    assert "Cached Society" not in page(client, "/organisations/")


def test_competitions_page_follows_the_editions(client, make_user):
    from diaspora_platform.accounts.vocabulary import Role
    from diaspora_platform.competitions import catalogue, editions
    from diaspora_platform.competitions.models import Competition
    from tests.competitions.conftest import edition_data

    db.session.execute(sa.insert(Competition), catalogue.rows())
    db.session.commit()
    staff = make_user(role=Role.STAFF)
    before = page(client, "/competitions/")
    competition = db.session.scalar(sa.select(Competition).where(
        Competition.key == "best-scientist"))
    edition = editions.save_edition(staff, competition, edition_data(questions=""))
    editions.transition(staff, edition, "open")
    assert page(client, "/competitions/") != before
