"""Which kinds of notification a member also wants by email, per category.

On-site notifications are always kept; email follows these choices. Members without a
row get the defaults (everything but the weekly digest, which is opt-in).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l

# category -> (title, emailed unless the member says otherwise)
CATEGORIES = {
    "decisions": (_l("Decisions on what I publish or ask for"), True),
    "registrations": (_l("My registrations and entries"), True),
    "events": (_l("New events from what I follow"), True),
    "news": (_l("News from what I follow"), True),
    "digest": (_l("Weekly digest of events and news"), False),
}
OTHER = "other"  # kinds no domain placed in a category: always emailed


class EmailPreference(db.Model):
    __tablename__ = "email_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    decisions: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    registrations: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    events: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    news: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    digest: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow,
                                                 onupdate=utcnow, nullable=False)


def preferences_of(user) -> dict[str, bool]:
    row = db.session.get(EmailPreference, user.id)
    return {key: (getattr(row, key) if row is not None else default)
            for key, (_title, default) in CATEGORIES.items()}


def wants_email(user, category: str) -> bool:
    if category not in CATEGORIES:
        return True
    return preferences_of(user)[category]


def set_preferences(user, choices: dict[str, bool]) -> dict[str, bool]:
    """Save the given categories (others keep their value); commits once."""
    row = db.session.get(EmailPreference, user.id)
    if row is None:
        row = EmailPreference(user_id=user.id, **{k: d for k, (_t, d) in CATEGORIES.items()})
        db.session.add(row)
    for key, value in choices.items():
        if key in CATEGORIES:
            setattr(row, key, bool(value))
    db.session.commit()
    return preferences_of(user)


def digest_subscriber_ids() -> sa.Select:
    """Ids of members who asked for the weekly digest."""
    return sa.select(EmailPreference.user_id).where(EmailPreference.digest.is_(True))
