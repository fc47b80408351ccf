"""Keeping requests no longer than needed, and re-encrypting them with a new key.

`purge_closed` deletes every request closed more than HELPDESK_RETENTION_MONTHS ago,
keeping one anonymous tally row (month, country, category, outcome, hours to the first
answer) for the statistics. `rotate_keys` rewrites every encrypted value with the newest
key in HELPDESK_KEYS, after which older keys may be removed."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from diaspora_platform import audit
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.helpdesk.crypto import reseal
from diaspora_platform.helpdesk.models import SEALED, HelpRequest, HelpTally


def hours_to_first_answer(req) -> float | None:
    if req.first_answer_at is None:
        return None
    return round((req.first_answer_at - req.created_at).total_seconds() / 3600, 1)


def cutoff(now: datetime | None = None, months: int | None = None) -> datetime:
    months = current_app.config["HELPDESK_RETENTION_MONTHS"] if months is None else months
    return (now or utcnow()) - timedelta(days=round(months * 30.44))


def purge_closed(now: datetime | None = None) -> int:
    """Delete requests closed before the cutoff; returns how many."""
    old = list(db.session.scalars(sa.select(HelpRequest).where(
        HelpRequest.closed_at.is_not(None), HelpRequest.closed_at < cutoff(now))))
    for req in old:
        db.session.add(HelpTally(month=f"{req.created_at:%Y-%m}", country=req.country,
                                 category=req.category, outcome=req.status,
                                 first_answer_hours=hours_to_first_answer(req)))
        db.session.delete(req)
    if old:
        audit.record(None, "helpdesk.purged", None, count=len(old))
    db.session.commit()
    return len(old)


def rotate_keys(batch: int = 200) -> int:
    """Re-encrypt every sealed value with the newest key; returns how many values."""
    done = 0
    for model, columns in SEALED.items():
        table = model.__table__
        raw = [sa.type_coerce(table.c[name], sa.LargeBinary).label(name) for name in columns]
        last = 0
        while rows := db.session.execute(sa.select(table.c.id, *raw).where(
                table.c.id > last).order_by(table.c.id).limit(batch)).all():
            for row in rows:
                values = {name: reseal(getattr(row, name)) for name in columns
                          if getattr(row, name) is not None}
                db.session.execute(table.update().where(table.c.id == row.id).values(
                    {table.c[name]: sa.type_coerce(value, sa.LargeBinary)
                     for name, value in values.items()}))
                done += len(values)
                last = row.id
            db.session.commit()
    return done
