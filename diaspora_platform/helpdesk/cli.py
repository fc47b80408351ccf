"""`flask helpdesk`: purge old requests, make and rotate encryption keys."""

from __future__ import annotations

import click
from cryptography.fernet import Fernet
from flask.cli import AppGroup

from diaspora_platform.helpdesk import retention

helpdesk_cli = AppGroup("helpdesk", help="Confidential help requests.")


@helpdesk_cli.command("purge")
def purge() -> None:
    """Delete requests closed longer ago than HELPDESK_RETENTION_MONTHS."""
    count = retention.purge_closed()
    click.echo(f"Deleted {count} closed help requests; their anonymous counts remain.")


@helpdesk_cli.command("new-key")
def new_key() -> None:
    """Print a new encryption key to put first in HELPDESK_KEYS."""
    click.echo(Fernet.generate_key().decode())


@helpdesk_cli.command("rotate-keys")
def rotate_keys() -> None:
    """Re-encrypt every request with the first key in HELPDESK_KEYS."""
    count = retention.rotate_keys()
    click.echo(f"Re-encrypted {count} values with the newest key; the older keys can now "
               "be removed from HELPDESK_KEYS.")
