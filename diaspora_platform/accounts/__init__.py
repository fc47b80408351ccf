"""accounts."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.accounts.blueprint import bp
    from diaspora_platform.accounts.cli import users_cli
    from diaspora_platform.wiring import load

    load(__name__, "views", "settings_views")
    app.register_blueprint(bp)
    app.cli.add_command(users_cli)
