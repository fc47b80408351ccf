"""How the monitoring report writes its figures on the page, in the reader's language."""

from __future__ import annotations

from flask_babel import format_decimal

from diaspora_platform.formatting import format_duration, format_money
from diaspora_platform.monitoring.indicators import DURATION, MONEY

NOTHING = "—"


def figure(value, unit: str, currency: str = "") -> str:
    """A figure as the page shows it; "<5" stays as published, nothing measured is "—"."""
    if value is None:
        return NOTHING
    if isinstance(value, str):
        return value
    if unit == MONEY:
        return format_money(value, currency, minor=True)
    if unit == DURATION:
        return format_duration(value)
    return format_decimal(value)


def signed(value, unit: str, currency: str = "") -> str:
    """A change with its sign: "+12", "−3", "0"; "—" when it cannot be told."""
    if value is None:
        return NOTHING
    if unit == DURATION:
        text = format_duration(abs(value)) if value else "0"
    else:
        text = figure(abs(value), unit, currency)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def percent(value: float) -> str:
    """"+25,0 %", "−12.5 %": the change against the previous period, in percent."""
    return format_decimal(value / 100, format="+#,##0.0%;−#,##0.0%")
