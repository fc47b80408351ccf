"""Open-data responses (CSV and JSON) shared by every public listing: streamed as rows are
read (the first byte leaves before the last row is loaded), gzip-compressed for clients
that accept it, and answered with 304 when the client holds the current version."""

from __future__ import annotations

import csv
import io
import json
import zlib
from collections.abc import Iterable, Iterator

from flask import Response, request, stream_with_context

from diaspora_platform.extensions import db

LICENCE = "CC BY 4.0"
CHUNK = 64 * 1024  # characters gathered before a piece of the body is sent
FIRST_CHUNK = 4 * 1024  # the first piece leaves sooner: the reader sees data at once


def csv_safe(value):
    """Stop spreadsheet programs from running user text as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_chunks(rows: Iterable[dict], fields: tuple[str, ...]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    limit = FIRST_CHUNK
    for row in rows:
        writer.writerow({key: csv_safe(" ".join(map(str, value))
                                       if isinstance(value, list | tuple) else value)
                         for key, value in row.items()})
        if out.tell() >= limit:
            limit = CHUNK
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _json_chunks(key: str, rows: Iterable[dict]) -> Iterator[str]:
    """The same text as json.dumps({"licence": ..., key: list(rows)}), a piece at a time."""
    parts = [f'{{"licence": {json.dumps(LICENCE)}, {json.dumps(key)}: [']
    size, first, limit = 0, True, FIRST_CHUNK
    for row in rows:
        text = json.dumps(row, ensure_ascii=False, default=str)
        parts.append(text if first else ", " + text)
        first, size = False, size + len(text)
        if size >= limit:
            yield "".join(parts)
            parts, size, limit = [], 0, CHUNK
    parts.append("]}")
    yield "".join(parts)


def _gzipped(chunks: Iterable[str]) -> Iterator[bytes]:
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip member
    for chunk in chunks:
        data = packer.compress(chunk.encode())
        if data:
            yield data
    yield packer.flush()


def _respond(chunks: Iterator[str], mimetype: str, version: str | None,
             headers: dict | None = None) -> Response:
    headers = dict(headers or {})
    headers["Vary"] = "Accept-Encoding"
    etag = None
    if version is not None:
        gzip = "gzip" in request.accept_encodings
        etag = f"{version}-{'gz' if gzip else 'id'}"
        if request.if_none_match.contains(etag):
            response = Response(status=304, headers=headers)
            response.set_etag(etag)
            return response
    # The version above may come from change stamps, without a query: reach the database
    # before the response starts, so one that is away answers 503, not a broken download.
    db.session.connection()
    if "gzip" in request.accept_encodings:
        headers["Content-Encoding"] = "gzip"
        body = _gzipped(chunks)
    else:
        body = (chunk.encode() for chunk in chunks)
    response = Response(stream_with_context(body), mimetype=mimetype, headers=headers)
    if etag:
        response.set_etag(etag)
        response.cache_control.no_cache = True  # keep it, but ask each time (cheap: 304)
    return response


def csv_response(rows: Iterable[dict], fields: tuple[str, ...], filename: str,
                 version: str | None = None) -> Response:
    """Rows as a CSV download; list values are joined with spaces. `version` names the
    data's current state (it becomes the ETag)."""
    return _respond(_csv_chunks(rows, fields), "text/csv", version,
                    {"Content-Disposition": f"attachment; filename={filename}"})


def json_response(key: str, rows: Iterable[dict], version: str | None = None) -> Response:
    return _respond(_json_chunks(key, rows), "application/json", version)
