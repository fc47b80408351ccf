"""Educational resources shared by the Council and verified organisations."""


def init_app(app) -> None:
    """Attach this domain's routes and registrations, then register its blueprint."""
    from diaspora_platform.wiring import load

    load(__name__, "views", "content")
    from diaspora_platform.community.resources.views import bp

    app.register_blueprint(bp)
