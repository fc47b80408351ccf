"""Community translation in a real browser: Council news exists only in English; a member
reading in Tajik sees it with a note, proposes a Tajik version (an empty one is refused
with a message), Council staff correct the title and accept it, and a Tajik reader then
reads the news in Tajik, with the translator credited, at desktop and phone widths."""

from __future__ import annotations

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from tests.e2e.test_accounts_browser import flash
from tests.e2e.test_organisations_browser import new_person, signed_in  # noqa: F401
from tests.fixtures_browser import axe_check, follow

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

EN = ("Youth forum in Dushanbe", "The Coordination Council invites young compatriots.")
TG = ("Форуми ҷавонон дар Душанбе", "Шӯрои ҳамоҳангсозӣ ҳамватанони ҷавонро даъват мекунад.")
TG_CORRECTED = "Форуми ҷавонони диаспора дар Душанбе"
TRANSLATOR = "Фарзона Юсуфова"


def propose(member, t, item_id: int) -> None:
    member.goto(f"/news/{item_id}")
    note = member.locator(".content-note")
    expect(note).to_contain_text(t("tg", "Shown in English — no Tajik version yet."))
    axe_check(member)
    follow(note.get_by_role("link", name=t("tg", "Propose a translation")))
    form = member.locator("main form")
    send = form.get_by_role("button", name=t("tg", "Send the translation"))
    send.click()
    expect(member.locator("[data-error-summary]")).to_contain_text(
        t("tg", "The proposal is empty: write the text in the language you chose."))
    form.get_by_label(t("tg", "Title"), exact=True).fill(TG[0])
    form.get_by_label(t("tg", "Text"), exact=True).fill(TG[1])
    axe_check(member)
    send.click()
    expect(flash(member, t("tg", "Thank you: your translation was sent to the text's owner."))
           ).to_be_visible()


def accept(staff, t) -> None:
    staff.goto("/translations/")
    proposal = staff.locator(".translation-proposal")
    expect(proposal).to_contain_text(TRANSLATOR)
    proposal.get_by_label(t("tg", "Title"), exact=True).fill(TG_CORRECTED)
    axe_check(staff)
    proposal.get_by_role("button", name=t("tg", "Accept"), exact=True).click()
    expect(flash(staff, t("tg", "The translation is added to the text."))).to_be_visible()
    expect(staff.locator(".translation-proposal")).to_have_count(0)


def test_a_member_translates_council_news_staff_accept_and_readers_see_it_credited(
        page, live_server, new_person, make_user):  # noqa: F811
    from diaspora_platform.community.news import services as news

    t = live_server.t
    staff_user = make_user(email="rustam@example.org", role=Role.STAFF, locale="tg",
                           display_name="Рустам Назаров")
    make_user(email="farzona@example.org", locale="tg", display_name=TRANSLATOR)
    item = news.publish_council_news(staff_user, {
        "category": "announcements", "country": "", "pinned": False, "checked_on": None,
        "title_en": EN[0], "body_en": EN[1]})
    item_id, secret = item.id, staff_user.totp_secret
    db.session.remove()

    propose(signed_in(new_person, t, "tg", "farzona@example.org"), t, item_id)
    accept(signed_in(new_person, t, "tg", "rustam@example.org", secret), t)

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/news/{item_id}")
        expect(page.get_by_role("heading", level=1)).to_have_text(TG_CORRECTED)
        expect(page.locator(".content-note")).to_have_count(0)
        expect(page.locator(".translation-credit")).to_contain_text(TRANSLATOR)
        axe_check(page)
