"""Signed, expiring, single-use links for confirmation, password reset and email change.

Each token carries a fingerprint of the state it is meant to change; once the change is
made the fingerprint no longer matches, so a used link stops working without a table.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from diaspora_platform.errors import InvalidToken
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"accounts.{purpose}")


def _fingerprint(user, purpose: str, extra: str = "") -> str:
    state = {
        "confirm": f"{user.email}|{user.confirmed_at}",
        "reset": f"{user.password_hash}|{user.session_token}",
        "email": f"{user.email}|{extra}",
    }[purpose]
    return hashlib.sha256(state.encode()).hexdigest()[:20]


def make_token(user, purpose: str, extra: str = "") -> str:
    return _serializer(purpose).dumps(
        {"uid": user.id, "fp": _fingerprint(user, purpose, extra), "x": extra}
    )


def read_token(token: str, purpose: str):
    """Return (user, extra) or raise InvalidToken with a translated reason."""
    from diaspora_platform.accounts.models import User

    try:
        data = _serializer(purpose).loads(token, max_age=current_app.config["TOKEN_MAX_AGE"])
    except SignatureExpired as exc:
        raise InvalidToken(_("This link has expired. Please ask for a new one.")) from exc
    except BadSignature as exc:
        raise InvalidToken(_("This link is not valid. Please ask for a new one.")) from exc
    user = db.session.get(User, data.get("uid"))
    if user is None or not user.is_active:
        raise InvalidToken(_("This link is not valid. Please ask for a new one."))
    if data.get("fp") != _fingerprint(user, purpose, data.get("x", "")):
        raise InvalidToken(_("This link has already been used or is no longer valid."))
    return user, data.get("x", "")
