"""`flask audit ...`"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from diaspora_platform import audit, hashchain


@click.group("audit", help="The hash-chained audit log.")
def audit_cli():
    pass


@audit_cli.command("verify")
@with_appcontext
def verify():
    """Recompute every row's hash; exit 1 at the first row that was changed or removed."""
    hashchain.report_or_exit("Audit log", audit.verify_chain())
