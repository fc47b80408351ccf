"""The National Diaspora Development Fund: campaigns, pledges, matching, disbursements
and the public ledger."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.fund.blueprint import bp
    from diaspora_platform.fund.cli import fund_cli
    from diaspora_platform.wiring import load

    load(__name__, "views", "staff_views", "content", "personal", "notices")
    app.register_blueprint(bp)
    app.cli.add_command(fund_cli)
