"""The /experts/ roster: visibility, filters, pagination, empty states."""

import re

import pytest
import sqlalchemy as sa

from diaspora_platform.experts import queries as expert_queries
from diaspora_platform.extensions import db
from tests.experts.helpers import make_profile
from tests.paging import link, walk


def _names(response) -> set[str]:
    html = response.get_data(as_text=True)
    return {word for word in html.split('"') if word.startswith("/experts/")
            and word[9:].isdigit()}


@pytest.fixture
def roster(make_user):
    return {
        "public": make_profile(make_user(display_name="Parvina Public"), visibility="public",
                               skills=("hydrology", "gis"), languages=["tg", "ru"],
                               hours_per_month=40, mode="onsite", sectors=["engineering"]),
        "members": make_profile(make_user(display_name="Mahmud Members"),
                                visibility="members", skills=("accounting",),
                                languages=["ru", "en"], hours_per_month=5, mode="remote",
                                sectors=["finance"]),
        "owners": make_profile(make_user(display_name="Olim Owners"),
                               visibility="project_owners", skills=("hydrology",)),
    }


def test_anonymous_visitors_see_public_profiles_only(client, roster):
    response = client.get("/experts/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Parvina Public" in html
    assert "Mahmud Members" not in html and "Olim Owners" not in html
    assert "Some experts show their profile to signed-in members only." in html


def test_members_see_members_profiles_too(client, auth, make_user, roster):
    auth.login_as(make_user())
    html = client.get("/experts/").get_data(as_text=True)
    assert "Parvina Public" in html and "Mahmud Members" in html
    assert "Olim Owners" not in html


@pytest.mark.parametrize("query, expected", [
    ("skill=hydrology", {"Parvina Public"}),
    ("skill=accounting", {"Mahmud Members"}),
    ("sector=finance", {"Mahmud Members"}),
    ("sector=agriculture", set()),
    ("language=en", {"Mahmud Members"}),
    ("language=tg", {"Parvina Public"}),
    ("hours=20", {"Parvina Public"}),
    ("mode=remote", {"Mahmud Members"}),
    ("mode=onsite", {"Parvina Public"}),
    ("skill=hydrology&mode=remote", set()),
    ("skill=astrology&hours=7&mode=x&page=-3&sort=evil", {"Parvina Public",
                                                          "Mahmud Members"}),
])
def test_filters(client, auth, make_user, roster, query, expected):
    auth.login_as(make_user())
    response = client.get(f"/experts/?{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    shown = {name for name in ("Parvina Public", "Mahmud Members") if name in html}
    assert shown == expected
    if not expected:
        assert "No expert matches these filters." in html


def test_sector_filter_also_finds_experts_by_their_skills(client, make_user):
    make_profile(make_user(display_name="Sector By Skill"), skills=("hydropower",),
                 sectors=[])
    assert "Sector By Skill" in client.get("/experts/?sector=energy").get_data(as_text=True)


def test_empty_roster(client):
    html = client.get("/experts/").get_data(as_text=True)
    assert "No expert profile is listed yet." in html


def test_pagination_and_a_constant_number_of_queries(client, make_user, monkeypatch):
    for i in range(expert_queries.PAGE_SIZE + 5):
        make_profile(make_user(display_name=f"Expert Number {i:02d}"),
                     hours_per_month=(i // 2) * 5, years_experience=i // 3)
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    newest_first = [f"Expert Number {i:02d}" for i in range(24, -1, -1)]
    for sort in ("updated", "hours", "experience"):
        pages = walk(client, f"/experts/?sort={sort}&language=ru")
        found = [n for page in pages for n in re.findall(r"Expert Number \d\d", page)]
        assert len(pages) == 2 and found == newest_first, sort
        assert pages[0].count('class="card h-100 expert-card"') == 20
        back = client.get(link(pages[1], "prev")).get_data(as_text=True)
        assert re.findall(r"Expert Number \d\d", back) == newest_first[:20], sort
    assert not walk(client, "/experts/?language=en")[0].count("Expert Number")
    counts = []
    client.get("/experts/")  # the roster's total is kept between requests: count it first
    for size in (5, 20):
        monkeypatch.setattr(expert_queries, "PAGE_SIZE", size)
        statements.clear()
        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            client.get("/experts/")
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        counts.append(len(statements))
    assert counts[0] == counts[1], "statements grow with the page size (N+1)"


def test_the_roster_speaks_tajik_and_russian(client, roster):
    for lang in ("tg", "ru"):
        response = client.get("/experts/", headers={"Accept-Language": lang})
        assert response.status_code == 200 and f'lang="{lang}"' in response.get_data(
            as_text=True)


def test_a_hidden_profile_page_is_a_404(client, auth, make_user, roster):
    assert client.get(f"/experts/{roster['members'].id}").status_code == 404
    assert client.get(f"/experts/{roster['public'].id}").status_code == 200
    auth.login_as(make_user())
    assert client.get(f"/experts/{roster['members'].id}").status_code == 200
    assert client.get(f"/experts/{roster['owners'].id}").status_code == 404
    assert client.get("/experts/999999").status_code == 404
