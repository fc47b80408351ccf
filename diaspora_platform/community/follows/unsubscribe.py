"""Signed unsubscribe links: one per member and email category, no sign-in needed.

The link does not expire (old mails keep working) and carries no secret of the account:
it can only switch off email of its category, which the member can switch on again.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from diaspora_platform.errors import InvalidToken
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.links import external_url
from diaspora_platform.notifications.preferences import CATEGORIES, set_preferences

ALL = "all"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="follows.unsubscribe")


def make_token(user, category: str) -> str:
    return _serializer().dumps({"uid": user.id, "c": category})


def unsubscribe_url(user, category: str) -> str:
    return external_url("follows.unsubscribe", token=make_token(user, category))


def read_token(token: str):
    """Return (user, category) or raise InvalidToken with a translated reason."""
    from diaspora_platform.accounts.models import User

    try:
        data = _serializer().loads(token)
    except BadSignature as exc:
        raise InvalidToken(_("This link is not valid. Please ask for a new one.")) from exc
    category = data.get("c")
    user = db.session.get(User, data.get("uid"))
    if user is None or not user.is_active or (category not in CATEGORIES and category != ALL):
        raise InvalidToken(_("This link is not valid. Please ask for a new one."))
    return user, category


def unsubscribe(user, category: str) -> None:
    """Switch off email of the category (or of every category); doing it twice is fine."""
    keys = list(CATEGORIES) if category == ALL else [category]
    set_preferences(user, dict.fromkeys(keys, False))
