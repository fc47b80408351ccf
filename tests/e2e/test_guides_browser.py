"""Guides in a real browser: a migrant in Russia whose wages were not paid finds, from the
finder, the country guide open at "Your rights at work"; printed, the guide drops the
site's header, menus and footer but keeps its text and the sources' full addresses. A
returnee opens "Coming home" from the account menu. With E2E_SHOTS_DIR set, the finder,
the guide for Russia, the return guide and the returnee's page are photographed in each
language at 1280 and 390 pixels wide."""

from __future__ import annotations

import re

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.guides import demo as guides_demo
from diaspora_platform.guides.demo_return import RETURN, RETURN_SECTIONS
from diaspora_platform.guides.demo_texts import RUSSIA, RUSSIA_SECTIONS
from diaspora_platform.official import demo as official_demo
from diaspora_platform.official import services as official
from tests.e2e.test_directory_browser import shoot
from tests.e2e.test_organisations_browser import (  # noqa: F401  (new_person: a fixture)
    new_person,
    signed_in,
)
from tests.fixtures_browser import follow

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect
LANGS = ("tg", "ru", "en")


@pytest.fixture
def written(live_server, make_user):
    """The demo guides (Russia, coming home) and the demo offices, written by staff."""
    staff = make_user(email="staff@example.org", role=Role.STAFF)
    for office in official_demo.OFFICES:
        official.create_office(staff, {**official_demo.HOURS, "note": official_demo.NOTE,
                                       **office})
    guides_demo._write(staff, RUSSIA, RUSSIA_SECTIONS, kind="country", country="RU")
    guides_demo._write(staff, RETURN, RETURN_SECTIONS, kind="return")
    return staff


def test_a_migrant_goes_from_the_finder_to_the_guides_section_on_rights(page, live_server,
                                                                       written):
    t = live_server.t
    for lang in LANGS:
        page.goto(f"/{lang}/help-abroad/")
        page.get_by_label(t(lang, "Country"), exact=True).select_option("RU")
        page.get_by_label(t(lang, "What happened"), exact=True).select_option("unpaid_wages")
        follow(page.get_by_role("button", name=t(lang, "Find help")))
        link = page.locator(".guide-link a")
        expect(link).to_contain_text(RUSSIA_SECTIONS[4][2]["title"][lang])
        shoot(page, f"finder-{lang}")
        follow(link)
        expect(page).to_have_url(re.compile(r"/guides/\d+#section-rights$"))
        expect(page.locator("section:target")).to_have_id("section-rights")
        expect(page.get_by_role("heading", level=1)).to_have_text(RUSSIA["title"][lang])
        shoot(page, f"guide-russia-{lang}")


def test_the_printed_guide_hides_the_sites_chrome_and_prints_the_sources(page, live_server,
                                                                        written):
    page.goto("/en/guides/")
    follow(page.get_by_role("link", name=RUSSIA["title"]["en"]))
    header, footer = page.locator("body > header"), page.locator("footer.site-footer")
    source = page.locator("#section-recruiters .guide-source-url")
    expect(header).to_be_visible()
    expect(source).to_be_hidden()
    page.emulate_media(media="print")
    expect(header).to_be_hidden()
    expect(footer).to_be_hidden()
    expect(page.locator(".guide-help")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(source).to_be_visible()
    expect(source).to_contain_text("https://")
    page.emulate_media(media="screen")


def test_a_returnee_opens_coming_home_from_the_account_menu(page, live_server, written,
                                                           new_person, make_user):  # noqa: F811
    t = live_server.t
    make_user(email="nilufar@example.org", locale="tg", diaspora_status="returnee",
              region_of_origin="sughd")
    person = signed_in(new_person, t, "tg", "nilufar@example.org")
    person.goto("/tg/")
    person.locator("#account-menu").click()
    follow(person.get_by_role("link", name=t("tg", "Coming home")))
    expect(person.get_by_role("heading", level=1)).to_have_text(t("tg", "Coming home: your page"))
    expect(person.get_by_role("link", name=RETURN["title"]["tg"])).to_be_visible()
    for lang in LANGS:
        person.goto(f"/{lang}/guides/returning")
        skills = RETURN_SECTIONS[1][2]["title"][lang]
        expect(person.get_by_role("link", name=skills)).to_be_visible()
        shoot(person, f"returnee-dashboard-{lang}")
        follow(person.get_by_role("link", name=RETURN["title"][lang], exact=True))
        expect(person.get_by_role("heading", level=1)).to_have_text(RETURN["title"][lang])
        shoot(person, f"guide-return-{lang}")


def test_staff_write_a_guide_on_the_shared_form_page(live_server, new_person, written):  # noqa: F811
    """The staff form page (also the fund's, competitions' and offices'): what is wrong is
    summed up above the form and takes the focus; a saved guide opens at its own page."""
    council = signed_in(new_person, live_server.t, "en", "staff@example.org",
                        written.totp_secret)
    council.goto("/en/guides/new")
    follow(council.get_by_role("button", name="Save"))
    summary = council.locator("[data-error-summary]")
    expect(summary).to_contain_text("Choose the country the guide is about.")
    expect(summary).to_be_focused()
    for lang in LANGS:
        council.goto(f"/{lang}/guides/new")
        shoot(council, f"guide-form-{lang}")
    council.goto("/en/guides/new")
    council.get_by_label("Kind of guide").select_option("country")
    council.get_by_label("Country (for a country guide)").select_option("KZ")
    council.get_by_label("Title (Tajik)").fill("Кори қонунӣ дар Қазоқистон")
    council.get_by_label("Summary (Tajik)").fill("Пеш аз сафар ҳуҷҷатҳоро санҷед.")
    follow(council.get_by_role("button", name="Save"))
    expect(council).to_have_url(re.compile(r"/guides/\d+$"))
    expect(council.get_by_role("heading", level=1)).to_have_text("Кори қонунӣ дар Қазоқистон")
    section_form = council.url.replace("/en/", "/{lang}/") + "/sections/new"
    for lang in LANGS:
        council.goto(section_form.format(lang=lang))
        expect(council.locator("form.card")).to_be_visible()
        shoot(council, f"section-form-{lang}")
