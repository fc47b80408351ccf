"""Nominations in "download my data" (those naming the member and those they made), and the
nominee's name, address and the statement about them erased with their account (the row
stays, without them, for the edition's records)."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.accounts import personal_data
from diaspora_platform.extensions import db
from diaspora_platform.nominations.models import Nomination


def _about(user):
    return db.session.scalars(sa.select(Nomination).where(sa.or_(
        Nomination.nominee_user_id == user.id,
        sa.func.lower(Nomination.nominee_email) == user.email.lower())).order_by(Nomination.id))


def export(user) -> list[dict]:
    made = db.session.scalars(sa.select(Nomination).where(
        Nomination.nominator_id == user.id).order_by(Nomination.id))
    return ([{"role": "nominee", "id": n.id, "edition_id": n.edition_id,
              "name": n.nominee_name, "email": n.nominee_email, "country": n.country,
              "statement": n.statement, "consent": n.consent, "endorsement": n.endorsement,
              "created_at": n.created_at.isoformat()} for n in _about(user)]
            + [{"role": "nominator", "id": n.id, "edition_id": n.edition_id,
                "nominee": n.nominee_name, "statement": n.statement,
                "created_at": n.created_at.isoformat()} for n in made])


def erase(user) -> None:
    for nomination in _about(user):
        # Unique per edition: a placeholder of its own, never an address.
        nomination.nominee_name, nomination.nominee_email = "—", f"erased-{nomination.id}"
        nomination.nominee_user_id = None
        nomination.statement = ""
        nomination.consent_hash = None  # the link mailed to them stops working


personal_data.register("nominations", export, erase)
