"""A member's own account: profile and visibility, password, email, two-factor, data export,
deletion; and the public profile page others see."""

from __future__ import annotations

import json

from flask import Response, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, logout_user

from diaspora_platform.accounts import services, twofactor
from diaspora_platform.accounts.blueprint import bp
from diaspora_platform.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    PasswordConfirmForm,
    SettingsForm,
    TotpForm,
)
from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import PROFILE_FIELD_TITLES
from diaspora_platform.authz import action
from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.permissions import mark_second_factor_verified
from diaspora_platform.unit_of_work import service_errors

RECOVERY_KEY = "recovery_codes_once"


@bp.route("/account/", methods=["GET", "POST"])
@action("accounts.settings")
@login_required
def settings():
    form = SettingsForm(obj=current_user)
    form.fill_choices()
    if request.method == "GET":
        for field, level in current_user.visibility.items():
            form[f"vis_{field}"].data = level
    if form.validate_on_submit():
        services.update_profile(
            current_user, form.display_name.data, form.locale.data, form.visibility(),
            country=form.country.data, city=form.city.data,
            diaspora_status=form.diaspora_status.data,
            region_of_origin=form.region_of_origin.data,
        )
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@action("accounts.change_password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        with service_errors(form, lambda exc: "current" if _is_current(exc) else "password"):
            services.change_password(current_user, form.current.data, form.password.data)
            logout_user()
            session.clear()
            flash(_("Your password is changed and every other session has ended. Please sign "
                    "in with the new password."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/password.html", form=form)


def _is_current(exc: DomainError) -> bool:
    return isinstance(exc, services.WrongPassword)


@bp.route("/account/email", methods=["GET", "POST"])
@action("accounts.change_email")
@login_required
def change_email():
    form = ChangeEmailForm()
    if form.validate_on_submit():
        with service_errors(form, lambda exc: "current" if _is_current(exc) else "email"):
            services.request_email_change(current_user, form.current.data, form.email.data)
            flash(_("We sent a confirmation link to %(email)s. Your address changes when you "
                    "open it.", email=form.email.data), "info")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/email.html", form=form)


@bp.route("/account/email/<token>")
def confirm_email_change(token: str):
    with service_errors():
        services.confirm_email_change(token)
        flash(_("Your email address is changed."), "success")
    return redirect(url_for("accounts.settings" if current_user.is_authenticated
                            else "accounts.login"))


@bp.route("/account/two-factor", methods=["GET", "POST"])
@action("accounts.two_factor")
@login_required
def two_factor():
    user = current_user
    form, password_form = TotpForm(), PasswordConfirmForm()
    codes = session.pop(RECOVERY_KEY, None)
    if not user.has_two_factor and not user.totp_secret:
        twofactor.start_enrolment(user)
    if request.method == "POST" and not user.has_two_factor and form.validate_on_submit():
        with service_errors(form, "code"):
            session[RECOVERY_KEY] = twofactor.confirm_enrolment(user, form.code.data)
            mark_second_factor_verified()
            flash(_("Two-factor authentication is on. Keep your recovery codes safe."),
                  "success")
            return redirect(url_for("accounts.two_factor"))
    qr = None if user.has_two_factor else twofactor.qr_svg(user)
    return render_template(
        "accounts/two_factor.html", form=form, password_form=password_form, qr=qr,
        secret=user.totp_secret, codes=codes,
        remaining=twofactor.remaining_recovery_codes(user),
    )


@bp.route("/account/two-factor/recovery-codes", methods=["POST"])
@action("accounts.regenerate_recovery_codes")
@login_required
def regenerate_recovery_codes():
    form = PasswordConfirmForm()
    if form.validate_on_submit() and current_user.has_two_factor:
        with service_errors():
            session[RECOVERY_KEY] = twofactor.regenerate_recovery_codes(
                current_user, form.current.data)
            flash(_("New recovery codes are ready; the old ones no longer work."), "success")
    return redirect(url_for("accounts.two_factor"))


@bp.route("/account/two-factor/disable", methods=["POST"])
@action("accounts.disable_two_factor")
@login_required
def disable_two_factor():
    form = PasswordConfirmForm()
    if form.validate_on_submit():
        with service_errors():
            twofactor.disable(current_user, form.current.data)
            flash(_("Two-factor authentication is off."), "info")
    return redirect(url_for("accounts.two_factor"))


@bp.route("/account/export.json")
@login_required
def export_data():
    body = json.dumps(services.export_user_data(current_user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": "attachment; filename=my-diaspora-data.json",
        "Cache-Control": "no-store",
    })


@bp.route("/account/delete", methods=["GET", "POST"])
@action("accounts.delete_account")
@login_required
def delete_account():
    form = PasswordConfirmForm()
    if form.validate_on_submit():
        with service_errors(form, "current"):
            services.delete_account(current_user, form.current.data)
            logout_user()
            session.clear()
            flash(_("Your account is deleted. Thank you for having been part of the "
                    "platform."), "info")
            return redirect(url_for("main.home"))
    return render_template("accounts/delete.html", form=form)


@bp.route("/members/<int:user_id>")
def profile(user_id: int):
    user = db.session.get(User, user_id)
    if user is None or not user.is_active:
        abort(404)
    fields = user.visible_fields(current_user)
    return render_template("accounts/profile.html", member=user, fields=fields,
                           titles=PROFILE_FIELD_TITLES)
