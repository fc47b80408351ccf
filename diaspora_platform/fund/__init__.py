"""The National Diaspora Development Fund: campaigns, pledges, matching, disbursements
and the public ledger."""


def init_app(app) -> None:
    """Attach this domain's routes and registrations, then register its blueprint."""
    from diaspora_platform.wiring import load

    load(__name__, "views", "staff_views", "content", "personal", "notices")
    from diaspora_platform.fund.blueprint import bp

    app.register_blueprint(bp)
