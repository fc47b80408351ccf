"""The roster of diaspora experts: profiles, who may see them, the expert's dashboard and
the weekly email of matching projects. Matching (projects.match_queries and
projects.matching) is the one bridge to the projects they offer to."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform import jobs
    from diaspora_platform.authz import register_actions
    from diaspora_platform.experts.authz import ACTIONS
    from diaspora_platform.experts.blueprint import bp
    from diaspora_platform.experts.cli import experts_cli
    from diaspora_platform.experts.digest import send_weekly_matches
    from diaspora_platform.wiring import load

    load(__name__, "views", "content", "personal", "notices")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    app.cli.add_command(experts_cli)
    jobs.register("experts.weekly_matches", jobs.At(hour=6, weekday="mon"), send_weekly_matches)
