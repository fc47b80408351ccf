"""How numbers a person reads are written in Tajik, Russian and English: money, dates,
times (never with seconds), durations and time zones.

CLDR's Tajik data writes "07 Декабр 2026" and "10 min"; running Tajik text says
"7 декабри 2026" and "10 дақиқа", so Tajik dates are composed here from names.json and
durations come from the message catalogues (with plural forms for Russian).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import pytz
from babel import dates as babel_dates
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_precision,
    get_decimal_symbol,
    get_group_symbol,
)
from flask import Flask
from flask_babel import ngettext, to_user_timezone

from diaspora_platform.i18n import country_name, current_language, local_zone, names, names_file

NBSP = "\u00a0"


# Money ---------------------------------------------------------------------------------

def format_money(amount, currency: str | None, minor: bool = False,
                 lang: str | None = None) -> str:
    """"17 000,00 сомонӣ", "1 200,00 USD", "TJS 17,000.00": every currency one way per
    language (the unit after the number in Tajik and Russian, the code before it in
    English). With minor=True `amount` is in minor units (the fund's integers)."""
    lang = lang or current_language()
    if minor and currency and isinstance(amount, int) and amount >= 0:
        number = _minor_units(amount, currency, lang)  # the ledger shows 150 a page
    else:
        if minor:
            amount = Decimal(amount or 0).scaleb(-get_currency_precision(currency))
        if not currency:
            return format_decimal(amount, locale=lang)
        number = format_currency(amount, currency, format="#,##0.00", locale=lang,
                                 currency_digits=True)
    if lang == "en":
        return f"{currency}{NBSP}{number}"
    return f"{number}{NBSP}{names('currency_units', lang).get(currency, currency)}"


@cache
def _number_symbols(lang: str) -> tuple[str, str]:
    return get_group_symbol(locale=lang), get_decimal_symbol(locale=lang)


def _minor_units(amount: int, currency: str, lang: str) -> str:
    """What format_currency writes for a whole number of minor units, without Decimal
    and pattern parsing (the same digits, group and decimal marks)."""
    digits = get_currency_precision(currency)
    group, decimal = _number_symbols(lang)
    whole, fraction = divmod(amount, 10 ** digits)
    text = f"{whole:,}".replace(",", group)
    return f"{text}{decimal}{fraction:0{digits}d}" if digits else text


# Dates and times -----------------------------------------------------------------------

def _tajik_calendar() -> dict:
    return names_file()["tajik_calendar"]


def _as_local(value, rebase: bool):
    if isinstance(value, datetime) and rebase:
        return to_user_timezone(value)
    return value


def format_date(value: date | datetime | None, format: str = "medium", rebase: bool = True,
                lang: str | None = None) -> str:
    """short "7.12.2026"; medium and long "7 декабри 2026"; full with the weekday."""
    if value is None:
        return ""
    lang = lang or current_language()
    value = _as_local(value, rebase)
    if lang != "tg":
        day = value.date() if isinstance(value, datetime) else value
        return _babel_date(day, format, lang)
    if format == "short":
        return f"{value.day}.{value.month:02d}.{value.year}"
    cal = _tajik_calendar()
    text = f"{value.day} {cal['months_in_date'][value.month - 1]} {value.year}"
    return f"{cal['weekdays'][value.weekday()]}, {text}" if format == "full" else text


@lru_cache(maxsize=4096)
def _babel_date(day: date, format: str, lang: str) -> str:
    """CLDR's date (a ledger page writes 50; most share a day)."""
    return babel_dates.format_date(day, format, locale=lang)


def format_time(value: datetime | None, format: str = "short", rebase: bool = True,
                lang: str | None = None) -> str:
    """Hours and minutes; `format` is accepted for Flask-Babel's signature but a person
    never reads seconds."""
    if value is None:
        return ""
    return babel_dates.format_time(_as_local(value, rebase), "short",
                                   locale=lang or current_language())


def format_datetime(value: datetime | None, format: str = "medium", rebase: bool = True,
                    lang: str | None = None) -> str:
    if value is None:
        return ""
    value = _as_local(value, rebase)
    return (f"{format_date(value, format, rebase=False, lang=lang)}, "
            f"{format_time(value, rebase=False, lang=lang)}")


def month_year(value: date, lang: str | None = None) -> str:
    """"декабри 2026", "декабрь 2026", "December 2026" (a heading; capitalise it there)."""
    lang = lang or current_language()
    if lang == "tg":
        return f"{_tajik_calendar()['months'][value.month - 1]} {value.year}"
    return babel_dates.format_date(value, "LLLL y", locale=lang)


def weekday_names(lang: str | None = None) -> list[str]:
    """Monday first, as a calendar's column heads."""
    lang = lang or current_language()
    if lang == "tg":
        return list(_tajik_calendar()["weekdays"])
    days = babel_dates.get_day_names("wide", locale=lang)
    return [days[i] for i in range(7)]


def format_duration(seconds: float | None) -> str:
    """The largest whole unit: "10 дақиқа", "3 часа", "2 days"."""
    if seconds is None:
        return ""
    minutes = int(seconds // 60)
    if minutes < 60:
        num = max(minutes, 1)
        return ngettext("%(num)d minute", "%(num)d minutes", num)
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(num)d hour", "%(num)d hours", hours)
    days = hours // 24
    return ngettext("%(num)d day", "%(num)d days", days)


# Time zones ----------------------------------------------------------------------------

def zone_name(zone: str | ZoneInfo, lang: str | None = None) -> str:
    """A zone by its place, in the reader's language: "Москва, Русия", "Тоҷикистон",
    "UTC". The city is named only where the country has more than one zone."""
    key = zone.key if isinstance(zone, ZoneInfo) else str(zone)
    lang = lang or current_language()
    country = _zone_countries().get(key)
    if country is None:
        return key.rsplit("/", 1)[-1].replace("_", " ") if "/" in key else key
    place = country_name(country, lang)
    if len(_country_zones().get(country, ())) < 2:
        return place
    city = babel_dates.get_timezone_location(key, locale=lang, return_city=True)
    if lang != "en" and not _cyrillic(city):  # CLDR lacks some cities (Kyiv) in tg, ru
        return place
    return f"{city}, {place}"


def zone_choice(zone: str, lang: str | None = None) -> str:
    """A select option: "UTC+03:00 · Москва, Русия"."""
    offset = datetime.now(ZoneInfo(zone)).strftime("%z")
    sign, hours, mins = offset[:1] or "+", offset[1:3] or "00", offset[3:5] or "00"
    return f"UTC{sign}{hours}:{mins} · {zone_name(zone, lang)}"


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def country_zones() -> list[str]:
    """Every zone some country uses today (no aliases such as Europe/Kiev)."""
    return list(_zone_countries())


@cache
def _zone_countries() -> dict[str, str]:
    """Each zone's country, from the tz database's zone.tab (pytz, which Flask-Babel
    needs, carries it)."""
    return {zone: country for country, zones in pytz.country_timezones.items()
            for zone in zones}


@cache
def _country_zones() -> dict[str, list[str]]:
    return dict(pytz.country_timezones.items())


def when(value: datetime | None, zone: ZoneInfo | None = None) -> str:
    """A moment in the reader's zone (or `zone`), naming the zone: deadlines, starts."""
    if value is None:
        return ""
    zone = zone or local_zone()
    local = value.astimezone(zone)
    return f"{format_datetime(local, 'medium', rebase=False)} ({zone_name(zone)})"


def init_app(app: Flask) -> None:
    """The template filters; dateformat, datetimeformat and timeformat replace
    Flask-Babel's so that every template writes dates the way this module does."""
    app.jinja_env.filters.update(
        money=format_money, when=when, duration=format_duration, dateformat=format_date,
        datetimeformat=format_datetime, timeformat=format_time,
    )
    app.jinja_env.globals.update(zone_name=zone_name)

