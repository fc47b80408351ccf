"""Money, dates, times, durations and time zones as each language writes them."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from babel.numbers import format_currency, get_currency_precision
from flask import render_template_string
from flask_babel import force_locale

from diaspora_platform import formatting
from diaspora_platform.community.events.forms import COMMON_ZONES, zone_choices

pytestmark = pytest.mark.any_database  # wording, headers and links: no SQL difference

NBSP = "\u00a0"
MOMENT = datetime(2026, 12, 7, 13, 30, 5, tzinfo=UTC)  # 18:30:05 in Dushanbe


def _plain(text: str) -> str:
    return text.replace(NBSP, " ").replace("\u202f", " ")


@pytest.fixture
def in_lang(app):
    def run(lang, fn, *args, **kwargs):
        with app.test_request_context(), force_locale(lang):
            return _plain(fn(*args, **kwargs))
    return run


@pytest.mark.parametrize(("lang", "somoni", "dollars"), [
    ("tg", "17 000,00 сомонӣ", "1 200,50 USD"),
    ("ru", "17 000,00 сомони", "1 200,50 USD"),
    ("en", "TJS 17,000.00", "USD 1,200.50"),
])
def test_money_names_the_somoni_in_words_and_other_currencies_by_code(in_lang, lang, somoni,
                                                                      dollars):
    assert in_lang(lang, formatting.format_money, 1_700_000, "TJS", minor=True) == somoni
    assert in_lang(lang, formatting.format_money, "1200.50", "USD") == dollars


@pytest.mark.parametrize("lang", ["tg", "ru", "en"])
def test_minor_units_are_written_as_cldr_writes_them(in_lang, lang):
    """The ledger's integers take a shortcut; every currency precision and size still
    reads exactly as CLDR's currency pattern writes it."""
    for currency in ("TJS", "USD", "RUB", "JPY", "KWD"):
        digits = get_currency_precision(currency)
        for amount in (0, 7, 99, 100, 1_000, 123_456, 1_000_000, 98_765_432_101):
            expected = format_currency(Decimal(amount).scaleb(-digits), currency,
                                       format="#,##0.00", locale=lang, currency_digits=True)
            written = in_lang(lang, formatting.format_money, amount, currency, minor=True)
            assert _plain(expected) in written, (currency, amount)


def test_one_money_filter_reads_major_and_minor_units(app):
    with app.test_request_context(), force_locale("tg"):
        page = render_template_string(
            "{{ 150|money('EUR') }} | {{ 15000|money('EUR', minor=True) }}")
    assert _plain(page) == "150,00 EUR | 150,00 EUR"


@pytest.mark.parametrize(("fmt", "text"), [
    ("short", "7.12.2026"), ("medium", "7 декабри 2026"), ("long", "7 декабри 2026"),
    ("full", "душанбе, 7 декабри 2026"),
])
def test_tajik_dates_are_written_as_in_running_text(in_lang, fmt, text):
    assert in_lang("tg", formatting.format_date, MOMENT, fmt) == text


def test_no_time_a_person_reads_shows_seconds(in_lang):
    for lang in ("tg", "ru", "en"):
        for fmt in ("short", "medium", "long"):
            text = in_lang(lang, formatting.format_datetime, MOMENT, fmt)
            assert ":05" not in text and "18:30" in text.replace("6:30 PM", "18:30"), text


def test_the_date_filters_templates_use_are_the_platforms(app):
    with app.test_request_context(), force_locale("tg"):
        page = render_template_string("{{ when|datetimeformat('medium') }}", when=MOMENT)
    assert _plain(page) == "7 декабри 2026, 18:30"


@pytest.mark.parametrize(("lang", "ten_minutes", "three_hours", "two_days"), [
    ("tg", "10 дақиқа", "3 соат", "2 рӯз"),
    ("ru", "10 минут", "3 часа", "2 дня"),
    ("en", "10 minutes", "3 hours", "2 days"),
])
def test_durations_are_translated(in_lang, lang, ten_minutes, three_hours, two_days):
    assert in_lang(lang, formatting.format_duration, 600) == ten_minutes
    assert in_lang(lang, formatting.format_duration, 3 * 3600 + 59) == three_hours
    assert in_lang(lang, formatting.format_duration, 2 * 86400) == two_days


@pytest.mark.parametrize(("lang", "moscow", "dushanbe"), [
    ("tg", "Москва, Русия", "Тоҷикистон"),
    ("ru", "Москва, Россия", "Таджикистан"),
    ("en", "Moscow, Russia", "Tajikistan"),
])
def test_time_zones_are_named_by_place_in_the_readers_language(in_lang, lang, moscow,
                                                               dushanbe):
    assert in_lang(lang, formatting.zone_name, "Europe/Moscow") == moscow
    assert in_lang(lang, formatting.zone_name, "Asia/Dushanbe") == dushanbe


def test_the_event_forms_zones_start_with_those_the_diaspora_lives_in(app):
    with app.test_request_context(), force_locale("tg"):
        groups = list(zone_choices().values())
    common, rest = groups
    assert [zone for zone, _label in common] == list(COMMON_ZONES)
    assert common[1][1] == "UTC+03:00 · Москва, Русия"
    assert all("/" not in label for _zone, label in common + rest)
