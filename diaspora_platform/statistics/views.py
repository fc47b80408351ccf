"""The diaspora map (/map), the statistics page (/statistics) and its CSV export."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, render_template, request

from diaspora_platform.database import utcnow
from diaspora_platform.i18n import current_language
from diaspora_platform.statistics import cache, services
from diaspora_platform.statistics.measures import MEASURE_TITLES, parse_measure

bp = Blueprint("statistics", __name__)
bp.record_once(lambda state: cache.init_app(state.app))
CSV_TABLES = {"countries": services.CSV_COUNTRY_FIELDS,
              "registrations": services.CSV_MONTH_FIELDS}


@bp.route("/map")
def world_map():
    measure = parse_measure(request.args.get("measure"))
    if measure is None:
        abort(400)
    return render_template("statistics/map.html", measure=measure, measures=MEASURE_TITLES,
                           fragment=services.map_fragment(measure, current_language()))


@bp.route("/statistics")
def overview():
    return render_template("statistics/statistics.html",
                           fragment=services.statistics_fragment(current_language()),
                           languages=services.language_coverage())


def _csv_safe(value):
    """Stop spreadsheet programs from running text as a formula (as organisations' CSV)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@bp.route("/statistics.csv")
def export_csv():
    table = request.args.get("table", "countries")
    if table not in CSV_TABLES:
        abort(400)
    rows = (services.country_rows(current_language()) if table == "countries"
            else services.month_rows())
    out = io.StringIO()
    out.write("\ufeff")  # byte order mark: spreadsheet programs then read UTF-8 names
    writer = csv.DictWriter(out, fieldnames=CSV_TABLES[table], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_safe(value) for key, value in row.items()})
    filename = f"statistics-{table}-{utcnow():%Y-%m-%d}.csv"
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename={filename}"})

