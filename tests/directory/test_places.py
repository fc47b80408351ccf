"""Listing places, review, the public directory, editing, closing, open data."""

import csv
import io
import json
import re

import pytest
import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.directory.models import Place
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.organisations import membership
from diaspora_platform.search import service as search
from diaspora_platform.text import phonetic_key
from tests.fixtures_places import place_form
from tests.paging import link, walk

EN = {"Accept-Language": "en"}


def places_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Place.id)))


def test_owner_lists_a_place_that_waits_for_review(client, auth, make_user, make_org):
    owner = make_user()
    org = make_org(owner=owner)
    auth.login(owner.email)
    response = client.post("/directory/new", data={**place_form(), "organisation": org.id})
    assert response.status_code == 302
    place = db.session.scalar(sa.select(Place))
    assert (place.status, place.organisation_id, place.kind, place.variant) == (
        "pending", org.id, "school", "weekend")
    assert place.languages == "tg,ru" and place.audiences == "children"
    assert [e.action for e in audit.recent()][0] == "place.listed"
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Waiting for review" in page
    public = client.application.test_client()
    assert public.get(f"/directory/{place.id}").status_code == 404
    assert "Рӯдакӣ" not in public.get("/directory/").get_data(as_text=True)


def test_the_organisation_choice_names_each_organisation_in_the_readers_language(
        client, auth, make_user, make_org):
    owner = make_user()
    make_org(owner=owner, name="Ravzana", name_tg="Равзана", name_ru="Равзана (Франция)")
    auth.login(owner.email)
    tajik = client.get("/tg/directory/new").get_data(as_text=True)
    russian = client.get("/ru/directory/new").get_data(as_text=True)
    assert ">Равзана</option>" in tajik
    assert ">Равзана (Франция)</option>" in russian
    assert ">Ravzana</option>" in client.get("/en/directory/new").get_data(as_text=True)


def test_approved_place_is_public_everywhere(app, make_place):
    place = make_place()
    public = app.test_client()
    listing = public.get("/directory/", headers=EN).get_data(as_text=True)
    assert "Мактаби Рӯдакӣ" in listing and "1 place" in listing
    page = public.get(f"/directory/{place.id}", headers=EN).get_data(as_text=True)
    assert "Weekend school" in page and "Verified by the Coordination Council" in page
    assert "<strong>children</strong>" in page  # sanitised Markdown
    org_page = public.get(f"/organisations/{place.organisation_id}").get_data(as_text=True)
    assert f"/directory/{place.id}" in org_page
    assert [h.title for h in search.search("Rudaki").hits] == ["Мактаби Рӯдакӣ"]
    assert [h.title for h in search.search("мактаб Москва").hits] == ["Мактаби Рӯдакӣ"]


def test_member_cannot_list_a_place_for_an_organisation_they_do_not_edit(
        client, auth, make_user, make_org):
    org = make_org()
    outsider = make_user()
    other_org = make_org(owner=outsider, name="Outsider Club")
    auth.login(outsider.email)
    page = client.post("/directory/new", headers=EN,
                       data={**place_form(), "organisation": org.id}).get_data(as_text=True)
    assert "Not a valid choice" in page and places_count() == 0
    assert f'value="{other_org.id}"' in page and f'value="{org.id}"' not in page


def test_plain_member_of_an_organisation_cannot_list_places(client, auth, make_user,
                                                            make_org):
    org = make_org()
    member = make_user()
    joined = membership.request_to_join(member, org, None)
    membership.accept_request(db.session.get(type(member), org.created_by_id), joined, "member")
    auth.login(member.email)
    page = client.get("/directory/new", headers=EN).get_data(as_text=True)
    assert "You need to be an owner, administrator or editor" in page


@pytest.mark.parametrize("overrides, message", [
    ({"latitude": "95", "longitude": "10"}, "Latitude must be between -90 and 90"),
    ({"latitude": "40", "longitude": ""}, "Give both latitude and longitude"),
    ({"age_min": "14", "age_max": "6"}, "The lowest age cannot be above the highest"),
    ({"age_max": "200"}, "Enter an age between 0 and 120"),
    ({"capacity": "0"}, "Enter a number between 1 and 100000"),
    ({"is_free": False, "fee_amount": "500", "fee_currency": ""},
     "Choose the currency of the fee"),
    ({"is_free": False, "fee_amount": "", "fee_currency": "RUB"},
     "Give the fee, or mark the place free"),
    ({"kind": "library", "variant": ""}, None),
    ({"kind": "course", "variant": "weekend"}, "Choose what kind of school or course"),
    ({"name": "x" * 201}, "Use between 2 and 200 characters"),
])
def test_bad_input_is_explained_and_nothing_is_lost(client, auth, make_user, make_org,
                                                    overrides, message):
    owner = make_user()
    org = make_org(owner=owner)
    auth.login(owner.email)
    response = client.post("/directory/new", headers=EN,
                           data={**place_form(**overrides), "organisation": org.id})
    if message is None:  # a library needs no variant: accepted
        assert response.status_code == 302 and places_count() == 1
        return
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert "ул. Тверская 1" in page and "Saturdays 10:00-13:00" in page
    assert places_count() == 0


def test_a_file_that_is_not_an_image_is_refused_and_the_form_kept(client, auth, make_user,
                                                                  make_org):
    owner = make_user()
    org = make_org(owner=owner)
    auth.login(owner.email)
    data = {**place_form(), "organisation": org.id,
            "photos": (io.BytesIO(b"<?php echo 1; ?>"), "photo.png")}
    page = client.post("/directory/new", headers=EN, data=data,
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "not an image we can read" in page and "ул. Тверская 1" in page
    assert places_count() == 0


def test_name_change_of_an_approved_place_goes_back_to_review(client, auth, make_place):
    place = make_place()
    owner = place.organisation.created_by_id
    from diaspora_platform.accounts.models import User

    auth.login(db.session.get(User, owner).email)
    form = {**place_form(schedule="Sundays"), "organisation": place.organisation_id}
    client.post(f"/directory/{place.id}/edit", data=form)
    assert db.session.get(Place, place.id).status == "approved"
    client.post(f"/directory/{place.id}/edit", data={**form, "name": "Мактаби Ҷомӣ"})
    place = db.session.get(Place, place.id)
    assert place.status == "pending" and place.name == "Мактаби Ҷомӣ"
    assert "Мактаби Ҷомӣ" not in client.application.test_client().get(
        "/directory/").get_data(as_text=True)


def test_closed_places_leave_the_listing_but_keep_their_page(client, auth, make_place):
    place = make_place()
    from diaspora_platform.accounts.models import User

    auth.login(db.session.get(User, place.organisation.created_by_id).email)
    client.post(f"/directory/{place.id}/operating",
                data={"operating": "closed", "operating_note": "Moved online"})
    public = client.application.test_client()
    assert "0 places" in public.get("/directory/", headers=EN).get_data(as_text=True)
    with_closed = public.get("/directory/?closed=1", headers=EN).get_data(as_text=True)
    assert "Мактаби Рӯдакӣ" in with_closed and "Closed" in with_closed
    page = public.get(f"/directory/{place.id}", headers=EN).get_data(as_text=True)
    assert "Moved online" in page


def test_filters_facets_and_the_other_script(app, make_place, make_org):
    org = make_org(name="Paivand")
    make_place(org=org)
    make_place(org=org, kind="library", variant=None, name="Kitobkhona", city="Paris",
               country="FR", audiences=["adults"], languages=["tg", "fr"], latitude=None,
               longitude=None)
    rubob = make_place(org=org, kind="course", variant="music", name="Rubob", is_free=False,
               fee_amount="1500", fee_currency="RUB", fee_period="month",
               audiences=["youth", "adults"])
    public = app.test_client()

    def names(query):
        page = public.get(f"/directory/?{query}", headers=EN).get_data(as_text=True)
        return sorted(n for n in ("Мактаби Рӯдакӣ", "Kitobkhona", "Rubob") if n in page)

    assert names("kind=library") == ["Kitobkhona"]
    assert names("country=RU") == ["Rubob", "Мактаби Рӯдакӣ"]
    assert names("city=Moskva") == ["Rubob", "Мактаби Рӯдакӣ"]
    assert names("language=fr") == ["Kitobkhona"]
    assert names("audience=adults") == ["Kitobkhona", "Rubob"]
    assert names("free=1") == ["Kitobkhona", "Мактаби Рӯдакӣ"]
    page = public.get("/directory/?country=RU", headers=EN).get_data(as_text=True)
    # Kind counts honour the country filter; country counts ignore it (to switch country).
    assert "Library (0)" in page and "Course (1)" in page and "School (1)" in page
    assert "France (1)" in page and "Russia (2)" in page
    course = public.get(f"/directory/{rubob.id}", headers=EN).get_data(as_text=True)
    assert "RUB\xa01,500.00 / month" in course  # the code, a space, the amount
    map_page = public.get("/directory/?view=map", headers=EN).get_data(as_text=True)
    assert "2 places with a location on the map" in map_page and "<svg" in map_page


def test_a_place_leaves_the_directory_and_search_when_its_organisation_is_hidden(
        app, make_place, staff):
    place = make_place()
    assert search.search("Rudaki").total == 1
    moderation.decide(staff, place.organisation, "hide", "spam")
    assert app.test_client().get(f"/directory/{place.id}").status_code == 404
    assert search.search("Rudaki").total == 0
    moderation.decide(staff, place.organisation, "restore")
    assert search.search("Rudaki").total == 1


def test_reports_hide_a_place_through_the_shared_moderation(app, make_place, make_reporter):
    place = make_place()
    for _ in range(3):
        moderation.report(make_reporter(), place, "spam")
    assert db.session.get(Place, place.id).status == "hidden"
    assert app.test_client().get(f"/directory/{place.id}").status_code == 404


def test_only_places_never_published_can_be_deleted(client, auth, make_place, staff):
    from diaspora_platform.accounts.models import User

    pending = make_place(approved=False, name="Draft")
    public = make_place(org=pending.organisation)
    auth.login(db.session.get(User, pending.organisation.created_by_id).email)
    assert client.get(f"/directory/{pending.id}/delete").status_code == 200
    client.post(f"/directory/{public.id}/delete")
    assert db.session.get(Place, public.id) is not None
    pending_id = pending.id
    client.post(f"/directory/{pending_id}/delete")
    db.session.expire_all()
    assert db.session.get(Place, pending_id) is None


def test_open_data_lists_public_places_safely(app, make_place):
    make_place(name="=HYPERLINK(\"http://evil\")")
    make_place(approved=False, name="Secret")
    public = app.test_client()
    rows = list(csv.DictReader(io.StringIO(public.get("/directory.csv").get_data(
        as_text=True))))
    assert [row["name"] for row in rows] == ["'=HYPERLINK(\"http://evil\")"]
    assert rows[0]["languages"] == "tg ru" and rows[0]["kind"] == "school"
    data = json.loads(public.get("/directory.json").get_data(as_text=True))
    assert data["licence"] == "CC BY 4.0" and len(data["places"]) == 1
    assert data["places"][0]["organisation"] == "Ravzana"


def test_directory_pages_hold_every_place_once_in_each_sort(app, make_org, make_place):
    org = make_org()
    cities = {}
    for i in range(45):
        cities[f"Place {i:02d}"] = ("Казань", "Москва")[i % 2]
        make_place(org=org, name=f"Place {i:02d}", city=cities[f"Place {i:02d}"])
    make_place(org=org, name="Place 99", kind="library")
    names = list(cities)
    by_city = sorted(names, key=lambda n: (phonetic_key(cities[n]), n))
    client = app.test_client()
    for sort, expected in (("name", names), ("newest", names[::-1]), ("city", by_city)):
        pages = walk(client, f"/directory/?kind=school&sort={sort}", headers=EN)
        found = [n for page in pages for n in re.findall(r"Place \d\d", page)]
        assert len(pages) == 3 and found == expected, sort
        back = client.get(link(pages[-1], "prev"), headers=EN).get_data(as_text=True)
        assert re.findall(r"Place \d\d", back) == expected[20:40], sort
