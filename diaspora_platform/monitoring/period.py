"""The period a monitoring report covers (a half-year unless staff choose other dates) and
the period it is compared with: the one just before, of the same length."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from diaspora_platform.i18n import _

MAX_YEARS = 10  # longer reports compare little and are refused with a message
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


class PeriodError(ValueError):
    """A period staff asked for that cannot be reported on; `field` names the parameter."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _month_shift(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[datetime, datetime]:
        """UTC instants: from the first day's start to the day after the last (exclusive)."""
        return (datetime.combine(self.start, time(), UTC),
                datetime.combine(self.end + timedelta(days=1), time(), UTC))

    def _whole_months(self) -> int | None:
        after = self.end + timedelta(days=1)
        if self.start.day != 1 or after.day != 1:
            return None
        return (after.year - self.start.year) * 12 + after.month - self.start.month

    def previous(self) -> Period:
        """Whole months compare with as many months before; other periods with as many days."""
        months = self._whole_months()
        if months:
            return Period(_month_shift(self.start, -months), self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    @property
    def half(self) -> str | None:
        """"2026-2" when the period is exactly a half-year."""
        if self._whole_months() == 6 and self.start.month in (1, 7):
            return f"{self.start.year}-{1 if self.start.month == 1 else 2}"
        return None


def half_year(year: int, half: int) -> Period:
    start = date(year, 1 if half == 1 else 7, 1)
    return Period(start, _month_shift(start, 6) - timedelta(days=1))


def current_half(today: date) -> Period:
    return half_year(today.year, 1 if today.month <= 6 else 2)


def recent_halves(today: date, count: int = 6) -> list[Period]:
    """The current half-year and the ones before it, newest first."""
    halves, period = [], current_half(today)
    for _i in range(count):
        halves.append(period)
        period = period.previous()
    return halves


def _parse_date(value: str, field: str) -> date:
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise PeriodError(field, _("Enter the date as YYYY-MM-DD, for example 2025-07-01.")
                          ) from None
    if not EARLIEST <= day <= LATEST:
        raise PeriodError(field, _("Choose a date between %(first)s and %(last)s.",
                                   first=EARLIEST.isoformat(), last=LATEST.isoformat()))
    return day


def _parse_half(value: str) -> Period:
    year, _sep, half = value.partition("-")
    if not (year.isdigit() and half in ("1", "2")
            and EARLIEST.year <= int(year) <= LATEST.year):
        raise PeriodError("half", _("Choose a half-year from the list."))
    return half_year(int(year), int(half))


def parse(args, today: date) -> Period:
    """The period named by `half` (2026-1) or `start` and `end` (ISO dates, both days
    included); the current half-year when none is given. Raises PeriodError."""
    start, end, half = (args.get(name, "") or "" for name in ("start", "end", "half"))
    if start or end:
        if not (start and end):
            raise PeriodError("start" if not start else "end",
                              _("Give both the first and the last day of the period."))
        period = Period(_parse_date(start, "start"), _parse_date(end, "end"))
        if period.end < period.start:
            raise PeriodError("end", _("The last day must not be before the first day."))
        if period.days > MAX_YEARS * 366:
            raise PeriodError("end", _("A report covers at most %(num)d years: choose a "
                                       "shorter period.", num=MAX_YEARS))
        return period
    return _parse_half(half) if half else current_half(today)
