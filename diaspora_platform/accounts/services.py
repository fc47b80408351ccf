"""Account operations: each changes state, audits where needed, and commits once."""

from __future__ import annotations

import json
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from diaspora_platform import audit
from diaspora_platform.accounts import personal_data
from diaspora_platform.accounts.models import User, new_session_token
from diaspora_platform.accounts.tokens import make_token, read_token
from diaspora_platform.accounts.vocabulary import PROFILE_FIELDS, DiasporaStatus, Region, Role
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, _l, is_supported, valid_country
from diaspora_platform.links import external_url
from diaspora_platform.mail import send_mail
from diaspora_platform.security import (
    dummy_hash,
    hash_password,
    password_needs_rehash,
    password_problem,
    verify_password,
)


class WrongPassword(DomainError):
    """The current password given to confirm an action is wrong."""

    def __init__(self):
        super().__init__(_("Your current password is not correct."))


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def _check_password(password: str, *inputs: str) -> None:
    problem = password_problem(password, list(inputs))
    if problem:
        raise DomainError(problem)


def _clean_profile(fields: dict) -> dict:
    country = (fields.get("country") or "").upper() or None
    if country and not valid_country(country):
        raise DomainError(_("Choose a country from the list."))
    status = fields.get("diaspora_status") or None
    if status and status not in DiasporaStatus.__members__.values():
        raise DomainError(_("Choose a status from the list."))
    region = fields.get("region_of_origin") or None
    if region and region not in Region.__members__.values():
        raise DomainError(_("Choose a region from the list."))
    city = (fields.get("city") or "").strip() or None
    return {"country": country, "city": city, "diaspora_status": status, "region_of_origin": region}


def send_confirmation(user: User) -> None:
    link = external_url("accounts.confirm", token=make_token(user, "confirm"))
    send_mail(user.email, user.locale, _l("Confirm your email address"), "confirm",
              user=user, link=link)


def register_user(email: str, password: str, display_name: str, locale: str,
                  **profile) -> User | None:
    """Create an unconfirmed member and send the confirmation link. For an address that
    already has an account, mail its owner instead and return None: the visitor sees the
    same answer, at the same cost, so registering does not tell who has an account."""
    email = normalise_email(email)
    _check_password(password, email, display_name)
    fields = _clean_profile(profile)
    password_hash = hash_password(password)
    if find_user_by_email(email):
        _tell_owner_of_attempt(email)
        return None
    user = User(email=email, password_hash=password_hash, display_name=display_name.strip(),
                locale=locale if is_supported(locale) else "tg", **fields)
    db.session.add(user)
    try:
        db.session.commit()
    except sa.exc.IntegrityError:  # a double submit raced us to the same email
        db.session.rollback()
        _tell_owner_of_attempt(email)
        return None
    send_confirmation(user)
    return user


def _tell_owner_of_attempt(email: str) -> None:
    owner = find_user_by_email(email)
    if owner is None or owner.deleted_at is not None:
        return
    send_mail(owner.email, owner.locale, _l("Someone tried to register with your address"),
              "register_taken", user=owner,
              login_link=external_url("accounts.login"),
              reset_link=external_url("accounts.request_reset"))


def confirm_email(token: str) -> User:
    user, _extra = read_token(token, "confirm")
    user.confirmed_at = utcnow()
    db.session.commit()
    return user


def _lockout_seconds(failures: int) -> int:
    """Back-off after the threshold: 1, 2, 4 ... minutes, capped."""
    cfg = current_app.config
    over = failures - cfg["LOCKOUT_THRESHOLD"]
    if over < 0:
        return 0
    return min(60 * 2**over, cfg["LOCKOUT_MAX_SECONDS"])


def record_failed_login(user: User) -> None:
    """Count a failure in the database itself: concurrent attempts each add one (a
    read-modify-write in Python lost 9 of 10 parallel failures), and the lockout follows
    the count the database returns."""
    failures = db.session.execute(
        sa.update(User).where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins)
        .execution_options(synchronize_session=False)).scalar_one()
    seconds = _lockout_seconds(failures)
    if seconds:
        until = utcnow() + timedelta(seconds=seconds)
        db.session.execute(sa.update(User).where(User.id == user.id)
                           .values(locked_until=until)
                           .execution_options(synchronize_session=False))
    db.session.commit()


def authenticate(email: str, password: str) -> User:
    """Check the password (with per-account lockout); the second factor comes after. An
    unknown email is checked against a dummy hash, so both answers take as long."""
    generic = _("Wrong email or password.")
    user = find_user_by_email(email)
    if user is None or user.deleted_at is not None:
        verify_password(dummy_hash(), password)
        raise DomainError(generic)
    if user.suspended_at is not None:
        raise NotAllowed(_("This account is suspended by the Coordination Council. Write to "
                           "the Council if you think this is a mistake."))
    if user.is_locked():
        raise DomainError(_("Too many failed attempts. This account is locked for a few "
                            "minutes; try again later or reset your password."))
    if not verify_password(user.password_hash, password):
        record_failed_login(user)
        raise DomainError(generic)
    if password_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def complete_login(user: User) -> None:
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = utcnow()
    db.session.commit()


def end_sessions(user: User) -> None:
    """Rotate the session token: every existing session and remember cookie stops working."""
    user.session_token = new_session_token()
    db.session.commit()


def request_password_reset(email: str) -> None:
    """Mail a reset link if the account exists; say the same thing either way."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return
    link = external_url("accounts.reset_password", token=make_token(user, "reset"))
    send_mail(user.email, user.locale, _l("Reset your password"), "reset", user=user, link=link)


def reset_password(token: str, password: str) -> User:
    user, _extra = read_token(token, "reset")
    _check_password(password, user.email, user.display_name)
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    user.failed_logins, user.locked_until = 0, None
    if user.confirmed_at is None:  # the link proved they own the address
        user.confirmed_at = utcnow()
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise WrongPassword()
    _check_password(new, user.email, user.display_name)
    user.password_hash = hash_password(new)
    user.session_token = new_session_token()
    db.session.commit()


def request_email_change(user: User, password: str, new_email: str) -> None:
    if not verify_password(user.password_hash, password):
        raise WrongPassword()
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise DomainError(_("This is already your email address."))
    if find_user_by_email(new_email):
        raise Conflict(_("Another account already uses this email address."))
    token = make_token(user, "email", extra=new_email)
    link = external_url("accounts.confirm_email_change", token=token)
    send_mail(new_email, user.locale, _l("Confirm your new email address"), "email_change",
              user=user, link=link, new_email=new_email)


def confirm_email_change(token: str) -> User:
    user, new_email = read_token(token, "email")
    if find_user_by_email(new_email):
        raise Conflict(_("Another account already uses this email address."))
    old = user.email
    user.email = new_email
    user.confirmed_at = utcnow()
    send_mail(old, user.locale, _l("Your email address was changed"), "email_changed",
              user=user, new_email=new_email)
    db.session.commit()
    return user


def update_profile(user: User, display_name: str, locale: str, visibility: dict,
                   **profile) -> None:
    user.display_name = display_name.strip()
    if is_supported(locale):
        user.locale = locale
    for field, value in _clean_profile(profile).items():
        setattr(user, field, value)
    user.visibility = visibility
    db.session.commit()


def set_locale(user: User, locale: str) -> None:
    if not is_supported(locale):
        raise DomainError(_("This language is not available."))
    user.locale = locale
    db.session.commit()


def export_user_data(user: User) -> dict:
    """Everything the platform holds about the member, as plain JSON."""
    data = {
        "exported_at": utcnow().isoformat(),
        "account": {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.locale,
            "role": user.role,
            "created_at": user.created_at.isoformat(),
            "email_confirmed_at": user.confirmed_at.isoformat() if user.confirmed_at else None,
            "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
            "two_factor_enabled": user.has_two_factor,
        },
        "profile": {field: getattr(user, field) for field in PROFILE_FIELDS},
        "profile_visibility": user.visibility,
        **personal_data.export_all(user),
    }
    json.dumps(data)  # fail here, not in the response, if something is not serialisable
    return data


def delete_account(user: User, password: str) -> None:
    """Erase personal data; the row stays as an anonymous tombstone so records that must
    be kept (ledger entries, audit rows) still point at a stable, nameless id."""
    if not verify_password(user.password_hash, password):
        raise WrongPassword()
    if user.is_admin:
        raise NotAllowed(_("An administrator account cannot be deleted here."))
    personal_data.erase_all(user)  # first: a domain may find its rows by the address
    user.email = f"deleted-{user.id}@invalid"
    user.display_name = "—"
    user.password_hash = None
    for field in PROFILE_FIELDS:
        setattr(user, field, None)
    user.visibility = {}
    user.totp_secret = None
    user.totp_enabled_at = None
    user.recovery_codes.clear()
    user.role = Role.MEMBER
    user.deleted_at = utcnow()
    user.session_token = new_session_token()
    audit.record(user, "account.deleted", user)
    db.session.commit()


def suspend_user(staff: User, user: User, reason: str) -> None:
    """Stop a member from signing in (their sessions end at once); audited."""
    if not staff.acts_as_staff or user.has_staff_role:
        raise NotAllowed(_("This account cannot be suspended here."))
    if user.suspended_at is None:
        user.suspended_at = utcnow()
        user.session_token = new_session_token()
        audit.record(staff, "account.suspended", user, reason=reason)
