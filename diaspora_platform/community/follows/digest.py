"""The weekly digest: new events and news for the member's country and follows, in their
language, once per ISO week.

Idempotent: a member's week is claimed (a unique row) before the mail goes out, so a
second run, or two runs at once, send nothing twice. The mail is queued in the outbox in
the claim's transaction, so the worker delivers it (with retries) exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import force_locale
from sqlalchemy.exc import IntegrityError

from diaspora_platform.accounts.models import User
from diaspora_platform.community.follows import services, unsubscribe
from diaspora_platform.community.follows.models import DigestSend
from diaspora_platform.community.news import queries as news_queries
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.links import base_url
from diaspora_platform.mail import build_message, enqueue_message
from diaspora_platform.notifications.preferences import digest_subscriber_ids

SUBJECT = _l("Your weekly digest: new events and news")
WINDOW = timedelta(days=7)
MAX_EVENTS = MAX_NEWS = 15


@dataclass
class Digest:
    events: list = field(default_factory=list)
    news: list = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.events) + len(self.news)


def period_of(moment: datetime) -> str:
    year, week, _day = moment.isocalendar()
    return f"{year}-W{week:02d}"


def _since(user, now: datetime) -> datetime:
    last = db.session.scalar(sa.select(sa.func.max(DigestSend.sent_at)).where(
        DigestSend.user_id == user.id))
    return max(last, now - WINDOW) if last else now - WINDOW


def _events(since: datetime, now: datetime, countries: list[str], org_ids: list[int]):
    try:
        from diaspora_platform.community.events.models import Event
    except ImportError:  # pragma: no cover - events arrive with the community area
        return []
    published = sa.func.coalesce(Event.reviewed_at, Event.created_at)
    concerned = sa.or_(Event.country.in_(countries or ["--"]),
                       Event.organisation_id.in_(org_ids or [-1]))
    stmt = (sa.select(Event).where(Event.status == S.APPROVED, Event.cancelled_at.is_(None),
                                   Event.starts_at > now, published >= since, concerned)
            .order_by(Event.starts_at).limit(MAX_EVENTS))
    return [e for e in db.session.scalars(stmt)
            if e.organisation is None or e.organisation.is_public]


def build(user, since: datetime, now: datetime) -> Digest:
    """What is new for this member since `since`."""
    countries = sorted({*services.followed_countries(user), *([user.country]
                                                              if user.country else [])})
    org_ids = services.followed_organisation_ids(user)
    return Digest(events=_events(since, now, countries, org_ids),
                  news=news_queries.for_digest(since, countries, org_ids, MAX_NEWS))


def _claim(user, period: str, now: datetime) -> DigestSend | None:
    row = DigestSend(user_id=user.id, period=period, sent_at=now)
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:  # another run claimed this week first
        db.session.rollback()
        return None
    return row


def _message(user, digest: Digest):
    base = base_url()
    link = unsubscribe.make_token(user, "digest")
    unsubscribe_url = f"{base}/follows/unsubscribe/{link}"
    msg = build_message(user.email, user.locale, SUBJECT, "digest", name=user.display_name,
                        digest=digest, lang=user.locale, base=base,
                        settings=f"{base}/follows/", unsubscribe=unsubscribe_url)
    # A long URL must not be folded into encoded words, which mail clients cannot follow.
    msg.policy = msg.policy.clone(max_line_length=998)
    msg["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return msg


def send_to(user, period: str, now: datetime) -> bool:
    """Claim the member's week; mail them if there is anything new. True if mailed."""
    since = _since(user, now)
    row = _claim(user, period, now)
    if row is None:
        return False
    digest = build(user, since, now)
    row.items = digest.size
    if digest.size:
        with force_locale(user.locale):
            enqueue_message(_message(user, digest))  # leaves with the claim, or not at all
    db.session.commit()
    return bool(digest.size)


def due_users(period: str) -> list[User]:
    """Members who asked for the digest and have not had this week's."""
    done = sa.select(DigestSend.user_id).where(DigestSend.period == period)
    users = db.session.scalars(sa.select(User).where(
        User.id.in_(digest_subscriber_ids()), User.id.not_in(done),
        User.confirmed_at.is_not(None), User.deleted_at.is_(None),
        User.suspended_at.is_(None)).order_by(User.id))
    return [user for user in users if user.is_active]


def send_due(now: datetime | None = None) -> tuple[int, int]:
    """Send this week's digests that are due: (mailed, nothing new)."""
    now = now or utcnow()
    period = period_of(now)
    mailed = quiet = 0
    for user in due_users(period):
        if send_to(user, period, now):
            mailed += 1
        else:
            quiet += 1
    return mailed, quiet
