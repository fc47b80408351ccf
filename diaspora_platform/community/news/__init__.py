"""News and announcements from the Council and from organisations."""


def init_app(app) -> None:
    """Attach this domain's routes and registrations, then register its blueprint."""
    from diaspora_platform.wiring import load

    load(__name__, "views", "content")
    from diaspora_platform.community.news.views import bp

    app.register_blueprint(bp)
