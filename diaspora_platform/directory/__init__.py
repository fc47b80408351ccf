"""Places abroad (cultural centres, schools, courses, libraries) listed by organisations.

Places declare themselves to moderation and search in content.py; nothing here moderates
or indexes by itself.
"""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.directory.authz import ACTIONS
    from diaspora_platform.directory.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "content")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
