"""Where a new request goes: the official body responsible for the place and the
situation (the finder's answer) when that body has staff on the platform to answer,
else the Coordination Council's own queue."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.notifications.services import notify
from diaspora_platform.official import queries
from diaspora_platform.official.accounts import office_accounts
from diaspora_platform.official.models import OfficeAccount, OfficialBody


def _staffed() -> set[int]:
    return set(db.session.scalars(sa.select(OfficeAccount.office_id).distinct()))


def responsible_office(country: str, city: str, category: str) -> OfficialBody | None:
    """The office in the city first, then one covering the country; None: the Council."""
    found = queries.find(country, city or "", category)
    staffed = _staffed()
    for office in [*found.in_city, *found.in_country]:
        if office.id in staffed:
            return office
    return None


def tell_office(req) -> None:
    """Notify the staff of the office a new request was routed to (on the site and by mail
    in each one's language, sent after the commit): its number and a link, nothing else."""
    office = db.session.get(OfficialBody, req.office_id) if req.office_id else None
    if office is None:
        return
    for account in office_accounts(office):
        notify(account.user, "helpdesk.routed", link=f"/helpdesk/{req.id}", number=req.id)
