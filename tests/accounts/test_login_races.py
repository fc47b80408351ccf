"""Wrong passwords tried at the same moment are each counted (the lockout cannot be
outrun by trying in parallel), and an unknown email costs the same password check as a
known one (the answer's timing does not tell who has an account)."""

import threading

import pytest
from argon2 import PasswordHasher

from diaspora_platform.accounts.models import User
from diaspora_platform.extensions import db

ATTEMPTS = 10


def wrong_passwords_at_once(app, email: str) -> list[int]:
    start = threading.Barrier(ATTEMPTS)
    statuses = []

    def attempt():
        client = app.test_client()
        start.wait()
        response = client.post("/account/login", data={"email": email,
                                                       "password": "wrong-guess-" * 2})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=attempt) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


def test_ten_concurrent_wrong_passwords_count_ten_failures(app, make_user):
    # A hash as slow as production's keeps all ten requests between reading and writing
    # the counter at once, where a read-modify-write loses updates.
    slow = PasswordHasher(time_cost=2, memory_cost=16384, parallelism=1).hash("right-one-x")
    user = make_user(email="racer@example.org")
    user.password_hash = slow
    db.session.commit()
    app.config["LOCKOUT_THRESHOLD"] = 100  # count, do not lock, for this measurement
    statuses = wrong_passwords_at_once(app, user.email)
    assert statuses == [200] * ATTEMPTS
    db.session.expire_all()
    assert db.session.get(User, user.id).failed_logins == ATTEMPTS


def test_the_lockout_follows_the_atomic_count(app, make_user):
    user = make_user(email="racer@example.org")
    statuses = wrong_passwords_at_once(app, user.email)
    assert set(statuses) == {200}
    db.session.expire_all()
    stored = db.session.get(User, user.id)
    assert stored.failed_logins >= app.config["LOCKOUT_THRESHOLD"] and stored.is_locked()


@pytest.fixture
def argon2_verifications(monkeypatch):
    """Counts real argon2 verifications (the real function still runs)."""
    calls = []
    real = PasswordHasher.verify

    def counting(self, stored, password):
        calls.append(stored)
        return real(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    return calls


@pytest.mark.parametrize("email", ["member@example.org", "nobody@example.org"])
def test_an_unknown_email_costs_the_same_password_check_as_a_known_one(
        client, make_user, argon2_verifications, email):
    make_user(email="member@example.org")
    response = client.post("/account/login", data={"email": email,
                                                   "password": "wrong-guess-" * 2})
    assert "Wrong email or password" in response.get_data(as_text=True)
    assert len(argon2_verifications) == 1
    assert argon2_verifications[0].startswith("$argon2")
