"""Geometry of the server-rendered SVG charts (the templates draw it; no JavaScript)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

MONTHS_SHOWN = 24
MONTHS_SHOWN_NARROW = 12  # on phones, where 24 bars would need unreadably small labels


def month_range(end: date, months: int) -> list[date]:
    """The first days of the `months` months up to and including end's month."""
    index = end.year * 12 + end.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


def all_months(counts: dict[date, int], end: date) -> list[date]:
    """Every month from the first registration up to `end` (none: an empty list)."""
    if not counts:
        return []
    first = min(counts)
    span = (end.year - first.year) * 12 + end.month - first.month + 1
    return month_range(end, max(span, 1))


def nice_ticks(top: int, count: int = 4) -> list[int]:
    """0 and a few round values covering `top` (e.g. 0, 50, 100, 150, 200)."""
    if top <= 0:
        return [0]
    raw = top / count
    exponent = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(s * exponent for s in (1, 2, 5, 10) if s * exponent >= raw)
    step = max(int(step), 1)
    return list(range(0, step * math.ceil(top / step) + 1, step))


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    month: date
    label: str  # full month name and year, for the tooltip and the table
    tick: str | None  # short label under the axis (some months only)
    year: str | None  # shown under January and the first bar


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    right: int
    baseline: float
    bars: list[Bar]
    ticks: list[tuple[float, int]]  # (y, value) of the horizontal grid lines

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def month_chart(counts: dict[date, int], months: list[date], labels: dict[date, tuple],
                width: int = 760, height: int = 260) -> BarChart:
    """Bars for `months`; labels maps a month to (full label, short label, year)."""
    left, right, top, bottom = 48, width - 8, 14, height - 44
    ticks = nice_ticks(max((counts.get(m, 0) for m in months), default=0))
    scale = (bottom - top) / (ticks[-1] or 1)
    band = (right - left) / max(len(months), 1)
    every = 1 if len(months) <= 6 else 2 if len(months) <= 12 else 3  # months with a label
    bars = []
    for i, month in enumerate(months):
        value = counts.get(month, 0)
        full, short, year = labels[month]
        bars.append(Bar(x=round(left + i * band + band * 0.15, 1),
                        y=round(bottom - value * scale, 1), width=round(band * 0.7, 1),
                        height=round(value * scale, 1), value=value,
                        month=month, label=full,
                        tick=short if (month.month - 1) % every == 0 else None,
                        year=year if month.month == 1 or (i == 0 and month.month < 11)
                        else None))  # the first bar's year only if January is not close
    return BarChart(width, height, left, right, bottom, bars,
                    [(round(bottom - t * scale, 1), t) for t in ticks])


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    value: int
    y: float
    bar: float


@dataclass(frozen=True)
class RowChart:
    width: int
    height: int
    left: int
    rows: list[Row]

    @property
    def empty(self) -> bool:
        return not any(row.value for row in self.rows)


def row_chart(items: list[tuple[str, str, int]], width: int = 420) -> RowChart:
    """Horizontal bars, one per (key, title, value), the title above each bar."""
    step, label_room, left = 48, 56, 4
    top = max((value for _, _, value in items), default=0) or 1
    rows = [Row(key, title, value, y=i * step, bar=round((width - left - label_room)
                                                         * value / top, 1))
            for i, (key, title, value) in enumerate(items)]
    return RowChart(width, step * len(items) + 4, left, rows)
