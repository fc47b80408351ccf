"""Open-data responses (CSV and JSON) shared by every public listing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from flask import Response

LICENCE = "CC BY 4.0"


def csv_safe(value):
    """Stop spreadsheet programs from running user text as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_response(rows: Iterable[dict], fields: tuple[str, ...], filename: str) -> Response:
    """Rows as a CSV download; list values are joined with spaces."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_safe(" ".join(map(str, value))
                                       if isinstance(value, list | tuple) else value)
                         for key, value in row.items()})
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename={filename}"})


def json_response(key: str, rows: Iterable[dict]) -> Response:
    body = json.dumps({"licence": LICENCE, key: list(rows)}, ensure_ascii=False, default=str)
    return Response(body, mimetype="application/json")
