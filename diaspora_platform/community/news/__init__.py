"""News and announcements from the Council and from organisations."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.community.news.authz import ACTIONS
    from diaspora_platform.community.news.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "content")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
