"""The State Concept's six competitions: yearly editions, entries, juries, fair scoring and
published results.

Entries are checked for eligibility through the moderation registry and become searchable
through the search registry once an edition's results are published (content.py).
"""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.competitions.authz import ACTIONS
    from diaspora_platform.competitions.blueprint import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "judge_views", "staff_views", "content")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
