"""Administration: granting and revoking staff roles, suspending accounts, the audit log,
and the public record of staff decisions."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.admin.authz import ACTIONS
    from diaspora_platform.admin.decisions_views import bp as decisions_bp
    from diaspora_platform.admin.views import bp
    from diaspora_platform.authz import register_actions
    from diaspora_platform.wiring import load

    load(__name__, "views", "decisions_views", "outbox_views")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    app.register_blueprint(decisions_bp)
