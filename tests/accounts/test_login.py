"""Signing in and out, lockout, remember-me and session revocation."""

from datetime import timedelta

import pyotp

from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from tests.conftest import PASSWORD


def test_login_then_settings_page_opens(client, auth, make_user):
    user = make_user(email="a@example.org")
    response = auth.login("A@Example.org")
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    assert db.session.get(type(user), user.id).last_login_at is not None


def test_wrong_password_keeps_email_and_says_so(client, make_user):
    make_user(email="a@example.org")
    response = client.post("/account/login", data={"email": "a@example.org", "password": "x" * 12})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Wrong email or password" in page
    assert 'value="a@example.org"' in page


def test_unknown_email_gets_the_same_message_as_wrong_password(client):
    response = client.post("/account/login", data={"email": "nobody@example.org",
                                                   "password": "x" * 12})
    assert "Wrong email or password" in response.get_data(as_text=True)


def test_account_locks_after_repeated_failures_with_back_off(client, make_user):
    user = make_user(email="a@example.org")
    for _ in range(5):
        client.post("/account/login", data={"email": user.email, "password": "wrong-" * 3})
    db.session.refresh(user)
    assert user.is_locked()
    first_lock = user.locked_until
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert "locked" in response.get_data(as_text=True)
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    client.post("/account/login", data={"email": user.email, "password": "wrong-" * 3})
    db.session.refresh(user)
    assert user.locked_until - utcnow() > (first_lock - utcnow())  # longer each time


def test_successful_login_resets_the_failure_count(client, auth, make_user):
    user = make_user(email="a@example.org")
    client.post("/account/login", data={"email": user.email, "password": "wrong-" * 3})
    auth.login(user.email)
    db.session.refresh(user)
    assert user.failed_logins == 0


def test_logout_revokes_the_old_session_cookie(app, make_user):
    user = make_user(email="a@example.org")
    first = app.test_client()
    first.post("/account/login", data={"email": user.email, "password": PASSWORD})
    stolen = first.get_cookie("session").value
    first.post("/account/logout")
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/account/").status_code == 302  # sent to sign in


def test_remember_me_cookie_stops_working_after_password_change(app, make_user):
    user = make_user(email="a@example.org")
    device = app.test_client()
    device.post("/account/login", data={"email": user.email, "password": PASSWORD,
                                        "remember": "y"})
    remember = device.get_cookie("remember_token").value
    other = app.test_client()
    other.post("/account/login", data={"email": user.email, "password": PASSWORD})
    new = "river-mountain-apricot-77"
    response = other.post("/account/password", data={"current": PASSWORD, "password": new,
                                                     "confirm": new})
    assert response.status_code == 302
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember)
    assert fresh.get("/account/").status_code == 302
    assert device.get("/account/").status_code == 302


def test_next_parameter_only_goes_to_same_site_paths(client, make_user):
    user = make_user(email="a@example.org")
    # (the member goes on in their saved language: make_user saves English)
    for target, expected in [("/account/", "/en/account/"), ("//evil.example/", "/en/"),
                             ("https://evil.example/", "/en/"), ("/\\evil.example", "/en/")]:
        client.post("/account/logout")
        response = client.post(f"/account/login?next={target}",
                               data={"email": user.email, "password": PASSWORD})
        assert response.headers["Location"] == expected, target


def test_second_factor_is_asked_when_enrolled(client, make_user):
    user = make_user(email="a@example.org", two_factor=True)
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"].startswith("/account/login/code")
    assert client.get("/account/").status_code == 302  # not signed in yet
    bad = client.post("/account/login/code", data={"code": "000000"})
    assert "not correct" in bad.get_data(as_text=True)
    code = pyotp.TOTP(user.totp_secret).now()
    assert client.post("/account/login/code", data={"code": code}).status_code == 302
    assert client.get("/account/").status_code == 200


def test_second_factor_page_without_password_step_goes_back_to_login(client):
    response = client.get("/account/login/code")
    assert response.headers["Location"].endswith("/account/login")
