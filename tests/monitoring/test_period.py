"""The report's period: a half-year by default, any dates allowed, compared with the period
just before it; impossible periods are refused with a message naming the parameter."""

from datetime import date

import pytest

from diaspora_platform.monitoring.period import Period, PeriodError, parse


def test_default_is_the_current_half_year_compared_with_the_one_before(app):
    with app.test_request_context():
        period = parse({}, date(2026, 12, 7))
    assert period == Period(date(2026, 7, 1), date(2026, 12, 31))
    assert period.previous() == Period(date(2026, 1, 1), date(2026, 6, 30))
    assert period.half == "2026-2"


def test_a_chosen_half_year_and_whole_months_compare_with_as_many_months(app):
    with app.test_request_context():
        first = parse({"half": "2025-1"}, date(2026, 12, 7))
        quarter = parse({"start": "2025-04-01", "end": "2025-06-30"}, date(2026, 12, 7))
    assert first.previous() == Period(date(2024, 7, 1), date(2024, 12, 31))
    assert quarter.previous() == Period(date(2025, 1, 1), date(2025, 3, 31))


def test_other_periods_compare_with_as_many_days_before(app):
    with app.test_request_context():
        period = parse({"start": "2025-03-10", "end": "2025-03-19"}, date(2026, 1, 1))
    assert period.previous() == Period(date(2025, 2, 28), date(2025, 3, 9))


@pytest.mark.parametrize(("args", "field"), [
    ({"start": "2025-06-30", "end": "2025-01-01"}, "end"),
    ({"start": "2000-01-01", "end": "2029-12-31"}, "end"),  # 30 years
    ({"start": "yesterday", "end": "2025-12-31"}, "start"),
    ({"start": "2025-02-30", "end": "2025-12-31"}, "start"),
    ({"start": "2025-01-01"}, "end"),
    ({"half": "2025-3"}, "half"),
    ({"half": "99999999999-1"}, "half"),
    ({"start": "1066-10-14", "end": "2025-01-01"}, "start"),
])
def test_impossible_periods_are_refused_naming_the_parameter(app, args, field):
    with app.test_request_context(), pytest.raises(PeriodError) as refused:
        parse(args, date(2026, 1, 1))
    assert refused.value.field == field and refused.value.message
