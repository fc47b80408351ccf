"""The blueprint this domain's route modules attach to (see `init_app`)."""

from flask import Blueprint

bp = Blueprint("nominations", __name__, url_prefix="/nominations")
