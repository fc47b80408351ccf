"""The site itself: home page, the platform's own pages (about, privacy, terms,
accessibility), language switching and the demo content."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.main.authz import ACTIONS
    from diaspora_platform.main.demo import seed_demo
    from diaspora_platform.main.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    app.cli.add_command(seed_demo)
