"""Production settings an operator relies on: the canonical host for every mailed link,
trusted hosts, Secure cookies and HSTS behind the proxy."""

from __future__ import annotations

import pytest

from diaspora_platform import create_app
from diaspora_platform.config import Config
from diaspora_platform.extensions import db
from tests.conftest import PASSWORD

PRODUCTION = {"APP_ENV": "production", "SECRET_KEY": "s" * 48,
              "BASE_URL": "https://diaspora.example", "TRUSTED_HOSTS": "diaspora.example",
              "HELPDESK_KEYS": "0vmV1lrV1Yb0mGv2V6cO2p0yP8bqg1aOxU6w1yJmS1E="}


def _environment(monkeypatch, **values):
    for name in ("APP_ENV", "BASE_URL", "SERVER_NAME", "TRUSTED_HOSTS", "PROXY_FIX",
                 "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(Config, "SECRET_KEY", values.get("SECRET_KEY"))


def production_app(monkeypatch, tmp_path, **extra):
    """The app as `APP_ENV=production` builds it, on a scratch SQLite file."""
    _environment(monkeypatch, **{**PRODUCTION, **extra})
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'prod.sqlite'}"
    config.MAIL_DIR = str(tmp_path / "mail")
    config.SEARCH_INDEX_DIR = str(tmp_path / "index")
    config.SEARCH_INDEXER = "inline"
    config.WORKER = "inline"
    config.RATELIMIT_ENABLED = config.WTF_CSRF_ENABLED = False
    config.RATELIMIT_STORAGE_URI = "memory://"
    app = create_app(config)
    with app.app_context():
        db.create_all()
    return app


@pytest.mark.parametrize("missing", ["BASE_URL", "TRUSTED_HOSTS"])
def test_production_refuses_to_start_without_canonical_host_or_trusted_hosts(
        monkeypatch, missing):
    settings = {k: v for k, v in PRODUCTION.items() if k != missing}
    _environment(monkeypatch, **settings)
    with pytest.raises(RuntimeError, match=missing):
        Config()


def test_server_name_is_enough_as_the_canonical_host(monkeypatch):
    settings = {k: v for k, v in PRODUCTION.items() if k != "BASE_URL"}
    _environment(monkeypatch, SERVER_NAME="diaspora.example", **settings)
    assert Config().SERVER_NAME == "diaspora.example"


def test_staging_needs_trusted_hosts_too(monkeypatch):
    _environment(monkeypatch, APP_ENV="staging", SECRET_KEY="s" * 48)
    with pytest.raises(RuntimeError, match="TRUSTED_HOSTS"):
        Config()


def test_production_cookies_are_secure_by_default(monkeypatch, tmp_path):
    app = production_app(monkeypatch, tmp_path)
    from tests.conftest import IsolatedClient

    app.test_client_class = IsolatedClient
    with app.app_context():
        from diaspora_platform.accounts.models import User
        from diaspora_platform.database import utcnow
        from diaspora_platform.security import hash_password

        db.session.add(User(email="m@example.org", display_name="M", locale="en",
                            password_hash=hash_password(PASSWORD), confirmed_at=utcnow()))
        db.session.commit()
        client = app.test_client()
        response = client.post("/account/login", base_url="https://diaspora.example",
                               data={"email": "m@example.org", "password": PASSWORD,
                                     "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    assert response.status_code == 302
    assert any(c.startswith("session=") for c in cookies)
    assert any(c.startswith("remember_token=") for c in cookies)
    assert all("; Secure" in c for c in cookies), cookies


def test_hsts_behind_the_proxy_when_it_says_https(monkeypatch, tmp_path):
    app = production_app(monkeypatch, tmp_path, PROXY_FIX="1")
    client = app.test_client()
    secure = client.get("/healthz", base_url="http://diaspora.example",
                        headers={"X-Forwarded-Proto": "https"})
    plain = client.get("/healthz", base_url="http://diaspora.example")
    assert "max-age=" in secure.headers["Strict-Transport-Security"]
    assert "Strict-Transport-Security" not in plain.headers


def test_reset_link_uses_the_canonical_host_not_the_host_header(app_factory, make_user,
                                                                 mailbox):
    app = app_factory(BASE_URL="https://diaspora.example")
    with app.app_context():
        member = make_user(email="zarina@example.org")
        client = app.test_client()
        client.post("/account/reset", data={"email": member.email},
                    headers={"Host": "evil.example"})
        link = mailbox.link(mailbox.last(member.email))
    assert link.startswith("https://diaspora.example/en/account/reset/")


def test_a_published_absolute_link_ignores_the_host_header(app_factory):
    app = app_factory(BASE_URL="https://diaspora.example")
    with app.app_context():
        page = app.test_client().get("/fund/ledger/verify", headers={"Host": "evil.example"})
    text = page.get_data(as_text=True)
    assert "https://diaspora.example/fund/ledger.json" in text and "evil.example" not in text
