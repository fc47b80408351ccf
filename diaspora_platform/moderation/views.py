"""Moderation pages: the staff queue and reports, member reports, the public log."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform import pagination
from diaspora_platform.authz import action
from diaspora_platform.database import ModerationStatus
from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, ngettext, valid_country
from diaspora_platform.inputs import parse_int
from diaspora_platform.moderation import queue, registry, services, waits
from diaspora_platform.moderation.forms import BulkForm, DecisionForm, ReportForm, UpholdForm
from diaspora_platform.moderation.vocabulary import REASON_TITLES, Decision, Reason
from diaspora_platform.permissions import staff_required
from diaspora_platform.unit_of_work import service_errors

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


def _load(type_key: str, item_id: int):
    try:
        ct = registry.get(type_key)
    except DomainError:
        abort(404)
    return ct, (db.session.get(ct.model, item_id) or abort(404))


def _back():
    return redirect(request.form.get("back") if (request.form.get("back") or "").startswith(
        "/moderation") else url_for("moderation.queue_page"))


@bp.route("/")
@staff_required
def queue_page():
    type_key = request.args.get("type") or None
    if type_key and type_key not in {ct.key for ct in registry.all_types()}:
        type_key = None
    country = (request.args.get("country") or "").upper()
    country = country if valid_country(country) else None
    page, total = queue.pending(type_key, country, **pagination.cursor_args())
    return render_template(
        "moderation/queue.html", items=page.items, total=total, page=page,
        type_key=type_key, country=country,
        types=registry.all_types(), waiting=queue.waiting_figures(), form=DecisionForm(),
        bulk=BulkForm(), reported_count=len(queue.reported()),
    )


@bp.route("/<type_key>/<int:item_id>/decide", methods=["POST"])
@action("moderation.decide")
@staff_required
def decide(type_key: str, item_id: int):
    _ct, item = _load(type_key, item_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("Choose a decision."), "warning")
        return _back()
    with service_errors(category="warning"):
        services.decide(current_user, item, form.decision.data, form.reason.data or None,
                        form.note.data)
        flash(_("Decision recorded: %(decision)s.", decision=Decision(form.decision.data).title),
              "success")
    return _back()


@bp.route("/bulk", methods=["POST"])
@action("moderation.bulk")
@staff_required
def bulk():
    form = BulkForm()
    keys = request.form.getlist("items")
    if not form.validate_on_submit() or not keys:
        flash(_("Select at least one item and a decision."), "warning")
        return _back()
    items = []
    for key in keys[:100]:
        type_key, _sep, raw_id = key.partition(":")
        item_id = parse_int(raw_id)
        if item_id is not None and type_key in {ct.key for ct in registry.all_types()}:
            item = db.session.get(registry.get(type_key).model, item_id)
            if item is not None:
                items.append(item)
    done, skipped = services.decide_many(current_user, items, form.decision.data,
                                         form.reason.data or None, form.note.data)
    flash(ngettext("%(done)d decided, %(skipped)d skipped (already decided, being reviewed by "
                   "someone else, or a reason was missing).",
                   "%(done)d decided, %(skipped)d skipped (already decided, being reviewed by "
                   "someone else, or a reason was missing).",
                   done, done=done, skipped=skipped),
          "success" if done else "warning")
    return _back()


@bp.route("/<type_key>/<int:item_id>/claim", methods=["POST"])
@action("moderation.claim")
@staff_required
def claim(type_key: str, item_id: int):
    _ct, item = _load(type_key, item_id)
    with service_errors(category="warning"):  # CSRFProtect has checked the token of this POST
        services.claim(current_user, item)
        flash(_("This item is yours to review for the next 30 minutes."), "info")
    return _back()


@bp.route("/reports")
@staff_required
def reports():
    return render_template("moderation/reports.html", rows=queue.reported(),
                           form=UpholdForm(), dismiss=DecisionForm())


@bp.route("/<type_key>/<int:item_id>/reports/dismiss", methods=["POST"])
@action("moderation.dismiss_reports")
@staff_required
def dismiss_reports(type_key: str, item_id: int):
    _ct, item = _load(type_key, item_id)
    with service_errors(category="warning"):
        services.dismiss_reports(current_user, item)
        flash(_("Reports dismissed; the item is public."), "success")
    return redirect(url_for("moderation.reports"))


@bp.route("/<type_key>/<int:item_id>/reports/uphold", methods=["POST"])
@action("moderation.uphold_reports")
@staff_required
def uphold_reports(type_key: str, item_id: int):
    _ct, item = _load(type_key, item_id)
    form = UpholdForm()
    if not form.validate_on_submit():
        flash(_("Choose a reason."), "warning")
        return redirect(url_for("moderation.reports"))
    with service_errors(category="warning"):
        services.uphold_reports(current_user, item, form.reason.data, form.note.data,
                                suspend_author=form.suspend.data)
        flash(_("The item stays hidden."), "success")
    return redirect(url_for("moderation.reports"))


@bp.route("/<type_key>/<int:item_id>/report", methods=["GET", "POST"])
@action("moderation.report")
@login_required
def report(type_key: str, item_id: int):
    ct, item = _load(type_key, item_id)
    # Only what the visitor may see: the form shows the item's title.
    if item.status != ModerationStatus.APPROVED or not ct.can_view(item, current_user):
        abort(404)
    if not current_user.is_confirmed:  # throwaway accounts do not report
        return render_template("moderation/report.html", form=None, ct=ct, item=item)
    form = ReportForm()
    if form.validate_on_submit():
        with service_errors(category="info"):
            services.report(current_user, item, form.reason.data, form.text.data,
                            address=request.remote_addr)
            flash(_("Thank you. Council staff will review your report."), "success")
            return redirect(ct.url(item) if item.status == ModerationStatus.APPROVED
                            else url_for("main.home"))
        return redirect(ct.url(item))
    return render_template("moderation/report.html", form=form, ct=ct, item=item)


@bp.route("/log")
def public_log():
    titles = {ct.key: ct.title for ct in registry.all_types()}
    return render_template("moderation/log.html",
                           pagination=queue.public_log(**pagination.cursor_args()), titles=titles,
                           reasons={r.value: REASON_TITLES[r] for r in Reason},
                           waits=waits.monthly())
