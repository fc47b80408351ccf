"""Educational resources shared by the Council and verified organisations."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.community.resources.authz import ACTIONS
    from diaspora_platform.community.resources.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "content")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
