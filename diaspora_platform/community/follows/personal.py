"""What follows keep about a member, for "download my data" and account deletion."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.accounts import personal_data
from diaspora_platform.community.follows.models import DigestSend, Follow
from diaspora_platform.extensions import db
from diaspora_platform.notifications.preferences import EmailPreference, preferences_of


def export(user) -> dict:
    follows = db.session.scalars(sa.select(Follow).where(Follow.user_id == user.id)
                                 .order_by(Follow.id))
    sends = db.session.scalars(sa.select(DigestSend).where(DigestSend.user_id == user.id)
                               .order_by(DigestSend.id))
    return {
        "follows": [{"organisation_id": f.organisation_id, "country": f.country,
                     "since": f.created_at.isoformat()} for f in follows],
        "email_preferences": preferences_of(user),
        "digests_sent": [{"week": s.period, "items": s.items,
                          "sent_at": s.sent_at.isoformat()} for s in sends],
    }


def erase(user) -> None:
    """A deleted account follows nothing and gets no mail."""
    for model in (Follow, DigestSend):
        for row in db.session.scalars(sa.select(model).where(model.user_id == user.id)):
            db.session.delete(row)
    row = db.session.get(EmailPreference, user.id)
    if row is not None:
        db.session.delete(row)


personal_data.register("follows", export, erase)
