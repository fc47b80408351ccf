"""Flask commands of this domain."""

from __future__ import annotations

from contextlib import nullcontext

import click
from flask import current_app
from flask.cli import AppGroup

events_cli = AppGroup("events", help="Events: reminders.")


def _site_context():
    """Mail sent from a command links to the site only with SERVER_NAME set: run inside a
    request for that address so the links in the mail are complete."""
    server = current_app.config.get("SERVER_NAME")
    if not server:
        return nullcontext()
    scheme = current_app.config.get("PREFERRED_URL_SCHEME", "https")
    return current_app.test_request_context("/", base_url=f"{scheme}://{server}")


@events_cli.command("remind")
def remind() -> None:
    """Remind attendees of events starting within EVENT_REMINDER_HOURS (each only once;
    the worker runs this every 5 minutes; safe to run by hand too)."""
    from diaspora_platform.community.events.services import send_reminders

    with _site_context():
        sent = send_reminders()
    click.echo(f"{sent} reminder(s) sent.")
