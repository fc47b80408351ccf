"""Who may do what: site roles, decorators for views, and staff session rules.

Site roles are member < staff (Coordination Council) < admin. Staff pages also need
two-factor authentication enrolled and verified in this session, and staff sessions end
after STAFF_IDLE_TIMEOUT without a request. Organisation roles join this module's
vocabulary when organisations arrive.
"""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, logout_user

from diaspora_platform.database import utcnow
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.i18n import _, _l
from diaspora_platform.language_urls import current_path

SECOND_FACTOR_KEY = "tfa"
SEEN_KEY = "seen"
# Sent by every script that polls in the background: such a request is not the person at
# work, so it never extends an idle session (a page left open would otherwise keep it alive).
BACKGROUND_HEADER = "X-Background-Request"


def mark_second_factor_verified() -> None:
    session[SECOND_FACTOR_KEY] = True


def mark_seen() -> None:
    session[SEEN_KEY] = int(utcnow().timestamp())


def second_factor_verified() -> bool:
    return bool(session.get(SECOND_FACTOR_KEY))


def _to_login():
    return redirect(url_for("accounts.login", next=current_path()))


def confirmed_required(view):
    """Signed in with a confirmed email address."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return _to_login()
        if not current_user.is_confirmed:
            flash(_("Please confirm your email address first."), "warning")
            return redirect(url_for("accounts.settings"))
        return view(*args, **kwargs)

    return wrapper


def _staff_gate(check):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return _to_login()
            if not check(current_user):
                abort(403)
            if not current_user.has_two_factor:
                flash(_("Staff pages need two-factor authentication. Please set it up."),
                      "warning")
                return redirect(url_for("accounts.two_factor"))
            if not second_factor_verified():
                logout_user()
                flash(_("Please sign in again with your authentication code."), "warning")
                return _to_login()
            return view(*args, **kwargs)

        return wrapper

    return decorator


# For other accounts that need the same second factor (an official body's staff).
second_factor_gate = _staff_gate
staff_required = _staff_gate(lambda user: user.has_staff_role)
admin_required = _staff_gate(lambda user: user.is_admin)


def idle_timeout_for(applies):
    """A before-request hook ending, after the idle limit, the sessions of the accounts
    `applies(user)` selects (staff; an official body's staff); remember-me never
    restores one."""

    def hook():
        if not current_user.is_authenticated or not applies(current_user):
            return None
        return _end_if_idle()

    return hook


def _end_if_idle():
    now = int(utcnow().timestamp())
    last = session.get(SEEN_KEY)
    limit = current_app.config["STAFF_IDLE_TIMEOUT"].total_seconds()
    if last is None or now - last > limit:  # None: restored from a cookie, not a login
        logout_user()
        session.clear()
        flash(_("Your staff session ended after 30 minutes without activity. Please sign "
                "in again."), "info")
        return _to_login()
    if request.headers.get(BACKGROUND_HEADER) != "1":
        session[SEEN_KEY] = now
    return None


enforce_staff_idle_timeout = idle_timeout_for(lambda user: user.has_staff_role)


def register_session_rules(app: Flask) -> None:
    app.before_request(enforce_staff_idle_timeout)


class OrgRole(TitledEnum):
    OWNER = "owner"
    ADMIN = "admin"
    EDITOR = "editor"
    MEMBER = "member"



ORG_ROLE_TITLES = titles(OrgRole, {
    OrgRole.OWNER: _l("Owner"),
    OrgRole.ADMIN: _l("Administrator"),
    OrgRole.EDITOR: _l("Editor"),
    OrgRole.MEMBER: _l("Member"),
})

# The one table of what each organisation role may do. Later content types (places,
# events, projects) use "publish"; nothing else decides organisation permissions.
ORG_PERMISSIONS: dict[str, frozenset[str]] = {
    OrgRole.OWNER: frozenset({"edit", "publish", "manage_members", "transfer_ownership"}),
    OrgRole.ADMIN: frozenset({"edit", "publish", "manage_members"}),
    OrgRole.EDITOR: frozenset({"edit", "publish"}),
    OrgRole.MEMBER: frozenset({"view_members"}),
}
# Every active role may see the member list.
for _role in OrgRole:
    ORG_PERMISSIONS[_role] = ORG_PERMISSIONS[_role] | {"view_members"}


def org_role_allows(role: str | None, permission: str) -> bool:
    return role is not None and permission in ORG_PERMISSIONS.get(role, frozenset())


def visible_or_404(model, object_id: int):
    """The object if the signed-in user may see it (its `can_view`), else 404: a private
    or unpublished object's existence is not revealed by a different answer."""
    from diaspora_platform.extensions import db

    obj = db.session.get(model, object_id)
    if obj is None or not obj.can_view(current_user):
        abort(404)
    return obj


def require(allowed: bool) -> None:
    """403 unless `allowed`: the object is visible to the user but not theirs to change."""
    if not allowed:
        abort(403)
