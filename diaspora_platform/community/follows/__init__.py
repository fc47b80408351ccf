"""Follows of organisations and countries, and the weekly digest."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform import jobs
    from diaspora_platform.authz import register_actions
    from diaspora_platform.community.follows.authz import ACTIONS
    from diaspora_platform.community.follows.cli import digest_cli
    from diaspora_platform.community.follows.digest import send_due
    from diaspora_platform.community.follows.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "personal")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    app.cli.add_command(digest_cli)
    jobs.register("follows.digest", jobs.Every(hours=1), send_due)
