"""Pledges in "download my data"; when the account is deleted they stay in the public
ledger (the money moved), shown as anonymous, without the message."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.accounts import personal_data
from diaspora_platform.extensions import db
from diaspora_platform.fund.models import Pledge, ShowAs


def _pledges(user):
    return db.session.scalars(sa.select(Pledge).where(Pledge.user_id == user.id)
                              .order_by(Pledge.id))


def export(user) -> list[dict]:
    return [{
        "id": p.id, "campaign_id": p.campaign_id, "reference": p.reference,
        "amount_minor": p.amount_minor, "currency": p.currency, "status": p.status,
        "shown_as": p.show_as, "organisation_id": p.organisation_id, "message": p.message,
        "created_at": p.created_at.isoformat(),
        "received_on": p.received_on.isoformat() if p.received_on else None,
        "cancelled_at": p.cancelled_at.isoformat() if p.cancelled_at else None,
    } for p in _pledges(user)]


def erase(user) -> None:
    for pledge in _pledges(user):
        pledge.show_as, pledge.organisation_id, pledge.message = ShowAs.ANONYMOUS, None, None


personal_data.register("fund_pledges", export, erase)
