"""accounts."""


def init_app(app) -> None:
    """Attach this domain's routes and registrations, then register its blueprint."""
    from diaspora_platform.wiring import load

    load(__name__, "views", "settings_views")
    from diaspora_platform.accounts.blueprint import bp

    app.register_blueprint(bp)
