"""The API's blueprint (documented by flask-smorest) and the one for its human page."""

from __future__ import annotations

from flask import Blueprint
from flask_smorest import Blueprint as ApiBlueprint

bp = ApiBlueprint("api", __name__, url_prefix="/api/v1",
                  description="Read-only open data of the platform")
pages = Blueprint("api_pages", __name__)
