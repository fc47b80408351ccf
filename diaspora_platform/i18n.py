"""Languages: locale choice, translated helpers and locale-aware country names."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pycountry
from babel.numbers import get_currency_name
from flask import current_app, g, has_request_context, request
from flask_babel import get_locale, get_translations, lazy_gettext, lazy_pgettext, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from diaspora_platform.collation import sorted_by

__all__ = ["_", "_l", "lazy_pgettext", "ngettext"]

_l = lazy_gettext  # import-time strings (form labels, enum titles), translated when shown

LANGUAGES = ("tg", "ru", "en")
DEFAULT_LANGUAGE = "tg"
LANGUAGE_COOKIE = "lang"
# Where language_urls' middleware leaves the language named by the address (/ru/…).
LANGUAGE_PREFIX_KEY = "diaspora.link_language"
# Each language's own name, shown in the switcher whatever the page language is.
LANGUAGE_NAMES = {"tg": "Тоҷикӣ", "ru": "Русский", "en": "English"}


def is_supported(code: str | None) -> bool:
    return code in LANGUAGES


def select_locale() -> str:
    """The address (/ru/…) > explicit choice (user, then cookie) > Accept-Language > Tajik.

    Outside a request (commands run by an operator) messages are in English; mail is
    always rendered in the recipient's language with force_locale."""
    if not has_request_context():
        return "en"
    in_link = request.environ.get(LANGUAGE_PREFIX_KEY)
    if in_link:
        return in_link
    user_choice = getattr(current_user, "locale", None) if current_user else None
    if is_supported(user_choice) and current_user.is_authenticated:
        return user_choice
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if is_supported(cookie):
        return cookie
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


TIMEZONE_COOKIE = "tz"
DEFAULT_TIMEZONE = "Asia/Dushanbe"


@cache
def _known_timezones() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def select_timezone() -> str:
    """The reader's time zone as their browser reports it (static/js/timezone.js sets a
    cookie), else Dushanbe's: dates are stored in UTC and shown in this zone."""
    return timezone_from(request.cookies) if has_request_context() else DEFAULT_TIMEZONE


def timezone_from(cookies) -> str:
    """The zone the reader's cookies name (any mapping), if it is one; else Dushanbe's."""
    zone = cookies.get(TIMEZONE_COOKIE, "")
    return zone if zone in _known_timezones() else DEFAULT_TIMEZONE


def local_zone():
    """The reader's zone as a zoneinfo object (Flask-Babel's own is a pytz zone, which
    must not be used with datetime.replace)."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(select_timezone())


def request_language() -> str | None:
    """The language code ("tg", "ru", "en") Flask-Babel uses now, None outside a request.
    A page asks for it hundreds of times: once Flask-Babel has chosen the request's locale
    (also inside force_locale) it is read from where Flask-Babel keeps it."""
    try:
        locale = g._flask_babel.babel_locale
    except (AttributeError, RuntimeError):  # not chosen yet, or no app context
        locale = get_locale()
    if locale is None:
        return None
    if locale.territory or locale.script or locale.variant or getattr(locale, "modifier", None):
        return str(locale)
    return locale.language


def current_language() -> str:
    return request_language() or DEFAULT_LANGUAGE


@cache
def names(kind: str, lang: str) -> dict[str, str]:
    """The reviewed corrections to CLDR's names of one kind (translations/names.json)."""
    return names_file()[kind].get(lang, {})


@cache
def names_file() -> dict:
    return json.loads((Path(__file__).resolve().parent.parent / "translations" / "names.json")
                      .read_text(encoding="utf-8"))


@cache
def countries(lang: str) -> tuple[tuple[str, str], ...]:
    """(alpha-2, name) for every ISO 3166-1 country, in the alphabetical order of `lang`."""
    rows = [(c.alpha_2, country_name(c.alpha_2, lang)) for c in pycountry.countries]
    return tuple(sorted_by(rows, lambda row: row[1], lang))


def country_name(code: str | None, lang: str | None = None) -> str:
    """CLDR's short name ("Iran", not "Iran, Islamic Republic of"), as names.json corrects it."""
    if not code:
        return ""
    code, lang = code.upper(), lang or current_language()
    fixed = names("countries", lang).get(code)
    return fixed or _babel_locale(lang).territories.get(code, code)


def country_choices() -> list[tuple[str, str]]:
    return [("", _("Choose a country"))] + list(countries(current_language()))


def valid_country(code: str | None) -> bool:
    return bool(code) and pycountry.countries.get(alpha_2=code.upper()) is not None


def configured_languages() -> tuple[str, ...]:
    return tuple(current_app.config.get("LANGUAGES", LANGUAGES))


class plural_message:  # noqa: N801  (named like the gettext functions it stands beside)
    """A message written before its count is known (a validator's, a notice kind's), whose
    plural form follows the count it is formatted with: `message % {"max": 200}`."""

    def __init__(self, singular: str, plural: str, count: str = "max"):
        self.singular, self.plural, self.count = singular, plural, count

    def __mod__(self, params: dict) -> str:
        number = int(params[self.count])
        return get_translations().ngettext(self.singular, self.plural, number) % params


def N_(string: str) -> str:
    """Mark a string for extraction where it is translated later by its consumer."""
    return string


# Languages an organisation or place may work in (ISO 639-1), named by CLDR in the
# reader's language.
WORKING_LANGUAGES = ("tg", "ru", "en", "uz", "fa", "ps", "kk", "ky", "tr", "de", "fr", "pl",
                     "ar", "ko", "zh", "ja", "it", "es")


@cache
def _babel_locale(lang: str):
    from babel import Locale

    return Locale.parse(lang)


def language_name(code: str, lang: str | None = None) -> str:
    lang = lang or current_language()
    name = names("languages", lang).get(code) or _babel_locale(lang).languages.get(code, code)
    return name[:1].upper() + name[1:]


def language_choices() -> list[tuple[str, str]]:
    lang = current_language()
    rows = [(code, language_name(code, lang)) for code in WORKING_LANGUAGES]
    return sorted_by(rows, lambda row: row[1], lang)


def currency_name(code: str, lang: str | None = None) -> str:
    lang = lang or current_language()
    return names("currencies", lang).get(code) or get_currency_name(code, locale=lang)


def currency_choices(codes) -> list[tuple[str, str]]:
    """(code, "USD · US Dollar") for a currency select, in the given order."""
    return [(code, f"{code} · {currency_name(code)}") for code in codes]
