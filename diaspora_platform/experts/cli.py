"""Flask commands of this domain."""

from __future__ import annotations

import click
from flask.cli import AppGroup

experts_cli = AppGroup("experts", help="The expert roster and its weekly email.")


@experts_cli.command("weekly-matches")
def weekly_matches_command():
    """Email each expert who asked for it the projects published this week that match
    them, in their language (the worker runs this on Mondays; running it again sends
    nothing twice)."""
    from diaspora_platform.experts.digest import send_weekly_matches

    result = send_weekly_matches()
    click.echo(f"{result.sent} email(s) sent; {result.considered} expert(s) were due.")
