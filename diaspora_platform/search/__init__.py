"""Site search: text analysis, indexing, backends and the search page."""


def init_app(app) -> None:
    """Attach this domain's routes and registrations, then register its blueprint."""
    from diaspora_platform.wiring import load

    load(__name__, "views")
    from diaspora_platform.search.views import bp

    app.register_blueprint(bp)
