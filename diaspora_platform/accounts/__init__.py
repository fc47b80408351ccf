"""Accounts: registration, confirmation, sign-in with a second factor for staff, password
reset, profiles with per-field visibility, and export or erasure of personal data."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.accounts.authz import ACTIONS
    from diaspora_platform.accounts.blueprint import bp
    from diaspora_platform.accounts.cli import users_cli
    from diaspora_platform.authz import register_actions
    from diaspora_platform.wiring import load

    load(__name__, "views", "settings_views")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    app.cli.add_command(users_cli)
    _template_helpers(app)


def _template_helpers(app) -> None:
    from diaspora_platform.accounts.vocabulary import DiasporaStatus, Region

    app.jinja_env.globals.update(status_title=lambda value: DiasporaStatus(value).title,
                                 region_title=lambda value: Region(value).title)
