"""Administration: granting and revoking staff roles, suspending accounts, the audit log."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.admin.authz import ACTIONS
    from diaspora_platform.admin.views import bp
    from diaspora_platform.authz import register_actions
    from diaspora_platform.wiring import load

    load(__name__, "views")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
