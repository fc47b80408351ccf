"""Search in a real browser, in Tajik, Russian and English: approved organisations are
found from the header search box by a word typed in the other script (Latin for a
Cyrillic name, Cyrillic for a Latin one), shown under their name in the reader's
language; an organisation still in review is never shown. Texts come from the app's own
catalogues."""

from __future__ import annotations

import re

import pytest

from diaspora_platform.extensions import db
from tests.fixtures_browser import axe_check, switch_language

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

LANGS = ("tg", "ru", "en")
SCHOOL = "Мактаби Душанбе"
KHUJAND = {"tg": "Ҷамъияти Хуҷанд", "ru": "Общество Худжанда", "en": "Khujand Society"}
FOUNDATION = "Бунёди Раҳмон"
SUGHD = "Sughd Friends"
IN_REVIEW = "Maktabi Rahmon dar Sughd"  # matches every search below, but is not approved

# (typed into the header box, the organisations it must find)
SEARCHES = (
    ("Dushanbe", {SCHOOL}),
    ("Хуҷанд", {"khujand"}),
    ("Rahmon", {FOUNDATION}),
    ("Суғд", {SUGHD, "khujand"}),
    ("maktab", {SCHOOL}),
)


@pytest.fixture
def organisations(live_server, make_org, make_user):
    owner = make_user(display_name="Дилшод Назаров")
    make_org(owner=owner, name=SCHOOL, kind="school", country="TJ", city="Душанбе",
             description="Дарсҳои забони тоҷикӣ барои кӯдакон.")
    # Written in Russian by its author, with its Tajik and English names beside.
    make_org(owner=owner, language="ru", name=KHUJAND["ru"], name_tg=KHUJAND["tg"],
             name_en=KHUJAND["en"], country="RU", city="Москва",
             description="Землячество выходцев из Согда.")
    make_org(owner=owner, name=FOUNDATION, kind="charity", country="KZ", city="Алматы",
             description="Ёрӣ ба муҳоҷирон.")
    make_org(owner=owner, name=SUGHD, country="DE", city="Berlin",
             description="Friends of the Sughd region meet in Berlin.")
    make_org(owner=owner, approved=False, name=IN_REVIEW, country="TJ", city="Dushanbe",
             description="Maktab dar Dushanbe va Khujand.")
    db.session.rollback()


def header_box(page, t, lang: str):
    return page.get_by_role("navigation", name=t(lang, "Main navigation")).get_by_role(
        "combobox", name=t(lang, "Search"), exact=True)


def search_from_header(page, t, lang: str, words: str):
    box = header_box(page, t, lang)
    box.fill(words)
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Search"))
    expect(page.locator("main").get_by_role("searchbox", name=t(lang, "Search for"))
           ).to_have_value(words)
    return page.locator("main .search-results > li")


@pytest.mark.parametrize("lang", LANGS)
def test_names_are_found_from_the_header_in_the_other_script(page, live_server,
                                                             organisations, lang):
    t = live_server.t
    page.goto("/")
    if lang != "tg":  # the browser asks for Tajik
        switch_language(page, t, lang)
    for words, expected in SEARCHES:
        names = {KHUJAND[lang] if name == "khujand" else name for name in expected}
        hits = search_from_header(page, t, lang, words)
        expect(hits).to_have_count(len(names))
        for name in names:
            hit = hits.filter(has=page.get_by_role("link", name=name, exact=True))
            expect(hit).to_contain_text(t(lang, "Organisation"))
        expect(page.locator("main")).not_to_contain_text(IN_REVIEW)
    axe_check(page)

    search_from_header(page, t, lang, IN_REVIEW)
    expect(page.locator("main .empty-state")).to_contain_text(
        t(lang, "Nothing found for “%(q)s”.", q=IN_REVIEW))
    expect(page.locator("main .search-results")).to_have_count(0)
    axe_check(page)


@pytest.mark.parametrize("lang", LANGS)
def test_type_ahead_offers_titles_and_the_keyboard_opens_one(page, live_server,
                                                             organisations, lang):
    t = live_server.t
    page.goto("/")
    if lang != "tg":
        switch_language(page, t, lang)
    box = header_box(page, t, lang)
    box.press_sequentially("Khuj", delay=30)
    listbox = page.get_by_role("listbox", name=t(lang, "Suggestions"))
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    option = listbox.get_by_role("option", name=KHUJAND[lang], exact=True)
    expect(option).to_be_visible()
    expect(listbox).not_to_contain_text(IN_REVIEW)
    axe_check(page)

    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("Backspace")
    box.press_sequentially("j", delay=30)
    expect(option).to_be_visible()
    box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")
    expect(page).to_have_url(re.compile(r"/organisations/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(KHUJAND[lang])
