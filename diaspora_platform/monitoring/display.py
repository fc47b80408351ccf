"""How the monitoring report writes its figures on the page, in the reader's language.

A report has a thousand figures or more: the language is looked up once per page, not
once per figure."""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_decimal

from diaspora_platform.formatting import format_duration, format_money
from diaspora_platform.monitoring.indicators import DURATION, MONEY

NOTHING = "—"


class Figures:
    def __init__(self, lang: str):
        self.lang = lang
        self.locale = Locale.parse(lang)  # parsed once: babel parses a code on every call

    def figure(self, value, unit: str, currency: str = "") -> str:
        """A figure as the page shows it; "<5" stays as published, nothing measured is "—"."""
        if value is None:
            return NOTHING
        if isinstance(value, str):
            return value
        if unit == MONEY:
            return format_money(value, currency, minor=True, lang=self.lang)
        if unit == DURATION:
            return format_duration(value)
        return format_decimal(value, locale=self.locale)

    def signed(self, value, unit: str, currency: str = "") -> str:
        """A change with its sign: "+12", "−3", "0"; "—" when it cannot be told."""
        if value is None:
            return NOTHING
        if unit == DURATION:
            text = format_duration(abs(value)) if value else "0"
        else:
            text = self.figure(abs(value), unit, currency)
        return ("+" if value > 0 else "−" if value < 0 else "") + text

    def percent(self, value: float) -> str:
        """"+25,0 %", "−12.5 %": the change against the previous period, in percent."""
        return format_decimal(value / 100, format="+#,##0.0%;−#,##0.0%",
                              locale=self.locale)
