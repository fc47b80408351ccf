"""Which members' reports count towards hiding an item on their own, and who hears of them.

Two fresh accounts could hide a verified organisation. Only confirmed members whose account
is older than REPORT_MIN_ACCOUNT_AGE count, and reports sent from one network address, or by
accounts created in the same hour, count once: a handful of throwaway accounts made together
weigh as one. Every report still reaches staff, and they are told of it at once."""

from __future__ import annotations

import hashlib
import hmac

import sqlalchemy as sa
from flask import current_app

from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.moderation.models import Report
from diaspora_platform.moderation.notices import resolve
from diaspora_platform.notifications.services import notify, register_kind

register_kind("moderation.reported",
              _l("Reported by a member: %(type)s “%(label)s”. Please review the reports."),
              _l("Content was reported"), resolve, category="decisions")
register_kind("moderation.reported_hidden",
              _l("Hidden after members' reports: %(type)s “%(label)s”. Please review the "
                 "reports."),
              _l("Reported content was hidden"), resolve, category="decisions")


def network_key(address: str | None) -> str | None:
    """A keyed digest of the reporter's address: enough to compare, not to recover it."""
    if not address:
        return None
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32]


def weighted_count(key: str, object_id: int) -> int:
    """Open reports that count towards hiding the item: one per address and per hour in
    which the reporting accounts were created, from confirmed, established members."""
    oldest = utcnow() - current_app.config["REPORT_MIN_ACCOUNT_AGE"]
    rows = db.session.execute(
        sa.select(Report.network, User.created_at).join(User, User.id == Report.reporter_id)
        .where(Report.content_type == key, Report.object_id == object_id,
               Report.status == "open", User.confirmed_at.is_not(None),
               User.created_at <= oldest)
        .order_by(Report.created_at, Report.id))
    networks, hours, count = set(), set(), 0
    for network, created_at in rows:
        hour = created_at.replace(minute=0, second=0, microsecond=0)
        if hour in hours or (network is not None and network in networks):
            continue
        count += 1
        hours.add(hour)
        networks.add(network)
    return count


def tell_staff(ct, item, hidden: bool) -> None:
    """Every active staff member hears of a report at once, on the site and by mail."""
    staff = db.session.scalars(sa.select(User).where(
        User.role.in_([Role.STAFF, Role.ADMIN]), User.deleted_at.is_(None),
        User.suspended_at.is_(None)))
    kind = "moderation.reported_hidden" if hidden else "moderation.reported"
    for member in staff:
        notify(member, kind, link="/moderation/reports", type=ct.key, label=ct.label(item))
