"""The public record of staff decisions (/decisions/): what the Council approved, did not
approve, hid or restored and why, roles granted, fund campaigns opened and disbursements,
with each row's fingerprint; and the whole chain as JSON for anyone to verify."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for

from diaspora_platform import decisions, opendata, pagination
from diaspora_platform.accounts.models import AnonymousUser
from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.moderation import registry
from diaspora_platform.moderation.vocabulary import DECISION_TITLES, REASON_TITLES

bp = Blueprint("decisions", __name__, url_prefix="/decisions")

ACTION_TITLES = {
    **{f"moderation.{d.value}": title for d, title in DECISION_TITLES.items()},
    "role.staff_granted": _l("Council staff role granted"),
    "role.staff_revoked": _l("Council staff role withdrawn"),
    "role.admin_created": _l("Administrator account created"),
    "fund.campaign_status": _l("Fund campaign opened"),
    "fund.disbursement_recorded": _l("Disbursement from the Fund"),
}
OBJECT_TITLES = {"campaign": _l("Fund campaign"), "disbursement": _l("Disbursement")}


def object_title(row: decisions.PublicDecision) -> str:
    if row.object_type in OBJECT_TITLES:
        return str(OBJECT_TITLES[row.object_type])
    try:
        return str(registry.get(row.object_type).title)
    except DomainError:
        return ""


def object_link(row: decisions.PublicDecision) -> str | None:
    """Where anyone can see the object today, if they can."""
    if not row.object_id.isdigit():
        return None
    if row.object_type == "campaign":
        return url_for("fund.campaign", campaign_id=int(row.object_id))
    if row.object_type == "disbursement":
        return url_for("fund.ledger")
    try:
        content_type = registry.get(row.object_type)
    except DomainError:
        return None
    item = db.session.get(content_type.model, int(row.object_id))
    if item is None or not content_type.can_view(item, AnonymousUser()):
        return None
    return content_type.url(item)


@bp.route("/")
def index():
    action = request.args.get("action")
    action = action if action in ACTION_TITLES else None
    page = decisions.page(action=action, **pagination.cursor_args())
    return render_template("admin/decisions.html", page=page, action=action,
                           actions=ACTION_TITLES, reasons=REASON_TITLES,
                           object_title=object_title, object_link=object_link)


@bp.route("/decisions.json")
def export():
    return opendata.json_response("decisions", decisions.rows())
