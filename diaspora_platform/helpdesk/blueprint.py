"""The help requests' blueprint, shared by the person's and the helpers' pages."""

from flask import Blueprint

bp = Blueprint("helpdesk", __name__)


@bp.after_request
def _private(response):
    """No copy of these pages in any cache, no link to them in another site's logs."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
