"""Nominations in a real browser (CSRF on, the site's CSP, axe-core): the owner of a
diaspora organisation nominates a scientist living in Russia; the scientist, who has no
account, opens the link mailed to them in Russian and agrees; the embassy in Moscow,
signed in with its second factor, endorses with a note; after the eligibility check and
the deadline, a judge reads the entry with the endorsement beside it. With E2E_SHOTS_DIR
set, the nomination form and the endorsement page are photographed in tg, ru and en at
1280 and 390 pixels wide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from diaspora_platform.competitions import editions, jury
from diaspora_platform.competitions.models import Assignment, Entry
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.nominations.models import Nomination
from diaspora_platform.official import services as official
from diaspora_platform.official.accounts import grant_office_account
from tests.competitions.conftest import close_now, competitions, make_edition
from tests.conftest import Mailbox
from tests.e2e.test_directory_browser import shoot
from tests.e2e.test_organisations_browser import new_person, signed_in
from tests.fixtures_browser import axe_check, follow
from tests.official.conftest import office_data

__all__ = ["competitions", "make_edition", "new_person"]  # fixtures used here
pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

EMBASSY = "Сафорати Тоҷикистон дар Маскав"
NOTE = "Олими маъруф; сафорат пешбариро дастгирӣ мекунад."
STATEMENT = "Ӯ 20 сол физикаи плазмаро дар Маскав таълим медиҳад ва донишҷӯёни тоҷикро мегирад."


@pytest.fixture
def world(app, make_user, make_org, make_edition, staff):
    moscow = official.create_office(staff, office_data(kind="embassy", name_tg=EMBASSY))
    people = {"staff": staff, "edition": make_edition("best-scientist", questions="")}
    people["officer"] = make_user(email="officer@example.org", two_factor=True, locale="tg")
    grant_office_account(staff, moscow, people["officer"].email)
    people["owner"] = make_user(email="owner@example.org", locale="tg")
    people["org"] = make_org(owner=people["owner"], name_tg="Маркази тоҷикони Маскав")
    people["judge"] = make_user(email="judge@example.org", locale="tg")
    return people


def _nominate(person, t) -> None:
    person.goto("/competitions/best-scientist/2026")
    follow(person.get_by_role("link", name=t("tg", "Nominate a person")).first)
    person.get_by_label(t("tg", "Full name of the person")).fill("Рустам Каримов")
    person.get_by_label(t("tg", "The person's email address")).fill("rustam@example.org")
    person.get_by_label(t("tg", "Language of the message we send them")).select_option("ru")
    person.get_by_label(t("tg", "Country where the person lives")).select_option("RU")
    person.get_by_label(t("tg", "Why you nominate this person")).fill(STATEMENT)
    axe_check(person)
    follow(person.get_by_role("button", name=t("tg", "Nominate"), exact=True))
    expect(person.get_by_text(t("tg", "Waiting for the person's consent"))).to_be_visible()


def _in_each_language(world, user: str, person, url: str, name: str) -> None:
    """Photograph a page as `user` reads it in each language (their own choice)."""
    for lang in ("tg", "ru", "en"):
        world[user].locale = lang
        db.session.commit()
        person.goto(re.sub(r"/(tg|ru|en)/", "/", url, count=1))
        expect(person.locator("html")).to_have_attribute("lang", lang)
        shoot(person, f"{name}-{lang}")
    world[user].locale = "tg"
    db.session.commit()


def _judge_reads(person, t, entry_id: int) -> None:
    assignment = db.session.scalar(sa.select(Assignment.id).where(
        Assignment.entry_id == entry_id))
    person.goto(f"/competitions/judging/assignments/{assignment}")
    follow(person.get_by_role("button", name=t("tg", "I have no conflict of interest")))
    endorsed = person.locator("aside.endorsement")
    expect(endorsed).to_contain_text(EMBASSY)
    expect(endorsed).to_contain_text(NOTE)
    axe_check(person)


def test_nominate_consent_endorse_and_the_jury_sees_the_endorsement(
        page, live_server, new_person, world):
    app, t = live_server.app, live_server.t
    owner = signed_in(new_person, t, "tg", "owner@example.org")
    _nominate(owner, t)
    _in_each_language(world, "owner", owner, "/nominations/best-scientist/2026/new",
                      "nomination-form")

    # The person opens the link from the mail, in the language chosen for them.
    mailbox = Mailbox(Path(app.config["MAIL_DIR"]))
    link = mailbox.link(mailbox.last("rustam@example.org"))
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_text(STATEMENT)).to_be_visible()
    axe_check(page)
    follow(page.get_by_role("button", name=t("ru", "I agree to be nominated")))
    expect(page.get_by_text(t("ru", "Thank you: you agreed to be nominated. We will tell "
                                    "you how the competition goes."))).to_be_visible()

    officer = signed_in(new_person, t, "tg", "officer@example.org",
                        world["officer"].totp_secret)
    officer.goto("/nominations/office/")
    follow(officer.get_by_role("link", name="Рустам Каримов"))
    endorse_url = officer.url
    _in_each_language(world, "officer", officer, endorse_url, "nomination-endorsement")
    officer.goto(endorse_url)
    officer.get_by_label(t("tg", "Endorse"), exact=True).check()
    officer.get_by_label(re.compile(re.escape(t("tg", "Note (the jury reads it beside the "
                                                      "entry when you endorse)")))).fill(NOTE)
    axe_check(officer)
    follow(officer.get_by_role("button", name=t("tg", "Record the decision")))
    expect(officer.get_by_text(NOTE)).to_be_visible()

    owner.goto("/nominations/mine")
    expect(owner.get_by_text(t("tg", "Entered in the competition"))).to_be_visible()

    # The Council's side, outside these pages: eligibility, the jury, the deadline.
    staff, edition = world["staff"], world["edition"]
    entry_id = db.session.scalar(sa.select(Nomination.entry_id))
    moderation.decide(staff, db.session.get(Entry, entry_id), "approve")
    jury.add_judge(staff, edition, world["judge"].email)
    close_now(edition)
    editions.transition(staff, edition, "closed")
    editions.transition(staff, edition, "judging")
    judge = signed_in(new_person, t, "tg", "judge@example.org")
    _judge_reads(judge, t, entry_id)

    shoot(judge, "nomination-judge-sheet-tg")


def test_staff_send_a_nomination_elsewhere_and_the_nominator_withdraws_it(
        live_server, new_person, world):
    """Staff route the nomination to the embassy in Kazakhstan from the edition's list; the
    nominator then withdraws it from their list, after a page that says what follows.
    With E2E_SHOTS_DIR set, both pages are photographed in each language."""
    t, staff = live_server.t, world["staff"]
    astana = official.create_office(staff, office_data(
        country="KZ", city="Astana", kind="embassy", name_tg="Сафорати Тоҷикистон дар Остона"))
    owner = signed_in(new_person, t, "tg", "owner@example.org")
    _nominate(owner, t)

    staff.locale = "tg"
    db.session.commit()
    council = signed_in(new_person, t, "tg", staff.email, staff.totp_secret)
    council.goto(f"/nominations/edition/{world['edition'].id}")
    follow(council.get_by_role("link", name=t("tg", "Send to another office")))
    route_url = council.url
    _in_each_language(world, "staff", council, route_url, "nomination-route")
    council.goto(route_url)
    council.get_by_label(t("tg", "Embassy or consulate asked to endorse")).select_option(
        str(astana.id))
    axe_check(council)
    follow(council.get_by_role("button", name=t("tg", "Save")))
    expect(council.get_by_text(t("tg", "The nomination now goes to the office you chose; "
                                       "both offices were told."))).to_be_visible()
    expect(council.get_by_role("cell", name="Сафорати Тоҷикистон дар Остона")).to_be_visible()

    owner.goto("/nominations/mine")
    follow(owner.get_by_role("link", name=t("tg", "Withdraw…")))
    withdraw_url = owner.url
    _in_each_language(world, "owner", owner, withdraw_url, "nomination-withdraw")
    owner.goto(withdraw_url)
    axe_check(owner)
    follow(owner.get_by_role("button", name=t("tg", "Withdraw the nomination")))
    expect(owner.get_by_text(t("tg", "Withdrawn by the nominator"))).to_be_visible()
    expect(owner.get_by_role("link", name=t("tg", "Withdraw…"))).to_have_count(0)
    expect(owner.get_by_role("button", name=t("tg", "Send the consent link again"))
           ).to_have_count(0)
    _in_each_language(world, "owner", owner, "/nominations/mine", "nominations-withdrawn")
