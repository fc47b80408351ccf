"""Lists' totals and facet counts are kept between requests, yet never show a figure after
the content behind it changed: hiding, adding, archiving or moving an item through the
real services refreshes them, and so does the clock for the events' upcoming/past split."""

import re
import time
from datetime import timedelta

import sqlalchemy as sa

from diaspora_platform import table_cache
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.admin import services as admin
from diaspora_platform.assistance import queries as assistance_queries
from diaspora_platform.assistance import services as assistance
from diaspora_platform.community.events import queries as events
from diaspora_platform.database import utcnow
from diaspora_platform.directory import queries as places
from diaspora_platform.experts import queries as expert_queries
from diaspora_platform.experts.models import ExpertProfile
from diaspora_platform.extensions import db
from diaspora_platform.moderation import queue
from diaspora_platform.moderation import services as moderation
from diaspora_platform.notifications import services as notifications
from diaspora_platform.official import queries as official_queries
from diaspora_platform.official import services as official
from diaspora_platform.organisations import queries as organisations
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.projects import queries as projects
from tests.assistance.conftest import request_data
from tests.official.conftest import office_data

HIDE = {"decision": "hide", "reason": "inaccurate"}
BADGE = re.compile(r'<span class="badge text-bg-danger">(\d+)<')


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_a_total_is_kept_until_its_table_changes(app, make_org):
    make_org(name="Kept Society")
    filters = organisations.Filters()
    assert organisations.directory(filters)[1] == 1
    # Written behind the session's back: the kept figure is used (it really is kept) ...
    with db.engine.begin() as conn:
        conn.execute(sa.update(Organisation).values(status="hidden"))
    assert organisations.directory(filters)[1] == 1
    # ... until the writer says which table it changed.
    table_cache.changed("organisations")
    assert organisations.directory(filters)[1] == 0


def test_a_rolled_back_change_keeps_the_figure(app, make_org):
    org = make_org(name="Kept Society")
    stamp = table_cache.stamp("organisations")
    org.name = "Never Saved"
    db.session.flush()
    db.session.rollback()
    assert table_cache.stamp("organisations") == stamp


def test_another_worker_sees_the_change(app, app_factory, make_org, staff):
    org = make_org(name="Kept Society")
    keys = ("PAGE_CACHE_ENABLED", "PAGE_CACHE_REDIS_URL", "PAGE_CACHE_PREFIX")
    other = app_factory(**{key: app.config[key] for key in keys})
    with other.app_context():
        assert organisations.directory(organisations.Filters())[1] == 1
    moderation.decide(staff, org, **HIDE)
    with other.app_context():
        assert organisations.directory(organisations.Filters())[1] == 0


def test_organisation_total_and_facets_follow_moderation(client, make_org, staff):
    make_org(name="First Society", country="FR")
    second = make_org(name="Second Society", country="DE")
    assert "2 organisations" in text(client, "/organisations/")
    assert organisations.facet_counts(organisations.Filters(), "country") == {"FR": 1, "DE": 1}
    moderation.decide(staff, second, **HIDE)
    assert "1 organisation" in text(client, "/organisations/")
    assert organisations.facet_counts(organisations.Filters(), "country") == {"FR": 1}
    make_org(name="Third Society", country="FR")
    assert "2 organisations" in text(client, "/organisations/")
    assert organisations.facet_counts(organisations.Filters(), "country") == {"FR": 2}


def test_place_total_and_facets_follow_moderation(client, make_place, staff):
    make_place(name="Maktabi Yak")
    second = make_place(name="Maktabi Du")
    assert "2 places" in text(client, "/directory/")
    kinds = places.facet_counts(places.Filters(), "kind")
    assert sum(kinds.values()) == 2
    moderation.decide(staff, second, **HIDE)
    assert "1 place" in text(client, "/directory/")
    assert sum(places.facet_counts(places.Filters(), "kind").values()) == 1


def test_place_total_follows_its_organisation(client, make_place, staff):
    place = make_place(name="Maktabi Yak")
    assert "1 place" in text(client, "/directory/")
    moderation.decide(staff, place.organisation, **HIDE)
    assert "0 places" in text(client, "/directory/")


def test_event_total_follows_moderation(client, make_event, staff):
    make_event(title="Navruz One")
    second = make_event(title="Navruz Two")
    assert "2 events" in text(client, "/events/")
    moderation.decide(staff, second, **HIDE)
    assert "1 event" in text(client, "/events/")


def test_an_event_that_ends_moves_from_upcoming_to_past(app, make_event, make_org, staff):
    """The organisation and staff exist before the clock starts (they are the slow part)."""
    org = make_org(name="Organisers")
    start = utcnow() + timedelta(seconds=3)
    end = start + timedelta(seconds=1)
    make_event(org=org, title="Ending Soon", starts_at=start, ends_at=end)
    upcoming, past = events.Filters(), events.Filters(when="past")
    assert (events.listing(upcoming)[1], events.listing(past)[1]) == (1, 0)
    # No table changes from here: only the clock moves the event into the past.
    time.sleep(max((end - utcnow()).total_seconds(), 0) + 0.5)
    assert (events.listing(upcoming)[1], events.listing(past)[1]) == (0, 1)


def test_project_total_follows_moderation(app, make_project, staff):
    make_project(title="Irrigation One")
    second = make_project(title="Irrigation Two")
    assert projects.listing(projects.Filters())[1] == 2
    moderation.decide(staff, second, **HIDE)
    assert projects.listing(projects.Filters())[1] == 1


def test_expert_roster_total_follows_visibility(app, make_expert, make_user):
    expert = make_expert(display_name="Expert One", visibility="members")
    viewer = make_user(display_name="Reader")
    assert expert_queries.roster(expert_queries.Filters(), viewer)[1] == 1
    profile = db.session.scalar(sa.select(ExpertProfile).where(
        ExpertProfile.user_id == expert.id))
    profile.visibility = "project_owners"
    db.session.commit()
    assert expert_queries.roster(expert_queries.Filters(), viewer)[1] == 0


def test_office_total_follows_archiving(app, staff):
    first = official.create_office(staff, office_data(name_en="Embassy One"))
    official.create_office(staff, office_data(name_en="Embassy Two"))
    assert official_queries.offices(official_queries.Filters())[1] == 2
    official.archive_office(staff, first)
    assert official_queries.offices(official_queries.Filters())[1] == 1


def test_admin_user_total_follows_new_accounts(app, make_user):
    make_user(display_name="Member One")
    before = admin.list_users()[1]
    make_user(display_name="Member Two")
    assert admin.list_users()[1] == before + 1
    assert admin.list_users(role=Role.STAFF)[1] == 0


def test_assistance_total_and_status_counts_follow_status(app, make_user):
    staff = make_user(email="helper@example.org", role=Role.STAFF)
    req, _ = assistance.submit_request(make_user(), request_data())
    filters = assistance_queries.Filters()
    assert assistance_queries.dashboard(filters, staff)[1] == 1
    counts = assistance_queries.status_counts(filters, staff)
    assert counts[str(req.status)] == 1
    assistance.change_status(staff, req, "declined", "We cannot help with this one.")
    counts = assistance_queries.status_counts(filters, staff)
    assert counts["declined"] == 1 and sum(counts.values()) == 1
    declined = assistance_queries.Filters(status="declined")
    assert assistance_queries.dashboard(declined, staff)[1] == 1


def test_moderation_queue_total_follows_decisions(app, make_org, staff):
    org = make_org(name="Waiting Society", approved=False)
    make_org(name="Also Waiting", approved=False)
    assert queue.pending()[1] == 2
    assert queue.pending_count() == 2
    moderation.decide(staff, org, "approve")
    assert queue.pending()[1] == 1
    assert queue.pending_count() == 1


def test_organisation_export_tag_moves_with_every_change(client, make_org, staff):
    org = make_org(name="Exported Society")
    first = client.get("/organisations.json").headers["ETag"]
    assert client.get("/organisations.json").headers["ETag"] == first
    assert client.get("/organisations.json",
                      headers={"If-None-Match": first}).status_code == 304
    moderation.decide(staff, org, **HIDE)
    second = client.get("/organisations.json").headers["ETag"]
    assert second != first
    assert client.get("/organisations.json",
                      headers={"If-None-Match": first}).status_code == 200
    db.session.delete(db.session.get(Organisation, org.id))
    db.session.commit()
    assert client.get("/organisations.json").headers["ETag"] != second


def test_the_menus_unread_count_follows_new_and_read_notifications(client, auth, make_user):
    user = make_user(display_name="Reader")
    notifications.notify(user, "follows.news", link="/news/1", email=False, source="Ravzana",
                         title="Navruz")
    db.session.commit()
    auth.login_as(user)
    assert BADGE.findall(text(client, "/news/")) == ["1"]
    notifications.notify(user, "follows.event", link="/events/1", email=False,
                         source="Ravzana", title="Concert")
    db.session.commit()
    assert BADGE.findall(text(client, "/news/")) == ["2"]
    client.post("/notifications/read")
    assert BADGE.findall(text(client, "/news/")) == []


def test_the_event_country_filter_follows_moderation(app, make_event, staff):
    make_event(title="Navruz in Paris", country="FR")
    berlin = make_event(title="Navruz in Berlin", country="DE", city="Berlin")
    assert sorted(events.countries_with_events()) == ["DE", "FR"]
    moderation.decide(staff, berlin, **HIDE)
    assert events.countries_with_events() == ["FR"]
