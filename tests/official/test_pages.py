"""The public pages: the list, an office's page and the finder, in three languages."""

import re

import pytest

from diaspora_platform.official import services
from tests.paging import walk


@pytest.mark.parametrize("lang, title", [("tg", "Кӯмак дар хориҷа"), ("ru", "Помощь за рубежом"),
                                         ("en", "Help abroad")])
def test_the_finder_is_in_the_main_navigation_in_every_language(client, lang, title):
    client.set_cookie("lang", lang)
    page = client.get("/", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert f'href="/{lang}/help-abroad/"' in page and title in page


def test_the_detail_page_calls_phones_and_says_when_it_was_checked(client, make_office):
    office = make_office(phones="+7 000 000-00-00", latitude=55.75, longitude=37.61)
    page = client.get(f"/official/{office.id}").get_data(as_text=True)
    assert 'href="tel:+70000000000"' in page
    assert "Checked by the Coordination Council on" in page
    assert "55.75000, 37.61000" in page


def test_an_archived_office_is_not_found_by_readers(client, staff, make_office):
    office = make_office()
    services.archive_office(staff, office)
    assert client.get(f"/official/{office.id}").status_code == 404


def test_the_list_has_an_empty_state(client):
    page = client.get("/official/?country=FR").get_data(as_text=True)
    assert "No office matches these filters." in page


def test_the_finder_says_when_no_office_covers_the_city(client, make_office):
    make_office(kind="hotline", country="TJ", city="Dushanbe", name_en="Ministry hotline")
    page = client.get("/help-abroad/?country=RU&city=Kazan&situation=unpaid_wages")
    text = page.get_data(as_text=True)
    assert "No office covers Kazan yet" in text and "Ministry hotline" in text


def test_the_finder_asks_again_for_what_is_missing(client):
    text = client.get("/help-abroad/?country=&city=&situation=").get_data(as_text=True)
    assert "Choose a country from the list." in text and "Choose what happened." in text


def test_staff_form_errors_re_render_with_the_input(client, auth, staff):
    from tests.official.conftest import office_form

    auth.login_as(staff)
    response = client.post("/official/new", data=office_form(phones="12345",
                                                              city="Kazan"))
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "international form" in text
    assert 'value="Kazan"' in text


def test_seed_demo_adds_the_network_with_illustrative_contacts(runner, client):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    page = client.get("/help-abroad/?country=RU&city=Kazan&situation=unpaid_wages")
    text = page.get_data(as_text=True)
    assert "Representation of the Ministry of Labour, Migration" in text  # covers Kazan
    assert "Tajik Cultural Centre Moscow" in text  # verified legal help
    assert "Tajik Community of St Petersburg" not in text  # declared, not verified
    listing = client.get("/official/").get_data(as_text=True)
    assert "6 offices" in listing and "tel:+70000000000" in listing


def test_list_pages_hold_every_office_once_in_place_order(client, make_office):
    places = {}
    for i in range(45):
        places[f"Office {i:02d}"] = (("KZ", "RU")[i % 2], ("Almaty", "Kazan", "Moscow")[i % 3])
        make_office(name_en=f"Office {i:02d}", country=places[f"Office {i:02d}"][0],
                    city=places[f"Office {i:02d}"][1])
    make_office(name_en="Office 99", kind="embassy")
    expected = sorted(places, key=lambda name: (places[name], name))
    pages = walk(client, "/official/?kind=representation", headers={"Accept-Language": "en"})
    found = [n for p in pages for n in dict.fromkeys(re.findall(r"Office \d\d", p))]
    assert len(pages) == 3 and found == expected
