"""organisations."""


def init_app(app) -> None:
    """Attach this domain's routes and registrations, then register its blueprint."""
    from diaspora_platform.wiring import load

    load(__name__, "views", "member_views", "content")
    from diaspora_platform.organisations.blueprint import bp

    app.register_blueprint(bp)
