"""The read-only open-data API (/api/v1/), its OpenAPI description and its human page."""


def init_app(app) -> None:
    """Attach the API's routes, describe them in OpenAPI and register the blueprints."""
    from diaspora_platform.api import spec
    from diaspora_platform.api.blueprint import bp, pages
    from diaspora_platform.wiring import load

    load(__name__, "routes", "meta_views", "pages_views", "guards")
    spec.init_app(app, bp)
    app.register_blueprint(pages)
    # errors raised before an API view runs (an id out of range) answer as the API's do
    from werkzeug.exceptions import BadRequest, default_exceptions

    from diaspora_platform.api.responses import error_response

    app.extensions.setdefault("error_renderers", {})["/api/v1/"] = (
        lambda code: error_response(default_exceptions.get(code, BadRequest)()))
