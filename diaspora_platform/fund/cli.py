"""Flask commands of this domain."""

from __future__ import annotations

import click
from flask.cli import AppGroup

fund_cli = AppGroup("fund", help="The National Diaspora Development Fund.")


@fund_cli.command("verify")
def verify():
    """Recompute the fund ledger's hash chain and running balances; exit 1 at the first
    entry that was changed or removed."""
    from diaspora_platform.fund import ledger

    report = ledger.verify_chain()
    if report.ok:
        click.echo(f"Fund ledger intact: {report.checked} entries verified.")
        return
    click.echo(f"Fund ledger TAMPERED at entry {report.broken_at}: {report.reason} "
               f"({report.checked} entries before it are intact).", err=True)
    raise SystemExit(1)
