"""Tajik pages as rendered: no country named in Latin letters (as "Türkiye" once was), and
the platform's own pages and footer in every language."""

import re
from html import unescape

import pycountry
import pytest
from babel import Locale

from diaspora_platform.main.pages import PAGES

TG = {"Accept-Language": "tg"}
PAGES_TO_WALK = ("/", "/organisations/", "/directory/", "/events/", "/news/", "/resources/",
                 "/projects/", "/experts/", "/fund/", "/competitions/", "/statistics", "/map",
                 "/search?q=Ravzana", "/account/register", "/about", "/privacy", "/terms",
                 "/accessibility")


def _english_country_names() -> set[str]:
    names = set(Locale("en").territories[c.alpha_2] for c in pycountry.countries)
    names |= {c.name for c in pycountry.countries} | {"Türkiye", "Turkey"}
    return {name for name in names if len(name) > 3}


ENGLISH_COUNTRIES = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(_english_country_names(), key=len,
                                                     reverse=True)) + r")\b")


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def turkish_organisation(make_org, make_user):
    return make_org(owner=make_user(locale="tg"), name="Anjumani Istanbul", country="TR",
                    city="Istanbul", description="Анҷумани тоҷикони Истанбул.")


def test_no_tajik_page_names_a_country_in_latin_letters(client, auth, make_user,
                                                        turkish_organisation):
    member = make_user(locale="tg")
    urls = list(PAGES_TO_WALK) + [f"/organisations/{turkish_organisation.id}",
                                  "/organisations/new", "/follows/"]
    for url in urls:
        if url == "/organisations/new":
            auth.login(member.email)
        response = client.get(url, headers=TG)
        assert response.status_code == 200, url
        text = _visible_text(response.get_data(as_text=True))
        found = ENGLISH_COUNTRIES.findall(text)
        assert not found, (url, found)
    assert "Туркия" in _visible_text(client.get(
        f"/organisations/{turkish_organisation.id}", headers=TG).get_data(as_text=True))


def test_the_tajik_country_select_has_no_latin_letter(client):
    page = client.get("/account/register", headers=TG).get_data(as_text=True)
    select = page[page.index('name="country"'):]
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select[:select.index("</select>")])
    assert len(options) > 240
    assert not [name for name in options if re.search(r"[A-Za-z]", name)]


@pytest.mark.parametrize("lang", ["tg", "ru", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_about_privacy_terms_and_accessibility_exist_in_each_language(client, name, lang):
    response = client.get(f"/{name}", headers={"Accept-Language": lang})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in page
    assert page.count("<h2") >= 3


@pytest.mark.parametrize(("lang", "council"), [
    ("tg", "Шӯрои ҳамоҳангсозӣ оид ба ҳамкорӣ бо диаспораи тоҷик"),
    ("ru", "Координационного совета по сотрудничеству с таджикской диаспорой"),
    ("en", "Coordinating Council on Cooperation with Tajik Diaspora"),
])
def test_the_footer_names_the_council_in_full_and_links_the_platforms_pages(client, lang,
                                                                            council):
    page = client.get("/", headers={"Accept-Language": lang}).get_data(as_text=True)
    footer = page[page.index('<footer'):]
    assert council in footer
    for name in PAGES:
        assert f'href="/{lang}/{name}"' in footer


def test_the_about_page_names_the_institutions_in_full(client):
    text = _visible_text(client.get("/about", headers={"Accept-Language": "en"}).get_data(
        as_text=True))
    assert "decree No. 277 of 29 May 2010" in text
    assert "Action Plan for 2021–2025" in text
    assert "Ministry of Labour, Migration and Employment of Population" in text
    assert "National Diaspora Development Fund" in text


def test_the_privacy_page_tells_how_to_download_and_delete_ones_data(client):
    text = _visible_text(client.get("/privacy", headers={"Accept-Language": "ru"}).get_data(
        as_text=True))
    assert "/account/export.json" in text and "Удалить учётную запись" in text
