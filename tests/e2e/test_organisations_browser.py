"""Organisations in a real browser, used the way people use them: a newcomer registers one,
Council staff approve it, visitors find it in three languages, a member joins, three
members report it and staff restore it. Everybody has a browser of their own; every step
goes through the pages. Texts come from the app's own catalogues."""

from __future__ import annotations

import re
from pathlib import Path

import pyotp
import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from diaspora_platform.i18n import country_name, language_name
from tests.conftest import PASSWORD
from tests.e2e.test_accounts_browser import account_menu, confirmation_link, flash, sign_in
from tests.fixtures_browser import (
    TIMEOUT_MS,
    VIEWPORT,
    axe_check,
    block_other_hosts,
    follow,
    switch_language,
)

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

OWNER_EMAIL, OWNER_NAME = "nigora.saidova@example.org", "Нигора Саидова"
ORG_NAMES = {"tg": "Мактаби тоҷикии «Ганҷ»", "ru": "Таджикская школа «Гандж»",
             "en": "Ganj Tajik School"}
ORG_NAME = ORG_NAMES["tg"]  # as its author wrote it: what staff and its members see


@pytest.fixture
def new_person(page, live_server):
    """Open another person's browser (own cookies); its problems fail the test like the
    main page's do."""
    contexts = []

    def open_browser():
        context = page.context.browser.new_context(
            viewport=VIEWPORT, locale="tg-TJ", timezone_id="Asia/Dushanbe",
            base_url=live_server)
        context.set_default_timeout(TIMEOUT_MS)
        block_other_hosts(context, live_server, page.problems.blocked_requests)
        contexts.append(context)
        other = context.new_page()
        other.on("console", page.problems.on_console)
        other.on("pageerror", lambda error: page.problems.page_errors.append(str(error)))
        return other

    open_browser.live_server = live_server
    yield open_browser
    for context in contexts:
        context.close()


def nav(page, t, lang: str, name: str):
    """A link of the header; its name may go on with a count ("Notifications 2 unread")."""
    text = re.compile(rf"^{re.escape(t(lang, name))}(\s|$)")
    return page.get_by_role("navigation", name=t(lang, "Main navigation")).get_by_role(
        "link", name=text)


def signed_in(new_person, t, lang: str, email: str, secret: str | None = None):
    """A new browser in which `email` has signed in (with a code from the app if staff).

    The sign-in goes through the real forms over HTTP (the sign-in page and its CSRF token,
    the password, the code), sent as this browser (its user agent, from 127.0.0.1), and the
    browser is given the session cookie the app answered with. Signing in in the browser is
    the journey of test_accounts_browser.py; here it was a fifth of each journey's pages."""
    person = new_person()
    server = new_person.live_server
    client = server.app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = person.evaluate("navigator.userAgent")

    def submit(path: str, **fields) -> str:
        form = client.get(path).get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form)[1]
        answer = client.post(path, data={"csrf_token": token, **fields})
        assert answer.status_code == 302, f"{path} answered {answer.status_code}"
        return answer.headers["Location"]

    went = submit("/tg/account/login", email=email, password=PASSWORD)
    if secret:
        went = submit("/tg/account/login/code", code=pyotp.TOTP(secret).now())
    assert "/account/login" not in went, f"{email} was not signed in (sent to {went})"
    name = server.app.config["SESSION_COOKIE_NAME"]
    person.context.add_cookies([{"name": name, "value": client.get_cookie(name).value,
                                 "url": server, "httpOnly": True, "sameSite": "Lax"}])
    person.goto("/")
    expect(person.locator("html")).to_have_attribute("lang", lang)
    # Signed in: the account menu (closed) holds the sign-out button.
    expect(person.get_by_text(t(lang, "Sign out"), exact=True)).to_have_count(1)
    return person


def open_organisation_from_directory(person, t, lang: str) -> None:
    follow(nav(person, t, lang, "Organisations"))
    person.get_by_role("link", name=ORG_NAMES[lang], exact=True).click()
    expect(person.get_by_role("heading", level=1)).to_have_text(ORG_NAMES[lang])


def register_and_confirm(page, live_server, t) -> None:
    page.goto("/")
    follow(nav(page, t, "tg", "Join"))
    page.get_by_label(t("tg", "Email"), exact=True).fill(OWNER_EMAIL)
    page.get_by_label(t("tg", "Password"), exact=True).fill(PASSWORD)
    page.get_by_label(t("tg", "Repeat the password"), exact=True).fill(PASSWORD)
    page.get_by_label(t("tg", "Display name"), exact=True).fill(OWNER_NAME)
    page.get_by_label(t("tg", "Country of residence")).select_option(label=country_name("FR", "tg"))
    page.locator("main").get_by_role("button", name=t("tg", "Create an account")).click()
    expect(page).to_have_url(re.compile(r"/account/login$"))

    page.goto(confirmation_link(Path(live_server.app.config["MAIL_DIR"]), OWNER_EMAIL))
    expect(flash(page, t("tg", "Thank you: your email address is confirmed."))).to_be_visible()
    sign_in(page, t, "tg", OWNER_EMAIL, PASSWORD)
    page.goto("/account/")
    # Each visibility select is labelled as such, apart from the field it governs.
    who = page.get_by_label(t("tg", "Who can see your country of residence"), exact=True)
    expect(page.get_by_label(t("tg", "Country of residence"), exact=True)).to_have_value("FR")
    who.select_option("public")
    page.locator("main").get_by_role("button", name=t("tg", "Save"), exact=True).click()
    expect(flash(page, t("tg", "Your profile is saved."))).to_be_visible()
    expect(who).to_have_value("public")


def fill_organisation_form(page, t) -> None:
    # Written in Tajik (the form's language on a Tajik page), with its other two names.
    page.get_by_label(t("tg", "Name"), exact=True).fill(ORG_NAME)
    page.get_by_text(t("tg", "Versions in other languages (optional)")).click()
    for lang in ("ru", "en"):
        page.locator(f"fieldset.language-fieldset[lang={lang}] input[name=name_{lang}]").fill(
            ORG_NAMES[lang])
    page.get_by_label(t("tg", "Kind"), exact=True).select_option(label=t("tg", "School"))
    page.get_by_label(t("tg", "Country"), exact=True).select_option(
        label=country_name("FR", "tg"))
    page.get_by_label(t("tg", "City"), exact=True).fill("Lyon")
    page.get_by_label(t("tg", "Description"), exact=True).fill(
        "Дарсҳои забони тоҷикӣ барои кӯдакон, рӯзҳои шанбе.")
    for code in ("tg", "fr"):
        page.get_by_label(language_name(code, "tg"), exact=True).check()


def create_organisation(page, t) -> None:
    account_menu(page, OWNER_NAME).get_by_role("link", name=t("tg", "My organisations")).click()
    expect(page.locator(".empty-state")).to_be_visible()
    page.locator("main").get_by_role("link", name=t("tg", "Register an organisation")).click()
    axe_check(page)
    fill_organisation_form(page, t)
    page.locator("main").get_by_role("button", name=t("tg", "Register"), exact=True).click()

    expect(flash(page, t("tg", "Thank you. “%(name)s” is registered and waits for review by "
                               "the Coordination Council; you will be told of the decision.",
                         name=ORG_NAME))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORG_NAMES["tg"])
    expect(page.get_by_text(t("tg", "Only you, its members and Council staff see this page "
                                    "until it is approved."))).to_be_visible()
    axe_check(page)
    follow(account_menu(page, OWNER_NAME).get_by_role("link", name=t("tg", "My organisations")))
    mine = page.get_by_role("link").filter(has_text=ORG_NAMES["tg"])
    expect(mine).to_contain_text(t("tg", "Waiting for review"))
    expect(mine).to_contain_text(t("tg", "Owner"))


def approve_in_queue(staff, t) -> None:
    follow(nav(staff, t, "tg", "Moderation"))
    expect(staff.get_by_role("heading", level=1)).to_have_text(t("tg", "Moderation queue"))
    axe_check(staff)
    item = staff.get_by_role("article").filter(
        has=staff.get_by_role("link", name=ORG_NAME, exact=True))
    item.get_by_role("button", name=t("tg", "Approve"), exact=True).click()
    expect(flash(staff, t("tg", "Decision recorded: %(decision)s.",
                          decision=t("tg", "Approved")))).to_be_visible()
    expect(staff.get_by_text(t("tg", "Nothing is waiting for review. Well done."))).to_be_visible()


def read_notification(page, t, lang: str, text: str) -> None:
    follow(nav(page, t, lang, "Notifications"))
    axe_check(page)
    page.get_by_role("link", name=text.strip()).click()


def find_in_every_language(visitor, t) -> None:
    """The directory in Tajik, then Russian and English through the header switcher."""
    visitor.goto("/")
    for lang in ("tg", "ru", "en"):
        switch_language(visitor, t, lang)
        follow(nav(visitor, t, lang, "Organisations"))
        expect(visitor.get_by_role("heading", level=1)).to_have_text(
            t(lang, "Diaspora organisations"))
        card = visitor.get_by_role("article").filter(
            has=visitor.get_by_role("link", name=ORG_NAMES[lang], exact=True))
        expect(card).to_contain_text(t(lang, "School"))
        expect(card).to_contain_text(country_name("FR", lang))
        expect(card).to_contain_text(t(lang, "Verified"))
        axe_check(visitor)


def ask_to_join(member, t) -> None:
    open_organisation_from_directory(member, t, "ru")
    member.get_by_label(t("ru", "A few words about you (optional)")).fill(
        "Преподаю музыку, могу вести кружок рубаба.")
    member.get_by_role("button", name=t("ru", "Ask to join")).click()
    expect(flash(member, t("ru", "Your request was sent to the organisation's "
                                 "administrators."))).to_be_visible()


def accept_request(page, t, member_name: str) -> None:
    read_notification(page, t, "tg", t("tg", "%(name)s asks to join %(organisation)s.",
                                       name=member_name, organisation=ORG_NAME))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("tg", "Members of %(name)s", name=ORG_NAME))
    axe_check(page)
    request = page.locator(".card").filter(has_text=member_name)
    request.get_by_label(t("tg", "Role"), exact=True).select_option(label=t("tg", "Member"))
    request.get_by_role("button", name=t("tg", "Accept"), exact=True).click()
    expect(flash(page, t("tg", "Accepted."))).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=member_name))
    expect(row.get_by_role("cell").nth(1)).to_have_text(t("tg", "Member"))


def report(reporter, t, is_last: bool) -> None:
    open_organisation_from_directory(reporter, t, "en")
    reporter.get_by_role("link", name=t("en", "Report this organisation")).click()
    axe_check(reporter)
    reporter.get_by_label(t("en", "What is wrong?")).select_option(
        label=t("en", "Inaccurate or misleading"))
    reporter.get_by_label(t("en", "Details (optional)")).fill("The school closed in 2024.")
    reporter.get_by_role("button", name=t("en", "Send the report")).click()
    expect(flash(reporter, t("en", "Thank you. Council staff will review your report.")))\
        .to_be_visible()
    if is_last:  # the item is hidden: there is no page of it to go back to
        expect(reporter).to_have_url(re.compile(r"/$"))


def restore_from_reports(staff, t) -> None:
    follow(nav(staff, t, "tg", "Moderation"))
    reports = re.compile(re.escape(t("tg", "Reports")))  # the name carries the count
    staff.locator("main").get_by_role("link", name=reports).click()
    axe_check(staff)
    item = staff.get_by_role("article").filter(
        has=staff.get_by_role("link", name=ORG_NAME, exact=True))
    expect(item).to_contain_text(t("tg", "Hidden"))
    expect(item.get_by_role("listitem")).to_have_count(3)
    item.get_by_role("button", name=t("tg", "Dismiss the reports and restore it")).click()
    expect(flash(staff, t("tg", "Reports dismissed; the item is public."))).to_be_visible()
    expect(staff.get_by_text(t("tg", "No open reports."))).to_be_visible()


def directory_lists_it(visitor, t, listed: bool) -> None:
    visitor.reload()
    expect(visitor.get_by_role("link", name=ORG_NAMES["en"], exact=True)).to_have_count(
        1 if listed else 0)
    if not listed:
        expect(visitor.get_by_text(t("en", "No verified organisation matches these filters "
                                           "yet."))).to_be_visible()


def test_an_organisation_from_registration_to_membership_reports_and_restoring(
        page, live_server, make_user, make_reporter, new_person):
    t = live_server.t
    staff = make_user(email="rustam@example.org", role=Role.STAFF, locale="tg",
                      display_name="Рустам Назаров")
    member = make_user(email="dilnoza@example.org", locale="ru", display_name="Дилноза Ализода")
    reporters = [make_reporter(locale="en").email for _ in range(3)]
    staff_email, staff_secret = staff.email, staff.totp_secret
    member_email, member_name = member.email, member.display_name
    db.session.rollback()

    register_and_confirm(page, live_server, t)
    create_organisation(page, t)

    staff_page = signed_in(new_person, t, "tg", staff_email, staff_secret)
    approve_in_queue(staff_page, t)
    read_notification(page, t, "tg", t("tg", "Approved: %(type)s “%(label)s” is now public.",
                                       type=t("tg", "Organisation"), label=ORG_NAME))
    expect(page.get_by_text(t("tg", "Verified by the Coordination Council"))).to_be_visible()

    visitor = new_person()
    find_in_every_language(visitor, t)

    member_page = signed_in(new_person, t, "ru", member_email)
    ask_to_join(member_page, t)
    accept_request(page, t, member_name)
    member_page.reload()
    expect(member_page.get_by_text(t("ru", "Your role: %(role)s", role=t("ru", "Member"))))\
        .to_be_visible()

    # Reports from one address count once: the three members write from their own homes,
    # through the proxy that production runs behind.
    live_server.app.wsgi_app = ProxyFix(live_server.app.wsgi_app, x_for=1)
    for number, email in enumerate(reporters, start=1):
        reporter = signed_in(new_person, t, "en", email)
        reporter.set_extra_http_headers({"X-Forwarded-For": f"198.51.100.{number}"})
        report(reporter, t, is_last=number == len(reporters))
    directory_lists_it(visitor, t, listed=False)
    read_notification(page, t, "tg", t(
        "tg", "Hidden: %(type)s “%(label)s”. Reason: %(reason)s. %(note)s",
        type=t("tg", "Organisation"), label=ORG_NAME,
        reason=t("tg", "Hidden after reports, waiting for review"), note=""))
    expect(page.get_by_text(t("tg", "Members reported it, so it is hidden until Council "
                                    "staff review the reports."))).to_be_visible()

    restore_from_reports(staff_page, t)
    directory_lists_it(visitor, t, listed=True)
    follow(visitor.get_by_role("link", name=t("en", "Moderation log")))
    rows = visitor.get_by_role("row")
    expect(rows.filter(has_text=t("en", "Restored"))).to_have_count(1)
    expect(rows.filter(has_text=t("en", "Hidden after reports, waiting for review")))\
        .to_have_count(1)
    axe_check(visitor)


def test_a_form_sent_with_mistakes_leads_to_each_one(page, live_server, make_user):
    t = live_server.t
    email = make_user(email="bahrom@example.org", locale="tg").email
    db.session.rollback()
    page.goto("/account/login")
    sign_in(page, t, "tg", email, PASSWORD)
    page.goto("/organisations/new")
    page.get_by_label(t("tg", "Name"), exact=True).fill("Ҷамъияти тоҷикон")
    follow(page.locator("main").get_by_role("button", name=t("tg", "Register"), exact=True))

    summary = page.get_by_role("alert").filter(has_text=t("tg", "Please correct the following:"))
    expect(summary).to_be_focused()
    required = t("tg", "This field is required.")
    links = summary.get_by_role("link")
    expect(links).to_have_text([f"{t('tg', label)}: {required}"
                                for label in ("Kind", "Country", "City")])
    axe_check(page)
    links.nth(2).click()
    expect(page.get_by_label(t("tg", "City"), exact=True)).to_be_focused()
    links.nth(0).click()
    kind = page.get_by_label(t("tg", "Kind"), exact=True)
    expect(kind).to_be_focused()
    expect(kind).to_have_accessible_description(required)
