"""The API's page for people (/api/) and its OpenAPI document."""

from __future__ import annotations

from flask import jsonify, render_template
from werkzeug.exceptions import NotFound

from diaspora_platform.api import spec
from diaspora_platform.api.blueprint import pages
from diaspora_platform.api.datasets import DATASETS
from diaspora_platform.api.responses import add_cors, error_response
from diaspora_platform.api.routes import endpoint
from diaspora_platform.links import external_url


@pages.route("/api/")
def index():
    datasets = [(dataset, endpoint(dataset)) for dataset in DATASETS.values()]
    return render_template("api/index.html", datasets=datasets,
                           base=external_url("api.organisations_list"),
                           events=external_url("api.events_list"),
                           news=external_url("api.news_list", lang="all"))


@pages.route("/api/v1/openapi.json")
def openapi():
    return add_cors(jsonify(spec.document()))


@pages.route("/api/v1/<path:rest>")
def unknown(rest: str):
    """An address under the API that names nothing: a JSON 404, as the API's other errors."""
    return error_response(NotFound())
