"""The language in the link: pages under /tg/, /ru/, /en/; old unprefixed addresses
redirect to the reader's language; data, files and checks stay unprefixed."""

import re

import pytest
from flask import url_for
from flask_babel import force_locale
from werkzeug.test import EnvironBuilder

from diaspora_platform.i18n import LANGUAGE_COOKIE
from diaspora_platform.language_urls import LanguagePrefix
from diaspora_platform.links import external_url
from diaspora_platform.notifications.services import notify

pytestmark = pytest.mark.any_database  # wording, headers and links: no SQL difference


def page_context(app, path: str):
    """A request context for `path` as the server sees it (through the prefix middleware)."""
    environ = EnvironBuilder(path=path).get_environ()
    LanguagePrefix(lambda environ, start_response: None)(environ, None)
    return app.request_context(environ)


@pytest.fixture
def raw(app):
    """A client that shows every redirect as it is (the suite's client follows the
    language redirect of unprefixed page addresses)."""
    from flask.testing import FlaskClient

    return FlaskClient(app, use_cookies=True)


@pytest.mark.parametrize(("headers", "cookie", "expected"), [
    ({"Accept-Language": "ru,en;q=0.5"}, None, "/ru/news/?when=past"),
    ({"Accept-Language": "en"}, "tg", "/tg/news/?when=past"),
    ({"Accept-Language": "de"}, None, "/tg/news/?when=past"),
])
def test_an_old_link_redirects_to_the_readers_language(raw, headers, cookie, expected):
    if cookie:
        raw.set_cookie(LANGUAGE_COOKIE, cookie)
    for method in (raw.get, raw.head):
        response = method("/news/?when=past", headers=headers)
        # 302, not 301: the target depends on the reader and must not be cached for all.
        assert response.status_code == 302
        assert response.headers["Location"] == expected
        assert "Accept-Language" in response.headers["Vary"]
        assert response.headers.getlist("Set-Cookie") == []


def test_a_members_saved_language_beats_the_cookie(app, raw, make_user):
    user = make_user(locale="ru")
    raw.post("/account/login", data={"email": user.email, "password": "kitob-daryo-sabz-2026"})
    raw.set_cookie(LANGUAGE_COOKIE, "en")
    assert raw.get("/events/").headers["Location"] == "/ru/events/"


def test_a_shared_link_opens_in_its_language_whatever_the_reader_chose(client, auth,
                                                                         make_user):
    auth.login_as(make_user(locale="en"))
    client.set_cookie(LANGUAGE_COOKIE, "tg")
    page = client.get("/ru/news/", headers={"Accept-Language": "en"})
    assert page.status_code == 200 and '<html lang="ru">' in page.get_data(as_text=True)


def test_a_post_to_an_old_address_still_works(raw, make_user):
    user = make_user()
    response = raw.post("/account/login", data={"email": user.email,
                                                "password": "kitob-daryo-sabz-2026"})
    # signed in, and on to the home page in the member's saved language
    assert response.status_code == 302 and response.headers["Location"] == f"/{user.locale}/"


def test_signing_in_continues_in_the_members_saved_language(raw, make_user):
    user = make_user(locale="ru")
    response = raw.post("/tg/account/login?next=/tg/news/",
                        data={"email": user.email, "password": "kitob-daryo-sabz-2026"})
    assert response.headers["Location"] == "/ru/news/"


def test_pages_declare_their_canonical_link_and_alternates_on_the_canonical_host(app_factory):
    app = app_factory(BASE_URL="https://diaspora.example")
    with app.app_context():
        page = app.test_client().get("/ru/events/?when=past",
                                     headers={"Host": "evil.example"}).get_data(as_text=True)
    assert '<link rel="canonical" href="https://diaspora.example/ru/events/?when=past">' in page
    for code in ("tg", "ru", "en"):
        assert (f'<link rel="alternate" hreflang="{code}" '
                f'href="https://diaspora.example/{code}/events/?when=past">') in page
    assert ('<link rel="alternate" hreflang="x-default" '
            'href="https://diaspora.example/events/?when=past">') in page


def test_links_on_a_page_keep_its_language_and_data_links_have_none(client):
    page = client.get("/ru/events/").get_data(as_text=True)
    links = set(re.findall(r'(?:href|src)="(/[^"]*)"', page))
    assert "/ru/news/" in links and "/ru/events/month" in links
    assert "/events/events.json" in links and "/events/events.csv" in links
    assert all(link.startswith(("/ru/", "/static/", "/tg/", "/en/")) or link.endswith(
        (".json", ".csv", ".ics", ".atom")) for link in links), links
    assert "/ru/account/login?next=/ru/events/" in links


@pytest.mark.parametrize("path", ["/static/css/site.css", "/healthz", "/events/events.json",
                                  "/organisations.csv", "/news/all.atom", "/fund/ledger.json"])
def test_data_files_and_checks_stay_unprefixed(raw, path):
    assert raw.get(path).status_code == 200
    moved = raw.get("/ru" + path)
    assert moved.status_code == 301 and moved.headers["Location"] == path


def test_a_future_api_stays_unprefixed(app_factory):
    app = app_factory()
    app.add_url_rule("/api/v1/ping", "api_ping", lambda: {"ok": True})
    with app.app_context():
        client = app.test_client()
        assert client.get("/api/v1/ping").get_json() == {"ok": True}
        assert client.get("/en/api/v1/ping").headers["Location"] == "/api/v1/ping"


@pytest.mark.parametrize("path", ["/xx/news/", "/xx/", "/RU/news/", "/ru/xx/news/"])
def test_an_unknown_prefix_is_a_page_not_found_in_the_readers_language(raw, path):
    response = raw.get(path, headers={"Accept-Language": "ru"})
    assert response.status_code == 404
    assert '<html lang="ru">' in response.get_data(as_text=True)


def test_sign_in_brings_the_reader_back_in_the_language_they_read(raw):
    response = raw.get("/ru/account/")
    assert response.headers["Location"] == "/ru/account/login?next=%2Fru%2Faccount%2F"


def test_members_switch_language_and_stay_on_the_same_page(client, auth, make_user):
    user = make_user(locale="en")
    auth.login_as(user)
    response = client.post("/language", data={"language": "tg", "next": "/ru/news/?x=1"})
    assert response.headers["Location"] == "/tg/news/?x=1"
    assert user.locale == "tg"


def test_mail_links_are_in_the_recipients_language(app):
    with page_context(app, "/ru/news/"):
        assert url_for("news.index") == "/ru/news/"
        with force_locale("en"):
            assert external_url("news.index").endswith("/en/news/")
            assert external_url("news.feed", category="all").endswith("/news/all.atom")
    with force_locale("tg"):
        assert external_url("news.index").endswith("/tg/news/")


def test_a_notice_link_opens_in_each_readers_language(app, client, auth, make_user,
                                                      mailbox):
    from diaspora_platform.extensions import db

    user = make_user(locale="ru")
    with page_context(app, "/en/news/"):
        assert url_for("news.index") == "/en/news/"
        notify(user, "follows.event", link=url_for("news.index"), source="Ravzana",
               title="Navruz")
        db.session.commit()
    assert "/ru/news/" in mailbox.last(user.email).get_content()
    auth.login_as(user)
    page = client.get("/tg/notifications/").get_data(as_text=True)
    assert 'href="/tg/news/"' in page


def test_an_error_page_declares_no_canonical_link(client):
    page = client.get("/ru/news/999999").get_data(as_text=True)
    assert 'rel="canonical"' not in page and "hreflang" not in page.split("<body")[0]
