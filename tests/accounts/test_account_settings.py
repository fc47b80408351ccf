"""Profile and visibility, reset, email change, data export and deletion."""

import json

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.accounts.models import User
from diaspora_platform.extensions import db
from tests.conftest import PASSWORD

NEW = "river-mountain-apricot-77"


def _path(link: str) -> str:
    return link.split("localhost", 1)[1]


def test_profile_fields_follow_each_visibility_choice(app, client, auth, make_user):
    owner = make_user(email="o@example.org", country="FR", city="Paris",
                      diaspora_status="tajik_diaspora", region_of_origin="khatlon")
    auth.login(owner.email)
    client.post("/account/", data={
        "display_name": "Мадина", "locale": "en", "country": "FR", "city": "Paris",
        "diaspora_status": "tajik_diaspora", "region_of_origin": "khatlon",
        "vis_country": "public", "vis_city": "members", "vis_diaspora_status": "private",
        "vis_region_of_origin": "private"})
    en = {"Accept-Language": "en"}
    anonymous = app.test_client().get(f"/members/{owner.id}", headers=en).get_data(as_text=True)
    assert "France" in anonymous and "Paris" not in anonymous
    other = make_user(email="m@example.org")
    member_client = app.test_client()
    member_client.post("/account/login", data={"email": other.email, "password": PASSWORD})
    as_member = member_client.get(f"/members/{owner.id}").get_data(as_text=True)
    assert "Paris" in as_member and "Khatlon" not in as_member
    own = client.get(f"/members/{owner.id}").get_data(as_text=True)
    assert "Khatlon" in own


def test_new_profiles_show_nothing_but_the_name(app, make_user):
    user = make_user(email="o@example.org", country="FR", city="Lyon")
    page = app.test_client().get(f"/members/{user.id}").get_data(as_text=True)
    assert user.display_name in page and "Lyon" not in page and "France" not in page


def test_password_reset_link_works_once_and_ends_sessions(app, client, make_user, mailbox):
    user = make_user(email="a@example.org")
    old_token = user.session_token
    client.post("/account/reset", data={"email": "a@example.org"})
    link = _path(mailbox.link(mailbox.last("a@example.org")))
    response = client.post(link, data={"password": NEW, "confirm": NEW})
    assert response.headers["Location"].endswith("/account/login")
    db.session.refresh(user)
    assert user.session_token != old_token
    reuse = client.post(link, data={"password": PASSWORD, "confirm": PASSWORD})
    assert reuse.headers["Location"].endswith("/account/reset")
    assert client.post("/account/login", data={"email": user.email, "password": NEW}
                       ).status_code == 302


def test_reset_for_unknown_email_says_the_same_and_sends_nothing(client, mailbox):
    response = client.post("/account/reset", data={"email": "ghost@example.org"},
                           follow_redirects=True)
    assert "If an account uses" in response.get_data(as_text=True)
    assert mailbox.messages() == []


def test_email_change_needs_the_link_sent_to_the_new_address(client, auth, make_user, mailbox):
    user = make_user(email="old@example.org")
    auth.login(user.email)
    client.post("/account/email", data={"email": "new@example.org", "current": PASSWORD})
    db.session.refresh(user)
    assert user.email == "old@example.org"
    client.get(_path(mailbox.link(mailbox.last("new@example.org"))))
    db.session.refresh(user)
    assert user.email == "new@example.org"
    assert mailbox.last("old@example.org")  # the old address is told


def test_email_change_with_wrong_password_is_refused(client, auth, make_user, mailbox):
    user = make_user(email="old@example.org")
    auth.login(user.email)
    response = client.post("/account/email", data={"email": "new@example.org",
                                                   "current": "not-my-password"})
    assert "current password is not correct" in response.get_data(as_text=True)
    assert mailbox.messages() == []


def test_export_contains_the_members_data_as_json(client, auth, make_user):
    user = make_user(email="a@example.org", city="Berlin", country="DE")
    auth.login(user.email)
    response = client.get("/account/export.json")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["account"]["email"] == "a@example.org"
    assert data["profile"]["city"] == "Berlin"
    assert "password_hash" not in response.get_data(as_text=True)


def test_delete_account_erases_personal_data_and_signs_out(client, auth, make_user):
    user = make_user(email="a@example.org", city="Berlin", country="DE")
    auth.login(user.email)
    page = client.get("/account/delete").get_data(as_text=True)
    assert "anonymous" in page  # what is kept is stated
    wrong = client.post("/account/delete", data={"current": "not-my-password"})
    assert wrong.status_code == 200
    assert client.post("/account/delete", data={"current": PASSWORD}).status_code == 302
    db.session.expire_all()
    gone = db.session.get(User, user.id)
    assert gone.deleted_at is not None and gone.city is None and gone.email.endswith("@invalid")
    assert client.get("/account/").status_code == 302
    assert client.post("/account/login", data={"email": "a@example.org", "password": PASSWORD}
                       ).status_code == 200
    assert audit.verify_chain().ok


def test_deleted_members_profile_is_gone(client, auth, make_user):
    user = make_user(email="a@example.org")
    auth.login(user.email)
    client.post("/account/delete", data={"current": PASSWORD})
    assert client.get(f"/members/{user.id}").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1  # tombstone kept
