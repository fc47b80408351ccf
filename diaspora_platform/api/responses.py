"""How every API answer leaves: JSON with a strong ETag and Last-Modified, 304 for a
client that holds the current version, CORS open for reading, errors as JSON."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

from flask import Response, request
from werkzeug.exceptions import BadRequest, HTTPException
from werkzeug.http import parse_date

from diaspora_platform.i18n import _

# RFC 9110 entity tags: "*" or a list of (optionally weak) quoted tags.
_TAG = r'(?:W/)?"[\x21\x23-\x7e\x80-\xff]*"'
_IF_NONE_MATCH = re.compile(rf"^\s*(?:\*|{_TAG}(?:\s*,\s*{_TAG})*)\s*$")
EXPOSED = ("ETag, Last-Modified, Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, "
           "X-RateLimit-Reset")


class BadParameter(BadRequest):
    """A 400 naming the argument or header that was refused."""

    def __init__(self, name: str, why: str):
        super().__init__()
        self.data = {"message": _("Invalid value for %(name)s.", name=name),
                     "errors": {name: [why]}}


def check_conditional_headers() -> None:
    """Refuse conditional headers that are not what RFC 9110 says they are."""
    tags = request.headers.get("If-None-Match")
    if tags is not None and not _IF_NONE_MATCH.match(tags):
        raise BadParameter("If-None-Match", _("Give entity tags in double quotes, as sent "
                                              "in the ETag header."))
    since = request.headers.get("If-Modified-Since")
    if since is not None and parse_date(since) is None:
        raise BadParameter("If-Modified-Since", _("Give an HTTP date."))


def _not_modified(etag: str, last_modified: datetime | None) -> bool:
    if request.if_none_match:
        return request.if_none_match.contains(etag) or request.if_none_match.star_tag
    since = request.if_modified_since
    return bool(since and last_modified and last_modified.replace(microsecond=0) <= since)


def json_response(payload: dict, last_modified: datetime | None = None) -> Response:
    """The payload as JSON, or 304 when the client's copy is current."""
    check_conditional_headers()
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    etag = hashlib.sha256(body.encode()).hexdigest()[:32]
    if last_modified is not None:
        last_modified = last_modified.astimezone(UTC)
    if _not_modified(etag, last_modified):
        response = Response(status=304)
    else:
        response = Response(body, mimetype="application/json")
    response.set_etag(etag)
    if last_modified is not None:
        response.last_modified = last_modified
    response.cache_control.public = True
    response.cache_control.no_cache = True  # keep it, but ask each time (cheap: 304)
    response.vary.add("Accept-Language")
    return response


def add_cors(response: Response) -> Response:
    """Anyone's page may read the API (it holds only public data, and no cookie counts)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = (
        "Accept, Accept-Language, If-None-Match, If-Modified-Since")
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    response.headers["Access-Control-Max-Age"] = "86400"
    return response


def error_response(error: HTTPException) -> Response:
    """Every refusal of the API as JSON: code, status, message and the refused arguments."""
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages") or {}
    errors = errors.get("query", errors) if isinstance(errors, dict) else {}
    message = data.get("message") or (
        _("Invalid value for %(name)s.", name=", ".join(sorted(errors))) if errors
        else error.description)
    payload = {"code": error.code, "status": error.name, "message": str(message)}
    if errors:
        payload["errors"] = errors
    response = Response(json.dumps(payload, ensure_ascii=False), status=error.code,
                        mimetype="application/json")
    for name, value in (data.get("headers") or {}).items():
        response.headers[name] = value
    return add_cors(response)
