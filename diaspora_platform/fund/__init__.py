"""The National Diaspora Development Fund: campaigns, pledges, matching, disbursements
and the public ledger."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.fund.authz import ACTIONS
    from diaspora_platform.fund.blueprint import bp
    from diaspora_platform.fund.cli import fund_cli
    from diaspora_platform.wiring import load

    load(__name__, "views", "staff_views", "content", "personal", "notices")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    app.cli.add_command(fund_cli)
