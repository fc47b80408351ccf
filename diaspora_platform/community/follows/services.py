"""Following organisations and countries, and telling followers what is new.

Other domains call `followers_of` and `notify_followers` (e.g. events, when an event is
approved); nothing here imports them.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from diaspora_platform.accounts.models import User
from diaspora_platform.community.follows.models import Follow
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, _l, ngettext, valid_country
from diaspora_platform.notifications.services import notify, register_kind

MAX_FOLLOWS = 200

register_kind("follows.event", _l("New event from %(source)s: “%(title)s”."),
              _l("A new event from what you follow"), category="events")


def followers_of(organisation=None, country: str | None = None) -> list[User]:
    """Active members following the organisation or the country (or either, when both
    are given), each once, in a stable order."""
    conditions = []
    if organisation is not None:
        org_id = organisation if isinstance(organisation, int) else organisation.id
        conditions.append(Follow.organisation_id == org_id)
    if country:
        conditions.append(Follow.country == country.upper())
    if not conditions:
        return []
    ids = sa.select(Follow.user_id).where(sa.or_(*conditions))
    users = db.session.scalars(sa.select(User).where(
        User.id.in_(ids), User.deleted_at.is_(None), User.suspended_at.is_(None))
        .order_by(User.id))
    return [user for user in users if user.is_active]


def notify_followers(organisation=None, country: str | None = None, kind: str = "follows.event",
                     link: str | None = None, exclude=(), **params) -> int:
    """Add a notification for each follower to the caller's transaction (mail goes out
    after the caller commits, if the follower wants mail of that category). Returns how
    many were told. `exclude`: user ids not to tell (e.g. the author)."""
    skip = {getattr(u, "id", u) for u in exclude}
    told = 0
    for user in followers_of(organisation, country):
        if user.id in skip:
            continue
        notify(user, kind, link=link, **params)
        told += 1
    return told


def _target(organisation=None, country: str | None = None):
    if organisation is not None:
        if organisation.status != S.APPROVED:
            raise DomainError(_("Only published organisations can be followed."))
        return {"organisation_id": organisation.id}
    code = (country or "").upper()
    if not valid_country(code):
        raise DomainError(_("Choose a country from the list."))
    return {"country": code}


def is_following(user, organisation=None, country: str | None = None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    where = ([Follow.organisation_id == organisation.id] if organisation is not None
             else [Follow.country == (country or "").upper()])
    return db.session.scalar(sa.select(Follow.id).where(
        Follow.user_id == user.id, *where)) is not None


def follow(user, organisation=None, country: str | None = None) -> bool:
    """Follow; following twice is not an error (returns False the second time)."""
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    target = _target(organisation, country)
    existing = db.session.scalar(sa.select(Follow).filter_by(user_id=user.id, **target))
    if existing is not None:
        return False
    count = db.session.scalar(sa.select(sa.func.count(Follow.id)).where(
        Follow.user_id == user.id))
    if count >= MAX_FOLLOWS:
        raise DomainError(ngettext("You can follow at most %(max)d organisation or country.",
                                   "You can follow at most %(max)d organisations and countries.",
                                   MAX_FOLLOWS, max=MAX_FOLLOWS))
    db.session.add(Follow(user_id=user.id, **target))
    try:
        db.session.commit()
    except IntegrityError:  # a double click raced us: the follow exists, which is fine
        db.session.rollback()
        return False
    return True


def unfollow(user, organisation=None, country: str | None = None) -> bool:
    """Stop following; returns False when there was nothing to stop."""
    where = ({"organisation_id": organisation.id} if organisation is not None
             else {"country": (country or "").upper()})
    existing = db.session.scalar(sa.select(Follow).filter_by(user_id=user.id, **where))
    if existing is None:
        return False
    db.session.delete(existing)
    db.session.commit()
    return True


def follows_of(user) -> list[Follow]:
    """The member's follows, organisations loaded (one query)."""
    from sqlalchemy.orm import selectinload

    return list(db.session.scalars(sa.select(Follow).where(Follow.user_id == user.id)
                                   .options(selectinload(Follow.organisation))
                                   .order_by(Follow.created_at.desc(), Follow.id.desc())))


def follower_count(organisation) -> int:
    return db.session.scalar(sa.select(sa.func.count(Follow.id)).where(
        Follow.organisation_id == organisation.id)) or 0


def followed_organisation_ids(user) -> list[int]:
    return list(db.session.scalars(sa.select(Follow.organisation_id).where(
        Follow.user_id == user.id, Follow.organisation_id.is_not(None))))


def followed_countries(user) -> list[str]:
    return list(db.session.scalars(sa.select(Follow.country).where(
        Follow.user_id == user.id, Follow.country.is_not(None))))

