"""Help requests in a real browser (CSRF on, the site's CSP, axe-core). A migrant without
an account files a request in Tajik with only a phone; it goes to the office responsible
for Russia, whose staff answer it, hand it to a partner organisation, which answers too,
and resolve it; the person is told by text message at each step and reads it all through
their private link. Staff of an unrelated office, and Council staff it was not routed
to, get 404; the database row holds no plaintext. With E2E_SHOTS_DIR set, the form, the
person's page, the staff view and the statistics are photographed in tg, ru and en at
1280 and 390 pixels wide."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.helpdesk.channels import SENT
from diaspora_platform.helpdesk.models import HelpRequest, HelpTally
from diaspora_platform.official import services as official
from diaspora_platform.official.accounts import grant_office_account
from diaspora_platform.official.models import OrganisationHelp
from tests.e2e.test_directory_browser import shoot
from tests.e2e.test_organisations_browser import (  # noqa: F401  (new_person: a fixture)
    new_person,
    signed_in,
)
from tests.fixtures_browser import axe_check, follow
from tests.official.conftest import office_data

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

MOSCOW = "Намояндагии Вазорати меҳнат"
STORY = "Корфармо дар Қазон се моҳ музд намедиҳад."


@pytest.fixture
def network(app, make_user, make_org, staff):
    """Two offices with their staff on the platform, a partner with verified help."""
    moscow = official.create_office(staff, office_data(name_tg=MOSCOW))
    astana = official.create_office(staff, office_data(country="KZ", city="Astana"))
    people = {"staff": staff}
    for key, office in (("officer", moscow), ("kz_officer", astana)):
        people[key] = make_user(email=f"{key}@example.org", two_factor=True, locale="tg")
        grant_office_account(staff, office, people[key].email)
    people["partner"] = make_user(email="lawyer@example.org", locale="tg")
    org = make_org(owner=people["partner"], name_tg="Ҳуқуқшиносони Қазон")
    official.declare_help(people["partner"], org, ["legal"])
    official.verify_help(staff, OrganisationHelp.query.filter_by(organisation_id=org.id).one())
    staff.locale = "tg"
    db.session.commit()
    return people


def _file(page, t) -> str:
    page.goto("/help-abroad/request")
    page.get_by_label(t("tg", "What happened?")).select_option("unpaid_wages")
    page.get_by_label(t("tg", "Country where it happened")).select_option("RU")
    page.get_by_label(t("tg", "City (optional)")).fill("Казань")
    page.get_by_label(t("tg", "Name of the person who needs help")).fill("Фаррух Назаров")
    page.get_by_label(t("tg", "Phone"), exact=True).fill("8 917 000 00 00")
    page.get_by_label(t("tg", "What happened, and what do you need?")).fill(STORY)
    follow(page.get_by_role("button", name=t("tg", "Send the request")))
    expect(page.get_by_text(re.compile("country code|рамзи кишвар|код страны",
                                       re.I)).first).to_be_visible()
    expect(page.get_by_label(t("tg", "Name of the person who needs help"))).to_have_value(
        "Фаррух Назаров")
    shoot(page, "helpdesk-form-error-tg")
    page.get_by_label(t("tg", "Phone"), exact=True).fill("+7 (917) 000-00-00")
    follow(page.get_by_role("button", name=t("tg", "Send the request")))
    expect(page.get_by_text(MOSCOW)).to_be_visible()
    axe_check(page)
    return page.url


def _earlier_requests() -> None:
    """What deleted requests left: enough anonymous counts for the statistics to show."""
    for n in range(16):
        db.session.add(HelpTally(
            month=f"2026-{9 + n % 3:02d}", country=("RU", "RU", "KZ", "DE")[n % 4],
            category=("unpaid_wages", "documents", "detention")[n % 3],
            outcome=("resolved", "resolved", "cannot_help")[n % 3],
            first_answer_hours=float(4 + n * 3)))
    db.session.commit()


def _told(app, count: int) -> list:
    sent = app.extensions.get(SENT, [])
    assert len(sent) == count and all(to == "+79170000000" for _c, to, _t in sent)
    return sent


def test_a_migrant_files_by_phone_and_is_helped_and_told_at_each_step(
        page, live_server, new_person, network):  # noqa: F811
    app, t = live_server.app, live_server.t
    status_url = _file(page, t)
    request_id = db.session.scalar(sa.select(HelpRequest.id))
    _told(app, 1)

    officer = signed_in(new_person, t, "tg", "officer@example.org",
                        network["officer"].totp_secret)
    officer.goto("/helpdesk/")
    follow(officer.get_by_role("link", name=str(request_id), exact=True))
    expect(officer.get_by_text(STORY)).to_be_visible()
    axe_check(officer)
    officer.get_by_label(t("tg", "Answer to the person")).fill("Ба мо занг занед: 10:00.")
    follow(officer.get_by_role("button", name=t("tg", "Send"), exact=True))
    _told(app, 2)
    officer.get_by_label(t("tg", "Partner organisation")).select_option(
        label="Ҳуқуқшиносони Қазон")
    follow(officer.get_by_role("button", name=t("tg", "Hand over")))
    _told(app, 3)

    lawyer = signed_in(new_person, t, "tg", "lawyer@example.org")
    lawyer.goto(f"/helpdesk/{request_id}")
    lawyer.get_by_label(t("tg", "Answer to the person")).fill("Шартномаро биёред.")
    follow(lawyer.get_by_role("button", name=t("tg", "Send"), exact=True))
    _told(app, 4)

    officer.goto(f"/helpdesk/{request_id}")
    officer.get_by_label(t("tg", "New status")).select_option("resolved")
    follow(officer.get_by_role("button", name=t("tg", "Change the status")))
    sent = _told(app, 5)
    assert all(status_url.split("/")[-1] in text for _c, _to, text in sent)

    _earlier_requests()
    page.goto(status_url)
    expect(page.get_by_text(t("tg", "Resolved"), exact=True)).to_be_visible()
    expect(page.get_by_text("Шартномаро биёред.")).to_be_visible()
    expect(page.get_by_text("Ҳуқуқшиносони Қазон")).to_be_visible()
    for lang in ("tg", "ru", "en"):
        page.context.add_cookies([{"name": "lang", "value": lang, "url": live_server}])
        network["officer"].locale = lang  # a member's own choice outranks the cookie
        db.session.commit()
        for person, name, url in ((page, "form", "/help-abroad/request"),
                                  (page, "status", status_url),
                                  (page, "statistics", "/help-abroad/statistics"),
                                  (officer, "staff", f"/helpdesk/{request_id}"),
                                  (officer, "dashboard", "/helpdesk/")):
            # the address without its language: the reader's choice decides
            person.goto(re.sub(r"/(tg|ru|en)/", "/", url, count=1))
            expect(person.locator("html")).to_have_attribute("lang", lang)
            shoot(person, f"helpdesk-{name}-{lang}")


def test_unrelated_staff_get_404_and_the_row_holds_no_plaintext(
        page, live_server, new_person, network):  # noqa: F811
    t = live_server.t
    _file(page, t)
    request_id = db.session.scalar(sa.select(HelpRequest.id))
    for key in ("kz_officer", "staff"):
        person = signed_in(new_person, t, "tg", network[key].email, network[key].totp_secret)
        # Through the browser's own session (its cookies), without rendering the error.
        response = person.request.get(f"/helpdesk/{request_id}")
        assert response.status == 404 and STORY not in response.text()
    row = db.session.execute(sa.text("SELECT name, phone, city, story FROM help_requests")
                             ).one()
    raw = b"".join(bytes(value) for value in row)
    for plain in ("Фаррух", "79170000000", "Казань", "Корфармо"):
        assert plain.encode() not in raw
