"""Flask commands of this domain."""

from __future__ import annotations

import click
from flask.cli import AppGroup

projects_cli = AppGroup("projects", help="Investment projects and offers of expertise.")


@projects_cli.command("expire-offers")
def expire_offers_command():
    """Expire offers left unanswered past PROJECT_OFFER_EXPIRY_DAYS and tell the experts
    (the worker runs this hourly; safe to run by hand, twice or on several machines)."""
    from diaspora_platform.projects.offers import expire_offers

    count = expire_offers()
    click.echo(f"{count} offer(s) expired.")

