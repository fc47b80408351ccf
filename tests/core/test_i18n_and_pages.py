"""Language choice, translated pages and errors, the health check."""

import pytest
from flask import Flask

from diaspora_platform.extensions import db

LANG_TEXT = {"tg": "Ворид шудан", "ru": "Войти", "en": "Sign in"}


@pytest.mark.parametrize("lang", ["tg", "ru", "en"])
def test_accept_language_picks_the_page_language(client, lang):
    page = client.get("/", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    assert LANG_TEXT[lang] in page


def test_tajik_is_the_default_for_unknown_languages(client):
    page = client.get("/", headers={"Accept-Language": "de-DE,fr;q=0.8"}).get_data(as_text=True)
    assert '<html lang="tg">' in page


def test_visitor_choice_is_kept_in_a_cookie_and_beats_accept_language(client):
    response = client.post("/language", data={"language": "ru", "next": "/account/login"})
    assert response.headers["Location"] == "/ru/account/login"
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ru">' in page


def test_member_choice_is_saved_on_the_account(app, client, auth, make_user):
    user = make_user(locale="en")
    auth.login(user.email)
    client.post("/language", data={"language": "tg"})
    db.session.refresh(user)
    assert user.locale == "tg"
    other_device = app.test_client()
    other_device.post("/account/login", data={"email": user.email,
                                              "password": "kitob-daryo-sabz-2026"})
    assert '<html lang="tg">' in other_device.get(
        "/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_unknown_language_code_gives_a_message_and_changes_nothing(client):
    response = client.post("/language", data={"language": "xx", "next": "//evil.example"},
                           headers={"Accept-Language": "en"}, follow_redirects=True)
    assert response.status_code == 200
    assert "This language is not available" in response.get_data(as_text=True)
    assert client.get_cookie("lang") is None


@pytest.mark.parametrize("lang, text", [("en", "Page not found"),
                                        ("ru", "Страница не найдена"),
                                        ("tg", "Саҳифа ёфт нашуд")])
def test_404_page_is_translated(client, lang, text):
    response = client.get("/no-such-page", headers={"Accept-Language": lang})
    assert response.status_code == 404
    assert text in response.get_data(as_text=True)


def test_500_page_is_shown_and_the_error_logged(app_factory, caplog):
    app: Flask = app_factory(PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("kaboom")

    response = app.test_client().get("/boom", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)
    assert "kaboom" not in response.get_data(as_text=True)
    assert any("kaboom" in str(r.exc_info) for r in caplog.records if r.exc_info)


def test_numbers_and_country_names_follow_the_locale(client):
    ru = client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    en = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    tg = client.get("/", headers={"Accept-Language": "tg"}).get_data(as_text=True)
    assert "415\xa0676" in ru and "Россия" in ru
    assert "415,676" in en and "Russia" in en
    assert "Русия" in tg


def test_home_page_shows_key_facts_with_sources(client):
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "38.42%" in page and "World Bank" in page and "UN DESA" in page


def test_healthz_reports_database_and_search_state(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.get_json()
    assert data["database"] == "ok"
    assert data["search"]["backend"] == client.application.config["SEARCH_BACKEND"]
    assert data["search"]["index"] in ("ok", "empty", "missing")
