"""The official network abroad and at home (embassies, consulates, the Ministry's
representations, Migration Service centres, hotlines), the help organisations declare for
migrants, and the finder that joins the two for a migrant in trouble."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.official.accounts import has_office_role
    from diaspora_platform.official.authz import ACTIONS
    from diaspora_platform.official.views import bp
    from diaspora_platform.permissions import idle_timeout_for
    from diaspora_platform.wiring import load

    load(__name__, "views", "account_views", "content")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    # An office's staff follow the Council staff's idle rule.
    app.before_request(idle_timeout_for(
        lambda user: not user.has_staff_role and has_office_role(user)))
