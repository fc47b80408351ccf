"""Official-body accounts: verified staff of an office. Council staff grant and revoke
them (audited); the account acts for its office only with the second factor passed in
this session, the rule Council staff follow."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform import audit, table_cache
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.official.models import OfficeAccount, OfficialBody


def account_of(user) -> OfficeAccount | None:
    """The user's official-body account, whether or not it may act now."""
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(sa.select(OfficeAccount).where(OfficeAccount.user_id == user.id))


def _office_of(user) -> int | None:
    """The office of the user's account, if any; every signed-in page asks (the header's
    links, the idle rule), so it is kept until the accounts table changes."""
    if not getattr(user, "is_authenticated", False):
        return None
    return table_cache.remember(
        None, lambda: db.session.scalar(sa.select(OfficeAccount.office_id).where(
            OfficeAccount.user_id == user.id)),
        key=("office_of", user.id), tables=(OfficeAccount.__tablename__,))


def has_office_role(user) -> bool:
    return _office_of(user) is not None


def acting_office_id(user) -> int | None:
    """The office this user acts for now (account + second factor this session), or None."""
    office_id = _office_of(user)
    if office_id is None or not user.is_active or not user.second_factor_now:
        return None
    return office_id


def acts_for(user, office: OfficialBody) -> bool:
    return acting_office_id(user) == office.id


def office_accounts(office: OfficialBody) -> list[OfficeAccount]:
    return list(db.session.scalars(sa.select(OfficeAccount).where(
        OfficeAccount.office_id == office.id).order_by(OfficeAccount.id)))


def _require_staff(user) -> None:
    if not getattr(user, "acts_as_staff", False):
        raise NotAllowed(_("Only Council staff grant accounts of official bodies."))


def grant_office_account(staff, office: OfficialBody, email: str) -> OfficeAccount:
    """Make the member with this email an account of `office`."""
    from diaspora_platform.accounts.models import User

    _require_staff(staff)
    user = db.session.scalar(sa.select(User).where(
        sa.func.lower(User.email) == (email or "").strip().lower()))
    if user is None or not user.is_active or not user.is_confirmed:
        raise DomainError(_("No member with a confirmed account uses this email address."))
    if account_of(user) is not None:
        raise Conflict(_("This member already works for an official body."))
    account = OfficeAccount(office_id=office.id, user_id=user.id, granted_by_id=staff.id)
    db.session.add(account)
    audit.record(staff, "official.account_granted", office, user_id=user.id)
    db.session.commit()
    return account


def revoke_office_account(staff, account: OfficeAccount) -> None:
    _require_staff(staff)
    audit.record(staff, "official.account_revoked", account.office, user_id=account.user_id)
    db.session.delete(account)
    db.session.commit()
