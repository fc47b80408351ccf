"""Help to open a cultural centre, school, course or library abroad (Action Plan, item 5)."""

URL_PREFIX = "/help-to-open"


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.assistance.authz import ACTIONS
    from diaspora_platform.assistance.blueprint import bp
    from diaspora_platform.authz import register_actions
    from diaspora_platform.wiring import load

    load(__name__, "views", "staff_views", "notices", "personal")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
