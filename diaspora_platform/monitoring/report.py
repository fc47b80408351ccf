"""The monitoring report: for each measure of the Plan, its indicators with the figure for
the period, the period before and the change, persons' small counts suppressed as on the
map (statistics.measures)."""

from __future__ import annotations

from dataclasses import dataclass, field

from diaspora_platform.monitoring import plan
from diaspora_platform.monitoring.indicators import BY_KEY, COUNT, HOURS, MONEY, Indicator
from diaspora_platform.monitoring.period import Period
from diaspora_platform.statistics.measures import SUPPRESSED
from diaspora_platform.statistics.measures import Measure as MapMeasure
from diaspora_platform.statistics.measures import shown_count as map_shown_count

Value = int | float | str | None  # str: SUPPRESSED; None: nothing to measure


def shown(indicator: Indicator, value) -> Value:
    """A figure as published: persons' counts from 1 to 4 become "<5" (the map's rule)."""
    if indicator.personal and isinstance(value, int):
        return map_shown_count(MapMeasure.MEMBERS, value)
    return value


def change(now: Value, before: Value) -> int | float | None:
    if isinstance(now, str) or isinstance(before, str) or now is None or before is None:
        return None
    return now - before


def percent(now: Value, before: Value) -> float | None:
    difference = change(now, before)
    return None if difference is None or not before else round(100 * difference / before, 1)


@dataclass
class Row:
    key: tuple
    label: str
    now: Value
    before: Value
    link: str | None = None

    @property
    def change(self):
        return change(self.now, self.before)

    @property
    def percent(self):
        return percent(self.now, self.before)

    @property
    def currency(self) -> str:
        return self.key[1] if len(self.key) > 1 else ""


@dataclass
class IndicatorReport:
    indicator: Indicator
    rows: list[Row]
    total: Row | None = None

    @property
    def key(self) -> str:
        return self.indicator.key

    @property
    def unit(self) -> str:
        return self.indicator.unit


@dataclass
class MeasureReport:
    measure: plan.Measure
    indicators: list[IndicatorReport] = field(default_factory=list)


@dataclass
class Report:
    period: Period
    previous: Period
    measures: list[MeasureReport]

    def indicators(self):
        for measure in self.measures:
            for item in measure.indicators:
                yield measure.measure, item


def _number(value: Value) -> float:
    return value if isinstance(value, int | float) else 0


def _column_total(indicator: Indicator, exact: list[int], published: list[Value]) -> Value:
    """The sum of a column; withheld (None) when exactly one count in it is suppressed,
    since the total minus the others would give that count away."""
    if sum(1 for value in published if value == SUPPRESSED) == 1:
        return None
    return shown(indicator, sum(exact))


def _total(indicator: Indicator, figures: dict, rows: list[Row]) -> Row | None:
    if indicator.unit not in (COUNT, HOURS) or indicator.breakdown is None or not rows:
        return None
    exact = list(figures.values())
    return Row((), "", _column_total(indicator, [v[0] for v in exact], [r.now for r in rows]),
               _column_total(indicator, [v[1] for v in exact], [r.before for r in rows]))


def _indicator_report(indicator: Indicator, period: Period, previous: Period):
    figures = indicator.source.figures(period, previous)
    rows = [Row(key, indicator.label(key), shown(indicator, now), shown(indicator, before),
                indicator.link(key)) for key, (now, before) in figures.items()]
    rows.sort(key=lambda row: (row.currency, -_number(row.now), row.label))
    if indicator.breakdown is None and not rows:
        rows = [Row((), "", 0, 0, indicator.link(()))]
    return IndicatorReport(indicator, rows, _total(indicator, figures, rows))


def build(period: Period) -> Report:
    """Count every indicator of every measure for `period` and the period before it."""
    previous = period.previous()
    measures = [MeasureReport(measure, [_indicator_report(BY_KEY[key], period, previous)
                                        for key in measure.indicators])
                for measure in plan.measures()]
    return Report(period, previous, measures)


def is_money(item: IndicatorReport) -> bool:
    return item.unit == MONEY
