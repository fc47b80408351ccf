"""The Action Plan monitoring report for Council staff (/admin/monitoring/): a period
chooser, the page with its charts, and the same figures as CSV and XLSX."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from diaspora_platform.database import utcnow
from diaspora_platform.i18n import current_language
from diaspora_platform.monitoring import display, exports, plan, report
from diaspora_platform.monitoring.charts import paired_chart
from diaspora_platform.monitoring.indicators import COUNT, HOURS
from diaspora_platform.monitoring.period import PeriodError, parse, recent_halves
from diaspora_platform.permissions import staff_required

bp = Blueprint("monitoring", __name__, url_prefix="/admin/monitoring")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _chart(item: report.IndicatorReport):
    if item.unit not in (COUNT, HOURS) or item.indicator.breakdown is None:
        return None
    figures = display.Figures(current_language())
    return paired_chart(item, lambda value: figures.figure(value, item.unit))


def _page(period=None, error: PeriodError | None = None):
    built = report.build(period) if period else None
    charts = ({item.key: _chart(item) for _m, item in built.indicators()} if built else {})
    return render_template(
        "monitoring/report.html", report=built, charts=charts, error=error,
        halves=recent_halves(utcnow().date()), args=request.args,
        show=display.Figures(current_language()),
        exported=exports.exported, lang=current_language(),
        source=plan.source(current_language())), 400 if error else 200


@bp.route("/")
@staff_required
def report_page():
    try:
        period = parse(request.args, utcnow().date())
    except PeriodError as error:
        return _page(error=error)
    return _page(period)


def _download(kind: str):
    try:
        period = parse(request.args, utcnow().date())
    except PeriodError as error:
        return _page(error=error)
    built = report.build(period)
    name = f"monitoring-{period.start.isoformat()}-{period.end.isoformat()}.{kind}"
    body, mimetype = ((exports.to_csv(built), "text/csv") if kind == "csv"
                      else (exports.to_xlsx(built), XLSX))
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/report.csv")
@staff_required
def report_csv():
    return _download("csv")


@bp.route("/report.xlsx")
@staff_required
def report_xlsx():
    return _download("xlsx")
