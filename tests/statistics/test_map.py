"""The map page: what it counts, what it hides, its selector and its empty state."""

import re

from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db

EN = {"Accept-Language": "en"}


def table_rows(page: str) -> dict[str, str]:
    """Country -> count in the "By country" table (the text alternative)."""
    table = page[page.index('id="by-country"'):]
    rows = re.findall(r'<th scope="row"[^>]*>(?:<a [^>]*>)?([^<]+)(?:</a>)?</th>'
                      r'<td class="text-end">(?:<abbr [^>]*>)?([^<]+)', table)
    return dict(rows)


def get_map(client, measure=None, headers=EN) -> str:
    url = "/map" + (f"?measure={measure}" if measure else "")
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_map_counts_only_approved_organisations(client, make_org):
    make_org(country="FR")
    make_org(country="FR", name="Nur")
    make_org(country="FR", name="Waiting", approved=False)
    rejected = make_org(country="DE", name="Rejected", approved=False)
    rejected.status = "rejected"
    db.session.commit()
    assert table_rows(get_map(client)) == {"France": "2"}


def test_map_counts_only_public_places_of_approved_organisations(client, make_org,
                                                                   make_place):
    org = make_org(country="DE")
    make_place(org)
    make_place(org, name="Kitobkhona", kind="library", variant=None)
    make_place(org, name="Not reviewed", approved=False)
    make_place(org, name="Gone", operating="closed")
    make_place(org, name="Paused", operating="temporarily_closed")
    make_place(make_org(country="TR", name="Pending org", approved=False))
    assert table_rows(get_map(client, "places")) == {"Germany": "3"}


def test_members_count_only_when_their_country_is_public(client, make_members,
                                                          make_member):
    make_members(6, country="DE")
    make_member(country="DE", country_visibility="members")
    make_member(country="DE", country_visibility="private")
    make_member(country="DE", confirmed=False)
    make_member(country="DE", suspended_at=utcnow())
    make_member(country="DE", deleted_at=utcnow())
    make_member(country="DE", role="staff")
    assert table_rows(get_map(client, "members")) == {"Germany": "6"}


def test_fewer_than_five_members_are_shown_as_less_than_five(client, make_members):
    make_members(3, country="FR")
    make_members(5, country="DE")
    page = get_map(client, "members")
    assert table_rows(page) == {"Germany": "5", "France": "&lt;5"}
    assert "France: fewer than 5 members" in page  # the tooltip
    assert "France: 3" not in page and "3 members" not in page


def test_suppressed_countries_sort_by_name_not_by_their_hidden_counts(client, make_members):
    make_members(1, country="AT")
    make_members(4, country="NL")
    make_members(2, country="BE")
    assert list(table_rows(get_map(client, "members"))) == ["Austria", "Belgium",
                                                             "Netherlands"]


def test_members_map_legend_starts_with_fewer_than_five(client, make_members):
    make_members(2, country="FR")
    make_members(5, country="DE")
    page = get_map(client, "members")
    legend = page[page.index('class="map-legend'):page.index("</figcaption>")]
    assert "fewer than 5" in legend and "1 to 4" not in legend


def test_countries_too_small_for_the_map_are_listed_beside_it(client, make_org):
    make_org(country="SG", name="Singapore Tajiks")  # not drawn at 1:110m
    make_org(country="LU", name="Luxembourg Tajiks")  # drawn, but a few pixels
    make_org(country="FR")
    page = get_map(client)
    aside = page[page.index('id="hidden-title"'):page.index('id="by-country"')]
    assert "Singapore" in aside and "Luxembourg" in aside and "France" not in aside
    assert '<circle class="map-dot' in page  # Luxembourg still gets a marker


def test_countries_are_shaded_and_titled_on_the_map(client, make_org):
    make_org(country="FR")
    page = get_map(client)
    france = re.search(r'<path class="map-c (map-b\d)" d="[^"]+"><title>France: '
                       r'1 approved organisation</title>', page)
    assert france and france.group(1) != "map-b0"
    assert re.search(r'class="map-c map-b0" d="[^"]+"><title>Germany: 0 approved', page)


def test_selector_is_a_get_form_with_the_current_measure_selected(client):
    page = get_map(client, "places")
    form = page[page.index('<form method="get"', page.index("<main")):]
    form = form[:form.index("</form>")]
    assert 'name="measure"' in form
    assert re.search(r'<option value="places" selected>', form)
    assert 'value="members"' in form and 'value="organisations"' in form


def test_empty_map_says_so(client):
    page = get_map(client, "members")
    assert "No member has made their country public yet." in page
    assert "<svg" in page  # the map is still drawn, all in the "none" shade


def test_unknown_measure_is_a_bad_request_and_unknown_paths_are_not_found(client):
    assert client.get("/map?measure=passwords").status_code == 400
    assert client.get("/map/organisations").status_code == 404


def test_map_speaks_the_readers_language(client, make_org):
    make_org(country="RU", name="Vatan")
    assert "Russia" in get_map(client)
    ru = get_map(client, headers={"Accept-Language": "ru"})
    assert 'lang="ru"' in ru and "Россия" in ru
    tg = get_map(client, headers={"Accept-Language": "tg"})
    assert 'lang="tg"' in tg and "Русия" in tg


def test_organisation_counts_link_to_the_directory_of_that_country(client, make_org):
    make_org(country="FR")
    assert 'href="/en/organisations/?country=FR"' in get_map(client)


def test_cached_map_carries_nothing_of_the_viewer_who_filled_the_cache(app, client, auth,
                                                                       make_member):
    member = make_member(display_name="Zarina Unique")
    auth.login(member.email)
    assert "Zarina Unique" in get_map(client, "members")  # in the menu of her own page
    anonymous = get_map(app.test_client(), "members")
    assert "Zarina Unique" not in anonymous and "Sign in" in anonymous


def test_visibility_is_stored_in_the_form_the_counts_query_matches(make_member):
    """queries.public_country matches the text User.visibility writes; if that format
    changes, this fails instead of the map silently losing every member."""
    from diaspora_platform.statistics.queries import PUBLIC_COUNTRY_JSON

    shown = make_member(country_visibility="public")
    assert PUBLIC_COUNTRY_JSON in shown.visibility_json
    for level in ("members", "private"):
        assert PUBLIC_COUNTRY_JSON not in make_member(country_visibility=level).visibility_json
    shown.visibility = {"city": "public", "country": "private"}
    assert PUBLIC_COUNTRY_JSON not in shown.visibility_json
