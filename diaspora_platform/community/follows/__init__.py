"""Follows of organisations and countries, and the weekly digest."""


def init_app(app) -> None:
    """Attach this domain's routes and registrations, then register its blueprint."""
    from diaspora_platform.wiring import load

    load(__name__, "views", "personal")
    from diaspora_platform.community.follows.views import bp

    app.register_blueprint(bp)
