"""Money in integer minor units: parsing what a person typed, limits per currency, and
showing an amount in the reader's conventions. Never floats."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import get_currency_precision
from flask import current_app

from diaspora_platform.errors import DomainError
from diaspora_platform.formatting import format_money
from diaspora_platform.i18n import _, ngettext

# Far beyond any configured maximum, so a typed "1e999" or 40 digits never reach a column.
_DIGITS_MAX = 15
_SHAPE = re.compile(r"^\d+(?:\.\d+)?$")


def currencies() -> tuple[str, ...]:
    return tuple(current_app.config["FUND_CURRENCIES"])


def precision(currency: str) -> int:
    return get_currency_precision(currency)


def to_minor(major: Decimal | int, currency: str) -> int:
    return int(Decimal(major) * (10 ** precision(currency)))


def to_major(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-precision(currency))


def check_currency(currency, allowed=None) -> str:
    code = (currency or "").strip().upper() if isinstance(currency, str) else ""
    if code not in (allowed or currencies()):
        raise DomainError(_("Choose a currency from the list."))
    return code


def parse_amount(text, currency: str) -> int:
    """What a person typed ("1 500", "1500,50", "20.5") as minor units of `currency`, or a
    DomainError saying what is wrong. Limits are checked by `check_limits`."""
    raw = str(text if text is not None else "").strip()
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", raw).replace(",", ".")
    if not raw:
        raise DomainError(_("Enter an amount."))
    if cleaned.startswith("-"):
        raise DomainError(_("The amount must be more than zero."))
    if not _SHAPE.match(cleaned) or len(cleaned.replace(".", "")) > _DIGITS_MAX:
        raise DomainError(_("Enter the amount as a number, like 150 or 150.50."))
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already refused it
        raise DomainError(_("Enter the amount as a number, like 150 or 150.50.")) from exc
    digits = precision(currency)
    if value != value.quantize(Decimal(1).scaleb(-digits)):
        raise DomainError(ngettext("%(currency)s amounts have at most %(digits)d digit after the "
                                   "decimal point.",
                                   "%(currency)s amounts have at most %(digits)d digits after "
                                   "the decimal point.",
                                   digits, currency=currency, digits=digits))
    if value <= 0:
        raise DomainError(_("The amount must be more than zero."))
    return to_minor(value, currency)


def check_limits(minor: int, currency: str) -> None:
    """The configured smallest and largest pledge for the currency."""
    low = to_minor(current_app.config["FUND_PLEDGE_MIN"][currency], currency)
    high = to_minor(current_app.config["FUND_PLEDGE_MAX"][currency], currency)
    if not low <= minor <= high:
        raise DomainError(_("A pledge in %(currency)s must be between %(min)s and %(max)s.",
                            currency=currency, min=format_money(low, currency, minor=True),
                            max=format_money(high, currency, minor=True)))
