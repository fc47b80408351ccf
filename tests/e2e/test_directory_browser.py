"""The directory of places in a real browser, used the way people use it: the owner of an
approved organisation lists a weekend school in Moscow (map location, a photo, languages,
children, free) and sees it wait for review; Council staff approve it; visitors find it in
the list (and by kind), on the map view, on its organisation's page, through the header
search in Cyrillic and in Latin letters, and counted for Russia on the world map, in
Tajik, Russian and English. Then a member asks for help to open a school in Moscow and
staff take the request from received to fulfilled, a message each time, naming the school
as the place that opened; the member reads it all on their request page.

Everybody has a browser of their own; every step goes through the pages; texts come from
the app's own catalogues. With E2E_SHOTS_DIR set, the directory, the map view and the
place page are also photographed in each language at 1280 and 390 pixels wide, for a
person to look at."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from flask_babel import force_locale, ngettext

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from diaspora_platform.i18n import country_name, language_name
from tests.conftest import PASSWORD
from tests.e2e.test_accounts_browser import flash, sign_in
from tests.e2e.test_organisations_browser import nav, new_person, signed_in  # noqa: F401
from tests.fixtures_browser import VIEWPORT, axe_check, follow, switch_language
from tests.fixtures_organisations import png_bytes

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

LANGS = ("tg", "ru", "en")
SHOTS = os.environ.get("E2E_SHOTS_DIR")

OWNER = ("farhod.rahimov@example.org", "Фарҳод Раҳимов")
ORG_NAMES = {"tg": "Ҷамъияти «Пайванд»", "ru": "Общество «Пайванд»", "en": "Paivand Society"}
PLACE, PLACE_LATIN = "Мактаби Рӯдакӣ", "Maktabi Rudaki"
CITY, CITY_LATIN = "Москва", "Moskva"
ADDRESS = "ул. Тверская, 12"
REQUEST_TITLE = "Мактаби якшанбеӣ дар Москва"
# (status, its message context, the message to the requester)
STEPS = (("In review", None, "Салом! Дархости шуморо гирифтем ва баррасӣ мекунем."),
         ("In progress", None, "Бинои мактабро дар кӯчаи Тверская ёфтем."),
         ("Fulfilled", "request", "Мактаби Рӯдакӣ кушода шуд: дарсҳо аз шанбе."))


def shoot(page, name: str) -> None:
    """With E2E_SHOTS_DIR set: the whole page at a desktop and a phone width."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.evaluate("document.fonts.ready")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": VIEWPORT["height"]})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(VIEWPORT)


def plural(live_server, lang: str, singular: str, plural_: str, num: int) -> str:
    with live_server.app.test_request_context(), force_locale(lang):
        return ngettext(singular, plural_, num)


def place_card(page):
    return page.get_by_role("article").filter(
        has=page.get_by_role("link", name=PLACE, exact=True))


# ------------------------------------------------------------------------ listing a place

def list_the_school(page, t) -> str:
    """The owner lists the school from the directory; returns the place page's path."""
    follow(nav(page, t, "tg", "Centres and schools"))
    expect(page.locator(".empty-state")).to_contain_text(t("tg", "No place is listed yet."))
    page.locator("main").get_by_role("link", name=t("tg", "List a place")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("tg", "List a place"))
    axe_check(page)

    form = page.locator("main form")
    organisation = form.get_by_label(t("tg", "Organisation"), exact=True)
    # The owner's only one, by its name as written (in Tajik)
    expect(organisation.locator("option:checked")).to_have_text(ORG_NAMES["tg"])
    form.get_by_label(t("tg", "What kind of place"), exact=True).select_option(
        label=t("tg", "School"))
    form.get_by_label(t("tg", "Kind of school or course"), exact=True).select_option(
        label=t("tg", "Weekend school"))
    form.get_by_label(t("tg", "Name"), exact=True).fill(PLACE)
    form.get_by_label(t("tg", "Country"), exact=True).select_option(
        label=country_name("RU", "tg"))
    form.get_by_label(t("tg", "City"), exact=True).fill(CITY)
    form.get_by_label(t("tg", "Address"), exact=True).fill(ADDRESS)
    form.get_by_text(t("tg", "Map location (optional)")).click()
    form.get_by_label(t("tg", "Latitude (optional)")).fill("55.7558")
    form.get_by_label(t("tg", "Longitude (optional)")).fill("37.6173")
    languages = form.get_by_role("group", name=t("tg", "Languages of instruction"))
    for code in ("tg", "ru"):
        languages.get_by_label(language_name(code, "tg"), exact=True).check()
    form.get_by_role("group", name=t("tg", "Who it is for")).get_by_label(
        t("tg", "Children"), exact=True).check()
    form.get_by_label(t("tg", "Youngest age (optional)")).fill("6")
    form.get_by_label(t("tg", "Oldest age (optional)")).fill("14")
    expect(form.get_by_label(t("tg", "Free of charge"), exact=True)).to_be_checked()
    form.get_by_label(t("tg", "Schedule (optional)")).fill("Шанбеҳо, 10:00–13:00")
    form.get_by_label(t("tg", "Description"), exact=True).fill(
        "Забони тоҷикӣ, адабиёт ва мусиқӣ барои **кӯдакон**.")
    form.get_by_label(t("tg", "Photos (PNG, JPEG or WebP, at most 5; optional)")).set_input_files(
        {"name": "sinf.png", "mimeType": "image/png", "buffer": png_bytes((1200, 800))})
    form.get_by_role("button", name=t("tg", "Send for review")).click()

    expect(flash(page, t("tg", "Thank you. “%(name)s” is listed and waits for review by the "
                               "Coordination Council; you will be told of the decision.",
                         name=PLACE))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLACE)
    waiting = page.get_by_role("status").filter(has_text=t("tg", "Waiting for review"))
    expect(waiting).to_contain_text(t("tg", "Only the organisation's editors and Council "
                                            "staff see this page until it is approved."))
    photos_shown(page, t, "tg", 1)

    # A second photo, from the page's own panel for the organisation's editors.
    page.get_by_label(t("tg", "Add photos (%(left)d more allowed; PNG, JPEG or WebP)",
                        left=4)).set_input_files(
        {"name": "hoyat.jpg", "mimeType": "image/jpeg",
         "buffer": png_bytes((800, 1000), fmt="JPEG")})
    page.get_by_role("button", name=t("tg", "Upload"), exact=True).click()
    expect(flash(page, plural(t.__self__, "tg", "%(num)d photo added.",
                              "%(num)d photo(s) added.", 1))).to_be_visible()
    photos_shown(page, t, "tg", 2)
    axe_check(page)
    shoot(page, "place-owner-tg")
    path = re.sub(r"^https?://[^/]+", "", page.url).split("#")[0]

    # Its organisation's page lists it for the owner, marked as waiting.
    follow(page.locator("main").get_by_role("link", name=ORG_NAMES["tg"], exact=True))
    places = page.get_by_role("region", name=t("tg", "Centres, schools, courses and "
                                                     "libraries"))
    expect(places.get_by_role("listitem").filter(has_text=PLACE)).to_contain_text(
        t("tg", "Waiting for review"))
    return path


def owner_is_told(page, t) -> None:
    follow(nav(page, t, "tg", "Notifications"))
    page.get_by_role("link", name=t("tg", "Approved: %(type)s “%(label)s” is now public.",
                                    type=t("tg", "Place"), label=PLACE)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLACE)
    expect(page.locator("main")).to_contain_text(
        t("tg", "Verified by the Coordination Council"))
    expect(page.locator("main").get_by_role("status")).to_have_count(0)


def photos_shown(page, t, lang: str, count: int) -> None:
    """The place's page shows its `count` photos, each named and loaded."""
    gallery = page.locator("main").get_by_role("link").get_by_role("img")
    expect(gallery).to_have_count(count)
    for number in range(1, count + 1):
        photo = gallery.nth(number - 1)
        expect(photo).to_have_accessible_name(
            t(lang, "Photo %(num)d of %(name)s", num=number, name=PLACE))
        photo.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                               arg=photo.element_handle())


def approve_the_school(staff, t) -> None:
    follow(nav(staff, t, "tg", "Moderation"))
    item = staff.get_by_role("article").filter(
        has=staff.get_by_role("link", name=PLACE, exact=True))
    expect(item).to_contain_text(t("tg", "Place"))
    item.get_by_role("button", name=t("tg", "Approve"), exact=True).click()
    expect(flash(staff, t("tg", "Decision recorded: %(decision)s.",
                          decision=t("tg", "Approved")))).to_be_visible()
    expect(staff.get_by_text(t("tg", "Nothing is waiting for review. Well done."))).to_be_visible()


# -------------------------------------------------------------------- finding it as a visitor

def directory_lists_it(page, live_server, t, lang: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(lang, "Centres, schools, courses and libraries"))
    expect(page.locator("main")).to_contain_text(
        plural(live_server, lang, "%(num)d place", "%(num)d places", 1))
    card = place_card(page)
    for text in (t(lang, "Weekend school"), CITY, country_name("RU", lang), ORG_NAMES[lang],
                 t(lang, "Free"), t(lang, "Children")):
        expect(card).to_contain_text(text)
    thumb = card.locator("img")
    expect(thumb).to_have_count(1)
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=thumb.element_handle())
    axe_check(page)


def filter_by_kind(page, t) -> None:
    filters = page.get_by_role("form", name=t("tg", "Filters"))
    kind = filters.get_by_label(t("tg", "Kind"), exact=True)
    kind.select_option(label=f"{t('tg', 'Library')} (0)")
    filters.get_by_role("button", name=t("tg", "Show"), exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]kind=library(&|$)"))
    expect(page.locator(".empty-state")).to_contain_text(
        t("tg", "No place matches these filters."))
    expect(place_card(page)).to_have_count(0)

    kind.select_option(label=f"{t('tg', 'School')} (1)")
    filters.get_by_role("button", name=t("tg", "Show"), exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]kind=school(&|$)"))
    expect(kind).to_have_value("school")
    expect(place_card(page)).to_have_count(1)


def map_view_shows_it(page, live_server, t, lang: str, path: str):
    """The map view: the school is a dot on the world map and a line of the list under it
    (both links to its page, named by it). Returns the two links."""
    tabs = page.locator("main").get_by_role("list", name=t(lang, "Show as"))
    tabs.get_by_role("link", name=t(lang, "Map"), exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]view=map(&|$)"))
    expect(page.locator("main")).to_contain_text(plural(
        live_server, lang, "%(num)d place with a location on the map",
        "%(num)d places with a location on the map", 1))
    world = page.get_by_role("group", name=t(lang, "World map of centres, schools, courses "
                                                   "and libraries"))
    expect(world).to_be_visible()
    dot = world.get_by_role("link", name=PLACE, exact=True)
    expect(dot).to_have_attribute("href", path)
    expect(dot.locator("circle")).to_be_visible()
    listed = page.locator("main").get_by_role("listitem").filter(has_text=PLACE)
    expect(listed).to_contain_text(t(lang, "School"))
    line = listed.get_by_role("link", name=PLACE, exact=True)
    expect(line).to_have_attribute("href", path)
    axe_check(page)
    return dot, line


def place_page_shows_it(page, t, lang: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(PLACE)
    main = page.locator("main")
    expect(main).to_contain_text(
        f"{t(lang, 'Weekend school')} · {CITY}, {country_name('RU', lang)}")
    expect(main).to_contain_text(t(lang, "Verified by the Coordination Council"))
    expect(main.get_by_role("link", name=ORG_NAMES[lang], exact=True)).to_be_visible()
    facts = main.locator("dl.place-facts")
    for text in (ADDRESS, language_name("tg", lang), language_name("ru", lang),
                 t(lang, "Children"), t(lang, "Free of charge"), "55.75580, 37.61730"):
        expect(facts).to_contain_text(text)
    expect(main.locator(".description strong")).to_have_text("кӯдакон")
    # nothing waits, nothing is closed
    expect(page.locator("main").get_by_role("status")).to_have_count(0)
    photos_shown(page, t, lang, 2)
    axe_check(page)


def organisation_page_links_it(page, t, path: str) -> None:
    page.locator("main").get_by_role("link", name=ORG_NAMES["tg"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORG_NAMES["tg"])
    places = page.get_by_role("region", name=t("tg", "Centres, schools, courses and "
                                                     "libraries"))
    link = places.get_by_role("link", name=PLACE, exact=True)
    expect(link).to_have_attribute("href", path)
    expect(places.get_by_role("listitem")).not_to_contain_text(t("tg", "Waiting for review"))
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLACE)


def header_search_finds_it(page, t, words: str, path: str) -> None:
    box = page.get_by_role("navigation", name=t("tg", "Main navigation")).get_by_role(
        "combobox", name=t("tg", "Search"), exact=True)
    box.fill(words)
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("tg", "Search"))
    expect(page.locator("main").get_by_role("searchbox", name=t("tg", "Search for"))
           ).to_have_value(words)
    hit = page.locator("main .search-results > li").filter(
        has=page.get_by_role("link", name=PLACE, exact=True))
    expect(hit).to_have_count(1)
    expect(hit).to_contain_text(t("tg", "Place"))
    expect(hit.get_by_role("link", name=PLACE, exact=True)).to_have_attribute("href", path)


def world_map_counts_russia(page, t) -> None:
    follow(nav(page, t, "tg", "Map"))
    page.get_by_label(t("tg", "Show on the map")).select_option(
        label=t("tg", "Centres, schools, courses and libraries"))
    page.locator("main").get_by_role("button", name=t("tg", "Show"), exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]measure=places(&|$)"))
    table = page.get_by_role("table", name=t(
        "tg", "%(measure)s by country",
        measure=t("tg", "Centres, schools, courses and libraries")))
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.get_by_role("rowheader")).to_have_text(country_name("RU", "tg"))
    expect(rows.get_by_role("cell")).to_have_text("1")


# ------------------------------------------------------------------------ help to open one

def ask_for_help(member, t) -> str:
    """A member (in Russian) asks for help to open a school in Moscow; returns the path of
    their request's page."""
    lang = "ru"
    follow(nav(member, t, lang, "Centres and schools"))
    follow(member.locator("main").get_by_role(
        "link", name=t(lang, "Want to open one? Ask for help.")))
    follow(member.locator("main").get_by_role("link", name=t(lang, "Ask for help"), exact=True))
    form = member.locator("main form")
    form.get_by_label(t(lang, "What do you want to open?")).select_option(
        label=t(lang, "School"))
    form.get_by_label(t(lang, "For how many people?")).fill("35")
    form.get_by_label(t(lang, "Name or short description")).fill(REQUEST_TITLE)
    form.get_by_label(t(lang, "Country"), exact=True).select_option(
        label=country_name("RU", lang))
    form.get_by_label(t(lang, "City"), exact=True).fill(CITY)
    needs = form.get_by_role("group", name=t(lang, "What do you need?"))
    needs.get_by_label(t(lang, "Premises"), exact=True).check()
    needs.get_by_label(t(lang, "Teachers or training"), exact=True).check()
    form.get_by_label(t(lang, "Tell us more")).fill(
        "Родители 35 детей хотят, чтобы дети учили таджикский язык по субботам.")
    form.get_by_label(t(lang, "When do you hope to open?")).fill("Сентябрь 2026")
    form.get_by_role("button", name=t(lang, "Send the request")).click()

    expect(flash(member, t(lang, "Thank you. Your request was received; Council staff will "
                                 "review it and you will be told of every step here and by "
                                 "email."))).to_be_visible()
    expect(member.get_by_role("heading", level=1)).to_have_text(REQUEST_TITLE)
    expect(member.locator("main")).to_contain_text(t(lang, "Received", context="request"))
    axe_check(member)
    return re.sub(r"^https?://[^/]+", "", member.url)


def staff_fulfil(staff, t, place_id: int) -> None:
    """Staff move the request on, received → in review → in progress → fulfilled, with a
    message each time; the last names the school as the place that opened."""
    staff.goto("/help-to-open/")
    follow(staff.locator("main").get_by_role("link", name=t("tg", "Requests dashboard")))
    staff.locator("main").get_by_role("link").filter(has_text=REQUEST_TITLE).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(REQUEST_TITLE)
    axe_check(staff)
    for status, context, message in STEPS:
        title = t("tg", status, context=context)
        staff.get_by_label(t("tg", "Message to the requester"), exact=True).fill(message)
        if status == "Fulfilled":
            staff.get_by_label(t("tg", "The place that opened (optional)")).select_option(
                label=f"{PLACE} ({CITY}, {t('tg', 'no. %(id)d', id=place_id)})")
        staff.get_by_role("button", name=t("tg", "Move to: %(status)s", status=title)).click()
        expect(flash(staff, t("tg", "The request is now “%(status)s”; the requester was told.",
                              status=title))).to_be_visible()
        expect(staff.locator("#timeline-list > li").last).to_contain_text(message)
    opened = staff.get_by_role("region", name=t("tg", "The place that opened"))
    expect(opened.get_by_role("link", name=PLACE, exact=True)).to_be_visible()
    expect(staff.get_by_text(t("tg", "This request is closed: %(status)s.",
                               status=t("tg", "Fulfilled", context="request")))).to_be_visible()


def member_reads_the_outcome(member, t, path: str, place_path: str) -> None:
    lang = "ru"
    member.goto(path)
    expect(member.get_by_role("heading", level=1)).to_have_text(REQUEST_TITLE)
    heading = member.locator("main h1 + .badge")
    expect(heading).to_have_text(t(lang, "Fulfilled", context="request"))
    steps = member.get_by_role("list", name=t(lang, "Progress of the request"))
    expect(steps.locator('[aria-current="step"]')).to_contain_text(
        t(lang, "Fulfilled", context="request"))
    opened = member.get_by_role("status").filter(has_text=t(lang, "It opened:"))
    expect(opened.get_by_role("link", name=PLACE, exact=True)).to_have_attribute(
        "href", re.compile(re.escape(place_path.replace("/tg/", f"/{lang}/", 1)) + "$"))
    entries = member.locator("#timeline-list > li")
    expect(entries).to_have_count(1 + len(STEPS))
    for entry, (status, context, message) in zip(
            [entries.nth(n) for n in range(1, 1 + len(STEPS))], STEPS, strict=True):
        expect(entry).to_contain_text(t(lang, status, context=context))
        expect(entry).to_contain_text(message)
        expect(entry).to_contain_text(t(lang, "Coordination Council"))
    axe_check(member)
    shoot(member, "request-ru")
    opened.get_by_role("link", name=PLACE, exact=True).click()
    expect(member.get_by_role("heading", level=1)).to_have_text(PLACE)


# --------------------------------------------------------------------------------- the test

def test_a_school_is_listed_approved_found_everywhere_and_opens_a_fulfilled_request(
        page, live_server, make_user, make_org, new_person):  # noqa: F811
    t = live_server.t
    owner = make_user(email=OWNER[0], locale="tg", display_name=OWNER[1])
    make_org(owner=owner, language="tg", name=ORG_NAMES["tg"], name_ru=ORG_NAMES["ru"],
             name_en=ORG_NAMES["en"], country="RU", city=CITY,
             languages=["tg", "ru"])
    staff = make_user(email="rustam@example.org", role=Role.STAFF, locale="tg",
                      display_name="Рустам Назаров")
    member = make_user(email="dilnoza@example.org", locale="ru",
                       display_name="Дилноза Ализода")
    staff_login, member_email = (staff.email, staff.totp_secret), member.email
    db.session.rollback()

    page.goto("/account/login")
    sign_in(page, t, "tg", OWNER[0], PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/account/login"))
    path = list_the_school(page, t)
    place_id = int(path.rsplit("/", 1)[1])

    visitor = new_person()  # the school is not public yet
    visitor.goto("/")
    follow(nav(visitor, t, "tg", "Centres and schools"))
    expect(visitor.locator(".empty-state")).to_contain_text(t("tg", "No place is listed yet."))

    staff_page = signed_in(new_person, t, "tg", *staff_login)
    approve_the_school(staff_page, t)
    owner_is_told(page, t)

    visitor.goto("/")
    follow(nav(visitor, t, "tg", "Centres and schools"))
    directory_lists_it(visitor, live_server, t, "tg")
    filter_by_kind(visitor, t)
    dot, _line = map_view_shows_it(visitor, live_server, t, "tg", path)
    follow(dot)
    place_page_shows_it(visitor, t, "tg")
    organisation_page_links_it(visitor, t, path)
    for words in (PLACE, PLACE_LATIN, CITY_LATIN, CITY):
        header_search_finds_it(visitor, t, words, path)
    world_map_counts_russia(visitor, t)

    # The same pages in each language of the site, switched from the header.
    for lang in LANGS:
        if lang != "tg":
            switch_language(visitor, t, lang)
        follow(nav(visitor, t, lang, "Centres and schools"))
        directory_lists_it(visitor, live_server, t, lang)
        shoot(visitor, f"directory-{lang}")
        _dot, line = map_view_shows_it(visitor, live_server, t, lang,
                                       path.replace("/tg/", f"/{lang}/", 1))
        shoot(visitor, f"map-{lang}")
        follow(line)
        place_page_shows_it(visitor, t, lang)
        shoot(visitor, f"place-{lang}")

    member_page = signed_in(new_person, t, "ru", member_email)
    request_path = ask_for_help(member_page, t)
    staff_fulfil(staff_page, t, place_id)
    member_reads_the_outcome(member_page, t, request_path, path)
