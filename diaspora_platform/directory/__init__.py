"""Places abroad (cultural centres, schools, courses, libraries) listed by organisations.

Places declare themselves to moderation and search in content.py; nothing here moderates
or indexes by itself.
"""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.directory.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "content")
    app.register_blueprint(bp)
