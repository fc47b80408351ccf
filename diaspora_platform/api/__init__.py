"""The read-only open-data API (/api/v1/), its OpenAPI description and its human page."""


def init_app(app) -> None:
    """Attach the API's routes, describe them in OpenAPI and register the blueprints."""
    from diaspora_platform.api import spec
    from diaspora_platform.api.blueprint import bp, pages
    from diaspora_platform.wiring import load

    load(__name__, "routes", "meta_views", "pages_views", "guards")
    spec.init_app(app, bp)
    app.register_blueprint(pages)
