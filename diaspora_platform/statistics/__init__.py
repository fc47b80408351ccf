"""The diaspora map and statistics: counts of what is public, per country and over time.

Read-only: it owns no tables. It counts approved organisations (organisations), public
centres, schools, courses and libraries (directory) and members who made their country
public (accounts), suppresses small member counts, caches what it computed (see cache)
and draws the results as server-rendered SVG from Natural Earth outlines (world.json).
"""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.statistics.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views")
    app.register_blueprint(bp)
