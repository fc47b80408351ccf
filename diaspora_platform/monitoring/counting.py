"""Counting for the monitoring report: one statement per indicator returns, per group, the
figure for the period and for the period before it (two sums over one scan)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.monitoring.period import Period

Figures = dict[tuple, list]  # group key -> [figure in the period, figure in the one before]


@dataclass(frozen=True)
class Count:
    """Rows of `entity` whose `when` falls in the period, grouped by `groups`, counted (or
    `total` summed)."""

    entity: object
    when: object
    groups: tuple = ()
    where: tuple = ()
    joins: tuple = ()  # (target, onclause) pairs
    total: object = None  # a column to sum instead of counting rows

    def _bounds(self, period: Period):
        start, end = period.bounds()
        if isinstance(self.when.type, sa.Date):
            return start.date(), end.date()
        return start, end

    def _select(self, *columns):
        stmt = sa.select(*self.groups, *columns).select_from(self.entity)
        for target, onclause in self.joins:
            stmt = stmt.join(target, onclause)
        return stmt.where(*self.where)

    def figures(self, current: Period, previous: Period) -> Figures:
        (c_start, c_end), (p_start, _p_end) = self._bounds(current), self._bounds(previous)
        amount = sa.literal(1) if self.total is None else self.total

        def within(low, high):
            return sa.func.coalesce(sa.func.sum(sa.case(
                (sa.and_(self.when >= low, self.when < high), amount), else_=0)), 0)

        stmt = self._select(within(c_start, c_end), within(p_start, c_start)).where(
            self.when >= p_start, self.when < c_end)
        if self.groups:
            stmt = stmt.group_by(*self.groups)
        result = {}
        for row in db.session.execute(stmt):
            *key, now, before = row
            if now or before:
                result[tuple(key)] = [int(now), int(before)]
        return result


@dataclass(frozen=True)
class Durations:
    """Seconds between two moments (or one stored number of seconds) for rows that ended in
    the period, grouped, reduced to one figure per group (the median or the longest)."""

    entity: object
    when: object
    seconds: Callable[[tuple], float | None]
    columns: tuple
    groups: tuple = ()
    where: tuple = ()
    reduce: Callable[[list[float]], float] = statistics.median
    joins: tuple = field(default=())

    def figures(self, current: Period, previous: Period) -> Figures:
        (c_start, c_end), (p_start, _p_end) = current.bounds(), previous.bounds()
        stmt = sa.select(*self.groups, self.when, *self.columns).select_from(self.entity)
        stmt = stmt.where(*self.where, self.when >= p_start, self.when < c_end)
        samples: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
        width = len(self.groups)
        for row in db.session.execute(stmt):
            value = self.seconds(tuple(row[width + 1:]))
            if value is None:
                continue
            moment = row[width]
            samples[tuple(row[:width])][0 if moment >= c_start else 1].append(value)
        return {key: [self.reduce(now) if now else None, self.reduce(before) if before else None]
                for key, (now, before) in samples.items()}


def stored_seconds(values: tuple) -> float | None:
    return values[0]


def seconds_between(values: tuple) -> float | None:
    start, end = values
    if not (isinstance(start, datetime) and isinstance(end, datetime)):
        return None
    return max((end - start) / timedelta(seconds=1), 0.0)
