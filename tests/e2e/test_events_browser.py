"""An event in a real browser, run the way people run it: the owner of "Ravzana" publishes a
Navruz celebration with two seats; Council staff approve it in the moderation queue; three
members register (in Tajik, Russian and English) and the third is put on the waitlist; the
first cancels, and the third is moved up and told; the event's .ics file is downloaded and
imports. Everybody has a browser of their own; texts come from the app's own catalogues."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.community.events.demo import _next
from tests.conftest import Mailbox
from tests.e2e.test_accounts_browser import flash
from tests.e2e.test_competitions_browser import accept_dialogs
from tests.e2e.test_organisations_browser import nav, new_person, signed_in  # noqa: F401
from tests.fixtures_browser import axe_check, follow

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

TITLE = "Ҷашни Наврӯз дар Париж"
OWNER = ("madina.yusupova@example.org", "Мадина Юсупова", "tg")
MEMBERS = (("nilufar@example.org", "Нилуфар Мирзоева", "tg"),
           ("zarina@example.org", "Зарина Каримова", "ru"),
           ("john.hart@example.org", "John Hart", "en"))


@pytest.fixture
def people(app, make_user, make_org):
    staff = make_user(email="rustam@example.org", role=Role.STAFF, locale="tg",
                      display_name="Рустам Назаров")
    email, name, lang = OWNER
    make_org(owner=make_user(email=email, display_name=name, locale=lang), name="Ravzana",
             country="FR", city="Paris")
    for email, name, lang in MEMBERS:
        make_user(email=email, display_name=name, locale=lang)
    return {"staff": (staff.email, staff.totp_secret)}


def publish(owner, t) -> str:
    """The owner fills in the form; returns the event page's address."""
    day = _next(3, 21)
    owner.goto("/events/")
    follow(owner.locator("main").get_by_role("link", name=t("tg", "Publish an event")))
    label = lambda text: owner.get_by_label(t("tg", text), exact=True)  # noqa: E731
    label("Kind of event").select_option(label=t("tg", "National celebration"))
    label("Who it is for").select_option(label=t("tg", "Families"))
    label("Title").fill(TITLE)
    label("Description").fill("Суманак, **мусиқӣ** ва рақсҳо.")
    label("Starts").fill(f"{day:%Y-%m-%d}T15:00")
    label("Ends").fill(f"{day:%Y-%m-%d}T14:00")  # before the start: refused
    label("Time zone of the event").select_option("Europe/Paris")
    label("Country").select_option("FR")
    label("City").fill("Paris")
    label("Address").fill("12 rue de la Paix")
    label("Seats (empty: no limit)").fill("2")
    owner.locator("main").get_by_role("button", name=t("tg", "Send for review")).click()
    expect(owner.locator("main")).to_contain_text(t("tg", "The event must end after it starts."))
    expect(label("Title")).to_have_value(TITLE)  # the input is kept
    label("Ends").fill(f"{day:%Y-%m-%d}T20:00")
    owner.locator("main").get_by_role("button", name=t("tg", "Send for review")).click()
    expect(flash(owner, t("tg", "Thank you. “%(title)s” waits for review by the Coordination "
                               "Council; you will be told of the decision.", title=TITLE))
           ).to_be_visible()
    axe_check(owner)
    return owner.url


def approve(staff, t) -> None:
    follow(nav(staff, t, "tg", "Moderation"))
    staff.get_by_label(t("tg", "Kind"), exact=True).select_option(label=t("tg", "Event"))
    follow(staff.locator("main").get_by_role("button", name=t("tg", "Filter")))
    item = staff.get_by_role("article").filter(
        has=staff.get_by_role("link", name=TITLE, exact=True))
    item.get_by_role("button", name=t("tg", "Approve"), exact=True).click()
    expect(flash(staff, t("tg", "Decision recorded: %(decision)s.",
                          decision=t("tg", "Approved")))).to_be_visible()


def open_event(person, t, lang: str) -> None:
    person.goto("/events/")
    person.get_by_role("link", name=TITLE, exact=True).click()
    expect(person.get_by_role("heading", level=1)).to_have_text(TITLE)


def register(person, t, lang: str) -> None:
    open_event(person, t, lang)
    person.locator("#registration").get_by_role("button").click()


def test_navruz_with_two_seats_waitlist_moves_up_and_ics_imports(
        page, live_server, people, new_person, tmp_path):  # noqa: F811
    t = live_server.t
    owner = signed_in(new_person, t, "tg", OWNER[0])
    event_url = publish(owner, t)

    assert page.request.get(event_url).status == 404  # in review: not public yet

    staff = signed_in(new_person, t, "tg", *people["staff"])
    approve(staff, t)

    first, second, third = (signed_in(new_person, t, lang, email)
                            for email, _name, lang in MEMBERS)
    register(first, t, "tg")
    expect(flash(first, t("tg", "You are registered. A confirmation is on its way to your "
                                "email."))).to_be_visible()
    register(second, t, "ru")
    expect(flash(second, t("ru", "You are registered. A confirmation is on its way to your "
                                 "email."))).to_be_visible()
    open_event(third, t, "en")
    third.locator("#registration").get_by_role(
        "button", name=t("en", "Join the waitlist")).click()
    expect(flash(third, t("en", "The event is full: you are on the waitlist, number %(num)d. "
                                "We will tell you if a seat becomes free.", num=1))
           ).to_be_visible()
    axe_check(third)

    open_event(first, t, "tg")
    accept_dialogs(first)
    first.locator("#registration").get_by_role(
        "button", name=t("tg", "Cancel my registration")).click()
    expect(flash(first, t("tg", "Your registration is cancelled."))).to_be_visible()

    third.reload()
    expect(third.locator("#registration")).to_contain_text(t("en", "You are registered."))
    told = [m for m in Mailbox(Path(live_server.app.config["MAIL_DIR"])).messages()
            if m["To"] == MEMBERS[2][0]]
    assert told[-1]["Subject"] == t("en", "A seat became free: you are registered")
    assert TITLE in told[-1].get_content() and "12 rue de la Paix" in told[-1].get_content()
    follow(nav(third, t, "en", "Notifications"))
    expect(third.locator("main")).to_contain_text(TITLE)

    open_event(third, t, "en")
    with third.expect_download() as download:
        third.get_by_role("link", name=t("en", "Add to my calendar (.ics)")).click()
    path = tmp_path / "event.ics"
    download.value.save_as(path)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == TITLE
    start = vevent.decoded("DTSTART").astimezone(ZoneInfo("Europe/Paris"))
    assert start.replace(tzinfo=None) == datetime.combine(_next(3, 21), time(15))
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == timedelta(hours=5)
    assert "12 rue de la Paix" in str(vevent["LOCATION"])
