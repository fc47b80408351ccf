"""Flask commands of this domain."""

from __future__ import annotations

import click
from flask.cli import AppGroup

digest_cli = AppGroup("digest", help="The weekly digest.")


@digest_cli.command("send")
def send_command() -> None:
    """Send this week's digest to members who asked for it (safe to run again)."""
    from diaspora_platform.community.follows.digest import send_due

    mailed, quiet = send_due()
    click.echo(f"Digests sent: {mailed}; members with nothing new: {quiet}.")
