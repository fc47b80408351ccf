"""Security defaults: headers and CSP, safe redirects, password hashing and policy."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import Flask, current_app, g, request

from diaspora_platform.i18n import _, ngettext

PASSWORD_MIN = 12
PASSWORD_MAX = 128


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


# The policy, with a fresh nonce per response for the site's own scripts.
_CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'nonce-{nonce}'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HSTS = "max-age=63072000; includeSubDomains"
REFERRER_POLICY = "strict-origin-when-cross-origin"
# The same on every response.
FIXED_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def csp(nonce: str) -> str:
    return _CSP.format(nonce=nonce)


def security_headers(nonce: str, secure: bool) -> list[tuple[str, str]]:
    """What set_security_headers sends, as a list for a response made without Flask (a
    cached page answered by page_cache's WSGI server)."""
    headers = [("Content-Security-Policy", csp(nonce)), *FIXED_HEADERS,
               ("Referrer-Policy", REFERRER_POLICY)]
    if secure:
        headers.append(("Strict-Transport-Security", HSTS))
    return headers


def set_security_headers(response):
    headers = response.headers
    headers["Content-Security-Policy"] = csp(csp_nonce())
    for name, value in FIXED_HEADERS:
        headers[name] = value
    # A page may ask for less (the private pages of help requests send none).
    headers.setdefault("Referrer-Policy", REFERRER_POLICY)
    if request.is_secure:
        headers["Strict-Transport-Security"] = HSTS
    return response


def register_security(app: Flask) -> None:
    app.after_request(set_security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce


def is_safe_next(target: str | None) -> bool:
    """Only same-site absolute paths: '/x' yes; '//evil', 'http://evil', '/\\evil' no."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, default: str) -> str:
    return target if is_safe_next(target) else default


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST"],
        parallelism=cfg["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def dummy_hash() -> str:
    """A hash with this app's parameters, made once per process: checking a password
    against it costs what checking a real account's does."""
    cfg = current_app.config
    key = (cfg["ARGON2_TIME_COST"], cfg["ARGON2_MEMORY_COST"], cfg["ARGON2_PARALLELISM"])
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = hash_password(secrets.token_urlsafe(16))
    return _DUMMY_HASHES[key]


_DUMMY_HASHES: dict[tuple, str] = {}


def verify_password(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        return False
    try:
        return _hasher().verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_needs_rehash(stored_hash: str) -> bool:
    return _hasher().check_needs_rehash(stored_hash)


def password_problem(password: str, user_inputs: list[str] | None = None) -> str | None:
    """A translated reason the password is not acceptable, or None."""
    if len(password) < PASSWORD_MIN:
        return ngettext("Use at least %(n)d character.",
                        "Use at least %(n)d characters.", PASSWORD_MIN, n=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        return ngettext("Use at most %(n)d character.",
                        "Use at most %(n)d characters.", PASSWORD_MAX, n=PASSWORD_MAX)
    inputs = [value for value in (user_inputs or []) if value]
    from zxcvbn import zxcvbn  # its word lists cost ~90 ms: load at the first password

    if zxcvbn(password, user_inputs=inputs)["score"] < 3:
        return _(
            "This password is too common or too easy to guess. "
            "Try a few unrelated words together."
        )
    return None
