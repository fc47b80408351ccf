"""Pledges: a member pledges, staff confirm receipt (crediting the sponsor's match) or
cancel, the pledger may cancel before receipt. Every step is a ledger entry.

A pledge never changes amount: a correction is a cancellation and a new pledge. The form's
idempotency key is unique per member, so a retried or double-clicked submit finds the
pledge the first one made. Status changes are conditional updates on the status the actor
saw, so two staff confirming at once record one receipt; the other gets a Conflict.

`confirm_pledge` is the one way money is marked as arrived: the staff's form and the bank
statement reconciliation call it, and a payment provider's webhook would call it too (with
the provider's transaction id as the payment reference); nothing else writes a receipt."""

from __future__ import annotations

import secrets
from datetime import date

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.fund import (
    ledger,
    money,
)
from diaspora_platform.fund.keys import clean_key, replayed
from diaspora_platform.fund.models import (
    Campaign,
    EntryKind,
    Pledge,
    PledgeStatus,
    ShowAs,
)
from diaspora_platform.i18n import _, ngettext
from diaspora_platform.unit_of_work import conditional_update

MESSAGE_MAX = 500
REASON_MAX = 500
PAYMENT_REFERENCE_MAX = 120
# Unpaid pledges a member may have open at once: the public ledger is not a place to spam.
OPEN_PLEDGES_MAX = 20
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a bank counter


def new_reference() -> str:
    code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"DF-{code[:4]}-{code[4:]}"


def pledge_url(pledge: Pledge) -> str:
    return f"/fund/pledges/{pledge.id}"


def _by_key(user, key: str) -> Pledge | None:
    return db.session.scalar(sa.select(Pledge).where(Pledge.user_id == user.id,
                                                     Pledge.idempotency_key == key))


def _open_pledges(user) -> int:
    return db.session.scalar(sa.select(sa.func.count(Pledge.id)).where(
        Pledge.user_id == user.id, Pledge.status == PledgeStatus.PLEDGED)) or 0


def pledge_organisations(user) -> list:
    """Approved organisations a member may pledge in the name of (owner or administrator)."""
    from diaspora_platform.organisations import queries as org_queries

    # "manage_members": the owners' and administrators' permission.
    return org_queries.held_by(user, "manage_members", [ModerationStatus.APPROVED])


def _clean(user, campaign: Campaign, data: dict) -> dict:
    currency = money.check_currency(data.get("currency"), campaign.currency_list)
    amount = money.parse_amount(data.get("amount"), currency)
    money.check_limits(amount, currency)
    show_as = data.get("show_as")
    if show_as not in set(ShowAs):
        raise DomainError(_("Choose how your pledge is shown."))
    organisation_id = None
    if show_as == ShowAs.ORGANISATION:
        wanted = str(data.get("organisation_id") or "")
        allowed = {str(org.id): org.id for org in pledge_organisations(user)}
        if wanted not in allowed:
            raise DomainError(_("Choose an organisation you own or administer."))
        organisation_id = allowed[wanted]
    message = (data.get("message") or "").strip() or None
    if message and len(message) > MESSAGE_MAX:
        raise DomainError(ngettext("Use at most %(max)d character.",
                                   "Use at most %(max)d characters.", MESSAGE_MAX, max=MESSAGE_MAX))
    return {"amount_minor": amount, "currency": currency, "show_as": str(show_as),
            "organisation_id": organisation_id, "message": message}


def make_pledge(user, campaign: Campaign, data: dict) -> tuple[Pledge, bool]:
    """Record a pledge. Returns (pledge, created); the same form sent again returns the
    pledge the first one made, with created False."""
    if not getattr(user, "is_confirmed", False):
        raise NotAllowed(_("Please confirm your email address first."))
    key = clean_key(data.get("idempotency_key"))
    existing = replayed(_by_key(user, key), campaign)
    if existing is not None:
        return existing, False
    if not campaign.accepts_pledges():
        raise DomainError(_("This campaign is not accepting pledges."))
    if _open_pledges(user) >= OPEN_PLEDGES_MAX:
        raise DomainError(ngettext("You have %(max)d pledge waiting for payment. Pay or cancel "
                                   "it before pledging again.",
                                   "You have %(max)d pledges waiting for payment. Pay or cancel "
                                   "some of them before pledging again.",
                                   OPEN_PLEDGES_MAX, max=OPEN_PLEDGES_MAX))
    pledge = Pledge(campaign_id=campaign.id, user_id=user.id, idempotency_key=key,
                    reference=new_reference(), status=PledgeStatus.PLEDGED,
                    **_clean(user, campaign, data))
    db.session.add(pledge)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        db.session.rollback()  # the same form, sent at the same moment, won the race
        existing = replayed(_by_key(user, key), campaign)
        if existing is None:
            raise
        return existing, False
    ledger.append(EntryKind.PLEDGE_RECORDED, campaign.id, pledge.amount_minor,
                  pledge.currency, pledge_id=pledge.id)
    from diaspora_platform.fund.notices import tell

    tell(user, "fund.pledge_recorded", pledge)
    db.session.commit()
    return pledge, True


def _move(pledge: Pledge, **values) -> bool:
    """Change a pledge that is still "pledged"; False if it no longer is."""
    return conditional_update(pledge, Pledge.status == PledgeStatus.PLEDGED, **values,
                              conflict=False)


def _clean_received_on(value) -> date:
    if not isinstance(value, date):
        raise DomainError(_("Enter the date the payment arrived."))
    if value > utcnow().date():
        raise DomainError(_("The payment date cannot be in the future."))
    return value


def confirm_pledge(staff, pledge: Pledge, payment_reference: str, received_on) -> None:
    """Staff confirm the money arrived; the sponsor's match is credited up to the cap."""
    if not getattr(staff, "acts_as_staff", False):
        raise NotAllowed(_("Only Council staff can do this."))
    payment_reference = (payment_reference or "").strip()
    if not payment_reference or len(payment_reference) > PAYMENT_REFERENCE_MAX:
        raise DomainError(ngettext("Enter the bank's payment reference (at most %(max)d "
                                   "character).",
                                   "Enter the bank's payment reference (at most %(max)d "
                                   "characters).",
                                   PAYMENT_REFERENCE_MAX, max=PAYMENT_REFERENCE_MAX))
    received_on = _clean_received_on(received_on)
    if not _move(pledge, status=PledgeStatus.RECEIVED, payment_reference=payment_reference,
                 received_on=received_on, confirmed_by_id=staff.id, confirmed_at=utcnow()):
        db.session.rollback()
        if pledge.status == PledgeStatus.RECEIVED:
            raise Conflict(_("This pledge was already confirmed as received."))
        raise DomainError(_("A cancelled pledge cannot be confirmed."))
    ledger.append(EntryKind.PLEDGE_RECEIVED, pledge.campaign_id, pledge.amount_minor,
                  pledge.currency, pledge_id=pledge.id, received_on=received_on.isoformat())
    matched = _credit_match(pledge)
    audit.record(staff, "fund.pledge_confirmed", pledge, amount_minor=pledge.amount_minor,
                 currency=pledge.currency, payment_reference=payment_reference,
                 matched_minor=matched)
    from diaspora_platform.fund.notices import tell

    tell(pledge.user, "fund.pledge_received", pledge, matched=matched)
    db.session.commit()


def _credit_match(pledge: Pledge) -> int:
    """The sponsor's share of a received pledge (runs under the ledger lock)."""
    campaign = pledge.campaign
    if not campaign.has_match or pledge.currency != campaign.currency:
        return 0
    remaining = campaign.match_cap_minor - ledger.matched_so_far(campaign.id)
    credit = min(pledge.amount_minor * campaign.match_ratio, remaining)
    if credit <= 0:
        return 0
    ledger.append(EntryKind.MATCH_CREDITED, campaign.id, credit, pledge.currency,
                  pledge_id=pledge.id, sponsor=campaign.match_sponsor,
                  ratio=campaign.match_ratio)
    return credit


def cancel_pledge(actor, pledge: Pledge, reason: str = "", as_staff: bool = False) -> bool:
    """The pledger (before receipt) or staff (with a reason) cancel a pledge. Returns False
    if it was already cancelled (the same form sent twice)."""
    reason = (reason or "").strip()
    if as_staff:
        if not getattr(actor, "acts_as_staff", False):
            raise NotAllowed(_("Only Council staff can do this."))
        if not reason or len(reason) > REASON_MAX:
            raise DomainError(ngettext("Give the reason for cancelling (at most %(max)d "
                                       "character).",
                                       "Give the reason for cancelling (at most %(max)d "
                                       "characters).", REASON_MAX, max=REASON_MAX))
    elif pledge.user_id != getattr(actor, "id", None):
        raise NotAllowed(_("You can cancel only your own pledges."))
    if not _move(pledge, status=PledgeStatus.CANCELLED, cancelled_by_id=actor.id,
                 cancelled_at=utcnow(), cancel_reason=reason[:REASON_MAX] or None):
        db.session.rollback()
        if pledge.status == PledgeStatus.CANCELLED:
            return False
        raise DomainError(_("A received pledge cannot be cancelled: the money has arrived."))
    ledger.append(EntryKind.PLEDGE_CANCELLED, pledge.campaign_id, pledge.amount_minor,
                  pledge.currency, pledge_id=pledge.id,
                  by="staff" if as_staff else "pledger")
    if as_staff:
        audit.record(actor, "fund.pledge_cancelled", pledge, reason=reason)
        from diaspora_platform.fund.notices import tell

        tell(pledge.user, "fund.pledge_cancelled", pledge, reason=reason)
    db.session.commit()
    return True
