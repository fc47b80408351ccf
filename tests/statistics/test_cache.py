"""The map and statistics are computed once and rebuilt after a change."""

import sqlalchemy as sa

from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation
from tests.statistics.test_map import EN, get_map, table_rows


def builds(app) -> int:
    return app.extensions["statistics_cache"].builds


def test_second_view_is_served_from_the_cache(app, client, make_org):
    make_org(country="FR")
    get_map(client)
    before = builds(app)
    get_map(client)
    assert builds(app) == before


def test_approving_an_organisation_updates_the_cached_map(app, client, make_org):
    make_org(country="FR")
    pending = make_org(country="FR", name="Nur", approved=False)
    assert table_rows(get_map(client)) == {"France": "1"}
    pending.status = ModerationStatus.APPROVED
    db.session.commit()
    assert table_rows(get_map(client)) == {"France": "2"}


def test_hiding_an_organisation_removes_its_places_from_the_cached_map(client, make_place):
    place = make_place(country="DE")
    assert table_rows(get_map(client, "places")) == {"Germany": "1"}
    place.organisation.status = ModerationStatus.HIDDEN
    db.session.commit()
    assert table_rows(get_map(client, "places")) == {}


def test_a_member_hiding_their_country_updates_the_cached_map(client, make_members):
    members = make_members(5, country="DE")
    assert table_rows(get_map(client, "members")) == {"Germany": "5"}
    members[0].visibility = {"country": "private"}
    db.session.commit()
    assert table_rows(get_map(client, "members")) == {"Germany": "&lt;5"}


def test_deleting_a_row_updates_the_cached_map(client, make_org):
    make_org(country="FR")
    doomed = make_org(country="FR", name="Nur")
    assert table_rows(get_map(client)) == {"France": "2"}
    db.session.delete(doomed)
    db.session.commit()
    assert table_rows(get_map(client)) == {"France": "1"}


def test_statistics_page_is_rebuilt_after_a_change(client, make_org):
    make_org(country="FR")
    assert "1" in client.get("/statistics", headers=EN).get_data(as_text=True)
    first = client.get("/statistics.csv").get_data(as_text=True)
    make_org(country="KZ", name="Samo")
    second = client.get("/statistics.csv").get_data(as_text=True)
    assert first != second and "KZ,Kazakhstan,1," in second.replace("\ufeff", "")


def test_entries_older_than_the_maximum_age_are_rebuilt(app_factory):
    app = app_factory(STATISTICS_CACHE_SECONDS=0)
    with app.app_context():
        client = app.test_client()
        get_map(client)
        before = builds(app)
        get_map(client)
        assert builds(app) > before


def test_a_sign_in_rereads_the_counts_but_does_not_redraw_the_map(app, client, make_members):
    members = make_members(5, country="DE")
    get_map(client, "members")
    before = builds(app)
    members[0].last_login_at = utcnow()  # moves users.updated_at, changes no count
    db.session.commit()
    assert table_rows(get_map(client, "members")) == {"Germany": "5"}
    assert builds(app) == before + 1  # the counts, not the rendered map


def test_writes_from_elsewhere_are_seen_through_the_version_key(app_factory):
    """Another worker's commit fires no listener here: the version key catches it."""
    app = app_factory(STATISTICS_CHECK_SECONDS=0)
    client = app.test_client()
    with app.app_context():
        db.session.execute(sa.insert(Organisation), [org_row("FR")])
        db.session.commit()
        assert table_rows(get_map(client)) == {"France": "1"}
        db.session.execute(sa.insert(Organisation), [org_row("FR")])  # no ORM, no listener
        db.session.commit()
        assert table_rows(get_map(client)) == {"France": "2"}


def org_row(country: str) -> dict:
    now = utcnow()
    return {"name": "Core", "name_key": "core", "kind": "association", "country": country,
            "city": "Paris", "status": ModerationStatus.APPROVED, "submitted_at": now,
            "created_at": now, "updated_at": now}
