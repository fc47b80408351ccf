"""Registration, email confirmation and the single-use links."""

import sqlalchemy as sa

from diaspora_platform.accounts.models import User
from diaspora_platform.extensions import db
from tests.conftest import PASSWORD


def register(client, **overrides):
    data = {
        "email": "zarina@example.org", "password": PASSWORD, "confirm": PASSWORD,
        "display_name": "Зарина Каримова", "locale": "ru", "country": "RU",
        "city": "Москва", "diaspora_status": "labour_migrant", "region_of_origin": "sughd",
    }
    data.update(overrides)
    return client.post("/account/register", data=data)


def test_register_creates_unconfirmed_member_with_private_profile(client):
    response = register(client)
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User))
    assert user.email == "zarina@example.org"
    assert user.role == "member" and not user.is_confirmed
    assert user.country == "RU" and user.region_of_origin == "sughd"
    assert set(user.visibility.values()) == {"private"}
    assert user.password_hash.startswith("$argon2id$")


def test_confirmation_mail_is_in_the_members_language_and_confirms_once(client, mailbox):
    register(client, locale="ru")
    message = mailbox.last("zarina@example.org")
    assert "Подтвердите" in message["Subject"]
    link = mailbox.link(message)
    path = link.split("localhost", 1)[1]
    assert client.get(path).status_code == 302
    assert db.session.scalar(sa.select(User)).is_confirmed
    again = client.get(path, follow_redirects=True)
    assert "already been used" in again.get_data(as_text=True) or "уже" in again.get_data(
        as_text=True)


def test_tampered_confirmation_link_is_refused_with_a_message(client):
    register(client)
    response = client.get("/account/confirm/not-a-real-token", follow_redirects=True)
    assert response.status_code == 200
    assert not db.session.scalar(sa.select(User)).is_confirmed


def test_a_taken_address_gets_the_same_answer_and_its_owner_a_mail(client, mailbox,
                                                                  make_user):
    fresh = register(client, email="new@example.org")
    make_user(email="zarina@example.org", locale="tg", display_name="Зарина")
    taken = register(client, email="ZARINA@example.org", display_name="Another")
    assert fresh.status_code == taken.status_code == 302
    assert fresh.location == taken.location == "/account/login"
    answer = client.get("/account/login").get_data(as_text=True)
    assert "Check your mail: we sent a message to zarina@example.org" in answer
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 2
    warning = mailbox.last("zarina@example.org")
    assert "Зарина" in warning.get_content() and "/account/reset" in warning.get_content()
    assert warning["Subject"] != mailbox.last("new@example.org")["Subject"]
    assert warning["Content-Language"] == "tg"


def test_registering_does_not_sign_in_before_the_address_is_proven(client):
    register(client)
    assert client.get("/account/").status_code == 302


def test_common_password_is_refused_with_a_clear_message(client):
    response = register(client, password="password1234", confirm="password1234")
    assert response.status_code == 200
    assert "too common" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_short_and_overlong_passwords_are_refused(client):
    short = register(client, password="short", confirm="short")
    assert "at least 12" in short.get_data(as_text=True)
    long_pw = "x" * 129
    too_long = register(client, password=long_pw, confirm=long_pw)
    assert "at most 128" in too_long.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_unknown_country_and_oversized_name_are_form_errors_not_500(client):
    response = register(client, country="XX", display_name="n" * 500)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Not a valid choice" in page
    assert "between 2 and 80" in page


def test_register_form_is_in_tajik_by_default(client):
    page = client.get("/account/register", headers={"Accept-Language": "de"}
                      ).get_data(as_text=True)
    assert '<html lang="tg">' in page
    assert "Тоҷикистон" in page  # country names in the reader's language
