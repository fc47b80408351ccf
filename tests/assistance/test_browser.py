"""A member asks for help in a real browser (CSRF on, the site's CSP, axe-core), in Tajik,
and staff decline it through the confirmation step."""

from __future__ import annotations

import pyotp
import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.assistance.models import AssistanceRequest
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.security import hash_password
from tests.conftest import PASSWORD
from tests.fixtures_browser import axe_check

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect


def _user(app, email, role=Role.MEMBER, locale="tg"):
    with app.app_context():
        user = User(email=email, password_hash=hash_password(PASSWORD), display_name=email[:5],
                    locale=locale, role=role, confirmed_at=utcnow())
        if role != Role.MEMBER:
            user.totp_secret, user.totp_enabled_at = pyotp.random_base32(), utcnow()
        db.session.add(user)
        db.session.commit()
        return user.totp_secret


def _sign_in(page, email, secret=None):
    page.goto("/account/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    if secret:
        page.wait_for_url("**/account/login/code**")
        page.fill("#code", pyotp.TOTP(secret).now())
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/account/login" not in url)


def test_member_asks_for_help_and_staff_decline_after_confirming(page, live_server):
    app, t = live_server.app, live_server.t
    _user(app, "madina@example.org")
    _sign_in(page, "madina@example.org")
    page.goto("/help-to-open/new")
    expect(page.locator("html")).to_have_attribute("lang", "tg")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    axe_check(page)
    page.select_option("#kind", "school")
    page.fill("#people", "40")
    page.fill("#title", "Мактаби якшанбеӣ дар Лион")
    page.select_option("#country", "FR")
    page.fill("#city", "Lyon")
    page.check("input[name=needs][value=premises]")
    page.fill("#description", "Дарсҳои забони тоҷикӣ барои кӯдакон.")
    page.fill("#timeline", "Сентябри 2026")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/help-to-open/requests/*")
    expect(page.locator("h1")).to_have_text("Мактаби якшанбеӣ дар Лион")
    axe_check(page)
    with app.app_context():
        req_id = db.session.scalar(sa.select(AssistanceRequest.id))

    page.context.clear_cookies()
    secret = _user(app, "staff@example.org", role=Role.STAFF, locale="en")
    _sign_in(page, "staff@example.org", secret)
    page.goto(f"/help-to-open/staff/requests/{req_id}")
    axe_check(page)
    page.fill("#status-message", "We cannot help in Lyon this year.")
    page.locator("button[name=status][value=declined]").click()
    expect(page.locator("h1")).to_have_text(t("en", "Decline the request?"))
    axe_check(page)
    page.get_by_role("button", name=t("en", "Yes, decline the request")).click()
    page.wait_for_url(f"**/help-to-open/staff/requests/{req_id}*")
    with app.app_context():
        assert db.session.get(AssistanceRequest, req_id).status == "declined"
