"""Site-role management by administrators; every change is audited."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform import audit, pagination, table_cache
from diaspora_platform.accounts.models import User, new_session_token
from diaspora_platform.accounts.services import find_user_by_email, normalise_email
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.security import hash_password, password_problem

PAGE_SIZE = 25


def _set_role(admin: User, user: User, role: Role, action: str) -> None:
    if not admin.is_admin:
        raise NotAllowed(_("Only administrators can change roles."))
    if user.is_admin or not user.is_active:
        raise NotAllowed(_("This account's role cannot be changed here."))
    if user.role == role:
        raise Conflict(_("Nothing to change: %(name)s already has this role.",
                         name=user.display_name))
    previous = user.role
    user.role = role
    # A new role starts a new session (staff must sign in again with two factors).
    user.session_token = new_session_token()
    audit.record(admin, action, user, previous=previous, new=role.value, email=user.email)
    db.session.commit()


def grant_staff(admin: User, user: User) -> None:
    _set_role(admin, user, Role.STAFF, "role.staff_granted")


def revoke_staff(admin: User, user: User) -> None:
    _set_role(admin, user, Role.MEMBER, "role.staff_revoked")


def create_admin(email: str, password: str, display_name: str) -> User:
    """Create a confirmed administrator (from the command line)."""
    email = normalise_email(email)
    if find_user_by_email(email):
        raise Conflict(_("An account with this email already exists."))
    problem = password_problem(password, [email, display_name])
    if problem:
        raise DomainError(problem)
    user = User(email=email, password_hash=hash_password(password), display_name=display_name,
                role=Role.ADMIN, confirmed_at=utcnow(), locale="tg")
    db.session.add(user)
    db.session.flush()
    audit.record(None, "role.admin_created", user, email=email)
    db.session.commit()
    return user


def list_users(query: str = "", role: str = "", *, after: str | None = None,
               before: str | None = None) -> tuple[pagination.Page, int]:
    """One page of accounts matching the search, oldest first, and how many match."""
    stmt = sa.select(User).where(User.deleted_at.is_(None))
    if query:
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(sa.or_(sa.func.lower(User.email).like(like),
                                 sa.func.lower(User.display_name).like(like)))
    if role in Role.__members__.values():
        stmt = stmt.where(User.role == role)
    total = table_cache.count(stmt.with_only_columns(User.id))
    return pagination.paginate(stmt, pagination.key(User.id), pagination.getters("id"),
                               after=after, before=before, per_page=PAGE_SIZE), total


def set_public_name(staff: User, named: bool) -> None:
    """Whether the public record of decisions names this staff member (from now on)."""
    if not staff.acts_as_staff:
        raise NotAllowed(_("Only Council staff appear on the record of decisions."))
    if staff.named_in_public_log == named:
        return
    staff.named_in_public_log = named
    audit.record(staff, "staff.public_name", staff, named=named)
    db.session.commit()
