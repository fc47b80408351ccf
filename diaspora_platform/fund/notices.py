"""How fund events are worded in notifications and receipts (in the reader's language:
amounts and the campaign's title are resolved when shown or mailed)."""

from __future__ import annotations

from diaspora_platform.i18n import _l, current_language
from diaspora_platform.notifications.services import notify


def _resolve(params: dict) -> dict:
    from diaspora_platform.formatting import format_money

    resolved = dict(params)
    # Runs after the commit too (for the mail), so it reads only the params, never the DB.
    titles = params.get("titles") or {}
    resolved["campaign"] = titles.get(current_language()) or titles.get("en", "")
    currency = params.get("currency") or "TJS"
    resolved["amount"] = format_money(params.get("amount_minor"), currency, minor=True)
    resolved["matched"] = format_money(params.get("matched_minor"), currency, minor=True)
    resolved.setdefault("reason", "")
    return resolved


def register() -> None:
    from diaspora_platform.notifications.services import register_kind

    register_kind(
        "fund.pledge_recorded",
        _l("Thank you! Your pledge of %(amount)s to “%(campaign)s” is recorded. Pay it by "
           "bank transfer with the reference %(reference)s: the pledge page shows the bank "
           "details."),
        _l("Your pledge is recorded"), _resolve)
    register_kind(
        "fund.pledge_received",
        _l("Your payment of %(amount)s for “%(campaign)s” (reference %(reference)s) has "
           "arrived. Thank you! Sponsor's match for it: %(matched)s. It is in the public "
           "ledger."),
        _l("Your payment was received"), _resolve)
    register_kind(
        "fund.pledge_cancelled",
        _l("Your pledge of %(amount)s to “%(campaign)s” (reference %(reference)s) was "
           "cancelled by Council staff. Reason: %(reason)s"),
        _l("Your pledge was cancelled"), _resolve)


register()


def tell(user, kind: str, pledge, matched: int = 0, reason: str = "") -> None:
    """Notify (and mail, after the commit) the pledger about their pledge."""
    campaign = pledge.campaign
    titles = {lang: campaign.title_in(lang) for lang in ("tg", "ru", "en")}
    notify(user, kind, link=f"/fund/pledges/{pledge.id}", campaign_id=pledge.campaign_id,
           titles=titles,
           amount_minor=pledge.amount_minor, currency=pledge.currency,
           reference=pledge.reference, matched_minor=matched, reason=reason)
