"""Nothing reaches the API that the web page would not show an anonymous visitor: for each
dataset, what the page hides (pending or hidden items, members-only fields, contacts, the
names of anonymous pledgers) is absent from the list and the item alike."""

from __future__ import annotations

from diaspora_platform.community.news import services as news_services
from diaspora_platform.extensions import db
from diaspora_platform.fund import campaigns
from diaspora_platform.moderation import services as moderation
from tests.api.conftest import ids, item
from tests.experts.helpers import make_profile
from tests.fund.conftest import campaign_data, pledge_data


def hidden_everywhere(client, dataset: str, item_id: int, page: str) -> None:
    """The page answers 404 to a visitor, and the API neither lists nor gives the item."""
    assert client.get(page).status_code == 404
    assert item_id not in ids(client, dataset)
    assert item(client, dataset, item_id).status_code == 404


def shown_everywhere(client, dataset: str, item_id: int, page: str) -> dict:
    assert client.get(page).status_code == 200
    assert item_id in ids(client, dataset)
    response = item(client, dataset, item_id)
    assert response.status_code == 200
    return response.get_json()["data"]


def test_pending_organisation_stays_out_and_approved_one_shows_its_public_contacts(
        client, made):
    pending, listed = made["pending_org"], made["organisation"]
    hidden_everywhere(client, "organisations", pending.id, f"/organisations/{pending.id}")
    data = shown_everywhere(client, "organisations", listed.id, f"/organisations/{listed.id}")
    page = client.get(f"/organisations/{listed.id}").get_data(as_text=True)
    assert data["contact_email"] in page and data["contact_phone"] in page
    assert "members" not in data and "possible_duplicates" not in data


def test_place_waiting_for_review_is_hidden(client, made, make_place):
    waiting = make_place(org=made["organisation"], approved=False)
    hidden_everywhere(client, "places", waiting.id, f"/directory/{waiting.id}")
    shown_everywhere(client, "places", made["place"].id, f"/directory/{made['place'].id}")


def test_event_never_gives_its_online_link(client, made):
    event = made["event"]
    event.is_online, event.online_url = True, "https://meet.example/secret-room"
    db.session.commit()
    data = shown_everywhere(client, "events", event.id, f"/events/{event.id}")
    assert "secret-room" not in str(data)
    assert "secret-room" not in client.get("/api/v1/events").get_data(as_text=True)
    assert "secret-room" not in client.get("/api/v1/events.csv").get_data(as_text=True)


def test_hidden_news_disappears(client, made):
    news = made["news"]
    shown_everywhere(client, "news", news.id, f"/news/{news.id}")
    moderation.decide(made["staff"], news, "hide", "spam")
    hidden_everywhere(client, "news", news.id, f"/news/{news.id}")


def test_withdrawn_resource_disappears(client, made):
    resource = made["resource"]
    shown_everywhere(client, "resources", resource.id, f"/resources/{resource.id}")
    moderation.decide(made["staff"], resource, "hide", "inaccurate")
    hidden_everywhere(client, "resources", resource.id, f"/resources/{resource.id}")


def test_project_contact_person_is_left_out(client, made):
    project = made["project"]
    data = shown_everywhere(client, "projects", project.id, f"/projects/{project.id}")
    text = str(data)
    assert project.contact_email not in text and project.contact_name not in text
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert project.contact_email not in page  # the page's own rule, which the API follows


def test_unpublished_results_and_draft_editions_stay_out(client, made):
    entry = made["competition-entry"]
    edition = entry.edition
    data = shown_everywhere(client, "competitions", edition.id,
                            f"/competitions/{edition.competition.key}/{edition.year}")
    assert data["results"] == [] and "Unpublished work" not in str(data)
    edition.state = "draft"
    db.session.commit()
    hidden_everywhere(client, "competitions", edition.id,
                      f"/competitions/{edition.competition.key}/{edition.year}")


def test_expert_profiles_for_members_only_stay_out(client, make_user):
    private = make_profile(make_user(), visibility="members")
    hidden_everywhere(client, "experts", private.id, f"/experts/{private.id}")


def test_expert_profile_gives_only_the_fields_its_member_made_public(client, make_user):
    member = make_user(country="DE", city="Bonn", email="hydro@example.org")
    member.visibility = {"country": "public", "city": "members"}
    db.session.commit()
    profile = make_profile(member, visibility="public")
    data = shown_everywhere(client, "experts", profile.id, f"/experts/{profile.id}")
    assert data["country"] == "DE"
    assert data["city"] is None and "Bonn" not in str(data)
    assert "hydro@example.org" not in str(data)


def test_draft_campaign_stays_out(client, made):
    draft = campaigns.save_campaign(made["staff"], campaign_data())
    hidden_everywhere(client, "campaigns", draft.id, f"/fund/{draft.id}")


def test_ledger_names_only_pledgers_who_chose_to_be_named(client, made, make_user):
    from diaspora_platform.fund import pledges

    campaign = made["pledge"].campaign
    shy = make_user(display_name="Shy Donor")
    pledges.make_pledge(shy, campaign, pledge_data(show_as="anonymous"))
    rows = client.get("/api/v1/ledger", query_string={"limit": 100}).get_json()["data"]
    names = {row["name"] for row in rows}
    assert "Shy Donor" not in names and "anonymous" in names
    assert made["pledge"].user.display_name in names
    page = client.get("/fund/ledger").get_data(as_text=True)
    assert "Shy Donor" not in page


def test_moderation_log_has_no_names_notes_or_approvals(client, made):
    news = made["news"]
    moderation.decide(made["staff"], news, "hide", "spam", note="Staff-only note")
    rows = client.get("/api/v1/moderation-log").get_json()["data"]
    assert [row["decision"] for row in rows] == ["hide"]
    text = str(rows)
    assert "Staff-only note" not in text and "council@example.org" not in text
    assert "staff_id" not in rows[0] and "object_id" not in rows[0]


def test_withdrawn_news_item_is_gone(client, made):
    news = made["news"]
    news_services.withdraw_news(made["owner"], news)
    hidden_everywhere(client, "news", news.id, f"/news/{news.id}")
