"""The fund's public pages: campaigns and their live figures, the pledge form, a member's
pledges with payment instructions, and the public ledger with its exports and the page that
explains how to verify it. Staff pages are in staff_views (same blueprint)."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from diaspora_platform import opendata, pagination, uploads
from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.formatting import format_date, format_money
from diaspora_platform.fund import (
    campaigns,
    money,
    pledges,
    queries,
)
from diaspora_platform.fund.blueprint import bp
from diaspora_platform.fund.forms import CancelForm, PledgeForm
from diaspora_platform.fund.models import Campaign, Disbursement, Pledge, ShowAs
from diaspora_platform.i18n import _, current_language
from diaspora_platform.inputs import int_arg
from diaspora_platform.permissions import confirmed_required
from diaspora_platform.unit_of_work import service_errors

LEDGER_FIELDS = ("id", "created_at", "campaign_id", "kind", "pledge_id", "disbursement_id",
                 "amount_minor", "currency", "balance_minor", "pending_minor", "details",
                 "prev_hash", "hash", "name")


@bp.app_context_processor
def _helpers() -> dict:
    return {"fund_project_url": project_url}


@bp.app_template_global("project_campaigns")
def project_campaigns(project) -> list:
    """For the project's page (projects know nothing of the fund): campaigns for it."""
    return queries.figures(queries.public_campaigns(project.id))


def project_url(campaign: Campaign) -> str | None:
    if campaign.project_id is None:
        return None
    return url_for("projects.detail", project_id=campaign.project_id)


def load_campaign(campaign_id: int) -> Campaign:
    campaign = db.session.get(Campaign, campaign_id)
    staff = current_user.is_authenticated and current_user.acts_as_staff
    if campaign is None or not (campaign.is_public or staff):
        abort(404)
    return campaign


def load_pledge(pledge_id: int) -> Pledge:
    """The pledge, for its pledger (or staff); 404 for anyone else."""
    pledge = db.session.get(Pledge, pledge_id)
    if pledge is None or not (pledge.user_id == current_user.id or current_user.acts_as_staff):
        abort(404)
    return pledge


@bp.route("/")
def index():
    rows = queries.figures(queries.public_campaigns())
    return render_template("fund/index.html", rows=rows, lang=current_language())


@bp.route("/<int:campaign_id>")
def campaign(campaign_id: int):
    item = load_campaign(campaign_id)
    figures = queries.figures([item])[0]
    return render_template("fund/campaign.html", campaign=item, figures=figures,
                           supporters=queries.supporters(item),
                           spent=queries.disbursements(item), lang=current_language())


@bp.route("/<int:campaign_id>/totals.json")
def campaign_totals(campaign_id: int):
    return jsonify(queries.figures([load_campaign(campaign_id)])[0].as_json())


@bp.route("/<int:campaign_id>/pledge", methods=["GET", "POST"])
@action("fund.pledge")
@confirmed_required
def pledge(campaign_id: int):
    item = load_campaign(campaign_id)
    organisations = pledges.pledge_organisations(current_user)
    form = PledgeForm()
    form.currency.choices = [(code, code) for code in item.currency_list]
    form.organisation_id.choices = [(str(org.id), org.name) for org in organisations]
    if not organisations:
        form.show_as.choices = [c for c in form.show_as.choices
                                if c.value != ShowAs.ORGANISATION]
    if request.method == "GET":
        form.currency.data = item.currency
    if form.validate_on_submit():
        with service_errors(form):
            made, created = pledges.make_pledge(current_user, item, form.data_for_service())
            if created:
                flash(_("Thank you! Your pledge is recorded. Please pay it by bank transfer "
                        "with the reference below."), "success")
            else:
                flash(_("This pledge was already recorded; here it is."), "info")
            return redirect(url_for("fund.pledge_detail", pledge_id=made.id))
    return render_template("fund/pledge_form.html", form=form, campaign=item,
                           lang=current_language(), limits=_limits(item.currency_list))


def _limits(codes) -> list[tuple[str, str, str]]:
    from flask import current_app

    low, high = current_app.config["FUND_PLEDGE_MIN"], current_app.config["FUND_PLEDGE_MAX"]
    return [(code, format_money(low[code], code), format_money(high[code], code))
            for code in codes]


@bp.route("/pledges/<int:pledge_id>")
@login_required
def pledge_detail(pledge_id: int):
    item = load_pledge(pledge_id)
    return render_template("fund/pledge.html", pledge=item, form=CancelForm(),
                           bank=campaigns.settings(), lang=current_language())


@bp.route("/pledges/<int:pledge_id>/cancel", methods=["POST"])
@action("fund.pledge_cancel")
@login_required
def pledge_cancel(pledge_id: int):
    item = load_pledge(pledge_id)
    if item.user_id != current_user.id:
        abort(404)  # staff cancel on their own page, with a reason
    form = CancelForm()
    if form.validate_on_submit():
        with service_errors():
            done = pledges.cancel_pledge(current_user, item)
            flash(_("Your pledge is cancelled.") if done else
                  _("This pledge was already cancelled."), "info")
    return redirect(url_for("fund.pledge_detail", pledge_id=item.id))


@bp.route("/mine")
@login_required
def my_pledges():
    return render_template("fund/mine.html", rows=queries.my_pledges(current_user),
                           lang=current_language())


def _ledger_args() -> tuple[int | None, str | None]:
    campaign_id = request.args.get("campaign", type=int_arg)
    currency = (request.args.get("currency") or "").upper() or None
    if currency and currency not in money.currencies():
        currency = None
    return campaign_id, currency


@bp.route("/ledger")
def ledger():
    campaign_id, currency = _ledger_args()
    campaigns = queries.public_campaigns()  # first: the entries find theirs in the session
    page = queries.ledger_page(campaign_id, currency, **pagination.cursor_args())
    lang = current_language()
    return render_template("fund/ledger.html", page=page, lines=_ledger_lines(page.items, lang),
                           campaign_id=campaign_id, currency=currency, campaigns=campaigns,
                           currencies=money.currencies(), lang=lang)


class _LedgerLine:
    """An entry as the ledger page writes it, formatted once for both of its layouts (the
    cards on narrow screens, the table on wider ones)."""

    __slots__ = ("id", "kind", "kind_title", "campaign_id", "campaign_title", "campaign_url",
                 "date", "who", "amount", "balance", "pending", "hash")


def _ledger_lines(entries, lang: str) -> list[_LedgerLine]:
    campaigns: dict[int, tuple[str, str]] = {}  # a page names a few campaigns many times
    lines = []
    for entry in entries:
        line = _LedgerLine()
        if entry.campaign_id not in campaigns:
            campaigns[entry.campaign_id] = (
                entry.campaign.title_in(lang),
                url_for("fund.campaign", campaign_id=entry.campaign_id))
        line.campaign_title, line.campaign_url = campaigns[entry.campaign_id]
        line.id, line.kind, line.campaign_id, line.hash = (
            entry.id, entry.kind, entry.campaign_id, entry.hash)
        line.kind_title = entry.kind_title
        line.date = format_date(entry.created_at, "short", lang=lang)
        if entry.disbursement:
            line.who = entry.disbursement.recipient
        elif entry.kind == "match_credited":
            line.who = entry.details_dict.get("sponsor", "")
        elif entry.pledge:
            line.who = entry.pledge.public_name or _("anonymous")
        else:
            line.who = ""
        line.amount, line.balance, line.pending = (
            format_money(value, entry.currency, minor=True, lang=lang)
            for value in (entry.amount_minor, entry.balance_minor, entry.pending_minor))
        lines.append(line)
    return lines


@bp.route("/ledger.csv")
def ledger_csv():
    args = _ledger_args()
    return opendata.csv_response(queries.ledger_rows(*args), LEDGER_FIELDS, "fund-ledger.csv",
                                 version=queries.ledger_version(*args))


@bp.route("/ledger.json")
def ledger_json():
    args = _ledger_args()
    return opendata.json_response("entries", queries.ledger_rows(*args),
                                  version=queries.ledger_version(*args))


@bp.route("/ledger/verify")
def ledger_verify():
    return render_template("fund/verify.html")


@bp.route("/disbursements/<int:disbursement_id>/evidence")
def evidence(disbursement_id: int):
    item = db.session.get(Disbursement, disbursement_id)
    if item is None or not item.evidence_file or not item.campaign.is_public:
        abort(404)
    # PDFs are downloaded, not opened inside the site's origin.
    pdf = item.evidence_media_type == "application/pdf"
    return uploads.send("fund", item.evidence_file, item.evidence_media_type, public=not pdf,
                        download_name=f"evidence-{item.id}.pdf" if pdf else None)

