"""Telling people what happened: on the site, and by email in their language.

Kinds are registered with a lazy message (named placeholders) and a mail template, so a
domain adds a kind without touching this module's code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa
from flask import has_request_context
from flask_babel import force_locale

from diaspora_platform import pagination, table_cache
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.language_urls import in_language, with_language
from diaspora_platform.links import absolute, base_url
from diaspora_platform.mail import send_mail
from diaspora_platform.notifications.models import Notification
from diaspora_platform.notifications.preferences import OTHER, wants_email

PAGE_SIZE = 30


@dataclass(frozen=True)
class Kind:
    message: object  # lazy string with %(name)s placeholders
    subject: object  # lazy string, the email subject
    resolve: object = None  # optional params -> params, e.g. translating a type key
    category: str = OTHER  # a key of preferences.CATEGORIES: filter and email choice


_KINDS: dict[str, Kind] = {}


def register_kind(key: str, message, subject, resolve=None, category: str | None = None
                  ) -> None:
    """Declare a kind; `category` (decisions, registrations, events, news) decides the
    notification-centre filter and which email preference applies."""
    _KINDS[key] = Kind(message, subject, resolve, category or OTHER)


def category_of(kind: str) -> str:
    found = _KINDS.get(kind)
    return found.category if found else OTHER


def kinds_in(category: str) -> list[str]:
    return [key for key, kind in _KINDS.items() if kind.category == category]


def render(notification: Notification) -> str:
    kind = _KINDS.get(notification.kind)
    if kind is None:
        return notification.kind
    params = notification.params
    if kind.resolve:
        params = kind.resolve(params)
    return kind.message % params  # a lazy string, or a plural_message choosing its form


def notify(user, kind: str, link: str | None = None, email: bool = True, **params) -> None:
    """Add a notification, and its mail when the member wants it, to the current
    transaction: the mail is queued in the outbox and leaves only if the caller commits."""
    if user is None or not user.is_active:
        return
    if link and link.startswith("/"):
        link = with_language(link, None)  # kept without a language: each reader's is added
    note = Notification(user_id=user.id, kind=kind, link=link,
                        params_json=json.dumps(params, ensure_ascii=False))
    db.session.add(note)
    if email and wants_email(user, category_of(kind)):
        _queue_mail(user.email, user.locale, user.display_name, kind, dict(params), link)


def _queue_mail(email: str, locale: str, name: str, key: str, params: dict, link) -> None:
    kind = _KINDS[key]
    with force_locale(locale):
        text = kind.message % (kind.resolve(params) if kind.resolve else params)
    if link and link.startswith("/") and (has_request_context() or base_url()):
        link = absolute(in_language(link, locale))
    send_mail(email, locale, kind.subject, "notification", name=name, text=text, link=link)


def _mine(user, category: str | None = None):
    conditions = [Notification.user_id == user.id]
    if category:
        conditions.append(_in_category(category))
    return conditions


def _in_category(category: str):
    if category == OTHER:
        known = [key for key, kind in _KINDS.items() if kind.category != OTHER]
        return Notification.kind.not_in(known) if known else sa.true()
    return Notification.kind.in_(kinds_in(category) or ["-"])


def unread_count(user, category: str | None = None) -> int:
    """Unread notifications (the menu shows it on every page: kept until one changes)."""
    def count() -> int:
        return db.session.scalar(sa.select(sa.func.count(Notification.id)).where(
            *_mine(user, category), Notification.read_at.is_(None))) or 0

    return table_cache.remember(None, count, key=("unread", user.id, category),
                                tables=(Notification.__tablename__,))


def unread_by_category(user) -> dict[str, int]:
    """Unread notifications per category, in one query."""
    rows = db.session.execute(sa.select(Notification.kind, sa.func.count(Notification.id))
                              .where(Notification.user_id == user.id,
                                     Notification.read_at.is_(None))
                              .group_by(Notification.kind)).all()
    counts: dict[str, int] = {}
    for kind, count in rows:
        key = category_of(kind)
        counts[key] = counts.get(key, 0) + count
    return counts


def list_for(user, category: str | None = None, unread: bool = False, *,
             after: str | None = None, before: str | None = None) -> pagination.Page:
    """One page of the user's notifications, newest first."""
    stmt = sa.select(Notification).where(*_mine(user, category))
    if unread:
        stmt = stmt.where(Notification.read_at.is_(None))
    return pagination.paginate(stmt, (pagination.desc(Notification.id),),
                               pagination.getters("id"), after=after, before=before,
                               per_page=PAGE_SIZE)


def mark_all_read(user, category: str | None = None) -> int:
    notes = db.session.scalars(sa.select(Notification).where(
        *_mine(user, category), Notification.read_at.is_(None))).all()
    now = utcnow()
    for note in notes:
        note.read_at = now
    db.session.commit()
    return len(notes)


def mark_read(user, note_id: int) -> Notification | None:
    """Mark one of the member's notifications read; another's is None (not found)."""
    note = db.session.get(Notification, note_id)
    if note is None or note.user_id != user.id:
        return None
    if note.read_at is None:
        note.read_at = utcnow()
        db.session.commit()
    return note
