"""The monitoring report as a table: one row per figure, downloaded as CSV or XLSX with
the same columns and the same numbers as the page."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from diaspora_platform.fund.money import to_major
from diaspora_platform.i18n import _
from diaspora_platform.monitoring.indicators import DURATION, MONEY
from diaspora_platform.monitoring.report import Report, Row, Value, change
from diaspora_platform.opendata import csv_safe

FIELDS = ("measure", "indicator", "indicator_title", "group", "currency", "unit",
          "value", "previous_value", "change")
UNITS = {"duration": "hours"}  # durations are given in hours in the table


def _header() -> tuple[str, ...]:
    return (_("Measure of the Action Plan"), _("Indicator code"), _("Indicator"),
            _("Group"), _("Currency"), _("Unit"), _("In the period"),
            _("In the previous period"), _("Difference"))


def exported(value: Value, unit: str, currency: str) -> Value | Decimal:
    """A figure in the table's units: money in major units, durations in hours."""
    if value is None or isinstance(value, str):
        return value
    if unit == MONEY:
        return to_major(value, currency)
    if unit == DURATION:
        return round(value / 3600, 1)
    return value


def _row(number: int, item, row: Row) -> tuple:
    unit, currency = item.unit, row.currency
    now, before = (exported(v, unit, currency) for v in (row.now, row.before))
    return (number, item.key, str(item.indicator.title), row.label or _("All"), currency,
            UNITS.get(unit, unit), now, before, change(now, before))


def rows(report: Report) -> list[tuple]:
    """Every figure of the report, totals after their groups."""
    table = []
    for measure, item in report.indicators():
        for row in item.rows:
            table.append(_row(measure.number, item, row))
        if item.total is not None:
            table.append(_row(measure.number, item, Row((), _("Total"), item.total.now,
                                                        item.total.before)))
    return table


def _period_line(report: Report) -> list[str]:
    return [_("Period"), f"{report.period.start.isoformat()} – {report.period.end.isoformat()}",
            _("Previous period"),
            f"{report.previous.start.isoformat()} – {report.previous.end.isoformat()}"]


def to_csv(report: Report) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # byte order mark: spreadsheet programs then read UTF-8
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for line in rows(report):
        writer.writerow([csv_safe(value) if value is not None else "" for value in line])
    return out.getvalue()


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook  # local: openpyxl (and numpy) cost a worker's start
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "report"
    sheet.append(_period_line(report))
    sheet.append(list(_header()))
    sheet.append(list(FIELDS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for line in rows(report):
        sheet.append([csv_safe(value) for value in line])  # text is never a formula
    for column, width in zip("ABCDEFGHI", (10, 24, 48, 40, 10, 10, 16, 16, 14), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
