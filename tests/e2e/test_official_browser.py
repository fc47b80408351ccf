"""The official network in a real browser: Council staff add the Ministry's
representation in Kazan (in Tajik, with a phone typed the way people type it); a migrant
in Kazan whose wages were not paid opens "Help abroad" from the main navigation in Tajik,
picks Russia, types the city in Cyrillic and finds the representation first, with a phone
link that calls. With E2E_SHOTS_DIR set, the finder, the list and the office's page are
photographed in each language at 1280 and 390 pixels wide."""

from __future__ import annotations

import re

import pytest

from diaspora_platform.accounts.vocabulary import Role
from tests.e2e.test_directory_browser import shoot
from tests.e2e.test_organisations_browser import (  # noqa: F401  (new_person: a fixture)
    nav,
    new_person,
    signed_in,
)
from tests.fixtures_browser import axe_check, follow

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

NAME = "Намояндагии Вазорати меҳнат дар Қазон"


def add_office(staff, t) -> None:
    for lang in ("tg", "ru", "en"):  # with E2E_SHOTS_DIR: the form page in each language
        staff.goto(f"/{lang}/official/new")
        shoot(staff, f"office-form-{lang}")
    staff.goto("/official/new")
    staff.get_by_label(t("tg", "Kind of office")).select_option("representation")
    staff.get_by_label(t("tg", "Name in Tajik")).fill(NAME)
    staff.get_by_label(t("tg", "Name in Russian")).fill("Представительство Минтруда в Казани")
    staff.get_by_label(t("tg", "Country"), exact=True).select_option("RU")
    staff.get_by_label(t("tg", "City"), exact=True).fill("Kazan")
    staff.get_by_label(t("tg", "Address"), exact=True).fill("Demo address 5")
    staff.get_by_label(t("tg", "Opening hours in Tajik")).fill("Душанбе–Ҷумъа, 9:00–18:00")
    staff.get_by_label(t("tg", "Phones, one a line")).fill("+7 (000) 000-00-00")
    staff.get_by_label(t("tg", "Legal advice")).check()
    staff.get_by_label(t("tg", "Employment and recruitment information")).check()
    follow(staff.get_by_role("button", name=t("tg", "Save")))
    expect(staff.get_by_role("heading", level=1)).to_have_text(NAME)


def test_staff_add_an_office_and_a_migrant_finds_it_in_tajik(page, live_server, new_person,  # noqa: F811
                                                               make_user):
    t = live_server.t
    staff_user = make_user(email="staff@example.org", role=Role.STAFF, locale="tg")
    staff = signed_in(new_person, t, "tg", staff_user.email, staff_user.totp_secret)
    add_office(staff, t)
    expect(staff.get_by_text(t("tg", "Checked by the Coordination Council on %(date)s",
                               date="").strip())).to_be_visible()

    page.goto("/")
    follow(nav(page, t, "tg", "Help abroad"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("tg", "Help abroad: who can help you"))
    page.get_by_label(t("tg", "Country"), exact=True).select_option("RU")
    page.get_by_label(t("tg", "City (optional)")).fill("Казань")
    page.get_by_label(t("tg", "What happened")).select_option(
        label=t("tg", "My wages were not paid"))
    follow(page.get_by_role("button", name=t("tg", "Find help")))
    results = page.get_by_role("region")
    heading = t("tg", "Offices that serve %(city)s", city="Казань")
    expect(results.get_by_role("heading", name=heading)).to_be_visible()
    expect(results.get_by_role("link", name=NAME)).to_be_visible()
    expect(results.locator('a[href="tel:+70000000000"]')).to_be_visible()
    axe_check(page)
    finder_url = page.url
    follow(results.get_by_role("link", name=NAME))
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    axe_check(page)
    detail_url = page.url
    for lang in ("tg", "ru", "en"):
        page.context.add_cookies([{"name": "lang", "value": lang, "url": live_server}])
        for name, url in (("finder", finder_url), ("list", "/official/"),
                          ("detail", detail_url)):
            # Shared links carry their language; the unprefixed list follows the cookie.
            page.goto(re.sub(r"/(tg|ru|en)/", f"/{lang}/", url, count=1))
            expect(page.locator("html")).to_have_attribute("lang", lang)
            shoot(page, f"official-{name}-{lang}")
