"""A small world of real objects (one of each kind a permission guards), made through the
services as members and staff make them; shared by the tests that walk many routes."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.community.events import registration
from diaspora_platform.community.events import services as events
from diaspora_platform.community.news import services as news
from diaspora_platform.community.resources import services as resources
from diaspora_platform.competitions import catalogue, editions, entries
from diaspora_platform.competitions.models import Competition
from diaspora_platform.directory import services as places
from diaspora_platform.extensions import db
from diaspora_platform.fund import campaigns, pledges
from diaspora_platform.moderation import services as moderation
from diaspora_platform.organisations import services as organisations
from diaspora_platform.projects import services as projects
from tests.community.conftest import PDF, news_data, resource_data, upload
from tests.competitions.conftest import edition_data
from tests.events.conftest import event_data
from tests.fixtures_organisations import org_data
from tests.fixtures_places import place_data
from tests.fund.conftest import campaign_data, pledge_data
from tests.projects.conftest import project_data


def build(make_user) -> dict:
    """Objects owned by "owner@example.org", approved unless said otherwise, keyed by kind;
    "ids" maps route argument names to their ids (`org_id` is a pending organisation)."""
    staff = make_user(email="council@example.org", role=Role.STAFF)
    owner = make_user(email="owner@example.org", display_name="Owner")
    attendee = make_user(email="attendee@example.org")
    pending_org = organisations.register_organisation(owner, org_data(name="Pending org"))
    org = organisations.register_organisation(owner, org_data(name="Listed org"))
    moderation.decide(staff, org, "approve")
    made = {"staff": staff, "owner": owner, "organisation": org, "pending_org": pending_org,
            "place": places.create_place(owner, org, place_data()),
            "event": events.create_event(owner, org, event_data()),
            "project": projects.create_project(owner, org, project_data())}
    data = news_data(("en",))
    data.pop("category")
    made["news"] = news.submit_organisation_news(owner, org, data)
    made["resource"] = resources.share_resource(owner, resource_data(), upload(PDF), org)
    for kind in ("place", "event", "project", "news", "resource"):
        moderation.decide(staff, made[kind], "approve")
    registration.register(attendee, made["event"])
    campaign = campaigns.save_campaign(staff, campaign_data())
    campaigns.transition_campaign(staff, campaign, "open", "draft")
    made["pledge"], _created = pledges.make_pledge(attendee, campaign, pledge_data())
    made["competition-entry"], edition = _entry(staff, owner)
    made["ids"] = {
        "org_id": pending_org.id, "place_id": made["place"].id, "event_id": made["event"].id,
        "project_id": made["project"].id, "item_id": made["news"].id,
        "campaign_id": campaign.id, "pledge_id": made["pledge"].id,
        "entry_id": made["competition-entry"].id, "edition_id": edition.id,
        "key": edition.competition.key, "year": edition.year, "user_id": owner.id,
        "type_key": "organisation"}
    return made


def _entry(staff, owner):
    """A submitted entry found eligible, in an open edition (its results not published)."""
    db.session.execute(sa.insert(Competition), catalogue.rows())
    competition = db.session.scalar(sa.select(Competition).filter_by(key="best-scientist"))
    edition = editions.save_edition(staff, competition, edition_data(questions=""))
    editions.transition(staff, edition, "open")
    entrant = entries.entrants_for(owner, edition)[0]
    entry = entries.create_entry(owner, edition, entrant.key, {
        "title": "Unpublished work", "statement": "About it.", "answers": []})
    entries.submit_entry(owner, entry)
    moderation.decide(staff, entry, "approve")
    return entry, edition
