"""The blueprint this domain's route modules attach to (see `init_app`)."""

from flask import Blueprint

bp = Blueprint("fund", __name__, url_prefix="/fund")
