"""The fund in a real browser, run the way people run it: Council staff create a campaign
for a school with a 1:1 sponsor match and open it; two members pledge, one by name and one
anonymously, and read their payment instructions; staff upload the bank's statement, which
holds one of the two reference codes, and accept the proposed confirmation; visitors read the
campaign page and the public ledger in Tajik, Russian and English and see the right
received, matched and pending figures; `flask fund verify` passes, and fails once a ledger
row is changed in the database. Everybody has a browser of their own."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.formatting import format_money
from tests.e2e.test_accounts_browser import flash
from tests.e2e.test_directory_browser import shoot
from tests.e2e.test_organisations_browser import new_person, signed_in  # noqa: F401
from tests.fixtures_browser import axe_check, follow, switch_language

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

TITLES = {"tg": "Мактаб барои деҳаи Чорбоғ", "ru": "Школа для села Чорбог",
          "en": "A school for Chorbogh village"}
LANGS = ("tg", "ru", "en")


def money(amount: str, lang: str) -> str:
    """As the page writes somoni: "1 500,00 сомонӣ", "TJS 1,500.00"."""
    return format_money(Decimal(amount), "TJS", lang=lang)


def in_language(t, label: str, lang: str) -> str:
    """The Tajik page's label of one language's input: "Сарлавҳа (Русӣ)"."""
    from diaspora_platform.i18n import language_name

    return t("tg", "%(field)s (%(language)s)", field=t("tg", label),
             language=language_name(lang, "tg"))


def create_and_open_campaign(staff, t) -> str:
    for lang in ("tg", "ru", "en"):  # with E2E_SHOTS_DIR: the form page in each language
        staff.goto(f"/{lang}/fund/manage/new")
        shoot(staff, f"campaign-form-{lang}")
    staff.goto("/fund/manage/")
    staff.get_by_role("link", name=t("tg", "New campaign")).click()
    for lang in LANGS:
        staff.get_by_label(in_language(t, "Title", lang)).fill(TITLES[lang])
        staff.get_by_label(in_language(t, "Description (Markdown)", lang)).fill(
            f"{TITLES[lang]}: **12** classrooms.")
    staff.get_by_label(t("tg", "Target amount")).fill("50000")
    today = utcnow().date()
    staff.get_by_label(t("tg", "Starts on")).fill(str(today - timedelta(days=1)))
    staff.get_by_label(t("tg", "Ends on")).fill(str(today + timedelta(days=60)))
    staff.get_by_label(t("tg", "Matching sponsor (optional)")).fill("Somon Energy")
    staff.get_by_label(t("tg", "Sponsor adds, for each 1 received")).fill("1")
    staff.get_by_label(t("tg", "Sponsor's cap")).fill("10000")
    staff.get_by_role("button", name=t("tg", "Save"), exact=True).click()
    expect(flash(staff, t("tg", "Campaign saved."))).to_be_visible()
    axe_check(staff)
    staff.wait_for_load_state("load")
    staff.once("dialog", lambda dialog: dialog.accept())
    staff.get_by_role("button", name=t("tg", "Open for pledges")).click()
    expect(flash(staff, t("tg", "The campaign is now: %(status)s.",
                          status=t("tg", "Open for pledges")))).to_be_visible()
    return re.search(r"/fund/manage/(\d+)", staff.url).group(1)


def pledge(member, t, lang: str, campaign_id: str, amount: str, anonymous: bool) -> str:
    member.goto(f"/fund/{campaign_id}")
    expect(member.get_by_role("heading", level=1)).to_have_text(TITLES[lang])
    follow(member.locator("main").get_by_role("link", name=t(lang, "Pledge"), exact=True))
    member.get_by_label(t(lang, "Amount")).fill(amount)
    if anonymous:
        member.get_by_label(t(lang, "Anonymously")).check()
    axe_check(member)
    member.get_by_role("button", name=t(lang, "Record my pledge")).click()
    expect(flash(member, t(lang, "Thank you! Your pledge is recorded. Please pay it by bank "
                                 "transfer with the reference below."))).to_be_visible()
    reference = member.locator(".fund-reference").inner_text().strip()
    expect(member.get_by_text("Amonatbonk")).to_be_visible()
    axe_check(member)
    return reference


def reconcile(staff, t, reference: str, other: str) -> None:
    staff.goto("/fund/manage/reconcile")
    today = utcnow().date()
    statement = (f"Date,Amount,Currency,Description,Bank reference\n"
                 f"{today},1500.00,TJS,Pledge {reference} Zarina,AMB-9001\n"
                 f"{today},99.00,TJS,{other},AMB-9002\n"
                 f"{today},40.00,TJS,Salary,AMB-9003\n")
    staff.get_by_label(t("tg", "Bank statement (CSV)")).set_input_files(files=[{
        "name": "statement.csv", "mimeType": "text/csv", "buffer": statement.encode()}])
    staff.get_by_role("button", name=t("tg", "Read the statement")).click()
    expect(staff.locator("[data-line]")).to_have_count(1)
    expect(staff.locator("[data-unmatched]")).to_have_count(2)
    axe_check(staff)
    staff.wait_for_load_state("load")
    staff.once("dialog", lambda dialog: dialog.accept())
    staff.get_by_role("button", name=t("tg", "Confirm the selected pledges")).click()
    expect(flash(staff, t("tg", "%(num)d pledge confirmed as received.", num=1))).to_be_visible()


def check_figures(visitor, t, lang: str, campaign_id: str) -> None:
    visitor.goto(f"/fund/{campaign_id}")
    switch_language(visitor, t, lang)
    figures = visitor.locator("[data-fund-totals]")
    expect(figures.locator('[data-fund-figure="received"]')).to_have_text(money("1500", lang))
    expect(figures.locator('[data-fund-figure="matched"]')).to_have_text(money("1500", lang))
    expect(figures.locator('[data-fund-figure="pending"]')).to_have_text(money("700", lang))
    expect(figures.locator('[data-fund-figure="match_remaining"]')).to_have_text(
        money("8500", lang))
    expect(figures.locator("[data-fund-contributors]")).to_contain_text("2")
    axe_check(visitor)
    follow(visitor.get_by_role("link", name=t(lang, "Ledger of this campaign")))
    rows = visitor.locator("tbody tr")
    expect(rows).to_have_count(4)  # two recorded, one received, one match
    expect(rows.filter(has_text=t(lang, "anonymous"))).to_have_count(1)
    expect(rows.filter(has_text="Зарина Каримова")).to_have_count(2)
    expect(rows.filter(has_text="Somon Energy")).to_contain_text(money("1500", lang))
    axe_check(visitor)


def test_a_matched_campaign_from_pledges_to_reconciliation_and_a_verified_ledger(
        page, live_server, new_person, make_user):  # noqa: F811
    from diaspora_platform.fund import campaigns

    t = live_server.t
    staff_user = make_user(email="rustam@example.org", role=Role.STAFF, locale="tg",
                           display_name="Рустам Назаров")
    make_user(email="zarina@example.org", locale="ru", display_name="Зарина Каримова")
    make_user(email="john@example.org", locale="en", display_name="John Hart")
    campaigns.save_bank_details(staff_user,
                                {"en": "**Amonatbonk**, account 20202972100000012345"})
    secret = staff_user.totp_secret
    db.session.remove()

    staff = signed_in(new_person, t, "tg", "rustam@example.org", secret)
    campaign_id = create_and_open_campaign(staff, t)
    zarina = signed_in(new_person, t, "ru", "zarina@example.org")
    named = pledge(zarina, t, "ru", campaign_id, "1500", anonymous=False)
    john = signed_in(new_person, t, "en", "john@example.org")
    hidden = pledge(john, t, "en", campaign_id, "700", anonymous=True)
    john.goto("/fund/mine")
    expect(john.get_by_text(hidden)).to_be_visible()
    reconcile(staff, t, named, hidden)

    for lang in LANGS:
        check_figures(page, t, lang, campaign_id)

    runner = live_server.app.test_cli_runner()
    result = runner.invoke(args=["fund", "verify"])
    assert result.exit_code == 0 and "4 entries verified" in result.output
    with live_server.app.app_context():
        db.session.execute(sa.text(
            "UPDATE fund_ledger SET amount_minor = amount_minor + 1 WHERE id = 3"))
        db.session.commit()
    result = runner.invoke(args=["fund", "verify"])
    assert result.exit_code == 1 and "TAMPERED at entry 3" in result.output
