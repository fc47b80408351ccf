"""Council staff run the fund: campaigns, pledges (confirm, cancel), disbursements, the
bank details, and bank statement reconciliation."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user

from diaspora_platform import pagination
from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.form_pages import form_page
from diaspora_platform.fund import campaigns, money, pledges, queries, reconcile
from diaspora_platform.fund.blueprint import bp
from diaspora_platform.fund.forms import (
    AcceptForm,
    BankDetailsForm,
    CampaignForm,
    CancelForm,
    ConfirmForm,
    DisbursementForm,
    StatementForm,
    TransitionForm,
)
from diaspora_platform.fund.models import (
    NEXT_CAMPAIGN_STATUSES,
    Campaign,
    CampaignStatus,
    Pledge,
    PledgeStatus,
)
from diaspora_platform.i18n import _, current_language
from diaspora_platform.permissions import staff_required
from diaspora_platform.unit_of_work import service_errors


def _campaign(campaign_id: int) -> Campaign:
    return db.get_or_404(Campaign, campaign_id)


@bp.route("/manage/")
@staff_required
def manage():
    return render_template("fund/manage/index.html",
                           rows=queries.figures(queries.all_campaigns()),
                           lang=current_language())


def _projects() -> list[tuple[int, str]]:
    """Approved investment projects a campaign may be linked to."""
    from diaspora_platform.database import ModerationStatus
    from diaspora_platform.projects.models import Project

    return [(row.id, row.title) for row in db.session.execute(
        sa.select(Project.id, Project.title).where(Project.status == ModerationStatus.APPROVED)
        .order_by(Project.title).limit(500))]


def _campaign_form(form: CampaignForm, item: Campaign | None):
    form.fill_choices(money.currencies(), _projects())
    return form_page(form, "fund/manage/campaign_form.html",
                     lambda data: campaigns.save_campaign(current_user, data, item),
                     lambda saved: url_for("fund.manage_campaign", campaign_id=saved.id),
                     _("Campaign saved."), campaign=item)


@bp.route("/manage/new", methods=["GET", "POST"])
@action("fund.campaign_new")
@staff_required
def campaign_new():
    form = CampaignForm()
    if request.method == "GET":
        form.currency.data, form.currencies.data = "TJS", list(money.currencies())
    return _campaign_form(form, None)


@bp.route("/manage/<int:campaign_id>/edit", methods=["GET", "POST"])
@action("fund.campaign_edit")
@staff_required
def campaign_edit(campaign_id: int):
    item = _campaign(campaign_id)
    form = CampaignForm(obj=item)
    if request.method == "GET":
        form.currencies.data = item.currency_list
        form.target.data = str(money.to_major(item.target_minor, item.currency))
        form.project_id.data = str(item.project_id or "")
        if item.match_cap_minor:
            form.match_cap.data = str(money.to_major(item.match_cap_minor, item.currency))
    return _campaign_form(form, item)


@bp.route("/manage/<int:campaign_id>")
@staff_required
def manage_campaign(campaign_id: int):
    item = _campaign(campaign_id)
    status = request.args.get("status") or None
    page = queries.campaign_pledges(item, status, **pagination.cursor_args())
    return render_template("fund/manage/campaign.html", campaign=item,
                           figures=queries.figures([item])[0], page=page, status=status,
                           statuses=PledgeStatus, next_statuses=NEXT_CAMPAIGN_STATUSES[
                               CampaignStatus(item.status)],
                           confirm_form=ConfirmForm(received_on=date.today()),
                           cancel_form=CancelForm(), transition_form=TransitionForm(),
                           lang=current_language())


@bp.route("/manage/<int:campaign_id>/status", methods=["POST"])
@action("fund.campaign_status")
@staff_required
def campaign_status(campaign_id: int):
    item = _campaign(campaign_id)
    form = TransitionForm()
    if form.validate_on_submit():
        with service_errors():
            campaigns.transition_campaign(current_user, item, form.to_status.data,
                                          form.expected.data)
            flash(_("The campaign is now: %(status)s.", status=item.status_title), "success")
    return redirect(url_for("fund.manage_campaign", campaign_id=item.id))


def _pledge(pledge_id: int) -> Pledge:
    item = db.session.get(Pledge, pledge_id)
    if item is None:
        abort(404)
    return item


@bp.route("/manage/pledges/<int:pledge_id>/confirm", methods=["POST"])
@action("fund.pledge_confirm")
@staff_required
def pledge_confirm(pledge_id: int):
    item = _pledge(pledge_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Enter the bank's payment reference and the date received."), "danger")
    else:
        with service_errors():
            pledges.confirm_pledge(current_user, item, form.payment_reference.data,
                                   form.received_on.data)
            flash(_("Pledge %(reference)s confirmed as received.", reference=item.reference),
                  "success")
    return redirect(url_for("fund.manage_campaign", campaign_id=item.campaign_id))


@bp.route("/manage/pledges/<int:pledge_id>/cancel", methods=["POST"])
@action("fund.pledge_staff_cancel")
@staff_required
def pledge_staff_cancel(pledge_id: int):
    item = _pledge(pledge_id)
    form = CancelForm()
    if form.validate_on_submit():
        with service_errors():
            done = pledges.cancel_pledge(current_user, item, form.reason.data, as_staff=True)
            flash(_("Pledge %(reference)s cancelled.", reference=item.reference) if done
                  else _("This pledge was already cancelled."), "info")
    return redirect(url_for("fund.manage_campaign", campaign_id=item.campaign_id))


@bp.route("/manage/<int:campaign_id>/disbursements/new", methods=["GET", "POST"])
@action("fund.disbursement_new")
@staff_required
def disbursement_new(campaign_id: int):
    item = _campaign(campaign_id)
    form = DisbursementForm()
    form.currency.choices = [(code, code) for code in item.currency_list]
    if request.method == "GET":
        form.currency.data, form.paid_on.data = item.currency, date.today()
    if form.validate_on_submit():
        with service_errors(form):
            campaigns.record_disbursement(current_user, item, form.data_for_service(),
                                          form.evidence.data)
            flash(_("The disbursement is recorded in the public ledger."), "success")
            return redirect(url_for("fund.manage_campaign", campaign_id=item.id))
    return render_template("fund/manage/disbursement_form.html", form=form, campaign=item,
                           figures=queries.figures([item])[0])


@bp.route("/manage/settings", methods=["GET", "POST"])
@action("fund.settings")
@staff_required
def settings():
    current = campaigns.settings()
    form = BankDetailsForm(obj=current)
    if form.validate_on_submit():
        with service_errors(form):
            campaigns.save_bank_details(current_user, form.texts())
            flash(_("Bank details saved."), "success")
            return redirect(url_for("fund.settings"))
    return render_template("fund/manage/settings.html", form=form, current=current)


def _proposal_value(line) -> str:
    """What the review page sends back for a proposal (re-checked on acceptance)."""
    reference = (line.bank_ref or line.text)[:120]
    return "|".join([str(line.pledge.id), str(line.amount_minor), line.currency,
                     line.paid_on.isoformat(), reference])


def _parse_proposal(value: str) -> dict | None:
    parts = value.split("|", 4)
    try:
        return {"pledge_id": int(parts[0]), "amount_minor": int(parts[1]),
                "currency": parts[2], "paid_on": date.fromisoformat(parts[3]),
                "payment_reference": parts[4]}
    except (IndexError, ValueError):
        return None


@bp.route("/manage/reconcile", methods=["GET", "POST"])
@action("fund.reconcile_upload")
@staff_required
def reconcile_upload():
    form = StatementForm()
    form.currency.choices = [(code, code) for code in money.currencies()]
    lines = None
    if form.validate_on_submit():
        upload = form.statement.data
        if upload is None or not getattr(upload, "filename", ""):
            form.statement.errors.append(_("Choose the statement file."))
        else:
            limit = request.max_content_length or 0
            with service_errors(form, "statement"):
                lines = reconcile.parse_statement(upload.stream.read(limit or None),
                                                  form.currency.data or "TJS")
    proposals = [line for line in lines or [] if line.reason is None]
    return render_template("fund/manage/reconcile.html", form=form, lines=lines,
                           proposals=proposals, accept_form=AcceptForm(),
                           value=_proposal_value, lang=current_language())


@bp.route("/manage/reconcile/accept", methods=["POST"])
@action("fund.reconcile_accept")
@staff_required
def reconcile_accept():
    form = AcceptForm()
    if form.validate_on_submit():
        chosen = [p for p in map(_parse_proposal, request.form.getlist("accept")) if p]
        outcome = reconcile.accept(current_user, chosen)
        flash(ngettext("%(num)d pledge confirmed as received.",
                       "%(num)d pledges confirmed as received.", outcome.confirmed), "success")
        if outcome.skipped:
            flash(ngettext("%(num)d proposal skipped: the pledge changed meanwhile.",
                           "%(num)d proposals skipped: the pledges changed meanwhile.",
                           outcome.skipped), "warning")
    return redirect(url_for("fund.reconcile_upload"))
