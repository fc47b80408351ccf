"""Guides for working legally abroad (one per country) and for returning home, written by
Council staff in three languages with a source and a "last checked" day per section,
linked from the finder and from help requests; the returnee's page."""


def init_app(app) -> None:
    """Attach this domain's routes and registrations; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.guides.authz import ACTIONS
    from diaspora_platform.guides.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "staff_views", "content")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
