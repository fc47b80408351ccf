"""An investment project in a real browser, the way people run it: the owner of a verified
organisation publishes a project needing two skills; Council staff approve it in the
moderation queue; an expert whose profile matches sees it suggested with the reason,
offers help; the owner accepts; both then see each other's contact details (hidden
before), and the skill shows filled. Everybody has a browser of their own; texts come
from the app's own catalogues."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from diaspora_platform.projects.queries import today
from diaspora_platform.projects.vocabulary import skill_label
from tests.e2e.test_accounts_browser import flash
from tests.e2e.test_organisations_browser import new_person, signed_in  # noqa: F401
from tests.experts.helpers import make_profile
from tests.fixtures_browser import axe_check, follow

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

TITLE = "Обёрии қатрагӣ барои боғҳои Восеъ"
OWNER = ("nigina.saidova@example.org", "Нигина Саидова", "ru")
EXPERT = ("farhod.rahimov@example.org", "Farhod Rahimov", "en")
STAFF = ("rustam@example.org", "Рустам Назаров", "tg")
CONTACT = ("Нигина Саидова", "orchards@vose.example.org", "+992 93 555 12 34")
SKILLS = ("irrigation", "project_finance")


@pytest.fixture
def people(app, make_user, make_org):
    staff = make_user(email=STAFF[0], display_name=STAFF[1], locale=STAFF[2],
                      role=Role.STAFF)
    owner = make_user(email=OWNER[0], display_name=OWNER[1], locale=OWNER[2])
    make_org(owner=owner, name="Боғҳои Восеъ", country="RU", city="Москва")
    expert = make_user(email=EXPERT[0], display_name=EXPERT[1], locale=EXPERT[2])
    make_profile(expert, skills=("irrigation", "hydrology"), sectors=["agriculture"],
                 headline="Irrigation engineer", link="https://farhod.example.org/cv")
    found = {"staff": (staff.email, staff.totp_secret)}
    db.session.rollback()
    return found


def publish(owner, t) -> None:
    lang = OWNER[2]
    owner.goto("/projects/")
    owner.locator("main").get_by_role("link", name=t(lang, "Publish a project")).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(t(lang, "Publish a project"))
    axe_check(owner)
    owner.get_by_label(t(lang, "Title"), exact=True).fill(TITLE)
    owner.get_by_label(t(lang, "Sector"), exact=True).select_option("agriculture")
    owner.get_by_label(t(lang, "Stage"), exact=True).select_option("feasibility")
    owner.get_by_label(t(lang, "Region of Tajikistan"), exact=True).select_option("khatlon")
    owner.get_by_label(t(lang, "Town or district"), exact=True).fill("Восеъ")
    owner.get_by_label(t(lang, "Budget (optional)"), exact=True).fill("250000")
    owner.get_by_label(t(lang, "Currency"), exact=True).select_option("USD")
    owner.get_by_label(t(lang, "Deadline for offers"), exact=True).fill(
        (today() + timedelta(days=30)).isoformat())
    for number, skill in enumerate(SKILLS, start=1):
        owner.get_by_label(t(lang, "Skill %(num)d", num=number), exact=True).select_option(
            skill)
    owner.locator("#skills-0-hours").fill("80")
    owner.locator("#skills-1-experts_needed").fill("2")
    owner.get_by_label(t(lang, "Description"), exact=True).fill(
        "Капельное орошение для **120 га** абрикосовых садов.")
    owner.get_by_label(t(lang, "Contact person"), exact=True).fill(CONTACT[0])
    owner.get_by_label(t(lang, "Contact email"), exact=True).fill(CONTACT[1])
    owner.get_by_label(t(lang, "Contact phone (optional)"), exact=True).fill(CONTACT[2])
    owner.locator("main").get_by_role("button", name=t(lang, "Send for review")).click()
    expect(flash(owner, TITLE)).to_be_visible()
    expect(owner.get_by_role("heading", level=1)).to_have_text(TITLE)
    axe_check(owner)


def approve(staff, t) -> None:
    staff.goto("/moderation/")
    staff.get_by_label(t("tg", "Kind"), exact=True).select_option(label=t("tg", "Project"))
    staff.locator("main").get_by_role("button", name=t("tg", "Filter")).click()
    item = staff.get_by_role("article").filter(
        has=staff.get_by_role("link", name=TITLE, exact=True))
    expect(item).to_contain_text(t("tg", "Irrigation"))
    item.get_by_role("button", name=t("tg", "Approve"), exact=True).click()
    expect(flash(staff, t("tg", "Decision recorded: %(decision)s.",
                          decision=t("tg", "Approved")))).to_be_visible()


def offer(expert, t) -> None:
    lang = EXPERT[2]
    expert.goto("/projects/")
    suggested = expert.locator("section.suggestions")
    expect(suggested.get_by_role("link", name=TITLE)).to_be_visible()
    expect(suggested).to_contain_text(t(lang, "Why:"))
    expect(suggested).to_contain_text("Irrigation")  # the reason names the matching skill
    axe_check(expert)
    follow(suggested.get_by_role("link", name=TITLE))
    expect(expert.get_by_role("heading", level=1)).to_have_text(TITLE)
    page_text = expert.locator("main")
    for secret in CONTACT[1:]:
        expect(page_text).not_to_contain_text(secret)
    follow(expert.locator("#offer").get_by_role("link", name=t(lang, "Offer help")))
    axe_check(expert)
    expect(expert.get_by_label(skill_label("irrigation"))).to_be_checked()
    expect(expert.get_by_label(skill_label("project_finance"))).not_to_be_checked()
    expert.get_by_label(t(lang, "Hours a month you can give"), exact=True).fill("20")
    expert.get_by_label(t(lang, "Message to the project's owner"), exact=True).fill(
        "I designed drip irrigation for orchards in Sughd for ten years.")
    expert.locator("main").get_by_role("button", name=t(lang, "Send the offer")).click()
    expect(flash(expert, t(lang, "Your offer was sent. The project's owner has %(days)d "
                                 "days to answer; you will be told by email.", days=14)))\
        .to_be_visible()
    for secret in CONTACT[1:]:
        expect(expert.locator("main")).not_to_contain_text(secret)


def accept(owner, t) -> None:
    lang = OWNER[2]
    owner.goto("/projects/mine")
    follow(owner.get_by_role("link", name=re.compile(TITLE)).first)
    follow(owner.locator("main").get_by_role("link", name=re.compile(t(lang, "Offers"))))
    expect(owner.locator("main")).to_contain_text(EXPERT[1])
    expect(owner.locator("main")).not_to_contain_text(EXPERT[0])
    follow(owner.get_by_role("link", name=EXPERT[1]))
    expect(owner.locator("main")).not_to_contain_text(EXPERT[0])
    axe_check(owner)
    owner.locator("main").get_by_role("button", name=t(lang, "Accept the offer")).click()
    expect(flash(owner, t(lang, "Offer accepted. You now see each other's contact "
                                "details."))).to_be_visible()
    contacts = owner.locator(".contacts-card")
    expect(contacts).to_contain_text(EXPERT[0])
    expect(contacts).to_contain_text("https://farhod.example.org/cv")


def test_publish_approve_suggest_offer_accept_and_contacts(page, live_server, people,
                                                           new_person):  # noqa: F811
    t = live_server.t
    owner = signed_in(new_person, t, OWNER[2], OWNER[0])
    publish(owner, t)

    staff = signed_in(new_person, t, "tg", *people["staff"])
    approve(staff, t)

    expert = signed_in(new_person, t, EXPERT[2], EXPERT[0])
    offer(expert, t)
    accept(owner, t)

    expert.reload()
    contacts = expert.locator(".contacts-card")
    for value in CONTACT:
        expect(contacts).to_contain_text(value)
    follow(expert.locator("main").get_by_role("link", name=TITLE).first)
    need = expert.locator(".project-skills li").filter(has_text=skill_label("irrigation"))
    expect(need).to_contain_text(t(EXPERT[2], "Filled"))
    other = expert.locator(".project-skills li").filter(
        has_text=skill_label("project_finance"))
    expect(other).not_to_contain_text(t(EXPERT[2], "Filled"))
    axe_check(expert)

    # A visitor sees the project, its sector and the filled skill, never the contacts.
    page.goto("/projects/?sector=agriculture")
    follow(page.get_by_role("link", name=TITLE))
    expect(page.locator("main")).to_contain_text(t("tg", "Agriculture"))
    for secret in CONTACT[1:]:
        expect(page.locator("main")).not_to_contain_text(secret)
