"""Accounts in a real browser: a newcomer's whole journey, an admin granting a role, a
mistyped password, and the font that draws the Tajik letters. Texts are looked up in the
app's own catalogues, so the tests follow the translations instead of copying them."""

from __future__ import annotations

import re
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pyotp
import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from diaspora_platform.i18n import country_name
from tests.conftest import PASSWORD
from tests.fixtures_browser import axe_check

pytestmark = pytest.mark.e2e
# Without Playwright the tests are skipped (and tests/conftest.py fails a CI run that skips).
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

NEW_EMAIL = "zarina.karimova@example.org"
NEW_NAME = "Зарина Каримова"


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def flash(page, text: str):
    return page.locator("main .alert").filter(has_text=text)


def confirmation_link(mail_dir: Path, to: str) -> str:
    """The link in the newest message to `to`, waiting briefly for it to be written."""
    parser = BytesParser(policy=policy.default)
    deadline = time.monotonic() + 5
    while True:
        messages = [parser.parsebytes(p.read_bytes()) for p in sorted(mail_dir.glob("*.eml"))]
        mine = [m for m in messages if m["To"] == to]
        if mine or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert mine, f"no mail to {to} in {mail_dir}"
    body = mine[-1].get_content()
    return next(line.strip() for line in body.splitlines() if "://" in line)


def account_menu(page, name: str):
    """Open the account menu in the header (the signed-in person's name)."""
    # Bootstrap's dropdown script runs at the end of the page: a click before the page has
    # loaded opens nothing (seen on a busy machine).
    page.wait_for_load_state("load")
    page.get_by_role("navigation").get_by_role("button", name=name).click()
    return page.get_by_role("navigation").locator(".dropdown-menu.show")


def sign_in(page, t, lang: str, email: str, password: str) -> None:
    page.get_by_label(t(lang, "Email"), exact=True).fill(email)
    page.get_by_label(t(lang, "Password"), exact=True).fill(password)
    page.locator("main").get_by_role("button", name=t(lang, "Sign in")).click()


def test_newcomer_registers_confirms_signs_in_again_and_switches_language(page, live_server):
    t = live_server.t

    # A visitor from Tajikistan opens the site: it speaks Tajik.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "tg")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("tg", "Tajikistan and its diaspora, working together"))
    axe_check(page)

    page.get_by_role("navigation").get_by_role("link", name=t("tg", "Join")).click()
    expect(page).to_have_url(re.compile(r"/account/register$"))
    axe_check(page)

    country = country_name("RU", "tg")
    page.get_by_label(t("tg", "Email"), exact=True).fill(NEW_EMAIL)
    page.get_by_label(t("tg", "Password"), exact=True).fill(PASSWORD)
    page.get_by_label(t("tg", "Repeat the password"), exact=True).fill(PASSWORD)
    page.get_by_label(t("tg", "Display name"), exact=True).fill(NEW_NAME)
    page.get_by_label(t("tg", "Country of residence")).select_option(label=country)
    page.locator("main").get_by_role("button", name=t("tg", "Create an account")).click()

    # Asked to check the mail (the same answer whether or not the address had an account),
    # then the link confirms the address and the newcomer signs in.
    expect(page).to_have_url(re.compile(r"/account/login$"))
    expect(flash(page, t("tg", "Check your mail: we sent a message to %(email)s. Open its "
                               "link to confirm your address, then sign in.",
                         email=NEW_EMAIL))).to_be_visible()
    link = confirmation_link(Path(live_server.app.config["MAIL_DIR"]), NEW_EMAIL)
    # the mail is in the language of the page the newcomer registered on
    assert link.startswith(live_server + "/tg/account/confirm/"), link
    page.goto(link)
    expect(flash(page, t("tg", "Thank you: your email address is confirmed."))).to_be_visible()
    sign_in(page, t, "tg", NEW_EMAIL, PASSWORD)
    page.goto("/account/")
    expect(page.get_by_label(t("tg", "Display name"), exact=True)).to_have_value(NEW_NAME)
    # On settings the visibility select carries the same label (reported); the field is first.
    expect(page.get_by_label(t("tg", "Country of residence")).first).to_have_value("RU")
    expect(page.get_by_text(t("tg", "Your email address %(email)s is not confirmed yet.",
                              email=NEW_EMAIL))).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("tg", "Your profile"))
    axe_check(page)

    page.get_by_role("link", name=t("tg", "See my public profile")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_NAME)
    axe_check(page)

    account_menu(page, NEW_NAME).get_by_role("button", name=t("tg", "Sign out")).click()
    expect(flash(page, t("tg", "You have signed out."))).to_be_visible()
    expect(page.get_by_role("button", name=NEW_NAME)).to_have_count(0)

    page.get_by_role("navigation").get_by_role("link", name=t("tg", "Sign in")).click()
    expect(page).to_have_url(re.compile(r"/account/login"))
    axe_check(page)
    sign_in(page, t, "tg", NEW_EMAIL, PASSWORD)
    expect(flash(page, t("tg", "Welcome, %(name)s.", name=NEW_NAME))).to_be_visible()
    expect(page).to_have_url(live_server + "/tg/")
    nav = page.get_by_role("navigation", name=t("tg", "Main navigation"))
    expect(nav.get_by_role("button", name=NEW_NAME)).to_be_visible()

    # The header switcher: Russian, then English; the page and its texts follow.
    for lang, name in (("ru", "Русский"), ("en", "English")):
        before = html_lang(page)
        switcher = page.get_by_role("form", name=t(before, "Language"))
        switcher.get_by_role("button", name=name, exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert t(lang, "Notifications") != t(before, "Notifications")  # the text does change
        expect(page.get_by_role("heading", level=1)).to_have_text(
            t(lang, "Tajikistan and its diaspora, working together"))
        nav = page.get_by_role("navigation", name=t(lang, "Main navigation"))
        expect(nav.get_by_role("link", name=t(lang, "Notifications"))).to_be_visible()
        switcher = page.get_by_role("form", name=t(lang, "Language"))
        expect(switcher.get_by_role("button", name=name, exact=True)).to_have_attribute(
            "aria-current", "true")

    # The choice is remembered with the account.
    account_menu(page, NEW_NAME).get_by_role("link", name=t("en", "Your profile")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("en", "Your profile"))
    expect(page.get_by_label(t("en", "Preferred language"))).to_have_value("en")


def test_admin_signs_in_with_code_and_makes_a_member_staff(page, live_server, make_user):
    t = live_server.t
    admin = make_user(email="admin@example.org", role=Role.ADMIN,
                      display_name="Фарида Раҳимова", locale="tg")
    member = make_user(email="madina@example.org", display_name="Мадина Юсупова",
                       locale="tg")
    secret, admin_email, admin_name = admin.totp_secret, admin.email, admin.display_name
    member_id, member_name = member.id, member.display_name
    db.session.rollback()

    page.goto("/account/login")
    sign_in(page, t, "tg", admin_email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/account/login/code"))
    page.get_by_label(t("tg", "Authentication code or recovery code")).fill(
        pyotp.TOTP(secret).now())
    page.get_by_role("button", name=t("tg", "Continue")).click()
    expect(flash(page, t("tg", "Welcome, %(name)s.", name=admin_name))).to_be_visible()

    page.goto("/admin/users")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("tg", "People and roles"))
    axe_check(page)

    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=member_name))
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.once("dialog", answer)
    row.get_by_role("button", name=t("tg", "Make staff")).click()

    expect(flash(page, t("tg", "%(name)s is now: %(role)s.", name=member_name,
                         role=t("tg", "Coordination Council staff")))).to_be_visible()
    assert questions == [t("tg", "Give %(name)s Council staff access?",
                           name=member_name)]
    expect(row.get_by_role("button", name=t("tg", "Revoke staff"))).to_be_visible()
    assert db.session.scalar(sa.select(User.role).where(User.id == member_id)) == Role.STAFF
    axe_check(page)


def test_wrong_password_shows_an_error_and_keeps_the_email(page, live_server, make_user):
    t = live_server.t
    email = make_user(email="jamshed@example.org", locale="en").email
    db.session.rollback()

    page.goto("/account/login")
    sign_in(page, t, "tg", email, "not-the-password-at-all")

    expect(page).to_have_url(re.compile(r"/account/login"))
    password = page.get_by_label(t("tg", "Password"), exact=True)
    expect(page.locator(".invalid-feedback")).to_have_text(t("tg", "Wrong email or password."))
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description(t("tg", "Wrong email or password."))
    expect(password).to_have_value("")
    expect(page.get_by_label(t("tg", "Email"), exact=True)).to_have_value(email)
    expect(page.get_by_role("button", name=t("tg", "Sign out"))).to_have_count(0)
    axe_check(page)


def test_tajik_letters_render_in_the_vendored_noto_sans(page, live_server):
    page.goto("/")
    page.evaluate("document.fonts.ready")
    text = page.locator("body").inner_text().lower()
    assert set("ғӣқӯҳҷ") <= set(text), "the Tajik home page should use every Tajik letter"

    # Ask Chromium which font actually drew each piece of text: no system fallback allowed.
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "body *"})["nodeIds"]
    used = set()
    for node in nodes:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            used.add((font["familyName"], font["postScriptName"], font["isCustomFont"]))
    assert used, "no text found"
    assert {family for family, _name, custom in used if custom} == {"Noto Sans"}
    fallbacks = sorted(f"{family} ({name})" for family, name, custom in used if not custom)
    assert not fallbacks, f"text drawn with system fonts instead of Noto Sans: {fallbacks}"
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= {name for _f, name, _c in used}
