"""Reading public pages anonymously sets no cookie; every state-changing POST still needs
a CSRF token."""

import pytest

from diaspora_platform.extensions import db

PUBLIC = ["/", "/organisations/", "/directory/", "/fund/", "/news/", "/events/",
          "/competitions/", "/projects/"]


@pytest.fixture
def csrf_client(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app.test_client()


def _set_cookies(response) -> list[str]:
    return response.headers.getlist("Set-Cookie")


@pytest.mark.parametrize("path", PUBLIC)
def test_anonymous_reader_gets_no_cookie(csrf_client, path):
    response = csrf_client.get(path)
    assert response.status_code == 200
    assert _set_cookies(response) == []


def test_organisation_and_place_pages_set_no_cookie(csrf_client, make_place):
    place = make_place()
    for path in (f"/organisations/{place.organisation_id}", f"/directory/{place.id}"):
        response = csrf_client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        assert _set_cookies(response) == [], path


def test_visitor_switches_language_with_a_link_to_the_same_page(csrf_client):
    response = csrf_client.get("/en/news/?when=past")
    assert 'href="/ru/news/?when=past"' in response.get_data(as_text=True)
    assert _set_cookies(response) == []
    assert '<html lang="ru">' in csrf_client.get("/ru/news/").get_data(as_text=True)


def test_old_language_link_remembers_the_choice_for_unprefixed_links(csrf_client):
    response = csrf_client.get("/language?language=ru&next=/news/")
    assert response.headers["Location"] == "/ru/news/"
    assert [c.split(";")[0] for c in _set_cookies(response)] == ["lang=ru"]
    assert '<html lang="ru">' in csrf_client.get("/news/").get_data(as_text=True)


def test_language_link_never_redirects_off_site(csrf_client):
    response = csrf_client.get("/language?language=ru&next=//evil.example")
    assert response.headers["Location"] == "/ru/"


def test_language_link_does_not_change_a_members_account(app, csrf_client, make_user):
    user = make_user(locale="en")
    login = csrf_client.get("/account/login").get_data(as_text=True)
    token = login.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    csrf_client.post("/account/login", data={"email": user.email, "csrf_token": token,
                                              "password": "kitob-daryo-sabz-2026"})
    csrf_client.get("/language?language=tg")
    db.session.refresh(user)
    assert user.locale == "en"


def test_language_post_without_a_token_is_refused(app, csrf_client, make_user):
    response = csrf_client.post("/language", data={"language": "ru"})
    assert response.status_code in (302, 400)
    assert not any(c.startswith("lang=") for c in _set_cookies(response))


def test_sign_in_form_still_carries_and_checks_a_token(csrf_client, make_user):
    user = make_user()
    page = csrf_client.get("/account/login")
    assert 'name="csrf_token"' in page.get_data(as_text=True)
    assert any(c.startswith("session=") for c in _set_cookies(page))
    refused = csrf_client.post("/account/login", data={"email": user.email,
                                                        "password": "kitob-daryo-sabz-2026"})
    assert refused.status_code == 400
