"""Enrolling TOTP, recovery codes, and the staff rules built on them."""

import re
from datetime import timedelta
from pathlib import Path

import pyotp

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from tests.conftest import PASSWORD

CODE = re.compile(r'<li class="col"><code>([0-9a-f]{6}-[0-9a-f]{6})</code>')


def _enrol(client, user):
    client.get("/account/two-factor")
    db.session.refresh(user)
    code = pyotp.TOTP(user.totp_secret).now()
    return client.post("/account/two-factor", data={"code": code}, follow_redirects=True)


def test_enrolment_shows_qr_then_recovery_codes_once(client, auth, make_user):
    user = make_user(email="a@example.org")
    auth.login(user.email)
    page = client.get("/account/two-factor").get_data(as_text=True)
    assert "<svg" in page
    response = _enrol(client, user)
    codes = CODE.findall(response.get_data(as_text=True))
    assert len(codes) == 10
    db.session.refresh(user)
    assert user.has_two_factor
    assert CODE.findall(client.get("/account/two-factor").get_data(as_text=True)) == []


def test_recovery_code_signs_in_once(app, client, auth, make_user):
    user = make_user(email="a@example.org")
    auth.login(user.email)
    page = _enrol(client, user).get_data(as_text=True)
    code = CODE.findall(page)[0]
    auth.logout()
    for expected in (302, 200):
        fresh = app.test_client()
        fresh.post("/account/login", data={"email": user.email, "password": PASSWORD})
        assert fresh.post("/account/login/code", data={"code": code}).status_code == expected


def test_staff_cannot_turn_two_factor_off(client, auth, make_user):
    staff = make_user(email="s@example.org", role=Role.STAFF)
    auth.login_as(staff)
    client.post("/account/two-factor/disable", data={"current": PASSWORD})
    db.session.refresh(staff)
    assert staff.has_two_factor


def test_staff_without_two_factor_is_sent_to_enrol(client, auth, make_user):
    staff = make_user(email="s@example.org", role=Role.STAFF)
    staff.totp_secret, staff.totp_enabled_at = None, None
    db.session.commit()
    auth.login(staff.email)
    response = client.get("/admin/")
    assert response.headers["Location"].endswith("/account/two-factor")


def test_staff_session_ends_after_30_idle_minutes(app, client, auth, make_user):
    staff = make_user(email="s@example.org", role=Role.STAFF)
    auth.login_as(staff)
    assert client.get("/admin/").status_code == 200
    with client.session_transaction() as session:
        session["seen"] -= int(timedelta(minutes=31).total_seconds())
    response = client.get("/admin/")
    assert "/account/login" in response.headers["Location"]
    assert client.get("/account/").status_code == 302


def test_background_polls_do_not_keep_an_idle_staff_session_alive(app, client, auth,
                                                                  make_user):
    staff = make_user(email="s@example.org", role=Role.STAFF)
    auth.login_as(staff)
    poll = {"X-Background-Request": "1", "Accept": "application/json"}
    with client.session_transaction() as session:
        session["seen"] -= int(timedelta(minutes=20).total_seconds())
    assert client.get("/fund/ledger.json", headers=poll).status_code == 200
    with client.session_transaction() as session:  # polls kept coming; nobody clicked
        session["seen"] -= int(timedelta(minutes=11).total_seconds())
    client.get("/fund/ledger.json", headers=poll)
    response = client.get("/admin/")
    assert "/account/login" in response.headers["Location"]


def test_every_polling_script_marks_its_requests_as_background():
    scripts = (Path(__file__).resolve().parents[2] / "static" / "js").glob("*.js")
    polling = [p for p in scripts if "setInterval" in p.read_text()]
    assert polling, "the fund page polls its totals"
    for path in polling:
        assert '"X-Background-Request": "1"' in path.read_text(), path.name


def test_staff_are_never_remembered_across_browser_restarts(client, auth, make_user):
    staff = make_user(email="s@example.org", role=Role.STAFF)
    client.post("/account/login", data={"email": staff.email, "password": PASSWORD,
                                         "remember": "y"})
    client.post("/account/login/code", data={"code": pyotp.TOTP(staff.totp_secret).now()})
    assert client.get_cookie("remember_token") is None
