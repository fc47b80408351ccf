"""Paired bars for the monitoring report (the period and the one before, per group),
drawn by the template as SVG: no JavaScript, no inline style (CSP)."""

from __future__ import annotations

from dataclasses import dataclass

from diaspora_platform.monitoring.report import IndicatorReport

MOST_ROWS = 8  # the largest groups; the table below the chart lists all of them
WIDTH, LABEL_ROOM, STEP, TOP = 640, 64, 46, 4


@dataclass(frozen=True)
class PairedRow:
    label: str
    y: int
    now: float  # bar lengths
    before: float
    now_text: str
    before_text: str


@dataclass(frozen=True)
class PairedChart:
    width: int
    height: int
    rows: list[PairedRow]


def _number(value) -> float:
    return value if isinstance(value, int | float) else 0


def paired_chart(item: IndicatorReport, text) -> PairedChart | None:
    """The chart of an indicator counted in whole numbers, or None when there is nothing
    to draw; `text` formats a figure as the page shows it."""
    rows = [row for row in item.rows if _number(row.now) or _number(row.before)][:MOST_ROWS]
    if not rows:
        return None
    top = max(max(_number(row.now), _number(row.before)) for row in rows) or 1
    room = WIDTH - LABEL_ROOM
    drawn = [PairedRow(row.label, TOP + i * STEP, round(room * _number(row.now) / top, 1),
                       round(room * _number(row.before) / top, 1),
                       text(row.now), text(row.before))
             for i, row in enumerate(rows)]
    return PairedChart(WIDTH, TOP + STEP * len(drawn) + 4, drawn)
