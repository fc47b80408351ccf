"""Diaspora organisations: registration, profiles in three languages, membership and
roles, verification by the Coordination Council."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.organisations.authz import ACTIONS
    from diaspora_platform.organisations.blueprint import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "member_views", "content")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
