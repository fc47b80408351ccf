"""`flask users ...`"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from diaspora_platform.admin import services
from diaspora_platform.errors import DomainError


@click.group("users", help="Manage user accounts.")
def users_cli():
    pass


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="Administrator", show_default=True, help="Display name.")
@click.password_option(help="Asked for when not given (typed twice, not echoed).")
@with_appcontext
def create_admin(email: str, name: str, password: str):
    """Create a confirmed administrator account for EMAIL."""
    try:
        user = services.create_admin(email, password, name)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Administrator {user.email} created (id {user.id}). "
               "Sign in and set up two-factor authentication to open the admin pages.")
