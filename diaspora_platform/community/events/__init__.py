"""Community events: conferences, workshops, creative evenings, youth and children's events
and national celebrations, with registration, a waitlist, reminders and calendars.

Events declare themselves to moderation and search in content.py (no event-specific code
there); the seat count is kept on the event row and changed only by conditional updates, so
two members racing for the last seat cannot both get it (services.py).
"""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform import jobs
    from diaspora_platform.authz import register_actions
    from diaspora_platform.community.events.authz import ACTIONS
    from diaspora_platform.community.events.blueprint import bp
    from diaspora_platform.community.events.cli import events_cli
    from diaspora_platform.community.events.services import send_reminders
    from diaspora_platform.wiring import load

    load(__name__, "views", "manage_views", "content")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    app.cli.add_command(events_cli)
    jobs.register("events.remind", jobs.Every(minutes=5), send_reminders)
