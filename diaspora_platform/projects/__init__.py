"""Investment projects in Tajikistan and the offers of help diaspora experts make to them."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform import jobs
    from diaspora_platform.authz import register_actions
    from diaspora_platform.projects.authz import ACTIONS
    from diaspora_platform.projects.blueprint import bp
    from diaspora_platform.projects.cli import projects_cli
    from diaspora_platform.projects.offers import expire_offers
    from diaspora_platform.wiring import load

    load(__name__, "views", "document_views", "offer_views", "content", "personal", "notices")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    app.cli.add_command(projects_cli)
    jobs.register("projects.expire_offers", jobs.Every(hours=1), expire_offers)
