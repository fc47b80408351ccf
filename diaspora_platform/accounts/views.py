"""Sign-up, sign-in (with the second factor), sign-out, confirmation and password reset."""

from __future__ import annotations

import hmac

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale
from flask_login import current_user, login_required, login_user, logout_user

from diaspora_platform.accounts import services, twofactor
from diaspora_platform.accounts.blueprint import bp
from diaspora_platform.accounts.forms import (
    EmailOnlyForm,
    LoginForm,
    NewPasswordForm,
    RegisterForm,
    SecondFactorForm,
)
from diaspora_platform.accounts.models import AnonymousUser, User
from diaspora_platform.authz import action
from diaspora_platform.errors import DomainError, InvalidToken
from diaspora_platform.extensions import db, limiter, login_manager
from diaspora_platform.i18n import _, current_language
from diaspora_platform.inputs import parse_int
from diaspora_platform.language_urls import in_language
from diaspora_platform.permissions import mark_second_factor_verified, mark_seen
from diaspora_platform.security import safe_next
from diaspora_platform.unit_of_work import service_errors

PENDING_KEY = "pending_2fa"


login_manager.anonymous_user = AnonymousUser


@login_manager.user_loader
def load_user(login_id: str):
    user_id, _sep, token = (login_id or "").partition(":")
    if parse_int(user_id) is None or not token:
        return None
    user = _user_row(parse_int(user_id))
    if user is None or not user.is_active:
        return None
    return user if hmac.compare_digest(user.session_token, token) else None


def _user_row(user_id: int) -> User | None:
    """The account of a signed-in request, its columns kept until the users table changes
    (a new session token, a suspension, any edit moves its stamp): every page of a member
    needs it, and re-attaching kept columns costs no query."""
    import copy

    from sqlalchemy.orm import make_transient_to_detached

    from diaspora_platform import table_cache

    def columns():
        user = db.session.get(User, user_id)
        return None if user is None else {c.key: getattr(user, c.key)
                                          for c in User.__mapper__.column_attrs}

    kept = table_cache.remember(None, columns, key=("signed_in_user", user_id),
                                tables=(User.__tablename__,))
    if kept is None:
        return None
    present = db.session.identity_map.get(db.session.identity_key(User, user_id))
    if present is not None:
        return present
    user = User(**{name: copy.deepcopy(value) if isinstance(value, dict | list) else value
                   for name, value in kept.items()})  # the kept values stay as read
    make_transient_to_detached(user)
    db.session.add(user)
    return user


def _limit(name: str):
    return limiter.limit(lambda: current_app.config[name], methods=["POST"])


def _next_url() -> str:
    return safe_next(request.args.get("next"), url_for("main.home"))


def _finish_login(user: User, remember: bool, two_factor: bool):
    services.complete_login(user)
    session.pop(PENDING_KEY, None)
    login_user(user, remember=remember and not user.has_staff_role)
    mark_seen()
    if two_factor:
        mark_second_factor_verified()
    # The page was in the visitor's language; from now on it is the member's saved one.
    with force_locale(user.locale or current_language()):
        flash(_("Welcome, %(name)s.", name=user.display_name), "success")
        if not user.is_confirmed:
            flash(_("Please confirm your email address: we sent you a link."), "info")
    # ... and so is the page they go on to.
    return redirect(in_language(_next_url(), user.locale) if user.locale else _next_url())


@bp.route("/account/register", methods=["GET", "POST"])
@action("accounts.register")
@_limit("REGISTER_RATE_LIMIT")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    form.fill_choices()
    if request.method == "GET":
        form.locale.data = current_language()
    if form.validate_on_submit():
        with service_errors(form, "password"):
            services.register_user(
                form.email.data, form.password.data, form.display_name.data, form.locale.data,
                country=form.country.data, city=form.city.data,
                diaspora_status=form.diaspora_status.data,
                region_of_origin=form.region_of_origin.data,
            )
            # The same answer whether the address was free or taken (its owner got a mail).
            flash(_("Check your mail: we sent a message to %(email)s. Open its link to "
                    "confirm your address, then sign in.",
                    email=services.normalise_email(form.email.data)), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/register.html", form=form)


@bp.route("/account/confirm/<token>")
def confirm(token: str):
    try:
        services.confirm_email(token)
    except InvalidToken as exc:
        flash(exc.message, "danger")
        return redirect(url_for("accounts.settings" if current_user.is_authenticated
                                else "accounts.login"))
    flash(_("Thank you: your email address is confirmed."), "success")
    return redirect(url_for("accounts.settings" if current_user.is_authenticated
                            else "accounts.login"))


@bp.route("/account/confirm/resend", methods=["POST"])
@action("accounts.resend_confirmation")
@login_required
@_limit("RESET_RATE_LIMIT")
def resend_confirmation():
    if current_user.is_confirmed:
        flash(_("Your email address is already confirmed."), "info")
    else:
        services.send_confirmation(current_user)
        flash(_("We sent a new confirmation link to %(email)s.", email=current_user.email),
              "success")
    return redirect(url_for("accounts.settings"))


@bp.route("/account/login", methods=["GET", "POST"])
@action("accounts.login")
@_limit("LOGIN_RATE_LIMIT")
def login():
    if current_user.is_authenticated:
        return redirect(_next_url())
    form = LoginForm()
    if form.validate_on_submit():
        with service_errors(form, "password"):
            user = services.authenticate(form.email.data, form.password.data)
            if user.has_two_factor:
                session[PENDING_KEY] = {"uid": user.id, "token": user.session_token,
                                        "remember": bool(form.remember.data)}
                return redirect(url_for("accounts.login_second_factor",
                                        next=request.args.get("next")))
            return _finish_login(user, bool(form.remember.data), two_factor=False)
    return render_template("accounts/login.html", form=form)


@bp.route("/account/login/code", methods=["GET", "POST"])
@action("accounts.login_second_factor")
@_limit("LOGIN_RATE_LIMIT")
def login_second_factor():
    pending = session.get(PENDING_KEY) or {}
    user = db.session.get(User, pending.get("uid", 0))
    if user is None or not user.is_active or user.session_token != pending.get("token"):
        session.pop(PENDING_KEY, None)
        flash(_("Please sign in again."), "info")
        return redirect(url_for("accounts.login"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        if user.is_locked():
            form.code.errors.append(_("Too many failed attempts. Try again in a few minutes."))
        elif twofactor.verify_second_factor(user, form.code.data):
            return _finish_login(user, pending.get("remember", False), two_factor=True)
        else:
            services.record_failed_login(user)
            form.code.errors.append(_("That code is not correct."))
    return render_template("accounts/login_code.html", form=form)


@bp.route("/account/logout", methods=["POST"])
@action("accounts.logout")
@login_required
def logout():
    services.end_sessions(current_user)
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.home"))


@bp.route("/account/reset", methods=["GET", "POST"])
@action("accounts.request_reset")
@_limit("RESET_RATE_LIMIT")
def request_reset():
    form = EmailOnlyForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        flash(_("If an account uses %(email)s, we sent it a link to choose a new password.",
                email=form.email.data), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/account/reset/<token>", methods=["GET", "POST"])
@action("accounts.reset_password")
@_limit("RESET_RATE_LIMIT")
def reset_password(token: str):
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except InvalidToken as exc:
            flash(exc.message, "danger")
            return redirect(url_for("accounts.request_reset"))
        except DomainError as exc:
            form.password.errors.append(exc.message)
        else:
            logout_user()
            flash(_("Your password is changed. Please sign in with it."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)

