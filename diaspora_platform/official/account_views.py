"""Council staff grant and revoke the accounts of an official body's staff."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import _, current_language
from diaspora_platform.official.accounts import (
    acting_office_id,
    acts_for,
    grant_office_account,
    office_accounts,
    revoke_office_account,
)
from diaspora_platform.official.forms import AccountForm
from diaspora_platform.official.models import OfficeAccount, OfficialBody
from diaspora_platform.official.views import bp
from diaspora_platform.permissions import staff_required, visible_or_404
from diaspora_platform.unit_of_work import service_errors


@bp.route("/official/<int:office_id>/accounts", methods=["GET", "POST"])
@action("official.accounts")
@staff_required
def accounts(office_id: int):
    office = visible_or_404(OfficialBody, office_id)
    form = AccountForm()
    if form.validate_on_submit():
        with service_errors(form, "email"):
            grant_office_account(current_user, office, form.email.data)
            flash(_("Granted: the member now works for this office. They act for it only "
                    "after signing in with two-factor authentication."), "success")
            return redirect(url_for("official.accounts", office_id=office.id))
    return render_template("official/accounts.html", office=office, form=form,
                           rows=office_accounts(office), confirm_form=ConfirmForm(),
                           lang=current_language())


@bp.route("/official/accounts/<int:account_id>/revoke", methods=["POST"])
@action("official.revoke_account")
@staff_required
def revoke_account(account_id: int):
    account = db.session.get(OfficeAccount, account_id)
    if account is None:
        abort(404)
    office_id = account.office_id
    if ConfirmForm().validate_on_submit():
        revoke_office_account(current_user, account)
        flash(_("Revoked: the member no longer acts for this office."), "success")
    return redirect(url_for("official.accounts", office_id=office_id))


@bp.app_template_global("keeps_office")
def keeps_office(office: OfficialBody) -> bool:
    """Whether the reader may edit this office (Council staff or its own account)."""
    return bool(current_user.is_authenticated
                and (current_user.acts_as_staff or acts_for(current_user, office)))


@bp.app_template_global("acts_for_an_office")
def acts_for_an_office() -> bool:
    """Whether the reader acts for an official body now (for the header's links)."""
    return acting_office_id(current_user) is not None
