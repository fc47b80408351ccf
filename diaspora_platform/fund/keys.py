"""Idempotency keys of the fund's forms: a form sent again finds what it made, but only on
the campaign it was made for (a key replayed elsewhere must not answer with another
campaign's pledge or payment)."""

from __future__ import annotations

from diaspora_platform.errors import Conflict, DomainError
from diaspora_platform.i18n import _


def clean_key(key) -> str:
    key = key.strip() if isinstance(key, str) else ""
    if not 8 <= len(key) <= 64:
        raise DomainError(_("The form is incomplete. Please reload the page and try again."))
    return key


def replayed(existing, campaign):
    """What the same form already made on this campaign, or None; a Conflict when the key
    was used on another campaign."""
    if existing is not None and existing.campaign_id != campaign.id:
        raise Conflict(_("This form was already sent for another campaign. Reload the page "
                         "and fill it in again."))
    return existing
