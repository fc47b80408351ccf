"""`flask audit ...`"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from diaspora_platform import audit


@click.group("audit", help="The hash-chained audit log.")
def audit_cli():
    pass


@audit_cli.command("verify")
@with_appcontext
def verify():
    """Recompute every row's hash; exit 1 at the first row that was changed or removed."""
    report = audit.verify_chain()
    if report.ok:
        click.echo(f"Audit log intact: {report.checked} entries verified.")
        return
    click.echo(f"Audit log TAMPERED at entry {report.broken_at}: {report.reason} "
               f"({report.checked} entries before it are intact).", err=True)
    raise SystemExit(1)
