"""What every API answer shares: a per-client rate limit with X-RateLimit-* headers, CORS
open for reading, and errors as JSON (never the site's HTML pages)."""

from __future__ import annotations

from flask import current_app
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException

from diaspora_platform.api.blueprint import bp
from diaspora_platform.api.responses import add_cors, error_response
from diaspora_platform.extensions import limiter
from diaspora_platform.inputs import InvalidInput


def _limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


limiter.limit(_limit, key_func=get_remote_address)(bp)
bp.register_error_handler(HTTPException, error_response)
# The site's handlers for particular codes and for unreadable input would otherwise be
# found first (Flask looks a code up before the generic HTTPException).
for _code in (400, 404, 405, 413, 429, 500):
    bp.register_error_handler(_code, error_response)
bp.register_error_handler(InvalidInput, error_response)
bp.after_request(add_cors)
