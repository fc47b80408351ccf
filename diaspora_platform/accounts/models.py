"""Users, their profile fields with per-field visibility, and two-factor recovery codes."""

from __future__ import annotations

import json
import secrets
from datetime import datetime

import sqlalchemy as sa
from flask import has_request_context
from flask_login import AnonymousUserMixin, UserMixin, current_user
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.accounts.vocabulary import PROFILE_FIELDS, Role, Visibility
from diaspora_platform.database import TimestampMixin, UTCDateTime, utcnow
from diaspora_platform.extensions import db
from diaspora_platform.permissions import second_factor_verified


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, TimestampMixin, db.Model):
    # The last change to anyone's public name dates the fund ledger's export (its ETag).
    __table_args__ = (sa.Index("ix_users_updated_at", "updated_at"),)
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True, nullable=False)
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    display_name: Mapped[str] = mapped_column(sa.String(80), nullable=False)
    locale: Mapped[str] = mapped_column(sa.String(5), nullable=False, default="tg")
    country: Mapped[str | None] = mapped_column(sa.String(2), index=True)
    city: Mapped[str | None] = mapped_column(sa.String(80))
    diaspora_status: Mapped[str | None] = mapped_column(sa.String(32))
    region_of_origin: Mapped[str | None] = mapped_column(sa.String(16))
    visibility_json: Mapped[str] = mapped_column(sa.Text, nullable=False, default="{}")
    role: Mapped[str] = mapped_column(sa.String(16), nullable=False, default=Role.MEMBER)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    session_token: Mapped[str] = mapped_column(
        sa.String(64), nullable=False, default=new_session_token
    )
    failed_logins: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Staff who chose to be named on the public record of decisions (see decisions.py);
    # otherwise it says "Council staff".
    named_in_public_log: Mapped[bool] = mapped_column(sa.Boolean, nullable=False,
                                                      default=False, server_default=sa.false())

    recovery_codes: Mapped[list[RecoveryCode]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"

    # Flask-Login: the login id carries the session token, so rotating it ends every session.
    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.deleted_at is None and self.suspended_at is None

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def has_staff_role(self) -> bool:
        """Holds the staff role: for listings and enrolment prompts, never for permission."""
        return self.role in (Role.STAFF, Role.ADMIN)

    @property
    def acts_as_staff(self) -> bool:
        """Staff powers: the staff role AND the second factor passed in this session."""
        return self.has_staff_role and self.second_factor_now

    @property
    def second_factor_now(self) -> bool:
        """This member passed the second factor in this session (what every account with
        powers over others' data needs: Council staff, an official body's staff)."""
        if not has_request_context():
            return True  # the command line: the operator is trusted with the shell already
        # The session belongs to the signed-in member; another user never "acts" in it.
        return (self.has_two_factor and second_factor_verified()
                and getattr(current_user, "id", None) == self.id)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def role_title(self) -> str:
        return Role(self.role).title

    @property
    def visibility(self) -> dict[str, str]:
        stored = json.loads(self.visibility_json or "{}")
        return {field: stored.get(field, Visibility.PRIVATE) for field in PROFILE_FIELDS}

    @visibility.setter
    def visibility(self, value: dict[str, str]) -> None:
        clean = {f: Visibility(value.get(f, Visibility.PRIVATE)).value for f in PROFILE_FIELDS}
        self.visibility_json = json.dumps(clean, sort_keys=True)

    def can_see_field(self, field: str, viewer) -> bool:
        """Whether `viewer` (a user or anonymous) may see this member's profile field."""
        if viewer is not None and getattr(viewer, "id", None) == self.id:
            return True
        level = self.visibility.get(field, Visibility.PRIVATE)
        if level == Visibility.PUBLIC:
            return True
        return level == Visibility.MEMBERS and bool(getattr(viewer, "is_authenticated", False))

    def public_value(self, field: str) -> str | None:
        """The field's value where everyone may read it, else None: the one way profile
        fields reach public content (search documents, entries, figures, exports)."""
        return getattr(self, field) if self.can_see_field(field, None) else None

    def visible_fields(self, viewer) -> dict[str, str]:
        return {
            field: getattr(self, field)
            for field in PROFILE_FIELDS
            if getattr(self, field) and self.can_see_field(field, viewer)
        }

    def is_locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())


class AnonymousUser(AnonymousUserMixin):
    """A visitor: answers the role questions a member answers, always with no."""

    has_staff_role = acts_as_staff = is_admin = is_confirmed = False


class RecoveryCode(db.Model):
    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False
    )
    code_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="recovery_codes")


