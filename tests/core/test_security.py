"""Security defaults an operator relies on: headers, CSRF, rate limits, size limits."""

import uuid

import pytest
import redis

from diaspora_platform.config import Config
from diaspora_platform.security import is_safe_next, password_problem
from tests.conftest import CI

pytestmark = pytest.mark.any_database  # wording, headers and links: no SQL difference


def test_every_page_sends_csp_with_a_nonce_and_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert "frame-ancestors 'none'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert f'nonce="{nonce}"' in response.get_data(as_text=True)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_is_sent_over_https(client):
    response = client.get("/", base_url="https://localhost")
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_nonce_changes_per_request(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second


def test_templates_use_no_inline_style_or_script(client, auth, make_user):
    auth.login(make_user().email)
    for url in ("/", "/account/", "/account/register", "/account/two-factor"):
        page = client.get(url).get_data(as_text=True)
        assert " style=" not in page and "<style" not in page, url
        assert "<script>" not in page, url


def test_forms_without_csrf_token_are_refused_with_a_clear_page(app_factory, make_user):
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    response = client.post("/account/login", data={"email": "a@example.org",
                                                   "password": "x" * 12},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "The form expired" in response.get_data(as_text=True)


def test_login_with_a_valid_csrf_token_works(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/account/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/account/login", data={"csrf_token": token,
                                                   "email": "a@example.org",
                                                   "password": "x" * 12})
    assert response.status_code == 200  # the form answered (wrong password), no CSRF error


def test_login_is_rate_limited_with_a_translated_429(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    codes = [client.post("/account/login", data={"email": "a@example.org",
                                                 "password": "x" * 12},
                         headers={"Accept-Language": "en"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    last = client.post("/account/login", data={}, headers={"Accept-Language": "en"})
    assert last.status_code == 429
    assert "You tried this too many times" in last.get_data(as_text=True)


def _redis_url() -> str | None:
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    return url


def test_rate_limit_is_shared_by_workers_through_redis(app_factory):
    url = _redis_url()
    if url is None:
        if CI:
            pytest.fail("Redis must run for CI (127.0.0.1:6379).")
        pytest.skip("Redis is not running here.")
    # Limits are per client address: a fresh address per run keeps runs (and parallel test
    # processes sharing this Redis) apart.
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    settings = dict(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=url,
                    REGISTER_RATE_LIMIT="4 per minute")
    worker_a, worker_b = app_factory(**settings), app_factory(**settings)
    codes = [(worker_a if i % 2 else worker_b).test_client().post(
        "/account/register", environ_base={"REMOTE_ADDR": address}).status_code
        for i in range(5)]
    assert codes[:4] == [200, 200, 200, 200] and codes[4] == 429


def test_oversized_request_gets_413_page(app_factory):
    app = app_factory(MAX_CONTENT_LENGTH=1024)
    response = app.test_client().post("/account/login", data={"email": "a" * 5000},
                                      headers={"Accept-Language": "en"})
    assert response.status_code == 413
    assert "larger than the site accepts" in response.get_data(as_text=True)


@pytest.mark.parametrize("target, safe", [
    ("/account/", True), ("/members/3?x=1", True), ("//evil.example", False),
    ("https://evil.example/", False), ("/\\evil.example", False), ("javascript:alert(1)", False),
    ("", False), (None, False), ("/ok\r\nSet-Cookie: x", False), ("evil.example", False),
])
def test_next_targets(target, safe):
    assert is_safe_next(target) is safe


def test_password_policy_messages(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert "at least 12" in password_problem("short")
        assert "too common" in password_problem("password1234")
        assert "too common" in password_problem("zarina@example.org", ["zarina@example.org"])
        assert password_problem("kitob-daryo-sabz-2026") is None


def test_secret_key_is_required_outside_development(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("BASE_URL", "https://diaspora.example")
    monkeypatch.setenv("TRUSTED_HOSTS", "diaspora.example")
    monkeypatch.setattr(Config, "SECRET_KEY", None)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        Config()
