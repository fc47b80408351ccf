"""News in a real browser: a member in Russia follows her country and asks for the weekly
digest; Council staff publish an announcement for members in Russia in Tajik, Russian and
English; she finds it in her notification centre; the category's Atom feed carries it in
each language; `flask digest send` mails it to her in Russian (twice run, once sent), and
she stops the digest with the one-click link. Texts come from the app's own catalogues."""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.i18n import country_name
from tests.e2e.test_accounts_browser import flash
from tests.e2e.test_organisations_browser import nav, new_person, signed_in  # noqa: F401
from tests.fixtures_browser import axe_check, follow

pytestmark = pytest.mark.e2e
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

ATOM = "{http://www.w3.org/2005/Atom}"
FOLLOWER = ("zarina.karimova@example.org", "Зарина Каримова", "ru")
NEWS = {
    "tg": ("Маслиҳат барои муҳоҷирон дар Русия: хати боварӣ кушода шуд",
           "Шӯрои ҳамоҳангсозӣ барои ҳамватанон дар **Русия** хати боварӣ кушод."),
    "ru": ("Совет для мигрантов в России: открыта горячая линия",
           "Координационный совет открыл горячую линию для соотечественников в **России**."),
    "en": ("Advice for migrants in Russia: a helpline opens",
           "The Coordination Council opened a helpline for compatriots in **Russia**."),
}
FIELDS = {"tg": ("Title in Tajik", "Text in Tajik"), "ru": ("Title in Russian", "Text in Russian"),
          "en": ("Title in English", "Text in English")}


@pytest.fixture
def people(app, make_user):
    staff = make_user(email="rustam@example.org", role=Role.STAFF, locale="tg",
                      display_name="Рустам Назаров")
    email, name, lang = FOLLOWER
    make_user(email=email, display_name=name, locale=lang, country="RU")
    return {"staff": (staff.email, staff.totp_secret)}


def follow_russia_and_ask_for_the_digest(member, t) -> None:
    follow(nav(member, t, "ru", "Notifications"))
    expect(member.locator(".empty-state")).to_be_visible()
    follow(member.locator("main").get_by_role("link", name=t("ru", "Follows and email")))
    axe_check(member)
    member.get_by_label(t("ru", "Country"), exact=True).select_option("RU")
    member.get_by_role("button", name=t("ru", "Follow this country")).click()
    expect(member.locator("main .list-group")).to_contain_text(country_name("RU", "ru"))
    member.get_by_label(t("ru", "Weekly digest of events and news")).check()
    member.get_by_role("button", name=t("ru", "Save email choices")).click()
    expect(flash(member, t("ru", "Your email choices are saved."))).to_be_visible()


def publish_in_three_languages(staff, t) -> None:
    staff.goto("/news/")
    staff.get_by_role("link", name=t("tg", "Publish news")).click()
    axe_check(staff)
    staff.get_by_label(t("tg", "Category")).select_option("announcements")
    staff.get_by_label(t("tg", "For members in (optional)")).select_option("RU")
    for lang, (title, body) in NEWS.items():
        staff.get_by_label(t("tg", FIELDS[lang][0])).fill(title)
        staff.get_by_label(t("tg", FIELDS[lang][1])).fill(body)
    staff.get_by_role("button", name=t("tg", "Publish"), exact=True).click()
    expect(flash(staff, t("tg", "Published."))).to_be_visible()
    expect(staff.get_by_role("heading", level=1)).to_have_text(NEWS["tg"][0])
    axe_check(staff)


def read_it_in_the_notification_centre(member, t) -> None:
    member.reload()
    expect(nav(member, t, "ru", "Notifications")).to_contain_text("1")
    follow(nav(member, t, "ru", "Notifications"))
    axe_check(member)
    text = t("ru", "News from the Coordination Council: “%(title)s”.", title=NEWS["ru"][0])
    member.get_by_role("button", name=t("ru", "Mark as read")).click()
    expect(member.locator("main .badge.text-bg-danger")).to_have_count(0)
    member.get_by_role("link", name=text).click()
    expect(member.get_by_role("heading", level=1)).to_have_text(NEWS["ru"][0])
    expect(member.locator("article .description")).to_contain_text("горячую линию")


def feed_carries_each_language(visitor) -> None:
    for lang, (title, _body) in NEWS.items():
        response = visitor.request.get(f"/news/announcements.atom?lang={lang}")
        assert response.ok and response.headers["content-type"].startswith(
            "application/atom+xml")
        entries = ET.fromstring(response.body()).findall(f"{ATOM}entry")
        assert [e.find(f"{ATOM}title").text for e in entries] == [title]


def digest_mail(mail_dir: Path, to: str):
    parser = BytesParser(policy=policy.default)
    found = [parser.parsebytes(p.read_bytes()) for p in sorted(mail_dir.glob("*.eml"))]
    return [m for m in found if m["To"] == to and "/follows/unsubscribe/" in
            (m["List-Unsubscribe"] or "")]


def send_digest_twice_and_unsubscribe(member, live_server, t) -> None:
    runner = live_server.app.test_cli_runner()
    assert "Digests sent: 1" in runner.invoke(args=["digest", "send"]).output
    assert "Digests sent: 0" in runner.invoke(args=["digest", "send"]).output
    mails = digest_mail(Path(live_server.app.config["MAIL_DIR"]), FOLLOWER[0])
    assert len(mails) == 1
    body = mails[0].get_content()
    assert NEWS["ru"][0] in body and NEWS["en"][0] not in body
    link = mails[0]["List-Unsubscribe"].strip("<>")
    member.context.clear_cookies()  # no sign-in needed
    member.goto(re.sub(r"^https?://[^/]+", "", link))
    axe_check(member)
    member.get_by_role("button", name=t("tg", "Unsubscribe")).click()
    expect(member.locator("main .alert-success")).to_be_visible()


def test_staff_news_in_three_languages_reaches_the_feed_and_a_followers_digest(
        page, live_server, people, new_person):  # noqa: F811
    t = live_server.t
    member = signed_in(new_person, t, "ru", FOLLOWER[0])
    follow_russia_and_ask_for_the_digest(member, t)

    staff = signed_in(new_person, t, "tg", *people["staff"])
    publish_in_three_languages(staff, t)

    read_it_in_the_notification_centre(member, t)
    page.goto("/news/")
    expect(page.get_by_role("link", name=NEWS["tg"][0])).to_be_visible()
    axe_check(page)
    feed_carries_each_language(page)
    send_digest_twice_and_unsubscribe(member, live_server, t)
